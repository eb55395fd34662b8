"""The opt-in, read-only web pages (issue 13): an aiohttp app inside the bot process."""
