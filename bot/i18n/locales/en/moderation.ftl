# Moderators' private answers (cogs/moderation/).

language-name-en = English
language-name-fr = French
language-set = Public posts in this server (stories, the weekly digest, notes to moderators) are now in { $language }. Each member's private answers stay in their own Discord language.
language-follows-discord = Public posts in this server follow its language on Discord: { $language } for now. Each member's private answers stay in their own Discord language.

mod-refused-not-in-server = Moderator tools only work inside a server, not in DMs.
mod-refused-not-a-moderator = Only moderators can do that: you need the Manage Server or Manage Messages permission, or the server's moderator role.

# /storymod web (cogs/moderation/web.py)
web-indexed = Search engines may list the pages.
web-not-indexed = Search engines are asked not to list them (noindex).
web-off = The web page is **off**: its address answers “not found”. Turning it on again brings back the same address (use `new address` for another).
web-no-server = The bot's operator has not started the web server (WEB_PORT, PUBLIC_URL), so there is no address to share yet; it appears here once they do.
web-address = Address: { $address }
web-on =
    The web page is **on**. { $where }
    Anyone with the address can read it: it shows what readers see in Discord (published stories, anonymous authors left out). { $indexing }
