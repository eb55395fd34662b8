-- Aggregates of published stories, kept exact by triggers in the same transaction as
-- every change to a story (publish, hide, edit, delete, brand merge and unmerge,
-- forget-me, purge): whatever writes a story, the totals follow, and nobody has to
-- remember to update them. Reads that used to walk tens of thousands of stories (a
-- week's leaderboard, a brand's card, the form's usual touchpoints) read a few hundred
-- rows instead. Only counts and sums live here, never text or authors.
--
-- A row is deleted when its count falls to zero; removing a contribution is an UPDATE
-- only (never an insert), so deleting a server's totals before its stories (the purge
-- clears every table with a guild_id) can never leave negative rows behind.

-- One row per brand: its published stories.
CREATE TABLE brand_totals (
    brand_id   INTEGER PRIMARY KEY REFERENCES brands (id) ON DELETE CASCADE,
    stories    INTEGER NOT NULL,
    great      INTEGER NOT NULL,
    disasters  INTEGER NOT NULL,
    rating_sum INTEGER NOT NULL
);

-- Per brand and touchpoint: the card's strongest/weakest and the form's pre-selection.
CREATE TABLE brand_touchpoint_totals (
    brand_id   INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    touchpoint TEXT    NOT NULL,
    stories    INTEGER NOT NULL,
    rating_sum INTEGER NOT NULL,
    PRIMARY KEY (brand_id, touchpoint)
) WITHOUT ROWID;

-- Per brand and "would you recommend" answer (0-10): the card's NPS.
CREATE TABLE brand_recommend_totals (
    brand_id  INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    recommend INTEGER NOT NULL,
    stories   INTEGER NOT NULL,
    PRIMARY KEY (brand_id, recommend)
) WITHOUT ROWID;

-- Per server, UTC day of publication (published_at / 86400) and brand: the leaderboards.
-- A window reads whole days here and only its partial first and last day from stories.
CREATE TABLE brand_day_totals (
    guild_id   INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    brand_id   INTEGER NOT NULL,
    stories    INTEGER NOT NULL,
    rating_sum INTEGER NOT NULL,
    disasters  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, day, brand_id)
) WITHOUT ROWID;

-- Per server and UTC day: the server's mean rating over twelve weeks (the prior).
CREATE TABLE guild_day_totals (
    guild_id   INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    stories    INTEGER NOT NULL,
    rating_sum INTEGER NOT NULL,
    PRIMARY KEY (guild_id, day)
) WITHOUT ROWID;

-- Per server, UTC day, kind and touchpoint: the digest's most praised and criticised.
CREATE TABLE guild_touchpoint_day_totals (
    guild_id   INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    touchpoint TEXT    NOT NULL,
    stories    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, day, kind, touchpoint)
) WITHOUT ROWID;

-- The existing stories, counted once.
INSERT INTO brand_totals (brand_id, stories, great, disasters, rating_sum)
SELECT brand_id, count(*), sum(kind = 'great'), sum(kind = 'disaster'), sum(rating)
FROM stories WHERE status = 'published' GROUP BY brand_id;

INSERT INTO brand_touchpoint_totals (brand_id, touchpoint, stories, rating_sum)
SELECT s.brand_id, t.touchpoint, count(*), sum(s.rating)
FROM story_touchpoints t JOIN stories s ON s.id = t.story_id
WHERE s.status = 'published' GROUP BY s.brand_id, t.touchpoint;

INSERT INTO brand_recommend_totals (brand_id, recommend, stories)
SELECT brand_id, recommend, count(*) FROM stories
WHERE status = 'published' AND recommend IS NOT NULL GROUP BY brand_id, recommend;

INSERT INTO brand_day_totals (guild_id, day, brand_id, stories, rating_sum, disasters)
SELECT guild_id, published_at / 86400, brand_id, count(*), sum(rating), sum(kind = 'disaster')
FROM stories WHERE status = 'published' AND published_at IS NOT NULL
GROUP BY guild_id, published_at / 86400, brand_id;

