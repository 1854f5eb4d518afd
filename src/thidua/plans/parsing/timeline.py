"""The movement's calendar: registration, launch, sơ kết, tổng kết, the dossier deadline.

A sentence (clause) of the body that names one of these steps *and* a date or a month
becomes an event: "Các đơn vị đăng ký thi đua trước ngày 15/3/2024" → registration,
2024-03-15; "Sơ kết vào tháng 6/2024" → midterm review, 2024-06. Steps named without a
date are not events: a plan that says "tổng kết, đánh giá" in passing sets no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.plans.parsing.dates import find_dates
from thidua.plans.parsing.lines import Block

__all__ = ["Event", "find_timeline"]


@dataclass
class Event:
    """A dated step of the movement."""

    # registration, launch, midterm_review, final_review, dossier_deadline, period_start,
    # period_end
    event: str
    date: str  # "YYYY-MM-DD", or "YYYY-MM" for a month
    text: str
    start: int
    end: int


_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dossier_deadline",
        re.compile(r"\bho so\b.*\b(?:gui|nop|truoc ngay|cham nhat|han)\b|\b(?:gui|nop) ho so\b"),
    ),
    ("registration", re.compile(r"\bdang ky\b")),
    ("midterm_review", re.compile(r"\bso ket\b")),
    ("final_review", re.compile(r"\btong ket\b")),
    ("launch", re.compile(r"\bphat dong\b")),
)
_PERIOD_RE = re.compile(r"\b(?:thoi gian|thoi han)\b[^.;]{0,40}?\btu\b")
_CLAUSE_RE = re.compile(r";|\.(?:\s|$)")


def find_timeline(blocks: list[Block]) -> list[Event]:
    """Dated steps named in ``blocks``, in document order."""
    events: list[Event] = []
    for block in blocks:
        start = 0
        bounds = [m.start() for m in _CLAUSE_RE.finditer(block.fold)] + [len(block.fold)]
        for end in bounds:
            events.extend(_clause_events(block, start, end))
            start = end + 1
    return events


_ANY_STEP_RE = re.compile(r"\b(?:ho so|dang ky|so ket|tong ket|phat dong|thoi gian|thoi han)\b")


def _clause_events(block: Block, c_start: int, c_end: int) -> list[Event]:
    """The dated steps one clause names."""
    clause = block.fold[c_start:c_end]
    if not _ANY_STEP_RE.search(clause):
        return []  # cheap test first: most sentences name no step of the calendar
    hits = [h for h in find_dates(clause) if h.value]
    if not hits:
        return []
    text = block.text[c_start:c_end].strip(" -+•")
    if _PERIOD_RE.search(clause) and len(hits) >= 2:
        return [
            Event("period_start", hits[0].value or "", text, block.start, block.end),
            Event("period_end", hits[1].value or "", text, block.start, block.end),
        ]
    # Each step named takes the first date after its name and before the next step's name
    # ("sơ kết vào tháng 12/2024 và tổng kết vào tháng 12/2025").
    named = sorted(
        ((m.start(), kind) for kind, regex in _KINDS for m in [regex.search(clause)] if m),
        key=lambda item: item[0],
    )
    events: list[Event] = []
    for index, (pos, kind) in enumerate(named):
        limit = named[index + 1][0] if index + 1 < len(named) else len(clause)
        after = [h for h in hits if pos <= h.start < limit]
        hit = after[0] if after else (hits[0] if len(named) == 1 else None)
        if hit is not None:
            events.append(Event(kind, hit.value or "", text, block.start, block.end))
    return events
