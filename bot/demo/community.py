"""The demo's community: who is in it and which stories they tell, chosen by a seed.

A fixed cast and a fixed catalogue of experiences; the seed decides who tells which,
the exact ratings, the order, and who finds which story relatable. The same seed gives
the same community, so the transcript (and the README's screenshots) can be made again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.domain.brands import Industry
from bot.domain.submission import Resolution

MEMBERS = ("alice", "bob", "chloe", "dmitri", "emma", "farid", "grace", "hugo")
NEW_MEMBERS = MEMBERS[2:]  # the stand-in knows alice and bob already


@dataclass(frozen=True)
class Brand:
    name: str
    industry: Industry
    great_odds: float  # how likely a story about it is a great one


BRANDS = (
    Brand("Porter Airlines", Industry.AIRLINE, 0.85),
    Brand("Air Canada", Industry.AIRLINE, 0.3),
    Brand("Rogers", Industry.TELECOM, 0.15),
    Brand("Bell", Industry.TELECOM, 0.5),
    Brand("Tim Hortons", Industry.FOOD_DRINK, 0.75),
    Brand("IKEA", Industry.RETAIL, 0.6),
    Brand("Tangerine", Industry.FINANCE, 0.9),
)

GREAT = (
    (
        "Sorted in one call",
        "I called expecting a long wait. The agent fixed the problem while we talked and "
        "followed up by email the next morning to check it still worked.",
        ("service",),
    ),
    (
        "They remembered me",
        "Third visit this month and the staff greeted me by name, asked how the last purchase "
        "worked out and pointed me to a cheaper option that suits me better.",
        ("buying", "follow_up"),
    ),
    (
        "Early, and well packed",
        "The order arrived a day before the promised date, every piece wrapped, with a "
        "printed list so I could check nothing was missing.",
        ("delivery",),
    ),
    (
        "Does what it says",
        "Six months in and it still works exactly as the advert said. No hidden fees, no "
        "surprises on the bill, and the app is genuinely easy to use.",
        ("using", "billing"),
    ),
    (
        "A refund without asking",
        "A delay on their side: they noticed before I did and refunded the difference "
        "automatically, with a short note saying sorry. That is how it should be done.",
        ("billing", "service"),
    ),
)

DISASTER = (
    (
        "Two hours on hold",
        "Two hours on hold, transferred four times, and the last agent hung up when I asked "
        "for a reference number. The problem is still not fixed.",
        ("service",),
    ),
    (
        "Billed twice, for months",
        "They charged me twice every month since the spring. Each call promised a refund "
        "that never came, and the chat says the case does not exist.",
        ("billing", "service"),
    ),
    (
        "Lost on the way",
        "The delivery was marked as handed over while I was at home all day. Nobody knows "
        "where it went and I am asked to wait another ten working days.",
        ("delivery",),
    ),
    (
        "Broke in a week",
        "It stopped working after a week. The shop sent me to the maker, the maker sent me "
        "back to the shop, and I still have a useless box on my table.",
        ("using", "service"),
    ),
)


@dataclass(frozen=True)
class PlannedStory:
    member: str
    brand: Brand
    great: bool
    rating: int
    headline: str
    body: str
    touchpoints: tuple[str, ...]
    recommend: int
    resolution: Resolution | None
    typed_brand: str  # what the member types in the brand option


def plan_week(rng: random.Random, stories: int = 9) -> list[PlannedStory]:
    """About `stories` stories, every featured brand told at least twice so it can rank."""
    featured = rng.sample(BRANDS, k=max(2, stories // 2))
    picks = [*featured, *featured]
    picks += rng.sample(featured, k=max(0, stories - len(picks)))
    rng.shuffle(picks)
    planned: list[PlannedStory] = []
    for brand in picks:
        great = rng.random() < brand.great_odds
        headline, body, touchpoints = rng.choice(GREAT if great else DISASTER)
        typed = brand.name
        planned.append(
            PlannedStory(
                member=rng.choice(MEMBERS),
                brand=brand,
                great=great,
                rating=rng.choice((4, 5, 5)) if great else rng.choice((1, 1, 2)),
                headline=headline,
                body=body,
                touchpoints=touchpoints,
                recommend=rng.randint(8, 10) if great else rng.randint(0, 3),
                resolution=None if great else rng.choice(list(Resolution)),
                typed_brand=typed,
            )
        )
    return planned


def readers_who_relate(rng: random.Random, author: str) -> list[str]:
    """A few members (never the author) who click Relatable under a post."""
    others = [m for m in MEMBERS if m != author]
    return rng.sample(others, k=rng.choice((0, 1, 2, 3, 4)))


def near_miss(name: str) -> str:
    """The brand as typed in a hurry: one letter dropped ("Porter Airlines" → "Porer …")."""
    return name[:3] + name[4:]