INSERT INTO guild_day_totals (guild_id, day, stories, rating_sum)
SELECT guild_id, published_at / 86400, count(*), sum(rating)
FROM stories WHERE status = 'published' AND published_at IS NOT NULL
GROUP BY guild_id, published_at / 86400;

INSERT INTO guild_touchpoint_day_totals (guild_id, day, kind, touchpoint, stories)
SELECT s.guild_id, s.published_at / 86400, s.kind, t.touchpoint, count(*)
FROM story_touchpoints t JOIN stories s ON s.id = t.story_id
WHERE s.status = 'published' AND s.published_at IS NOT NULL
GROUP BY s.guild_id, s.published_at / 86400, s.kind, t.touchpoint;

-- A published story counts; the same statements serve inserts and updates.
CREATE TRIGGER story_totals_insert AFTER INSERT ON stories WHEN new.status = 'published'
BEGIN
    INSERT INTO brand_totals (brand_id, stories, great, disasters, rating_sum)
    VALUES (new.brand_id, 1, new.kind = 'great', new.kind = 'disaster', new.rating)
    ON CONFLICT (brand_id) DO UPDATE SET stories = stories + 1,
        great = great + excluded.great, disasters = disasters + excluded.disasters,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO brand_recommend_totals (brand_id, recommend, stories)
    SELECT new.brand_id, new.recommend, 1 WHERE new.recommend IS NOT NULL
    ON CONFLICT (brand_id, recommend) DO UPDATE SET stories = stories + 1;
    INSERT INTO brand_touchpoint_totals (brand_id, touchpoint, stories, rating_sum)
    SELECT new.brand_id, touchpoint, 1, new.rating FROM story_touchpoints WHERE story_id = new.id
    ON CONFLICT (brand_id, touchpoint) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO brand_day_totals (guild_id, day, brand_id, stories, rating_sum, disasters)
    SELECT new.guild_id, new.published_at / 86400, new.brand_id, 1, new.rating,
        new.kind = 'disaster' WHERE new.published_at IS NOT NULL
    ON CONFLICT (guild_id, day, brand_id) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum, disasters = disasters + excluded.disasters;
    INSERT INTO guild_day_totals (guild_id, day, stories, rating_sum)
    SELECT new.guild_id, new.published_at / 86400, 1, new.rating WHERE new.published_at IS NOT NULL
    ON CONFLICT (guild_id, day) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO guild_touchpoint_day_totals (guild_id, day, kind, touchpoint, stories)
    SELECT new.guild_id, new.published_at / 86400, new.kind, touchpoint, 1 FROM story_touchpoints
    WHERE story_id = new.id AND new.published_at IS NOT NULL
    ON CONFLICT (guild_id, day, kind, touchpoint) DO UPDATE SET stories = stories + 1;
END;

