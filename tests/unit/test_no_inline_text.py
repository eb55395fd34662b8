"""No sentence meant for a person is written inline in the bot: it comes from the catalogs
(`bot/i18n/locales`).

How it is checked: an AST scan of EVERY module under `bot/`, `cogs/` and `storage/`
(a new module is checked by default), except those in `OPERATOR_FACING` (English on
purpose, each with its reason). A string literal
with two words or more in a row is taken for a sentence, and so is any word given as a
`label=`, `placeholder=`, `title=`, `content=`, `text=` or `name=` (a button's "Cancel");
not where text is not for people: docstrings, logging calls, assertions, addresses, SQL
(statements, fragments, column lists, pragmas), errors only programmers and logs read
(`raise ValueError(...)`, `TypeError`, `RuntimeError`, `LeaseLost`), asyncio task names,
and slash-command definitions (`app_commands` decorators, `app_commands.Group(...)` and
a group cog's `group_name=` / `group_description=`: their English is Discord's default
and their French comes from the catalog through the Translator). The web pages'
templates are checked too: the text between tags, outside `{{ … }}` and `{% … %}`, must
hold no word.
A line ending in `# not for people` is skipped too (a value only logs, tests or HTTP
headers read), and so is a table of patterns matched against what members write
(assigned to a name ending in `_KEYWORDS`, e.g. the touchpoints' keywords): matchers,
never shown to anyone.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("bot", "cogs", "storage")
_POSTGRES_TOOLS = "PostgreSQL set-up, migration and copy: read by the operator in a terminal"
_DEMO = (
    "the demo is for an operator evaluating the bot (`python -m bot demo`): its transcript "
    "narrates in English, and its sample stories are member text, never translated"
)
# English on purpose: nobody reads these in Discord or on the web pages.
OPERATOR_FACING: dict[str, str] = {
    "bot/cli.py": "the command line: the operator's terminal, and its exit messages",
    "bot/settings.py": "settings errors, shown at start-up to whoever runs the bot",
    "bot/domain/shards.py": "SHARD_COUNT / SHARD_IDS problems, shown at start-up to whoever "
    "runs the bot (bot/settings.py), never to a member",
    "storage/database.py": "database errors (locked, unreadable), for the operator's logs",
    "storage/maintenance.py": "`python -m bot backup` and its errors, in the terminal",
    "storage/migrate.py": "schema migration errors, at start-up",
    "storage/process_lock.py": "a second bot process on one SQLite file, at start-up",
    "storage/postgres/__init__.py": "where a PostgreSQL database is, for logs",
    "storage/postgres/database.py": _POSTGRES_TOOLS,
    "storage/postgres/readers.py": "reader connection errors (busy, unreachable), for the "
    "operator's logs",
    "storage/postgres/migrate.py": _POSTGRES_TOOLS,
    "storage/postgres/copy_from_sqlite.py": _POSTGRES_TOOLS,
    "storage/postgres/inspect.py": _POSTGRES_TOOLS,
    "storage/postgres/dialect.py": "SQLite SQL rewritten for PostgreSQL: patterns and SQL",
    "bot/demo/acting.py": _DEMO,
    "bot/demo/community.py": _DEMO,
    "bot/demo/markup.py": _DEMO,
    "bot/demo/runner.py": _DEMO,
    "bot/demo/transcript.py": _DEMO,
}


def scanned_modules(root: Path = ROOT) -> list[str]:
    """Every module of the bot, as a path from the repository's root."""
    return sorted(
        path.relative_to(root).as_posix()
        for folder in SCANNED
        for path in (root / folder).rglob("*.py")
    )


def checked_modules(root: Path = ROOT) -> list[str]:
    """Every module but the exempt ones: a module nobody listed is checked."""
    return [module for module in scanned_modules(root) if module not in OPERATOR_FACING]


