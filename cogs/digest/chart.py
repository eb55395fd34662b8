"""The digest's chart: horizontal bars of the best and worst lists, as a PNG.

Pillow's bundled font keeps the image identical on every machine (no system fonts);
characters it lacks (emoji, some scripts) show as boxes, so names are also in the text.
Every word drawn is also written into the PNG's `Description` text (what the image says,
for tools that read images aloud, and for tests: they check the chart's language there).
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from bot.domain.ranking import Leaderboard, RankedBrand
from bot.i18n import Lang, tr
from bot.i18n.formats import decimal

WIDTH = 800
ROW = 34
TOP = 56
LABEL_WIDTH = 260
BAR_LEFT = LABEL_WIDTH + 20
BAR_MAX = WIDTH - BAR_LEFT - 70
NAME_MAX = 24
BACKGROUND = (47, 49, 54)
TEXT = (235, 235, 235)
MUTED = (160, 160, 170)
GREEN = (87, 242, 135)
RED = (237, 66, 69)
GRID = (90, 92, 100)
PALETTE_COLOURS = 32
Font = ImageFont.ImageFont | ImageFont.FreeTypeFont


def _short(name: str) -> str:
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1] + "…"


def render_chart(lang: Lang, board: Leaderboard, title: str) -> bytes:
    """PNG bytes; the bar length is the Bayesian score on the 1–5 scale."""
    lines: list[tuple[str, RankedBrand | None, tuple[int, int, int]]] = []
    for heading, rows, colour in (
        (tr(lang, "chart-best"), board.best, GREEN),
        (tr(lang, "chart-worst"), board.worst, RED),
    ):
        if rows:
            lines.append((heading, None, colour))
            lines += [("", row, colour) for row in rows]
    height = TOP + ROW * max(len(lines), 1) + 40
    image = Image.new("RGB", (WIDTH, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    small = ImageFont.load_default(size=13)
    said: list[str] = []

    def write(xy: tuple[int, int], text: str, fill: tuple[int, int, int], font: Font) -> None:
        draw.text(xy, text, fill=fill, font=font)
        said.append(text)

    write((20, 16), title, TEXT, font)

    def x_for(score: float) -> int:
        return BAR_LEFT + round(BAR_MAX * max(score - 1, 0) / 4)

    prior_x = x_for(board.prior_mean)
    draw.line([(prior_x, TOP - 6), (prior_x, height - 30)], fill=GRID, width=2)
    mean = tr(lang, "chart-server-mean", mean=decimal(lang, board.prior_mean))
    write((prior_x - 40, height - 26), mean, MUTED, small)
    for index, (heading, row, colour) in enumerate(lines):
        y = TOP + index * ROW
        if row is None:
            write((20, y + 8), heading, colour, font)
            continue
        write((36, y + 6), f"{row.rank}. {_short(row.name)}", TEXT, font)
        end = max(x_for(row.score), BAR_LEFT + 2)
        draw.rectangle([BAR_LEFT, y + 6, end, y + ROW - 8], fill=colour)
        write((end + 8, y + 8), decimal(lang, row.score), TEXT, small)
    if not lines:
        write((20, TOP + 6), tr(lang, "chart-too-few"), MUTED, font)
    info = PngInfo()
    info.add_itxt("Description", "\n".join(said), lang=lang)
    buffer = io.BytesIO()
    # A few flat colours and anti-aliased text: 32 palette colours look the same and
    # the file is about 4x smaller (28.6 -> 6.7 KB on the largest server's week), which
    # every member shown the chart uploads and downloads (a burst of /leaderboard
    # sends it a hundred times). Median cut keeps the flat colours exact.
    palette = image.quantize(PALETTE_COLOURS, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(buffer, format="PNG", optimize=True, pnginfo=info)
    return buffer.getvalue()
