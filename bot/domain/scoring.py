"""The two numbers the bot ranks and summarises brands by."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["bayesian_score", "net_promoter_score"]


def bayesian_score(count: int, mean: float, prior_mean: float, prior_weight: float) -> float:
    """``(v·R + m·C) / (v + m)``: a mean pulled towards the server's mean ``C``.

    A brand with two 5-star stories should not outrank one with forty 4.8-star ones;
    ``prior_weight`` (m) is how many "average" stories every brand starts with.
    """
    if count < 0 or prior_weight < 0:
        raise ValueError("count and prior_weight must not be negative")
    if count + prior_weight == 0:
        return prior_mean
    return (count * mean + prior_weight * prior_mean) / (count + prior_weight)


def net_promoter_score(answers: Sequence[int]) -> float | None:
    """% promoters (9-10) minus % detractors (0-6), from -100 to 100; None if no answers."""
    if not answers:
        return None
    if any(not 0 <= answer <= 10 for answer in answers):
        raise ValueError("answers must be between 0 and 10")
    promoters = sum(1 for answer in answers if answer >= 9)
    detractors = sum(1 for answer in answers if answer <= 6)
    return 100.0 * (promoters - detractors) / len(answers)
