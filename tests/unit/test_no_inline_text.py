"""No sentence meant for a person is written inline in a converted module: it comes from
the catalogs (`bot/i18n/locales`).

How it is checked: an AST scan of the modules in `CONVERTED`, a list that grows as each
area of the bot is converted. A string literal with two words or more in a row is taken
for a sentence, and so is any word given as a `label=`, `placeholder=`, `title=`,
`content=`, `text=` or `name=` (a button's "Cancel"); not where text is not for members:
docstrings, logging calls, assertions, addresses, SQL, programmers' errors (`raise
ValueError(...)`, `TypeError`), and slash-command definitions (`app_commands` decorators,
`app_commands.Group(...)` and a group cog's `group_name=` / `group_description=`: their
English is Discord's default and their French comes from the catalog through the
Translator). The web pages' templates are checked too: the text between tags, outside
`{{ … }}` and `{% … %}`, must hold no word.
A line ending in `# not for people` is skipped too (a value only logs and tests read), and
so is a table of patterns matched against what members write (assigned to a name ending
in `_KEYWORDS`, e.g. the touchpoints' keywords): matchers, never shown to anyone.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONVERTED = [
    "cogs/help.py",
    "bot/i18n/digest_failures.py",
    "bot/i18n/__init__.py",
    "bot/i18n/language.py",
    "bot/i18n/commands.py",
    "cogs/welcome.py",
    "cogs/stories/my_stories.py",
    "cogs/stories/my_data.py",
    "cogs/stories/member_views.py",
    "cogs/moderation/language.py",
    "cogs/stories/form.py",
    "cogs/moderation/checks.py",
    "cogs/moderation/web.py",
    "cogs/moderation/lifecycle.py",
    "cogs/brand_choices.py",
    "bot/domain/brand_refusals.py",
    "storage/repositories/brand_upkeep.py",
    "storage/repositories/brand_merges.py",
    "storage/repositories/_brand_rows.py",
    "cogs/brands.py",
    "bot/domain/brand_card.py",
    "bot/domain/periods.py",
    "bot/domain/ranking.py",
    "bot/domain/monthly_chart.py",
    "bot/i18n/figures.py",
    "bot/i18n/formats.py",
    "cogs/digest/cog.py",
    "cogs/digest/render.py",
    "cogs/digest/chart.py",
    "cogs/digest/period_render.py",
    "cogs/moderation/setup.py",
    "cogs/moderation/setup_checks.py",
    "cogs/moderation/setup_panel.py",
    "cogs/moderation/queue.py",
    "cogs/moderation/queue_items.py",
    "cogs/moderation/queue_card.py",
    "cogs/moderation/audit.py",
    "cogs/moderation/cog.py",
    "cogs/moderation/brand_upkeep.py",
    "bot/services/brand_upkeep.py",
    "bot/phrase.py",
    "bot/errors.py",
    "bot/i18n/catalog.py",
    "bot/i18n/refusals.py",
    "bot/interaction_errors.py",
    "bot/domain/submission.py",
    "bot/domain/posting_limits.py",
    "bot/domain/reports.py",
    "bot/services/stories.py",
    "cogs/deferring.py",
    "cogs/stories/cog.py",
    "cogs/stories/followups.py",
    "cogs/stories/render.py",
    "cogs/stories/reactions.py",
    "bot/domain/__init__.py",
    "bot/domain/brands.py",
    "bot/domain/curation.py",
    "bot/domain/followups.py",
    "bot/domain/guild_export.py",
    "bot/domain/guild_settings.py",
    "bot/domain/markdown.py",
    "bot/domain/moderators.py",
    "bot/domain/schedule.py",
    "bot/domain/scoring.py",
    "bot/domain/start_throttle.py",
    "bot/domain/stories.py",
    "bot/domain/text.py",
    "bot/domain/touchpoints.py",
    "bot/domain/web_access.py",
    "bot/domain/weeks.py",
]
# Modules whose words only operators read (environment settings, the command line, logs),
# left English on purpose (README, "Left English on purpose"), each with its reason.
OPERATOR_FACING = {
    "bot/domain/shards.py": "SHARD_COUNT / SHARD_IDS problems, shown at start-up to whoever "
    "runs the bot (bot/settings.py), never to a member",
}
# Jinja2 templates of the web pages: every word comes through `t(...)`.
TEMPLATES = sorted((ROOT / "bot" / "web" / "templates").glob("*.html"))
SENTENCE = re.compile(r"[^\W\d_]{2,}[,.:;!?'’]*\s+[^\W\d_]{2,}")
WORD = re.compile(r"[^\W\d_]{2,}")
SHOWN_AS = {"label", "placeholder", "title", "content", "text", "name"}
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|ORDER BY|LIMIT|AND|IS NULL)\b")
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}
GROUP_KEYWORDS = {"group_name", "group_description"}
COMMAND_DECORATORS = {"command", "describe", "rename", "choices", "Group"}
PROGRAMMER_ERRORS = {"ValueError", "TypeError", "RuntimeError"}
MATCHER_TABLE_SUFFIX = "_KEYWORDS"


def _is_matcher_table(node: ast.AST) -> bool:
    """`_KEYWORDS = {…}`: patterns matched against member text, not words shown."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    else:
        return False
    return any(isinstance(t, ast.Name) and t.id.endswith(MATCHER_TABLE_SUFFIX) for t in targets)


