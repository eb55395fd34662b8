"""Brand upkeep: merge (undoable), rename, aliases, industry, likely duplicates.

A mixin of /storymod subcommands: `Moderation` (cogs/moderation/cog.py) inherits it, so
its commands join the group. Every command carries `@moderator_only()`.

The commands sit in a nested group, `/storymod brand ...`. Discord allows only one
level of subcommand groups, so the alias commands are `alias-add` and `alias-remove`
rather than a third level (`/storymod brand alias add`). Everything here is Discord
I/O; the rules live in `bot.services.brand_upkeep` and the storage layer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.domain.brands import AUTOCOMPLETE_NAME_MAX, BRAND_NAME_MAX, DuplicatePair, Industry
from bot.domain.markdown import truncate
from bot.i18n import Lang, member_lang, tr
from bot.i18n.formats import plain_number
from bot.services.brand_upkeep import REASON_MAX, BrandUpkeepService, shown
from cogs.brand_choices import brand_choices
from cogs.moderation.checks import moderator_only, moderator_refusal

if TYPE_CHECKING:
    from discord.ext.commands import Cog as _MixinBase

    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]
else:
    _MixinBase = object  # mypy checks the decorators as on a cog; at run time a plain mixin

log = logging.getLogger(__name__)

DESCRIPTION_MAX = 4096
DUPLICATES_SHOWN = 20
# English names are Discord's default; the Translator finds French by the same key.
_INDUSTRY_CHOICES = [
    app_commands.Choice(
        name=app_commands.locale_str(tr("en", f"industry-{i.value}"), key=f"industry-{i.value}"),
        value=i.value,
    )
    for i in Industry
]
_BRAND = app_commands.Range[str, 1, AUTOCOMPLETE_NAME_MAX]
_REASON = app_commands.Range[str, 1, REASON_MAX]


def duplicate_line(lang: Lang, rank: int, pair: DuplicatePair) -> str:
    """One pair to review: the brand with fewer stories is the one to merge away."""
    return tr(
        lang,
        "upkeep-duplicate",
        rank=rank,
        merge=shown(pair.merge.name),
        merge_count=pair.merge.story_count,
        keep=shown(pair.keep.name),
        keep_count=pair.keep.story_count,
        score=plain_number(lang, pair.score),
    )


def duplicates_embed(lang: Lang, pairs: list[DuplicatePair]) -> discord.Embed:
    """The best pairs that fit in one embed, and how many more there are."""
    embed = discord.Embed(title=tr(lang, "upkeep-duplicates-title"), colour=discord.Colour.orange())
    if not pairs:
        embed.description = tr(lang, "upkeep-no-duplicates")
        embed.colour = discord.Colour.green()
        return embed
    lines: list[str] = []
    size = 0
    for rank, pair in enumerate(pairs[:DUPLICATES_SHOWN], start=1):
        line = duplicate_line(lang, rank, pair)
        if size + len(line) + 1 > DESCRIPTION_MAX:
            break
        lines.append(line)
        size += len(line) + 1
    embed.description = "\n".join(lines)
    hidden = len(pairs) - len(lines)
    footer = tr(lang, "upkeep-duplicates-footer")
    if hidden:
        footer = tr(lang, "upkeep-duplicates-more", count=hidden) + " " + footer
    embed.set_footer(text=footer)
    return embed


class BrandUpkeepCommands(_MixinBase):
    """Subcommands mixed into the /storymod group cog."""

    bot: ExperienceBot

    brand = app_commands.Group(
        name="brand", description="Merge, rename and tidy up this server's brands"
    )

    def _brands(self) -> BrandUpkeepService:
        return BrandUpkeepService(self.bot.storage, self.bot.clock)

    async def _refresh_posts(self, story_ids: Iterable[int]) -> None:
        """The posts' edits (they show the brand's name) were promised with the change."""
        if story_ids:
            self.bot.delivery.wake()

    # --- merge and unmerge -----------------------------------------------------------

    @brand.command(name="merge", description="Move every story of one brand into another")
    @moderator_only()
    @app_commands.rename(source="from", target="into")
    @app_commands.describe(
        source="The brand that goes away: its stories move, its name becomes an alias",
        target="The brand that stays",
        reason="Why (kept in the audit log)",
    )
    async def merge(
        self,
        interaction: Interaction,
        source: _BRAND,
        target: _BRAND,
        reason: _REASON | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        result = await self._brands().merge(
            guild_id=interaction.guild_id,
            moderator_id=interaction.user.id,
            source=source,
            target=target,
            reason=reason,
        )
        log.info(
            "Brand %s merged into %s in guild %s by %s (merge %s, %d stories)",
            result.merged.id,
            result.into.id,
            interaction.guild_id,
            interaction.user.id,
            result.merge_id,
            len(result.story_ids),
        )
        names = (
            tr(lang, "upkeep-name-leads")
            if not result.aliases
            else tr(lang, "upkeep-names-lead", aliases=len(result.aliases))
        )
        answer = tr(
            lang,
            "upkeep-merged",
            **{"from": shown(result.merged.name)},
            into=shown(result.into.name),
            merge=str(result.merge_id),
            count=len(result.story_ids),
            names=names,
        )
        await interaction.response.send_message(answer, ephemeral=True)
        await self._refresh_posts(result.story_ids)

    @brand.command(
        name="unmerge", description="Undo a merge: the brand comes back with its stories"
    )
    @moderator_only()
    @app_commands.describe(
        merge="The merge: its number (#12) or the merged brand's old name",
        reason="Why (kept in the audit log)",
    )
    async def unmerge(
        self,
        interaction: Interaction,
        merge: app_commands.Range[str, 1, AUTOCOMPLETE_NAME_MAX],
        reason: _REASON | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        result = await self._brands().unmerge(
            guild_id=interaction.guild_id,
            moderator_id=interaction.user.id,
            reference=merge,
            reason=reason,
        )
        log.info(
            "Merge %s undone in guild %s by %s (%d stories back)",
            result.merge_id,
            interaction.guild_id,
            interaction.user.id,
            len(result.story_ids),
        )
        into = shown(result.into.name)
        kept = (
            " " + tr(lang, "upkeep-kept-elsewhere", count=result.kept_on_into, into=into)
            if result.kept_on_into
            else ""
        )
        answer = tr(
            lang,
            "upkeep-unmerged",
            merge=str(result.merge_id),
            restored=shown(result.restored.name),
            count=len(result.story_ids),
            aliases=len(result.aliases),
            kept=kept,
            into=into,
        )
        await interaction.response.send_message(answer, ephemeral=True)
        await self._refresh_posts(result.story_ids)

    @unmerge.autocomplete("merge")
    async def merge_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None or await moderator_refusal(interaction) is not None:
            return []
        lang = member_lang(interaction)
        merges = await self._brands().merge_choices(interaction.guild_id, current)
        choices = []
        for merge in merges:
            into = merge.into_name or tr(lang, "upkeep-removed-brand")
            label = tr(
                lang,
                "upkeep-merge-choice",
                merge=str(merge.id),
                **{"from": merge.from_name[:40]},
                into=into[:40],
                count=merge.story_count,
            )
            choices.append(app_commands.Choice(name=truncate(label, 100), value=f"#{merge.id}"))
        return choices

    # --- names -----------------------------------------------------------------------

    @brand.command(name="rename", description="Give a brand a new name; the old one still works")
    @moderator_only()
    @app_commands.rename(brand_name="brand")
    @app_commands.describe(
        brand_name="The brand to rename",
        new_name="Its new name (the old name becomes an alias)",
        reason="Why (kept in the audit log)",
    )
    async def rename(
        self,
        interaction: Interaction,
        brand_name: _BRAND,
        new_name: app_commands.Range[str, 1, BRAND_NAME_MAX],
        reason: _REASON | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        result = await self._brands().rename(
            guild_id=interaction.guild_id,
            moderator_id=interaction.user.id,
            brand=brand_name,
            new_name=new_name,
            reason=reason,
        )
        before = shown(result.before.name)
        kept = (
            " " + tr(lang, "upkeep-still-lands", before=before)
            if result.before.key != result.after.key
            else ""
        )
        answer = tr(
            lang, "upkeep-renamed", before=before, after=shown(result.after.name), kept=kept
        )
        await interaction.response.send_message(answer, ephemeral=True)
        await self._refresh_posts(result.story_ids)

    @brand.command(name="alias-add", description="Let another spelling lead to a brand")
    @moderator_only()
    @app_commands.rename(brand_name="brand")
    @app_commands.describe(
        brand_name="The brand",
        alias="Another name members use for it",
        reason="Why (kept in the audit log)",
    )
    async def alias_add(
        self,
        interaction: Interaction,
        brand_name: _BRAND,
        alias: app_commands.Range[str, 1, BRAND_NAME_MAX],
        reason: _REASON | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        brand, stored = await self._brands().add_alias(
            guild_id=interaction.guild_id,
            moderator_id=interaction.user.id,
            brand=brand_name,
            alias=alias,
            reason=reason,
        )
        answer = tr(lang, "upkeep-alias-added", alias=shown(stored), brand=shown(brand.name))
        await interaction.response.send_message(answer, ephemeral=True)

    @brand.command(name="alias-remove", description="Stop a spelling from leading to a brand")
    @moderator_only()
    @app_commands.rename(brand_name="brand")
    @app_commands.describe(
        brand_name="The brand",
        alias="The alias to remove",
        reason="Why (kept in the audit log)",
    )
    async def alias_remove(
        self,
        interaction: Interaction,
        brand_name: _BRAND,
        alias: app_commands.Range[str, 1, AUTOCOMPLETE_NAME_MAX],
        reason: _REASON | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        brand, removed = await self._brands().remove_alias(
            guild_id=interaction.guild_id,
            moderator_id=interaction.user.id,
            brand=brand_name,
            alias=alias,
            reason=reason,
        )
        answer = tr(lang, "upkeep-alias-removed", alias=shown(removed), brand=shown(brand.name))
        await interaction.response.send_message(answer, ephemeral=True)

    @alias_remove.autocomplete("alias")
    async def alias_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        chosen = str(getattr(interaction.namespace, "brand", "") or "")
        aliases = await self._brands().alias_choices(interaction.guild_id, chosen, current)
        return [app_commands.Choice(name=truncate(a, 100), value=truncate(a, 100)) for a in aliases]

    @brand.command(name="industry", description="Set the kind of business a brand is")
    @moderator_only()
    @app_commands.rename(brand_name="brand")
    @app_commands.describe(
        brand_name="The brand", industry="Its industry", reason="Why (kept in the audit log)"
    )
    @app_commands.choices(industry=_INDUSTRY_CHOICES)
    async def industry(
        self,
        interaction: Interaction,
        brand_name: _BRAND,
        industry: str,
        reason: _REASON | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        brand, previous, chosen = await self._brands().set_industry(
            guild_id=interaction.guild_id,
            moderator_id=interaction.user.id,
            brand=brand_name,
            industry=industry,
            reason=reason,
        )
        industry_name = tr(lang, f"industry-{chosen.value}")
        if previous is None:
            answer = tr(
                lang, "upkeep-industry-set", brand=shown(brand.name), industry=industry_name
            )
        else:
            answer = tr(
                lang,
                "upkeep-industry-changed",
                brand=shown(brand.name),
                industry=industry_name,
                previous=tr(lang, f"industry-{previous.value}"),
            )
        await interaction.response.send_message(answer, ephemeral=True)

    @brand.command(name="duplicates", description="Brands that look like the same company")
    @moderator_only()
    async def duplicates(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        pairs = await self._brands().duplicates(interaction.guild_id)
        embed = duplicates_embed(member_lang(interaction), pairs)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # --- autocomplete of the brand options -------------------------------------------

    @merge.autocomplete("source")
    @merge.autocomplete("target")
    @rename.autocomplete("brand_name")
    @alias_add.autocomplete("brand_name")
    @alias_remove.autocomplete("brand_name")
    @industry.autocomplete("brand_name")
    async def brand_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Existing brands (names and aliases) only: upkeep never creates one.

        Moderators see every brand; anyone else who reaches the option (a server admin
        may lift the default permissions) only sees brands with a published story.
        """
        refusal = await moderator_refusal(interaction)
        return await brand_choices(
            interaction, current, offer_new=False, published_only=refusal is not None
        )
