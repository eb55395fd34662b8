"""Reading the audit log, and exporting the server's stories.

A mixin of /storymod subcommands: `Moderation` (cogs/moderation/cog.py) inherits it, so
its commands join the group. Every command carries `@moderator_only()`.
"""

from __future__ import annotations


class AuditCommands:
    """Subcommands mixed into the /storymod group cog."""