def _is_command_definition(node: ast.AST) -> bool:
    called = node.func if isinstance(node, ast.Call) else node
    if isinstance(called, ast.Attribute):
        root = called.value
        named_root = isinstance(root, ast.Name) and root.id == "app_commands"
        return named_root or called.attr in COMMAND_DECORATORS
    return False


def _exempt_nodes(tree: ast.Module) -> set[int]:
    """ids of every node under a docstring, a log call or a command definition."""
    exempt: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                exempt.append(body[0])
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            exempt.extend(d for d in node.decorator_list if _is_command_definition(d))
        if isinstance(node, ast.ClassDef):  # class Stories(GroupCog, group_description=…)
            exempt.extend(k for k in node.keywords if k.arg in GROUP_KEYWORDS)
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            raised = node.exc.func
            if isinstance(raised, ast.Name) and raised.id in PROGRAMMER_ERRORS:
                exempt.append(node)
        if isinstance(node, ast.Assert) or _is_matcher_table(node):
            exempt.append(node)
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Attribute) and called.attr in LOG_METHODS:
            exempt.append(node)
        if isinstance(node, ast.Call) and _is_command_definition(node):
            exempt.append(node)
    return {id(inner) for outer in exempt for inner in ast.walk(outer)}


def _shown_words(tree: ast.Module) -> set[int]:
    """ids of literals given as a label, title… (shown even when a single word)."""
    return {
        id(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg in SHOWN_AS
    }


def inline_sentences(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    exempt = _exempt_nodes(tree)
    shown = _shown_words(tree)
    lines = source.splitlines()
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and not node.value.startswith(("http://", "https://"))
        and not SQL.search(node.value)
        and not lines[node.lineno - 1].endswith("# not for people")
        and (SENTENCE.search(node.value) or (id(node) in shown and WORD.search(node.value)))
    ]


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def template_words(source: str) -> list[str]:
    """Words a template writes itself: text between tags, once Jinja is taken out (the
    product's name is the same in every language)."""
    text = _TAG.sub("\n", _JINJA.sub("", source)).replace("Experience It", "")
    return [line.strip() for line in text.splitlines() if WORD.search(line)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_web_template_writes_no_word_itself(template: Path) -> None:
    found = template_words(template.read_text(encoding="utf-8"))
    assert not found, f"{template.name}: move these to the catalogs: {found}"


def test_the_template_scan_finds_words() -> None:
    source = '<h1>{{ t("page-title") }}</h1>\n<p>Past digests</p><a title="x">{{ n }} stories</a>'
    assert template_words(source) == ["Past digests", "stories"]


@pytest.mark.parametrize("module", CONVERTED)
def test_a_converted_module_has_no_inline_sentence(module: str) -> None:
    found = inline_sentences((ROOT / module).read_text(encoding="utf-8"))
    assert not found, f"{module}: move these to the catalogs: {found}"


def test_every_domain_module_is_scanned_or_exempt_with_a_reason() -> None:
    """The domain returns facts: a new module there is scanned unless it says why not."""
    domain = {str(p.relative_to(ROOT)) for p in (ROOT / "bot" / "domain").glob("*.py")}
    unscanned = domain - set(CONVERTED) - set(OPERATOR_FACING)
    assert not unscanned, f"add to CONVERTED (or OPERATOR_FACING, with why): {unscanned}"
    assert all(reason.strip() for reason in OPERATOR_FACING.values())


@pytest.mark.parametrize("module", sorted(OPERATOR_FACING))
def test_an_operator_facing_module_exists(module: str) -> None:
    assert (ROOT / module).is_file(), f"{module} is gone: take it off OPERATOR_FACING"


def test_a_matcher_table_is_not_taken_for_text() -> None:
    source = 'SERVICE_KEYWORDS = ("customer service", "call centre")\nLABEL = "Customer service"\n'
    assert inline_sentences(source) == [(2, "Customer service")]


def test_the_scan_finds_what_it_is_meant_to_find() -> None:
    source = '''
"""Module docstring, fine."""
import logging
log = logging.getLogger(__name__)

@app_commands.command(name="help", description="What it does, in English")
async def help(interaction):
    """Docstring, fine."""
    log.info("Logged for the operator %s", 1)
    await interaction.response.send_message("Not set up yet")
    await interaction.response.send_message(f"You have {n} stories")
    await interaction.response.send_message(tr(lang, "help-title"))

class Confirm(discord.ui.View):
    @discord.ui.button(label="Cancel")
    async def cancel(self, interaction, button):
        await interaction.response.send_message(content=tr(lang, "cancelled"))
        await interaction.response.send_message(f"https://discord.com/channels/{gid}")
        raise ValueError("only a programmer reads this")
        raise UserFacingError("A member reads this")
'''
    assert sorted(line for line, _ in inline_sentences(source)) == [10, 11, 15, 20]
