"""The web pages' pure parts: addresses and the monthly score chart."""

from datetime import UTC, date, datetime

from bot.domain.monthly_chart import CHART_HEIGHT, CHART_WIDTH, chart_bars, monthly_scores
from bot.domain.web_access import looks_like_token, new_token


def test_addresses_are_128_random_bits_in_url_safe_text() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(looks_like_token(t) for t in tokens)
    for bad in ("", "short", "A" * 23, "A" * 21 + "/", "../" + "A" * 19, "A" * 21 + "é"):
        assert not looks_like_token(bad)


def test_months_are_the_servers_local_months() -> None:
    points = [
        # 03:30 UTC on 1 November is 31 October, 23:30, in Toronto (EDT).
        (datetime(2026, 11, 1, 3, 30, tzinfo=UTC), 1),
        (datetime(2026, 11, 1, 4, 0, tzinfo=UTC), 5),
        (datetime(2026, 11, 20, tzinfo=UTC), 4),
    ]
    scores = monthly_scores(points, "America/Toronto", server_mean=3.0, prior_weight=2.0)
    assert [(s.month, s.count) for s in scores] == [(date(2026, 10, 1), 1), (date(2026, 11, 1), 2)]
    # October: (1·1 + 2·3) / 3; November: (2·4.5 + 2·3) / 4.
    assert scores[0].score == 7 / 3
    assert scores[1].score == 15 / 4


def test_bars_stay_inside_the_chart_and_follow_the_score() -> None:
    points = [(datetime(2026, m, 10, tzinfo=UTC), r) for m, r in ((1, 1), (2, 5), (3, 3))]
    bars = chart_bars(monthly_scores(points, "UTC", server_mean=3.0, prior_weight=0.0))
    assert [b.month for b in bars] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert bars[1].height > bars[2].height > bars[0].height
    for bar in bars:
        assert 0 <= bar.x < bar.x + bar.width <= CHART_WIDTH
        assert 0 <= bar.y < bar.y + bar.height <= CHART_HEIGHT
    assert (bars[1].count, bars[1].score) == (1, 5.0)
    assert chart_bars([]) == []
