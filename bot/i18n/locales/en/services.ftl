# Refusals and words of the services (bot/services/*) and of the web pages' server
# (bot/web/app.py): the services give a key and its facts, the edge words them.

# /storymod web (bot/services/web_access.py): a change that changes nothing.
web-already-off = The web page is already off; nothing changed.
web-no-page-yet = This server has no web page yet: turn it on with `/storymod web action:on`.

# /story export (bot/services/member_stories.py): the file's first line, in the
# member's language.
my-data-about = Everything Experience It stores about you, in every server.

# The web pages (bot/web/app.py): an address that leads nowhere.
page-not-found = Not found.