# Jinja2 templates of the web pages: every word comes through `t(...)`.
TEMPLATES = sorted((ROOT / "bot" / "web" / "templates").glob("*.html"))
SENTENCE = re.compile(r"[^\W\d_]{2,}[,.:;!?'’]*\s+[^\W\d_]{2,}")
WORD = re.compile(r"[^\W\d_]{2,}")
SHOWN_AS = {"label", "placeholder", "title", "content", "text", "name"}
SQL = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|ORDER BY|GROUP BY|LIMIT|AND|IS NULL|FROM|JOIN"
    r"|AS|CAST|PRAGMA|BEGIN|RETURNING)\b"
)
# A list of columns ("id, guild_id, created_at"): names in snake_case, at least one with
# an underscore or a table prefix, so that "yes, no" is still taken for words.
COLUMNS = re.compile(r"\s*[a-z][a-z0-9_.]*(\s*,\s*[a-z][a-z0-9_.]*)+\s*")
_SNAKE = re.compile(r"[a-z0-9]_[a-z]|[a-z]\.[a-z]")
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}
GROUP_KEYWORDS = {"group_name", "group_description"}
COMMAND_DECORATORS = {"command", "describe", "rename", "choices", "Group"}
PROGRAMMER_ERRORS = {"ValueError", "TypeError", "RuntimeError", "LeaseLost"}
TASK_NAMES = {"create_task"}  # asyncio.create_task(…, name="deliveries"): for debuggers
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
        task = isinstance(called, ast.Attribute) and called.attr in TASK_NAMES
        if task and isinstance(node, ast.Call):
            exempt.extend(k for k in node.keywords if k.arg == "name")
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


def _is_column_list(text: str) -> bool:
    return COLUMNS.fullmatch(text) is not None and _SNAKE.search(text) is not None


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
        and not _is_column_list(node.value)
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


@pytest.mark.parametrize("module", checked_modules())
def test_a_module_has_no_inline_sentence(module: str) -> None:
    found = inline_sentences((ROOT / module).read_text(encoding="utf-8"))
    assert not found, f"{module}: move these to the catalogs: {found}"


def test_the_exemptions_give_reasons_and_the_scan_walks_the_bot() -> None:
    assert all(reason.strip() for reason in OPERATOR_FACING.values())
    assert len(checked_modules()) > 100


@pytest.mark.parametrize("module", sorted(OPERATOR_FACING))
def test_an_operator_facing_module_exists(module: str) -> None:
    assert (ROOT / module).is_file(), f"{module} is gone: take it off OPERATOR_FACING"


def test_a_matcher_table_is_not_taken_for_text() -> None:
    source = 'SERVICE_KEYWORDS = ("customer service", "call centre")\nLABEL = "Customer service"\n'
    assert inline_sentences(source) == [(2, "Customer service")]


def test_a_new_module_is_checked_by_default(tmp_path: Path) -> None:
    new = tmp_path / "bot" / "services" / "new_feature.py"
    new.parent.mkdir(parents=True)
    new.write_text('def save():\n    raise UserFacingError("Your story was saved twice.")\n')
    (tmp_path / "bot" / "cli.py").write_text('print("Usage: python -m bot")\n')
    (tmp_path / "cogs").mkdir()
    (tmp_path / "cogs" / "new_cog.py").write_text('LABEL = "fine"\n')
    assert checked_modules(tmp_path) == ["bot/services/new_feature.py", "cogs/new_cog.py"]
    assert inline_sentences(new.read_text()) == [(2, "Your story was saved twice.")]


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


def test_the_scan_knows_sql_task_names_and_internal_errors_from_words() -> None:
    source = """
COLUMNS = "id, guild_id, created_at"
FRAGMENT = ") AS span GROUP BY kind"
SETUP = "PRAGMA journal_mode = WAL"
task = asyncio.create_task(run(), name="start deliveries")
raise LeaseLost(f"delivery {n} was claimed by another process")
ANSWER = "yes, no"
raise UserFacingError.of("web-already-off")
await interaction.followup.send(f"Discord answered {status}")
"""
    assert inline_sentences(source) == [(7, "yes, no"), (9, "Discord answered ")]
