-- The outbox: whatever the bot has promised to post, written in the same transaction as
-- the change that promises it, until Discord has it. A row holds facts (what, about
-- which story, where), never rendered text: the text is rendered when it is delivered,
-- from the state at that moment. A delivered row is deleted; its result lives where it
-- belongs (a story's post id in `stories`).

CREATE TABLE deliveries (
    -- AUTOINCREMENT: ids are never reused, so an id-derived nonce is never repeated.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('story_post', 'post_edit', 'post_removal', 'failure_note')),
    -- The story it is about (gone with the story), or NULL (a removal outlives its story).
    story_id INTEGER REFERENCES stories (id) ON DELETE CASCADE,
    -- A removal's target, kept here because the story row may be deleted already.
    channel_id INTEGER,
    message_id INTEGER,
    -- Bumped when a later change is coalesced into a pending row: a delivery that
    -- rendered an older state does not delete the row on completion.
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    -- Wall-clock milliseconds: when the next attempt may start (back-off).
    due_at INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Wall-clock milliseconds of the first send attempt: a retry searches the channel
    -- history since then before sending again.
    attempt_started_at INTEGER,
    -- Not NULL: waits for the moderators to fix something (saved in /storymod setup).
    parked_reason TEXT,
    -- 1: released from parking by the moderators (a backlog: sent at a gentle pace).
    released INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
    last_error TEXT
);

-- One pending post, edit or note per story (or per server for notes): later changes
-- coalesce into it.
CREATE UNIQUE INDEX deliveries_one_per_story ON deliveries (kind, story_id)
    WHERE story_id IS NOT NULL;
CREATE UNIQUE INDEX deliveries_one_failure_note ON deliveries (guild_id)
    WHERE kind = 'failure_note';
CREATE INDEX deliveries_waiting ON deliveries (guild_id, id) WHERE parked_reason IS NULL;

-- The digest's first send attempt, in wall-clock milliseconds: a recovering claim
-- searches the channel history since then (however busy), not the latest messages.
ALTER TABLE digest_posts ADD COLUMN attempt_started_ms INTEGER;
