"""Dates as Vietnamese documents write them, and the malformed ones they sometimes contain.

Forms recognised (on the folded text): "ngày 28 tháng 02 năm 2023", "ngày 05/3/2024",
"05-3-2024", "05.3.2024", and month-only "tháng 12/2023" / "tháng 12 năm 2023". A date
after "ngày" that cannot be read — "ngày 31/2017" (no month), "ngày 30/02/2023", a
two-digit year — is reported as *malformed*: the caller warns and keeps no date, rather
than guessing what the author meant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateHit", "find_dates", "first_full_date"]


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression found in a text."""

    start: int
    end: int
    value: str | None  # "2023-02-28", "2023-12" for a month, None when unreadable
    precision: str  # "day", "month", "partial" (day and month without a year)
    malformed: bool


_WORDY_RE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{2,4})(?!\d)")
_NUMERIC_RE = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d]|\s?/\s?[a-z]|-[a-z])"
)
_AFTER_NGAY_RE = re.compile(r"ngay\s+(\d{1,4}(?:\s*[/.\-]\s*\d{1,4}){1,3})(?![\d/])")
_MONTH_RE = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|nam\s+)\s*(\d{4})(?!\d)")
_NGAY_BEFORE_RE = re.compile(r"ngay\s*$")
_DIGIT_RE = re.compile(r"\d")


def _valid(year: int, month: int, day: int) -> str | None:
    """ISO form of the date, or None when no such day exists (or the year is implausible)."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(folded: str) -> list[DateHit]:
    """All date expressions of ``folded`` (a :func:`~.textutil.fold` text), in order."""
    if not _DIGIT_RE.search(folded):
        return []  # most sentences have no number at all
    hits: list[DateHit] = []
    occupied = bytearray(len(folded))  # one flag per character: linear however many dates

    def free(start: int, end: int) -> bool:
        """True when no date found so far overlaps ``start:end``."""
        return not any(occupied[start:end])

    def take(start: int, end: int) -> None:
        """Mark ``start:end`` as part of a date found."""
        occupied[start:end] = b"\x01" * (end - start)

    for m in _WORDY_RE.finditer(folded):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        value = _valid(int(year), month, day) if len(year) == 4 else None
        hits.append(DateHit(m.start(), m.end(), value, "day", value is None))
        take(m.start(), m.end())
    for m in _NUMERIC_RE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        value = _valid(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        after_ngay = bool(_NGAY_BEFORE_RE.search(folded[max(0, m.start() - 6) : m.start()]))
        if value is None and not after_ngay:
            continue  # "35/12/2023" without "ngày" may be anything but a date
        start = folded.rfind("ngay", 0, m.start()) if after_ngay else m.start()
        hits.append(DateHit(start, m.end(), value, "day", value is None))
        take(start, m.end())
    for m in _AFTER_NGAY_RE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        parts = re.split(r"\s*[/.\-]\s*", m.group(1))
        if len(parts) == 2 and all(len(p) <= 2 for p in parts):
            # "ngày 15/12": day and month, the year implied by the context — not an error.
            hits.append(DateHit(m.start(), m.end(), None, "partial", False))
        else:
            hits.append(DateHit(m.start(), m.end(), None, "day", True))
        take(m.start(), m.end())
    for m in _MONTH_RE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        month, year = int(m.group(1)), int(m.group(2))
        value = f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2100 else None
        hits.append(DateHit(m.start(), m.end(), value, "month", value is None))
        take(m.start(), m.end())
    hits.sort(key=lambda h: h.start)
    return hits


def first_full_date(folded: str) -> DateHit | None:
    """The first day-precision date (valid or malformed) in ``folded``."""
    for hit in find_dates(folded):
        if hit.precision == "day":
            return hit
    return None
