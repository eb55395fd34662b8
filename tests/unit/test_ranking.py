import math

import pytest

from bot.domain.ranking import (
    BrandWeek,
    Leaderboard,
    MovementKind,
    PreviousRanks,
    disaster_movers,
    rank_week,
    two_proportion_z,
)
from bot.i18n.figures import movement_text


def brand(
    brand_id: int, name: str, count: int, mean: float, disasters: int | None = None
) -> BrandWeek:
    disasters = count // 2 if disasters is None else disasters
    return BrandWeek(
        brand_id=brand_id,
        name=name,
        count=count,
        mean_rating=mean,
        great_count=count - disasters,
        disaster_count=disasters,
    )


def names(rows) -> list[str]:
    return [row.name for row in rows]


# --- the score, by hand -----------------------------------------------------


def test_one_brand_above_the_server_mean():
    board = rank_week([brand(1, "Acme", 4, 4.5, disasters=1)], prior_mean=3.0)
    # (4·4.5 + 3·3) / (4 + 3) = 27 / 7
    assert len(board.best) == 1
    assert board.worst == ()
    row = board.best[0]
    assert row.score == pytest.approx(27 / 7)
    assert (row.rank, row.count, row.great_count, row.disaster_count) == (1, 4, 3, 1)
    assert movement_text("en", row.movement) == "new"


def test_one_brand_below_the_server_mean():
    board = rank_week([brand(1, "Acme", 2, 1.0)], prior_mean=3.0)
    # (2·1 + 3·3) / (2 + 3) = 11 / 5
    assert board.best == ()
    assert board.worst[0].score == pytest.approx(2.2)


def test_hand_computed_table_with_a_custom_prior():
    rows = [
        brand(1, "Air Canada", 6, 1.5),  # (9 + 2·3.5) / 8 = 2.0
        brand(2, "Costco", 3, 5.0),  # (15 + 7) / 5 = 4.4
        brand(3, "Ikea", 10, 4.0),  # (40 + 7) / 12 = 3.9166…
        brand(4, "Rogers", 4, 3.0),  # (12 + 7) / 6 = 3.1666…
        brand(5, "Zara", 2, 3.5),  # (7 + 7) / 4 = 3.5 = C: best, not worst
    ]
    board = rank_week(rows, prior_mean=3.5, prior_weight=2)
    assert [(r.name, round(r.score, 4)) for r in board.best] == [
        ("Costco", 4.4),
        ("Ikea", 3.9167),
        ("Zara", 3.5),
    ]
    assert [(r.name, round(r.score, 4)) for r in board.worst] == [
        ("Air Canada", 2.0),
        ("Rogers", 3.1667),
    ]
    assert [r.rank for r in board.best] == [1, 2, 3]
    assert (board.total_stories, board.great_stories, board.disaster_stories) == (25, 13, 12)
    assert board.eligible_brands == 5


def test_no_server_history_uses_three():
    board = rank_week([brand(1, "Acme", 2, 3.0)], prior_mean=None)
    assert board.prior_mean == 3.0
    assert board.best[0].score == pytest.approx(3.0)


def test_all_brands_equal():
    rows = [brand(i, name, 3, 3.0) for i, name in enumerate(["Ikea", "acme", "Bell"])]
    at_mean = rank_week(rows, prior_mean=3.0)
    assert names(at_mean.best) == ["acme", "Bell", "Ikea"]
    assert at_mean.worst == ()
    # Same brands, a server whose trailing mean is higher: all below, none above.
    below = rank_week(rows, prior_mean=3.5)
    assert below.best == ()
    assert names(below.worst) == ["acme", "Bell", "Ikea"]
    assert [r.score for r in below.worst] == [pytest.approx((9 + 10.5) / 6)] * 3


def test_one_five_star_story_does_not_beat_twenty_at_four_and_a_half():
    single = brand(1, "Lucky", 1, 5.0, disasters=0)
    steady = brand(2, "Steady", 20, 4.5, disasters=0)
    board = rank_week([single, steady], prior_mean=3.0, min_stories=1)
    # (5 + 9) / 4 = 3.5  vs  (90 + 9) / 23 = 4.304…
    assert names(board.best) == ["Steady", "Lucky"]
    assert board.best[0].score == pytest.approx(99 / 23)
    assert board.best[1].score == pytest.approx(3.5)


