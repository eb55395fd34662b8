-- Data lifecycle: how long a server's data is kept after the bot is removed from it.
-- `guild_settings.left_at` (0001) records the removal; the purge runs `retention_days`
-- later and erases every row of that server.

ALTER TABLE guild_settings
    ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 1 AND 365);

-- The hourly purge only looks at servers the bot has left: a tiny partial index.
CREATE INDEX guild_settings_left ON guild_settings (left_at) WHERE left_at IS NOT NULL;

-- The audit log command filters a server's entries by moderator, story or brand.
CREATE INDEX audit_log_moderator ON audit_log (guild_id, moderator_id, created_at);
CREATE INDEX audit_log_story ON audit_log (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX audit_log_brand ON audit_log (brand_id) WHERE brand_id IS NOT NULL;