-- An update takes the old version out and puts the new one in. Only the columns the
-- totals depend on fire it (a message id or a highlight costs nothing).
CREATE TRIGGER story_totals_update_out
AFTER UPDATE OF guild_id, brand_id, kind, rating, recommend, status, published_at ON stories
WHEN old.status = 'published'
BEGIN
    UPDATE brand_totals SET stories = stories - 1, great = great - (old.kind = 'great'),
        disasters = disasters - (old.kind = 'disaster'), rating_sum = rating_sum - old.rating
    WHERE brand_id = old.brand_id;
    DELETE FROM brand_totals WHERE brand_id = old.brand_id AND stories <= 0;
    UPDATE brand_recommend_totals SET stories = stories - 1
    WHERE brand_id = old.brand_id AND recommend = old.recommend;
    DELETE FROM brand_recommend_totals
    WHERE brand_id = old.brand_id AND recommend = old.recommend AND stories <= 0;
    UPDATE brand_touchpoint_totals SET stories = stories - 1, rating_sum = rating_sum - old.rating
    WHERE brand_id = old.brand_id
        AND touchpoint IN (SELECT touchpoint FROM story_touchpoints WHERE story_id = old.id);
    DELETE FROM brand_touchpoint_totals WHERE brand_id = old.brand_id AND stories <= 0;
    UPDATE brand_day_totals SET stories = stories - 1, rating_sum = rating_sum - old.rating,
        disasters = disasters - (old.kind = 'disaster')
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400 AND brand_id = old.brand_id;
    DELETE FROM brand_day_totals WHERE guild_id = old.guild_id
        AND day = old.published_at / 86400 AND brand_id = old.brand_id AND stories <= 0;
    UPDATE guild_day_totals SET stories = stories - 1, rating_sum = rating_sum - old.rating
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400;
    DELETE FROM guild_day_totals
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400 AND stories <= 0;
    UPDATE guild_touchpoint_day_totals SET stories = stories - 1
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400 AND kind = old.kind
        AND touchpoint IN (SELECT touchpoint FROM story_touchpoints WHERE story_id = old.id);
    DELETE FROM guild_touchpoint_day_totals WHERE guild_id = old.guild_id
        AND day = old.published_at / 86400 AND kind = old.kind AND stories <= 0;
END;

CREATE TRIGGER story_totals_update_in
AFTER UPDATE OF guild_id, brand_id, kind, rating, recommend, status, published_at ON stories
WHEN new.status = 'published'
BEGIN
    INSERT INTO brand_totals (brand_id, stories, great, disasters, rating_sum)
    VALUES (new.brand_id, 1, new.kind = 'great', new.kind = 'disaster', new.rating)
    ON CONFLICT (brand_id) DO UPDATE SET stories = stories + 1,
        great = great + excluded.great, disasters = disasters + excluded.disasters,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO brand_recommend_totals (brand_id, recommend, stories)
    SELECT new.brand_id, new.recommend, 1 WHERE new.recommend IS NOT NULL
    ON CONFLICT (brand_id, recommend) DO UPDATE SET stories = stories + 1;
    INSERT INTO brand_touchpoint_totals (brand_id, touchpoint, stories, rating_sum)
    SELECT new.brand_id, touchpoint, 1, new.rating FROM story_touchpoints WHERE story_id = new.id
    ON CONFLICT (brand_id, touchpoint) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO brand_day_totals (guild_id, day, brand_id, stories, rating_sum, disasters)
    SELECT new.guild_id, new.published_at / 86400, new.brand_id, 1, new.rating,
        new.kind = 'disaster' WHERE new.published_at IS NOT NULL
    ON CONFLICT (guild_id, day, brand_id) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum, disasters = disasters + excluded.disasters;
    INSERT INTO guild_day_totals (guild_id, day, stories, rating_sum)
    SELECT new.guild_id, new.published_at / 86400, 1, new.rating WHERE new.published_at IS NOT NULL
    ON CONFLICT (guild_id, day) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO guild_touchpoint_day_totals (guild_id, day, kind, touchpoint, stories)
    SELECT new.guild_id, new.published_at / 86400, new.kind, touchpoint, 1 FROM story_touchpoints
    WHERE story_id = new.id AND new.published_at IS NOT NULL
    ON CONFLICT (guild_id, day, kind, touchpoint) DO UPDATE SET stories = stories + 1;
END;