def test_a_brand_exactly_at_the_mean_is_best_despite_float_noise():
    # (3·3.3 + 3·3.3) / 6 is 3.2999999999999994 in floating point.
    board = rank_week([brand(1, "Exact", 3, 3.3)], prior_mean=3.3)
    assert names(board.best) == ["Exact"]
    assert board.worst == ()


# --- ties, filters, sizes ---------------------------------------------------


def test_ties_more_stories_first_then_name_casefolded():
    rows = [
        brand(1, "Solo", 1, 5.0, disasters=0),  # (5 + 9) / 4 = 3.5
        brand(2, "Trio", 3, 4.0, disasters=0),  # (12 + 9) / 6 = 3.5
        brand(3, "banana", 3, 4.0, disasters=0),  # 3.5, same count: by name
        brand(4, "Low b", 3, 2.0),  # (6 + 9) / 6 = 2.5
        brand(5, "low A", 3, 2.0),  # 2.5
    ]
    board = rank_week(rows, prior_mean=3.0, min_stories=1)
    assert names(board.best) == ["banana", "Trio", "Solo"]
    assert names(board.worst) == ["low A", "Low b"]
    assert rank_week(list(reversed(rows)), prior_mean=3.0, min_stories=1) == board


def test_empty_week():
    board = rank_week([], prior_mean=4.2)
    assert board.is_empty
    assert (board.total_stories, board.eligible_brands) == (0, 0)


def test_min_stories_filter_keeps_small_brands_in_the_totals_only():
    rows = [brand(1, "One", 1, 5.0, disasters=0), brand(2, "Two", 2, 5.0, disasters=0)]
    board = rank_week(rows, prior_mean=3.0)
    assert names(board.best) == ["Two"]
    assert board.eligible_brands == 1
    assert board.total_stories == 3
    assert rank_week(rows, prior_mean=3.0, min_stories=3).is_empty


def test_size_limits_each_list():
    rows = [brand(i, f"Good {i}", 4, 5.0 - i / 10) for i in range(7)]
    rows += [brand(10 + i, f"Bad {i}", 4, 1.0 + i / 10) for i in range(7)]
    board = rank_week(rows, prior_mean=3.0, size=5)
    assert names(board.best) == [f"Good {i}" for i in range(5)]
    assert names(board.worst) == [f"Bad {i}" for i in range(5)]
    assert not {r.brand_id for r in board.best} & {r.brand_id for r in board.worst}
    assert board.eligible_brands == 14


def test_bad_parameters_and_rows_are_refused():
    with pytest.raises(ValueError, match="once"):
        rank_week([brand(1, "A", 2, 3.0), brand(1, "A", 2, 3.0)], prior_mean=3.0)
    with pytest.raises(ValueError, match="at least 1"):
        rank_week([], prior_mean=3.0, size=0)
    with pytest.raises(ValueError, match="negative"):
        rank_week([], prior_mean=3.0, prior_weight=-1)
    with pytest.raises(ValueError, match="must equal count"):
        rank_week(
            [
                BrandWeek(
                    brand_id=1, name="A", count=3, mean_rating=3, great_count=1, disaster_count=1
                )
            ],
            prior_mean=3.0,
        )
    with pytest.raises(ValueError, match="between 1 and 5"):
        rank_week(
            [
                BrandWeek(
                    brand_id=1, name="A", count=2, mean_rating=0.5, great_count=1, disaster_count=1
                )
            ],
            prior_mean=3.0,
        )


# --- movement ---------------------------------------------------------------


def test_rank_movement_against_last_weeks_posted_ranks():
    rows = [
        brand(1, "A", 5, 5.0),
        brand(2, "B", 5, 4.5),
        brand(3, "C", 5, 4.0),
        brand(4, "D", 5, 3.5),
        brand(5, "W", 5, 1.0),
    ]
    previous = PreviousRanks(best={1: 3, 2: 1, 4: 4, 5: 2}, worst={5: 1})
    board = rank_week(rows, prior_mean=3.0, previous=previous)
    assert [movement_text("en", r.movement) for r in board.best] == ["↑2", "↓1", "new", "="]
    assert board.best[0].movement.kind is MovementKind.UP
    # W was on the best list last week; on the worst list it is compared with worst ranks.
    assert movement_text("en", board.worst[0].movement) == "="


