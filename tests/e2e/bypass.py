"""Members who get past Discord's own gates, to prove the bot's second line of defence.

Discord hides moderator commands from members without the default permissions and
guild-only commands from DMs, but a server admin can override the first (Server Settings
→ Integrations) and a modified client can ignore the second. These actors model both.
"""

from __future__ import annotations

from standin import Actor
from standin.state import JSON
from tests.e2e.conftest import App


class Overridden(Actor):
    """A member a server admin allowed to use a moderator command despite its defaults."""

    def _check_member_permissions(self, cmd: JSON) -> None:
        return None


class FromDm(Actor):
    """A client that sends a guild-only command from a DM anyway."""

    def _find_command(self, name: str) -> JSON:
        return next(c for c in self.standin.registered_commands(None) if c["name"] == name)


def overridden(app: App, name: str) -> Overridden:
    return Overridden(app.standin, app.standin.users[name], app.standin.guild)


def from_dm(app: App, name: str) -> FromDm:
    return FromDm(app.standin, app.standin.users[name], app.standin.guild, dm=True)
