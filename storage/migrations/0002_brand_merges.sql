-- Brand merges that can be undone (/storymod brand merge, unmerge).
--
-- A merged-away brand is kept as a row, a tombstone: `merged_into` names the brand it
-- went into and its name_key becomes '#merged:<id>', a key brand_key() can never
-- produce, so the brand answers to no name any more (its name lives on as an alias of
-- the survivor) while its id stays reserved. Deleting the row instead would let SQLite
-- hand the same id to the next new brand (it reuses the highest freed rowid without
-- AUTOINCREMENT), and a follow-up still holding the old id would file a story under a
-- stranger. No foreign key on merged_into: deleting a survivor must never fail.
ALTER TABLE brands ADD COLUMN merged_into INTEGER;

-- One row per merge; undone_at is set when it is undone (a row is never reused).
CREATE TABLE brand_merges (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL,
    from_brand_id INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    into_brand_id INTEGER NOT NULL,
    from_name     TEXT    NOT NULL,
    from_key      TEXT    NOT NULL,
    moderator_id  INTEGER NOT NULL,
    reason        TEXT,
    created_at    INTEGER NOT NULL,
    undone_at     INTEGER,
    undone_by     INTEGER
);
CREATE INDEX brand_merges_guild ON brand_merges (guild_id, undone_at, created_at);
CREATE INDEX brand_merges_from ON brand_merges (from_brand_id);

-- The stories a merge moved: an unmerge moves back those still on the survivor.
CREATE TABLE brand_merge_stories (
    merge_id INTEGER NOT NULL REFERENCES brand_merges (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (merge_id, story_id)
) WITHOUT ROWID;
CREATE INDEX brand_merge_stories_story ON brand_merge_stories (story_id);

-- The aliases the merged-away brand had; they go back to it on unmerge.
CREATE TABLE brand_merge_aliases (
    merge_id  INTEGER NOT NULL REFERENCES brand_merges (id) ON DELETE CASCADE,
    alias_key TEXT    NOT NULL,
    alias     TEXT    NOT NULL,
    PRIMARY KEY (merge_id, alias_key)
) WITHOUT ROWID;
