"""Small statistics helpers, pure Python: proportions and their 95% Wilson interval."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

Z95 = 1.959964


def wilson(p: float, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``p`` (0–1) observed on ``n`` units.

    Wilson rather than the normal approximation because a desk or a staff member often
    has few answers and satisfaction sits near 100%, where the normal interval leaves
    [0, 1].
    """
    if n <= 0:
        return 0.0, 1.0
    p = min(max(p, 0.0), 1.0)
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Rate:
    """A share of satisfied answers, with its sample and 95% interval (all in percent).

    ``respondents`` — the number of citizens — is the sample size of the interval:
    one citizen's answers to the criteria of one factor are not independent, so
    counting answers would make the interval look narrower than it is.
    """

    label: str
    percent: float | None
    respondents: int
    answers: int = 0
    satisfied: int = 0
    key: Any = None
    low: float | None = None
    high: float | None = None
    children: list[Rate] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.percent is not None and self.respondents > 0 and self.low is None:
            low, high = wilson(self.percent / 100, self.respondents)
            self.low, self.high = low * 100, high * 100

    @classmethod
    def of(cls, label: str, satisfied: int, answers: int, respondents: int, key: Any = None):
        percent = satisfied * 100 / answers if answers else None
        return cls(label, percent, respondents, answers, satisfied, key)
