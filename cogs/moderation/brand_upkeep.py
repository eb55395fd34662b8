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
from bot.i18n import member_lang
from bot.services.brand_upkeep import REASON_MAX, BrandUpkeepService, shown
from cogs.brand_choices import brand_choices
from cogs.moderation.brand_words import refusals_in
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
_INDUSTRY_CHOICES = [app_commands.Choice(name=i.label, value=i.value) for i in Industry]
_BRAND = app_commands.Range[str, 1, AUTOCOMPLETE_NAME_MAX]
_REASON = app_commands.Range[str, 1, REASON_MAX]


def _stories(count: int) -> str:
    return "1 story" if count == 1 else f"{count} stories"


def _aliases(count: int) -> str:
    return "1 alias" if count == 1 else f"{count} aliases"


def duplicate_line(rank: int, pair: DuplicatePair) -> str:
    """One pair to review: the brand with fewer stories is the one to merge away."""
    return (
        f"{rank}. {shown(pair.merge.name)} ({_stories(pair.merge.story_count)}) → "
        f"{shown(pair.keep.name)} ({_stories(pair.keep.story_count)}) · {pair.score:g}% alike"
    )


def duplicates_embed(pairs: list[DuplicatePair]) -> discord.Embed:
    """The best pairs that fit in one embed, and how many more there are."""
    embed = discord.Embed(title="Likely duplicate brands", colour=discord.Colour.orange())
    if not pairs:
        embed.description = "✅ No brands look alike: nothing to review."
        embed.colour = discord.Colour.green()
        return embed
    lines: list[str] = []
    size = 0
    for rank, pair in enumerate(pairs[:DUPLICATES_SHOWN], start=1):
        line = duplicate_line(rank, pair)
        if size + len(line) + 1 > DESCRIPTION_MAX:
            break
        lines.append(line)
        size += len(line) + 1
    embed.description = "\n".join(lines)
    hidden = len(pairs) - len(lines)
    more = f"{hidden} more pairs after these. " if hidden else ""
    embed.set_footer(
        text=f"{more}Counts are published stories. Review each pair; if they are one "
        "company, /storymod brand merge from: (left) into: (right). Merges can be undone."
    )
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
        with refusals_in(member_lang(interaction)):
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
            "its name now leads"
            if not result.aliases
            else f"its name and {_aliases(len(result.aliases))} now lead"
        )
        await interaction.response.send_message(
            f"✅ Merged {shown(result.merged.name)} into {shown(result.into.name)} "
            f"(merge #{result.merge_id}): {_stories(len(result.story_ids))} moved, and {names} "
            f"to {shown(result.into.name)}.\n"
            f"Undo with `/storymod brand unmerge merge:#{result.merge_id}`.",
            ephemeral=True,
        )
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
        with refusals_in(member_lang(interaction)):
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
        kept = (
            f" {_stories(result.kept_on_into)} it moved are no longer on "
            f"{shown(result.into.name)} (deleted or moved since) and stay where they are."
            if result.kept_on_into
            else ""
        )
        await interaction.response.send_message(
            f"↩️ Undid merge #{result.merge_id}: {shown(result.restored.name)} is back with "
            f"{_stories(len(result.story_ids))} and {_aliases(len(result.aliases))}.{kept} "
            f"Stories told under {shown(result.into.name)} since the merge stay there.",
            ephemeral=True,
        )
        await self._refresh_posts(result.story_ids)

    @unmerge.autocomplete("merge")
    async def merge_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None or await moderator_refusal(interaction) is not None:
            return []
        with refusals_in(member_lang(interaction)):
            merges = await self._brands().merge_choices(interaction.guild_id, current)
        choices = []
        for merge in merges:
            into = merge.into_name or "a removed brand"
            label = (
                f"#{merge.id} · {merge.from_name[:40]} → {into[:40]} · "
                f"{_stories(merge.story_count)}"
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
        with refusals_in(member_lang(interaction)):
            result = await self._brands().rename(
                guild_id=interaction.guild_id,
                moderator_id=interaction.user.id,
                brand=brand_name,
                new_name=new_name,
                reason=reason,
            )
        kept = (
            f" Members typing {shown(result.before.name)} still land on it."
            if result.before.key != result.after.key
            else ""
        )
        await interaction.response.send_message(
            f"✏️ Renamed {shown(result.before.name)} to {shown(result.after.name)}.{kept}",
            ephemeral=True,
        )
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
        with refusals_in(member_lang(interaction)):
            brand, stored = await self._brands().add_alias(
                guild_id=interaction.guild_id,
                moderator_id=interaction.user.id,
                brand=brand_name,
                alias=alias,
                reason=reason,
            )
        await interaction.response.send_message(
            f"🏷️ {shown(stored)} now leads to {shown(brand.name)}.", ephemeral=True
        )

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
        with refusals_in(member_lang(interaction)):
            brand, removed = await self._brands().remove_alias(
                guild_id=interaction.guild_id,
                moderator_id=interaction.user.id,
                brand=brand_name,
                alias=alias,
                reason=reason,
            )
        await interaction.response.send_message(
            f"🗑️ {shown(removed)} no longer leads to {shown(brand.name)}.", ephemeral=True
        )

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
        with refusals_in(member_lang(interaction)):
            brand, previous, chosen = await self._brands().set_industry(
                guild_id=interaction.guild_id,
                moderator_id=interaction.user.id,
                brand=brand_name,
                industry=industry,
                reason=reason,
            )
        was = f" (was {previous.label})" if previous is not None else ""
        await interaction.response.send_message(
            f"🏭 {shown(brand.name)} is now in {chosen.label}{was}.", ephemeral=True
        )

    @brand.command(name="duplicates", description="Brands that look like the same company")
    @moderator_only()
    async def duplicates(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        pairs = await self._brands().duplicates(interaction.guild_id)
        await interaction.response.send_message(embed=duplicates_embed(pairs), ephemeral=True)

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
