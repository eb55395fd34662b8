"""Reading the audit log, and exporting the server's stories.

A mixin of /storymod subcommands: `Moderation` (cogs/moderation/cog.py) inherits it, so
its commands join the group. Every command carries `@moderator_only()`.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.domain.brands import brand_key, rank_autocomplete
from bot.domain.markdown import escape_markdown, truncate
from bot.domain.moderators import AuditEntry
from bot.errors import UserFacingError
from bot.i18n import Lang, member_lang, tr
from bot.services.lifecycle import LifecycleService
from cogs.brand_choices import choice_name
from cogs.moderation.checks import ModeratorView, moderator_only
from cogs.moderation.setup_panel import setting_name, show_value

if TYPE_CHECKING:
    from discord.ext.commands import Cog as _MixinBase

    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]
else:
    _MixinBase = object  # mypy checks the decorators as on a cog; at run time a plain mixin

log = logging.getLogger(__name__)

PAGE_SIZE = 8
VIEW_TIMEOUT = 10 * 60  # the interaction token lives 15 minutes: tidy up before that
DESCRIPTION_MAX = 4096
BRAND_SHOWN = 40
REASON_SHOWN = 120
DETAILS_SHOWN = 120

# Every action the audit log holds; `audit-action-<key>` names it for a moderator.
ACTIONS = (
    "settings",
    "digest_repost",
    "approve",
    "hide",
    "restore",
    "highlight",
    "unhighlight",
    "delete",
    "brand_merge",
    "brand_unmerge",
    "brand_rename",
    "brand_alias_add",
    "brand_alias_remove",
    "brand_industry",
    "export",
    "web_page",
)
# The English names are Discord's default; the Translator finds French by the same key.
_ACTION_CHOICES = [
    app_commands.Choice(
        name=app_commands.locale_str(tr("en", f"audit-action-{key}"), key=f"audit-action-{key}"),
        value=key,
    )
    for key in ACTIONS
]


def action_name(lang: Lang, action: str) -> str:
    """An action's name ("Story hidden"); one this version does not know shows as stored."""
    return tr(lang, f"audit-action-{action}") if action in ACTIONS else action


@dataclass(frozen=True)
class AuditFilters:
    moderator_id: int | None = None
    story_id: int | None = None
    brand_id: int | None = None
    brand_name: str | None = None
    action: str | None = None

    def describe(self, lang: Lang) -> str | None:
        parts = []
        if self.moderator_id is not None:
            parts.append(tr(lang, "audit-by", moderator=f"<@{self.moderator_id}>"))
        if self.story_id is not None:
            parts.append(tr(lang, "audit-story", id=str(self.story_id)))
        if self.brand_name is not None:
            name = f"**{escape_markdown(truncate(self.brand_name, BRAND_SHOWN))}**"
            parts.append(tr(lang, "audit-brand", name=name))
        if self.action is not None:
            parts.append(action_name(lang, self.action).lower())
        return ", ".join(parts) if parts else None


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    brand_names: dict[int, str]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _details_text(lang: Lang, entry: AuditEntry) -> str | None:
    """The entry's details in a line: settings as old → new, anything else as key: value."""
    details = entry.details
    if not details:
        return None
    if entry.action == "settings":
        parts = []
        for name, change in details.items():
            if isinstance(change, dict) and {"old", "new"} <= change.keys():
                label = setting_name(lang, name)
                old = show_value(lang, name, change["old"])
                new = show_value(lang, name, change["new"])
                parts.append(tr(lang, "audit-setting-change", setting=label, old=old, new=new))
        text = "; ".join(parts)
    else:
        parts = []
        for key, value in details.items():
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            parts.append(f"{key}: {shown}")
        text = "; ".join(parts)
    # Setting values are ours (ids shown as mentions); the rest may be member text.
    if entry.action != "settings":
        text = escape_markdown(text)
    return truncate(text, DETAILS_SHOWN) if text else None


def entry_text(lang: Lang, entry: AuditEntry, brand_names: dict[int, str]) -> str:
    """One entry: when, who, what, on which story/brand; then why and the details."""
    when = int(entry.created_at.timestamp())
    head = [
        f"<t:{when}:f>",
        f"<@{entry.moderator_id}>",
        f"**{escape_markdown(action_name(lang, entry.action))}**",
    ]
    if entry.story_id is not None:
        head.append(tr(lang, "audit-story", id=str(entry.story_id)))
    if entry.brand_id is not None:
        name = brand_names.get(entry.brand_id)
        head.append(
            tr(lang, "audit-brand", name=f"**{escape_markdown(truncate(name, BRAND_SHOWN))}**")
            if name is not None
            else tr(lang, "audit-brand-gone", id=str(entry.brand_id))
        )
    lines = [" · ".join(head)]
    if entry.reason:
        reason = truncate(escape_markdown(entry.reason), REASON_SHOWN)
        lines.append("> " + tr(lang, "audit-why", reason=reason))
    details = _details_text(lang, entry)
    if details:
        lines.append(f"-# {details}")
    return "\n".join(lines)


def audit_embed(lang: Lang, page: AuditPage, filters: AuditFilters) -> discord.Embed:
    shown = filters.describe(lang)
    intro = (
        tr(lang, "audit-intro-filtered", filters=shown) if shown else tr(lang, "audit-intro-all")
    )
    body = "\n\n".join(entry_text(lang, e, page.brand_names) for e in page.entries)
    embed = discord.Embed(
        title=tr(lang, "audit-title"),
        description=truncate(f"{intro}\n\n{body}", DESCRIPTION_MAX),
        colour=discord.Colour.dark_grey(),
    )
    footer = tr(lang, "audit-footer", page=page.page + 1, pages=page.pages, total=page.total)
    embed.set_footer(text=footer)
    return embed


