import pytest

from bot.domain.scoring import bayesian_score, net_promoter_score


def test_bayesian_score_by_hand():
    # (2·5 + 3·3) / (2 + 3) = 19 / 5
    assert bayesian_score(2, 5.0, 3.0, 3) == pytest.approx(3.8)
    # (10·4.5 + 3·3.5) / 13 = 55.5 / 13
    assert bayesian_score(10, 4.5, 3.5, 3) == pytest.approx(55.5 / 13)
    # No stories: the prior mean.
    assert bayesian_score(0, 0.0, 3.2, 3) == pytest.approx(3.2)
    # No prior weight: the plain mean.
    assert bayesian_score(4, 2.5, 3.0, 0) == pytest.approx(2.5)


def test_many_stories_outweigh_few():
    few = bayesian_score(2, 5.0, 3.0, 3)
    many = bayesian_score(40, 4.8, 3.0, 3)
    assert many > few


def test_bayesian_score_degenerate_and_invalid():
    assert bayesian_score(0, 0.0, 3.0, 0) == 3.0
    with pytest.raises(ValueError, match="negative"):
        bayesian_score(-1, 4.0, 3.0, 3)


def test_net_promoter_score_by_hand():
    # promoters: 10, 9 (2); passives: 8, 7 (2); detractors: 6, 0 (2) -> 0
    assert net_promoter_score([10, 9, 8, 7, 6, 0]) == pytest.approx(0.0)
    # 3 promoters, 1 detractor of 5 -> 40
    assert net_promoter_score([9, 10, 9, 3, 8]) == pytest.approx(40.0)
    assert net_promoter_score([10]) == pytest.approx(100.0)
    assert net_promoter_score([6, 6]) == pytest.approx(-100.0)
    assert net_promoter_score([7, 8]) == pytest.approx(0.0)


def test_net_promoter_score_empty_and_invalid():
    assert net_promoter_score([]) is None
    with pytest.raises(ValueError, match="between 0 and 10"):
        net_promoter_score([11])
