-- Opt-in web pages (issue 13): one row per server that a moderator ever turned them on
-- for. The address is the unguessable `token` (128 random bits); a new address replaces
-- it, so the old one stops answering at once. `indexable` = 0 sends `noindex`.
CREATE TABLE web_pages (
    guild_id   INTEGER PRIMARY KEY,
    token      TEXT    NOT NULL UNIQUE,
    enabled    INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    indexable  INTEGER NOT NULL DEFAULT 0 CHECK (indexable IN (0, 1)),
    updated_at INTEGER NOT NULL
);
