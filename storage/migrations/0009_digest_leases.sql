-- Issue 10: a digest claim is a lease. It has an owner (which process), an expiry that
-- the owner renews while it posts, and a fencing token that grows at every claim and
-- takeover: the statements that record a post check the token, so a poster whose claim
-- was taken over can no longer write. Tokens come from one counter that never goes
-- back (a week deleted for a re-post and claimed again gets a new, larger token).

ALTER TABLE digest_posts ADD COLUMN lease_owner TEXT;
ALTER TABLE digest_posts ADD COLUMN lease_expires_at INTEGER;
ALTER TABLE digest_posts ADD COLUMN fence INTEGER NOT NULL DEFAULT 0;

CREATE TABLE fencing_tokens (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
INSERT INTO fencing_tokens (name, last) VALUES ('digest_posts', 0);

-- Claims left by older versions: they expire as the old 10-minute staleness did.
UPDATE digest_posts SET lease_expires_at = claimed_at + 600 WHERE status = 'claimed';
