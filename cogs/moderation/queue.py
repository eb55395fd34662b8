"""The review queue and curation: approve, hide, restore, highlight, delete.

A mixin of /storymod subcommands: `Moderation` (cogs/moderation/cog.py) inherits it, so
its commands join the group. Every command carries `@moderator_only()`.
"""

from __future__ import annotations


class QueueCommands:
    """Subcommands mixed into the /storymod group cog."""
