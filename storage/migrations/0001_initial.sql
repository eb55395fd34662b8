-- Schema for DESIGN.md's story record. Times are Unix seconds (UTC); ids of Discord
-- objects are snowflakes stored as INTEGER.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE guild_settings (
    guild_id           INTEGER PRIMARY KEY,
    stories_channel_id INTEGER,
    digest_channel_id  INTEGER,
    mod_channel_id     INTEGER,
    moderator_role_id  INTEGER,
    review_mode        TEXT    NOT NULL DEFAULT 'open' CHECK (review_mode IN ('open', 'review')),
    digest_weekday     INTEGER NOT NULL DEFAULT 0 CHECK (digest_weekday BETWEEN 0 AND 6),
    digest_hour        INTEGER NOT NULL DEFAULT 0 CHECK (digest_hour BETWEEN 0 AND 23),
    timezone           TEXT    NOT NULL DEFAULT 'UTC',
    leaderboard_size   INTEGER NOT NULL DEFAULT 5 CHECK (leaderboard_size BETWEEN 1 AND 10),
    min_stories        INTEGER NOT NULL DEFAULT 2 CHECK (min_stories BETWEEN 1 AND 100),
    prior_weight       REAL    NOT NULL DEFAULT 3 CHECK (prior_weight >= 0),
    cooldown_seconds   INTEGER NOT NULL DEFAULT 300 CHECK (cooldown_seconds >= 0),
    daily_cap          INTEGER NOT NULL DEFAULT 5 CHECK (daily_cap >= 1),
    report_threshold   INTEGER NOT NULL DEFAULT 3 CHECK (report_threshold >= 1),
    quiet_week_post    INTEGER NOT NULL DEFAULT 1 CHECK (quiet_week_post IN (0, 1)),
    left_at            INTEGER,
    updated_at         INTEGER NOT NULL
);

CREATE TABLE brands (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    name_key   TEXT    NOT NULL,
    industry   TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (guild_id, name_key)
);

-- Other spellings that resolve to a brand; a merged brand's old name lands here.
CREATE TABLE brand_aliases (
    guild_id   INTEGER NOT NULL,
    alias_key  TEXT    NOT NULL,
    alias      TEXT    NOT NULL,
    brand_id   INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, alias_key)
) WITHOUT ROWID;
CREATE INDEX brand_aliases_brand ON brand_aliases (brand_id);

-- AUTOINCREMENT: a deleted story's number is never given to a new one, so an old
-- button, form or post nonce can never act on a different story.
CREATE TABLE stories (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id       INTEGER NOT NULL,
    author_id      INTEGER NOT NULL,
    brand_id       INTEGER NOT NULL REFERENCES brands (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('great', 'disaster')),
    headline       TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    product        TEXT,
    recommend      INTEGER CHECK (recommend BETWEEN 0 AND 10),
    resolution     TEXT    CHECK (resolution IN ('yes', 'partly', 'no', 'not_contacted')),
    anonymous      INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    -- draft: saved, follow-ups still open; pending: awaiting a moderator.
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'hidden')),
    highlighted    INTEGER NOT NULL DEFAULT 0 CHECK (highlighted IN (0, 1)),
    -- When a moderator highlighted it: the digest shows the newest highlights first.
    highlighted_at INTEGER,
    -- The week of the digest that featured the highlight (NULL: not featured yet).
    highlight_featured TEXT,
    hidden_reason  TEXT,
    channel_id     INTEGER,
    message_id     INTEGER,
    -- The interaction that created it: the same interaction delivered twice stores one story.
    interaction_id INTEGER UNIQUE,
    created_at     INTEGER NOT NULL,
    edited_at      INTEGER,
    published_at   INTEGER
);
-- Covering index for the leaderboard: window scans never touch the table. Weeks count
-- stories by when they were published (a story approved on Monday belongs to the week
-- readers saw it in). `kind` is last, for the great/disaster split.
CREATE INDEX stories_leaderboard ON stories (guild_id, status, published_at, brand_id, rating, kind);
CREATE INDEX stories_author ON stories (guild_id, author_id, created_at);
CREATE INDEX stories_brand ON stories (brand_id, status, created_at);
CREATE INDEX stories_message ON stories (message_id) WHERE message_id IS NOT NULL;
-- The few highlighted stories, so the digest never scans a server's whole history for them.
CREATE INDEX stories_highlights ON stories (guild_id, highlight_featured, highlighted_at)
    WHERE highlighted = 1;

-- When members posted, kept 24 hours for the cooldown and daily cap: deleting a story
-- must not give its author a fresh allowance.
CREATE TABLE posting_log (
    guild_id  INTEGER NOT NULL,
    author_id INTEGER NOT NULL,
    posted_at INTEGER NOT NULL
);
CREATE INDEX posting_log_author ON posting_log (guild_id, author_id, posted_at);

CREATE TABLE story_touchpoints (
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    touchpoint TEXT    NOT NULL CHECK (touchpoint IN (
        'finding', 'buying', 'delivery', 'using', 'service', 'billing', 'follow_up')),
    PRIMARY KEY (story_id, touchpoint)
) WITHOUT ROWID;

CREATE TABLE story_votes (
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (story_id, user_id)
) WITHOUT ROWID;
CREATE INDEX story_votes_user ON story_votes (user_id);

CREATE TABLE story_reports (
    story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    reporter_id INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    PRIMARY KEY (story_id, reporter_id)
) WITHOUT ROWID;
CREATE INDEX story_reports_reporter ON story_reports (reporter_id);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    moderator_id INTEGER NOT NULL,
    action       TEXT    NOT NULL,
    story_id     INTEGER,
    brand_id     INTEGER,
    reason       TEXT,
    details      TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX audit_log_guild ON audit_log (guild_id, created_at);

-- One row per (server, week): claimed before posting, completed with the message id.
CREATE TABLE digest_posts (
    guild_id    INTEGER NOT NULL,
    week_start  TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'skipped')),
    claimed_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    -- The span the digest covers: a schedule change must not post an overlapping week.
    window_start INTEGER NOT NULL,
    window_end   INTEGER NOT NULL,
    channel_id  INTEGER,
    message_id  INTEGER,
    leaderboard TEXT,
    -- The highlighted stories the digest shows (JSON ids), written before it is sent:
    -- completing (or recovering) the post marks exactly these as featured.
    highlight_ids TEXT,
    error       TEXT,
    PRIMARY KEY (guild_id, week_start)
) WITHOUT ROWID;

-- Private notes waiting for a member (e.g. a moderator hid their story), shown next time.
CREATE TABLE member_notices (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX member_notices_user ON member_notices (user_id);