def test_posted_ranks_survive_a_json_round_trip():
    board = rank_week([brand(7, "A", 3, 5.0), brand(8, "B", 3, 1.0)], prior_mean=3.0)
    stored = board.model_dump_json()
    again = Leaderboard.model_validate_json(stored)
    assert again == board
    assert again.posted_ranks() == PreviousRanks(best={7: 1}, worst={8: 1})
    nxt = rank_week([brand(7, "A", 3, 5.0)], prior_mean=3.0, previous=again.posted_ranks())
    assert movement_text("en", nxt.best[0].movement) == "="


# --- movers -----------------------------------------------------------------


def test_two_proportion_z_by_hand():
    # 1/10 -> 7/10: pooled 0.4, se = sqrt(0.4·0.6·(1/10 + 1/10)) = sqrt(0.048)
    assert two_proportion_z(1, 10, 7, 10) == pytest.approx(0.6 / math.sqrt(0.048))
    assert two_proportion_z(7, 10, 1, 10) == pytest.approx(-0.6 / math.sqrt(0.048))
    assert two_proportion_z(0, 5, 0, 8) == 0.0
    assert two_proportion_z(4, 4, 3, 3) == 0.0
    with pytest.raises(ValueError, match="at least one"):
        two_proportion_z(0, 0, 1, 3)


def test_movers_positive_negative_and_not_significant():
    last = [
        brand(1, "Worse", 10, 3.0, disasters=1),
        brand(2, "Better", 10, 3.0, disasters=7),
        brand(3, "Noise", 10, 3.0, disasters=3),
    ]
    now = [
        brand(1, "Worse", 10, 3.0, disasters=7),
        brand(2, "Better", 10, 3.0, disasters=1),
        brand(3, "Noise", 10, 3.0, disasters=5),  # z = 0.2 / sqrt(0.048) ≈ 0.91
    ]
    movers = disaster_movers(now, last)
    assert [(m.name, m.got_worse) for m in movers] == [("Better", False), ("Worse", True)]
    worse = movers[1]
    assert worse.z == pytest.approx(2.7386, abs=1e-4)
    assert worse.share_before == pytest.approx(0.1)
    assert worse.share_now == pytest.approx(0.7)
    assert (worse.stories_before, worse.stories_now) == (10, 10)


def test_movers_need_enough_stories_in_both_weeks():
    last = [brand(1, "Few before", 2, 3.0, disasters=0), brand(2, "Gone", 9, 3.0, disasters=0)]
    now = [
        brand(1, "Few before", 9, 1.0, disasters=9),
        brand(3, "New", 9, 1.0, disasters=9),
    ]
    assert disaster_movers(now, last) == ()
    # 0/3 -> 3/3: pooled 0.5, se = sqrt(0.25·2/3), z = 1 / 0.408… ≈ 2.449 at exactly 3 each.
    three = disaster_movers([brand(1, "A", 3, 1.0, 3)], [brand(1, "A", 3, 5.0, 0)])
    assert len(three) == 1
    assert three[0].z == pytest.approx(1 / math.sqrt(0.25 * 2 / 3))
    just_short = disaster_movers(
        [brand(1, "A", 3, 1.0, 3)], [brand(1, "A", 3, 5.0, 0)], min_stories=4
    )
    assert just_short == ()


def test_mover_boundary_uses_absolute_z():
    # 2/20 -> 8/20: pooled 0.25, se = sqrt(0.1875·0.1), z = 0.3 / 0.1369… ≈ 2.19
    last, now = [brand(1, "A", 20, 3.0, 2)], [brand(1, "A", 20, 3.0, 8)]
    assert len(disaster_movers(now, last)) == 1
    assert disaster_movers(now, last, z_threshold=2.2) == ()
