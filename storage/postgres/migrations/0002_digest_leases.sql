-- Issue 10: a digest claim is a lease (SQLite's migration 0009, the same columns). It has
-- an owner (which process), an expiry the owner renews while it posts, and a fencing
-- token that grows at every claim and takeover: the statements that record a post check
-- the token, so a poster whose claim was taken over can no longer write. Tokens come
-- from one counter row that never goes back (a week deleted for a re-post and claimed
-- again gets a new, larger token); a row, not a sequence, so both engines share the SQL.

ALTER TABLE digest_posts ADD COLUMN lease_owner TEXT;
ALTER TABLE digest_posts ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE digest_posts ADD COLUMN fence BIGINT NOT NULL DEFAULT 0;

CREATE TABLE fencing_tokens (
    name TEXT COLLATE "C" PRIMARY KEY,
    last BIGINT NOT NULL
);
INSERT INTO fencing_tokens (name, last) VALUES ('digest_posts', 0);

UPDATE digest_posts SET lease_expires_at = claimed_at + 600 WHERE status = 'claimed';