-- BEFORE: the story's touchpoints are still there (the cascade removes them next, and
-- their own trigger then finds no story, so nothing is taken out twice).
CREATE TRIGGER story_totals_delete BEFORE DELETE ON stories WHEN old.status = 'published'
BEGIN
    UPDATE brand_totals SET stories = stories - 1, great = great - (old.kind = 'great'),
        disasters = disasters - (old.kind = 'disaster'), rating_sum = rating_sum - old.rating
    WHERE brand_id = old.brand_id;
    DELETE FROM brand_totals WHERE brand_id = old.brand_id AND stories <= 0;
    UPDATE brand_recommend_totals SET stories = stories - 1
    WHERE brand_id = old.brand_id AND recommend = old.recommend;
    DELETE FROM brand_recommend_totals
    WHERE brand_id = old.brand_id AND recommend = old.recommend AND stories <= 0;
    UPDATE brand_touchpoint_totals SET stories = stories - 1, rating_sum = rating_sum - old.rating
    WHERE brand_id = old.brand_id
        AND touchpoint IN (SELECT touchpoint FROM story_touchpoints WHERE story_id = old.id);
    DELETE FROM brand_touchpoint_totals WHERE brand_id = old.brand_id AND stories <= 0;
    UPDATE brand_day_totals SET stories = stories - 1, rating_sum = rating_sum - old.rating,
        disasters = disasters - (old.kind = 'disaster')
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400 AND brand_id = old.brand_id;
    DELETE FROM brand_day_totals WHERE guild_id = old.guild_id
        AND day = old.published_at / 86400 AND brand_id = old.brand_id AND stories <= 0;
    UPDATE guild_day_totals SET stories = stories - 1, rating_sum = rating_sum - old.rating
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400;
    DELETE FROM guild_day_totals
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400 AND stories <= 0;
    UPDATE guild_touchpoint_day_totals SET stories = stories - 1
    WHERE guild_id = old.guild_id AND day = old.published_at / 86400 AND kind = old.kind
        AND touchpoint IN (SELECT touchpoint FROM story_touchpoints WHERE story_id = old.id);
    DELETE FROM guild_touchpoint_day_totals WHERE guild_id = old.guild_id
        AND day = old.published_at / 86400 AND kind = old.kind AND stories <= 0;
END;

-- A published story's touchpoints changing (an edit).
CREATE TRIGGER story_touchpoint_totals_insert AFTER INSERT ON story_touchpoints
BEGIN
    INSERT INTO brand_touchpoint_totals (brand_id, touchpoint, stories, rating_sum)
    SELECT brand_id, new.touchpoint, 1, rating FROM stories
    WHERE id = new.story_id AND status = 'published'
    ON CONFLICT (brand_id, touchpoint) DO UPDATE SET stories = stories + 1,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO guild_touchpoint_day_totals (guild_id, day, kind, touchpoint, stories)
    SELECT guild_id, published_at / 86400, kind, new.touchpoint, 1 FROM stories
    WHERE id = new.story_id AND status = 'published' AND published_at IS NOT NULL
    ON CONFLICT (guild_id, day, kind, touchpoint) DO UPDATE SET stories = stories + 1;
END;

CREATE TRIGGER story_touchpoint_totals_delete AFTER DELETE ON story_touchpoints
BEGIN
    UPDATE brand_touchpoint_totals SET stories = stories - 1,
        rating_sum = rating_sum - (SELECT rating FROM stories WHERE id = old.story_id)
    WHERE touchpoint = old.touchpoint AND brand_id =
        (SELECT brand_id FROM stories WHERE id = old.story_id AND status = 'published');
    DELETE FROM brand_touchpoint_totals WHERE touchpoint = old.touchpoint AND stories <= 0
        AND brand_id = (SELECT brand_id FROM stories WHERE id = old.story_id);
    UPDATE guild_touchpoint_day_totals SET stories = stories - 1
    WHERE (guild_id, day, kind, touchpoint) = (SELECT guild_id, published_at / 86400, kind,
        old.touchpoint FROM stories WHERE id = old.story_id AND status = 'published');
    DELETE FROM guild_touchpoint_day_totals WHERE stories <= 0
        AND (guild_id, day, kind, touchpoint) = (SELECT guild_id, published_at / 86400, kind,
        old.touchpoint FROM stories WHERE id = old.story_id);
END;
