"""Counting: quorum, the result of each candidate against the threshold, and the ranking
within a quota. Pure functions over plain values, so every rule is tested directly.

Rules (DOMAIN §4–§5; see docs/adr/0702-council-counting.md):

- Quorum: members present × denominator ≥ members × numerator (2/3 by default). Written
  votes of absent members do not make a quorum.
- Denominator: “all members” = the council's members; “present” = the members who took
  part in the vote (present, or absent with a written vote). A member with a declared
  conflict is not entitled to vote on that candidate and is left out of that candidate's
  denominator under both settings.
- Threshold: strictly above p% (majority: > 50%) or at least p% (CSTĐCS: ≥ 80%).
- Ranking within a target group: those who passed first; then the plan's own priority
  (people who directly perform CCHC tasks); then the share of votes for (a share, not a
  count, so a member's declared conflict does not count against the candidate); then the
  law's tie-break (women; collectives with ≥ 70% women); then the scorecard's score; then
  the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def has_quorum(present: int, members: int, numerator: int, denominator: int) -> bool:
    if members == 0:
        return False
    return present * denominator >= members * numerator


def quorum_needed(members: int, numerator: int, denominator: int) -> int:
    """The smallest number present that makes the quorum."""
    return -(-members * numerator // denominator)


def passes(votes_for: int, base: int, percent: int, strict: bool) -> bool:
    if base <= 0:
        return False
    if strict:
        return votes_for * 100 > percent * base
    return votes_for * 100 >= percent * base


def percent_of(votes_for: int, base: int) -> Decimal:
    if base <= 0:
        return Decimal("0")
    return (Decimal(votes_for) * 100 / base).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Result:
    """The vote on one candidate."""

    candidate_id: int
    target: str
    name: str
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0
    base: int = 0
    passed: bool = False
    priority: bool = False
    women_first: bool = False
    score: Decimal = Decimal("0")
    sort_name: str = ""
    rank: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def share(self) -> Fraction:
        """Votes for over the denominator, exact (for ranking)."""
        return Fraction(self.votes_for, self.base) if self.base else Fraction(0)

    @property
    def percent(self) -> Decimal:
        return percent_of(self.votes_for, self.base)

    @property
    def percent_text(self) -> str:
        return f"{self.percent}".replace(".", ",")

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain


def rank(results: list[Result], women_label: str) -> list[Result]:
    """Order one target group's results and say why each stands where it does."""

    def key(r: Result):
        return (not r.passed, not r.priority, -r.share, not r.women_first, -r.score, r.sort_name)

    ordered = sorted(results, key=key)
    for index, row in enumerate(ordered, start=1):
        row.rank = index
        row.reasons = []
        if not row.passed:
            row.reasons.append("Chưa đạt tỷ lệ đồng ý theo quy chế")
        elif row.priority:
            row.reasons.append("Trực tiếp thực hiện nhiệm vụ CCHC (ưu tiên theo kế hoạch)")
        if index == 1:
            continue
        above = ordered[index - 2]
        same_group = above.passed == row.passed and above.priority == row.priority
        if same_group and above.share == row.share:
            if above.women_first and not row.women_first:
                row.reasons.append(
                    f"Bằng tỷ lệ đồng ý với {above.name}; ưu tiên {women_label} (Luật TĐKT)"
                )
            elif above.score != row.score:
                row.reasons.append(f"Bằng tỷ lệ đồng ý với {above.name}; xếp theo điểm thi đua")
            else:
                row.reasons.append(f"Bằng tỷ lệ đồng ý và điểm với {above.name}; xếp theo tên")
    return ordered


@dataclass(frozen=True)
class QuotaLimit:
    """How many of a target group may be approved."""

    minimum: int | None
    maximum: int | None
    text: str

    def refuses(self, approved: int) -> bool:
        """Whether approving one more than ``approved`` breaks the maximum."""
        return self.maximum is not None and approved + 1 > self.maximum

    def below_minimum(self, approved: int) -> bool:
        return self.minimum is not None and approved < self.minimum
