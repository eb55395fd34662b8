-- Issue 8 (SQLite's migration 0008, the same columns): every note and notice goes
-- through the outbox as facts, and a delivery attempt is a leased claim.
--
-- The outbox grows two kinds: `mod_note` (a note in the moderators' channel: `note` says
-- what happened, `facts` holds its values as JSON text) and `member_notice` (a DM
-- delivering the `member_notices` row `notice_id`). `claim_owner` holds a delivery until
-- `claim_until` (wall-clock ms); `claim_token` grows on every claim, and recording an
-- outcome checks it in the same statement. Member notices become facts (`what`, `facts`);
-- notices stored as sentences before keep them as `legacy`.

ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check CHECK (kind IN (
    'story_post', 'post_edit', 'post_removal', 'failure_note', 'mod_note', 'member_notice'
));
ALTER TABLE deliveries ADD COLUMN note TEXT;
ALTER TABLE deliveries ADD COLUMN facts TEXT;
ALTER TABLE deliveries ADD COLUMN notice_id BIGINT
    REFERENCES member_notices (id) ON DELETE CASCADE;
ALTER TABLE deliveries ADD COLUMN claim_owner TEXT;
ALTER TABLE deliveries ADD COLUMN claim_until BIGINT;
ALTER TABLE deliveries ADD COLUMN claim_token BIGINT NOT NULL DEFAULT 0;

-- One pending post or edit per story; notes and notices are each their own row.
DROP INDEX deliveries_one_per_story;
CREATE UNIQUE INDEX deliveries_one_per_story ON deliveries (kind, story_id)
    WHERE story_id IS NOT NULL AND kind IN ('story_post', 'post_edit');

ALTER TABLE member_notices ADD COLUMN what TEXT NOT NULL DEFAULT 'legacy'
    CHECK (what IN ('approved', 'hidden', 'deleted', 'legacy'));
ALTER TABLE member_notices ADD COLUMN facts TEXT;
UPDATE member_notices SET facts = json_build_object('text', text)::text;
ALTER TABLE member_notices ALTER COLUMN facts SET NOT NULL;
ALTER TABLE member_notices ALTER COLUMN what DROP DEFAULT;
ALTER TABLE member_notices DROP COLUMN text;
