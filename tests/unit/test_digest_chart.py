"""The digest's chart is a small palette PNG that still says every word it draws."""

from __future__ import annotations

import io

from PIL import Image

from bot.domain.ranking import Leaderboard, Movement, MovementKind, RankedBrand
from cogs.digest.chart import BACKGROUND, GREEN, PALETTE_COLOURS, RED, render_chart


def _row(rank: int, name: str, score: float) -> RankedBrand:
    return RankedBrand(
        rank=rank,
        brand_id=rank,
        name=name,
        score=score,
        count=10,
        mean_rating=score,
        great_count=5,
        disaster_count=5,
        movement=Movement(kind=MovementKind.NEW),
    )


def test_the_chart_is_a_small_palette_png_with_exact_colours_and_its_words() -> None:
    board = Leaderboard(
        prior_mean=3.0,
        prior_weight=5,
        min_stories=2,
        size=5,
        best=tuple(_row(n, f"Best brand {n}", 4.5 - n / 10) for n in range(1, 6)),
        worst=tuple(_row(n, f"Worst brand {n}", 1.5 + n / 10) for n in range(1, 6)),
        eligible_brands=10,
        total_stories=100,
        great_stories=50,
        disaster_stories=50,
    )
    png = render_chart("en", board, "This week so far")
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P"
    assert len(image.convert("RGB").getcolors(1 << 16) or []) <= PALETTE_COLOURS
    assert len(png) < 12_000  # the RGB file was about 4x larger
    colours = {colour for _, colour in image.convert("RGB").getcolors(1 << 16) or []}
    assert {BACKGROUND, GREEN, RED} <= colours  # flat areas keep their exact colour
    words = image.info["Description"]
    assert "Best brand 1" in words
    assert "Worst brand 5" in words
