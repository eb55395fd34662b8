# Moderators' private answers (cogs/moderation/).

language-name-en = English
language-name-fr = French
language-set = Public posts in this server (stories, the weekly digest, notes to moderators) are now in { $language }. Each member's private answers stay in their own Discord language.
language-follows-discord = Public posts in this server follow its language on Discord: { $language } for now. Each member's private answers stay in their own Discord language.

mod-refused-not-in-server = Moderator tools only work inside a server, not in DMs.
mod-refused-not-a-moderator = Only moderators can do that: you need the Manage Server or Manage Messages permission, or the server's moderator role.
