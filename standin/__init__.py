"""A loopback Discord for end-to-end tests of the real, unmodified discord.py bot.

Start it with ``async with StandIn() as standin`` (or the ``standin`` fixture from
``tests.standin_fixtures``) and run a bot with ``async with standin.running(bot)``.
"""

from .actors import Actor
from .errors import StandInError
from .interactions import InteractionRecord, InteractionResult, Modal
from .server import StandIn, patch_discord
from .state import Channel, Guild, Message, Perm, Role, User

__all__ = [
    "Actor",
    "Channel",
    "Guild",
    "InteractionRecord",
    "InteractionResult",
    "Message",
    "Modal",
    "Perm",
    "Role",
    "StandIn",
    "StandInError",
    "User",
    "patch_discord",
]
