"""Storage failures an operator must act on, each with a one-line explanation."""

from __future__ import annotations


class StorageError(Exception):
    """The database cannot be opened or used; the message says why and what to do."""


class SchemaTooNewError(StorageError):
    """The file was written by a newer version of the bot; we refuse to touch it."""


class MigrationError(StorageError):
    """A migration failed and was rolled back; the file is exactly as it was."""


class DatabaseBusyError(StorageError):
    """The database stayed locked longer than a member can wait; nothing was changed.

    Raised instead of waiting past Discord's 3-second deadline; the interaction error
    path answers it with a private "busy, try again in a moment".
    """