async def load_page(
    bot: ExperienceBot, guild_id: int, filters: AuditFilters, page: int
) -> AuditPage:
    """The page asked for, or the last one if the log shrank past it."""
    storage = bot.storage
    query: dict[str, Any] = {
        "moderator_id": filters.moderator_id,
        "story_id": filters.story_id,
        "brand_id": filters.brand_id,
        "action": filters.action,
    }
    page = max(page, 0)
    entries, total = await storage.audit_log.search(
        guild_id, **query, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    if not entries and total > 0:
        page = (total - 1) // PAGE_SIZE
        entries, total = await storage.audit_log.search(
            guild_id, **query, offset=page * PAGE_SIZE, limit=PAGE_SIZE
        )
    names: dict[int, str] = {}
    for brand_id in {e.brand_id for e in entries if e.brand_id is not None}:
        brand = await storage.brands.get(brand_id)
        if brand is not None and brand.guild_id == guild_id:
            names[brand_id] = brand.name
    return AuditPage(entries, total, page, names)


class AuditView(ModeratorView):
    """Previous / Next under the log; each click re-checks that the user still moderates."""

    def __init__(self, origin: Interaction, filters: AuditFilters, page: AuditPage) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.origin = origin
        self.filters = filters
        self.lang = member_lang(origin)
        self.previous.label = tr(self.lang, "audit-previous")
        self.next.label = tr(self.lang, "audit-next")
        self.show(page)

    def show(self, page: AuditPage) -> None:
        self.page = page.page
        self.previous.disabled = page.page <= 0
        self.next.disabled = page.page + 1 >= page.pages

    async def _turn(self, interaction: Interaction, step: int) -> None:
        assert interaction.guild_id is not None, "ModeratorView refuses DMs"
        page = await load_page(
            interaction.client, interaction.guild_id, self.filters, self.page + step
        )
        self.show(page)
        embed = audit_embed(member_lang(interaction), page, self.filters)
        await interaction.response.edit_message(embed=embed, view=self)

    @discord.ui.button(emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: Interaction, button: discord.ui.Button[AuditView]
    ) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: Interaction, button: discord.ui.Button[AuditView]) -> None:
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        try:
            await self.origin.edit_original_response(view=None)
        except discord.HTTPException as exc:
            log.debug("Could not retire an audit log view (%s)", exc.status)


class AuditCommands(_MixinBase):
    """Subcommands mixed into the /storymod group cog."""

    bot: ExperienceBot

    @app_commands.command(name="audit", description="Read the log of moderator actions")
    @moderator_only()
    @app_commands.describe(
        moderator="Only this moderator's actions",
        story="Only actions on this story (its number)",
        brand="Only actions on this brand (start typing to pick one)",
        action="Only this kind of action",
    )
    @app_commands.choices(action=_ACTION_CHOICES)
    async def audit(
        self,
        interaction: Interaction,
        moderator: discord.User | None = None,
        story: app_commands.Range[int, 1, 2**53 - 1] | None = None,
        brand: app_commands.Range[str, 1, 100] | None = None,
        action: str | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        guild_id, lang = interaction.guild_id, member_lang(interaction)
        brand_id: int | None = None
        brand_name: str | None = None
        if brand is not None:
            key = brand_key(brand)
            found = await self.bot.storage.brands.find(guild_id, key) if key else None
            if found is None:
                shown = escape_markdown(truncate(brand, BRAND_SHOWN))
                raise UserFacingError(tr(lang, "audit-no-such-brand", name=shown))
            brand_id, brand_name = found.id, found.name
        if action is not None and action not in ACTIONS:
            raise UserFacingError(tr(lang, "audit-pick-action"))
        filters = AuditFilters(
            moderator_id=None if moderator is None else moderator.id,
            story_id=story,
            brand_id=brand_id,
            brand_name=brand_name,
            action=action,
        )
        page = await load_page(self.bot, guild_id, filters, 0)
        if page.total == 0:
            wanted = filters.describe(lang)
            message = (
                tr(lang, "audit-none-filtered", filters=wanted)
                if wanted
                else tr(lang, "audit-empty")
            )
            await interaction.response.send_message(message, ephemeral=True)
            return
        embed = audit_embed(lang, page, filters)
        if page.pages == 1:
            await interaction.response.send_message(embed=embed, ephemeral=True)
            return
        view = AuditView(interaction, filters, page)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    @audit.autocomplete("brand")
    async def audit_brand_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Existing brands and aliases only: a brand that never existed has no entries."""
        if interaction.guild_id is None:
            return []
        candidates = await self.bot.storage.brands.candidates(interaction.guild_id)
        return [
            app_commands.Choice(name=choice_name(member_lang(interaction), c), value=c.value)
            for c in rank_autocomplete(current, candidates)
            if c.brand_id is not None
        ]

    @app_commands.command(name="export", description="Download this server's stories (CSV, JSON)")
    @moderator_only()
    async def export(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        await interaction.response.defer(ephemeral=True, thinking=True)
        service = LifecycleService(self.bot.storage, self.bot.clock)
        lang = member_lang(interaction)
        # A refusal (ExportRefused) is a catalog key: the error path words it.
        export = await service.export(
            interaction.guild_id, interaction.user.id, interaction.filesize_limit
        )
        text = tr(lang, "server-export-done", count=export.story_count)
        if export.compressed:
            text += " " + tr(lang, "server-export-compressed")
        await interaction.followup.send(
            text,
            files=[discord.File(io.BytesIO(f.data), filename=f.filename) for f in export.files],
            ephemeral=True,
        )
