-- Issue 8, second half: every note and notice goes through the outbox as facts, and a
-- delivery attempt is a leased claim with a fencing token.
--
-- The outbox grows two kinds: `mod_note` (a note in the moderators' channel: `note` says
-- what happened, `facts` holds the values it is worded from, as JSON) and `member_notice`
-- (a DM to a member, about the `member_notices` row it delivers). SQLite cannot widen a
-- CHECK constraint, so the table is rebuilt (its AUTOINCREMENT counter carried over, so
-- an id-derived nonce is never reused).
--
-- Leases: `claim_owner` (a process) holds a delivery until `claim_until` (wall-clock ms);
-- `claim_token` grows on every claim. Recording an outcome checks the token in the same
-- statement, so a process whose claim was taken over can record nothing.

-- Member notices as facts: what happened (approved, hidden, deleted) to which story, with
-- the values the notice is worded from; the words come from the catalog when it is shown.
-- Notices stored before this migration were sentences: they keep them as `legacy`.
CREATE TABLE member_notices_0008 (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    what       TEXT    NOT NULL CHECK (what IN ('approved', 'hidden', 'deleted', 'legacy')),
    facts      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO member_notices_0008 (id, guild_id, user_id, what, facts, created_at)
    SELECT id, guild_id, user_id, 'legacy', json_object('text', text), created_at
    FROM member_notices;
DROP TABLE member_notices;
ALTER TABLE member_notices_0008 RENAME TO member_notices;
CREATE INDEX member_notices_user ON member_notices (user_id);

CREATE TABLE deliveries_0008 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN (
        'story_post', 'post_edit', 'post_removal', 'failure_note', 'mod_note', 'member_notice'
    )),
    story_id INTEGER REFERENCES stories (id) ON DELETE CASCADE,
    channel_id INTEGER,
    message_id INTEGER,
    -- mod_note: what happened (review_waiting, reported, edit_review, delivery_failed).
    note TEXT,
    -- mod_note: the values it is worded from (JSON object), never words.
    facts TEXT,
    -- member_notice: the notice it delivers by DM (gone with it: forget-me).
    notice_id INTEGER REFERENCES member_notices (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    attempt_started_at INTEGER,
    parked_reason TEXT,
    released INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
    last_error TEXT,
    claim_owner TEXT,
    claim_until INTEGER,
    claim_token INTEGER NOT NULL DEFAULT 0
);

INSERT INTO deliveries_0008 (
    id, guild_id, kind, story_id, channel_id, message_id, version, created_at, due_at,
    attempts, attempt_started_at, parked_reason, released, last_error
)
SELECT id, guild_id, kind, story_id, channel_id, message_id, version, created_at, due_at,
    attempts, attempt_started_at, parked_reason, released, last_error
FROM deliveries;

DELETE FROM sqlite_sequence WHERE name = 'deliveries_0008';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'deliveries_0008', max(seq) FROM sqlite_sequence WHERE name = 'deliveries'
    HAVING max(seq) IS NOT NULL;
DROP TABLE deliveries;
ALTER TABLE deliveries_0008 RENAME TO deliveries;

-- One pending post or edit per story (later changes coalesce into it); one failure note
-- per server at a time. Notes and notices are each their own row.
CREATE UNIQUE INDEX deliveries_one_per_story ON deliveries (kind, story_id)
    WHERE story_id IS NOT NULL AND kind IN ('story_post', 'post_edit');
CREATE UNIQUE INDEX deliveries_one_failure_note ON deliveries (guild_id)
    WHERE kind = 'failure_note';
CREATE INDEX deliveries_waiting ON deliveries (guild_id, id) WHERE parked_reason IS NULL;
