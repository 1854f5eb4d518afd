"""Dates as written in Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP).

The "địa danh và thời gian ban hành" line of a document (Phụ lục I, mục 5) reads
``Mộ Lao, ngày 28 tháng 02 năm 2023``: days below 10 and the months 1 and 2 take a leading
zero. The odd rule for the month exists so that nobody can add a digit in front of a
handwritten "1" or "2" (turning tháng 1 into tháng 11 or 12); months 3 to 9 cannot be
extended that way, so they are written without the zero.
"""

from __future__ import annotations

import datetime
import re

from thidua.vn.text import normalize_text

__all__ = ["date_line", "format_date", "parse_date", "parse_date_line"]

_DATE_LINE_RE = re.compile(
    # Greedy place: if a place name itself contains ", ngày", the real date is the last one.
    r"^(?P<place>.+),\s*ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})"
    r"\s+năm\s+(?P<year>\d{1,4})\s*\.?$",
    re.IGNORECASE,
)
_DATE_RE = re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})$")


def _require_date(d: object) -> datetime.date:
    """Reject anything that is not a date; a datetime is reduced to its date part."""
    if isinstance(d, datetime.datetime):
        return d.date()
    if isinstance(d, datetime.date):
        return d
    raise TypeError(f"Cần một giá trị ngày (datetime.date), nhận được {type(d).__name__}")


def _make_date(year: str, month: str, day: str, text: str) -> datetime.date:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"Ngày không hợp lệ: {text!r}") from None


def date_line(place: str, d: datetime.date) -> str:
    """Return the place-and-date line of a document, per Nghị định 30/2020.

    >>> import datetime
    >>> date_line("Mộ Lao", datetime.date(2023, 2, 28))
    'Mộ Lao, ngày 28 tháng 02 năm 2023'
    >>> date_line("Hà Nội", datetime.date(2024, 3, 5))
    'Hà Nội, ngày 05 tháng 3 năm 2024'
    """
    the_date = _require_date(d)
    place_name = normalize_text(place)
    if not place_name:
        raise ValueError("Địa danh không được để trống")
    month = f"{the_date.month:02d}" if the_date.month <= 2 else str(the_date.month)
    return f"{place_name}, ngày {the_date.day:02d} tháng {month} năm {the_date.year}"


def parse_date_line(text: str) -> tuple[str, datetime.date]:
    """Parse a line produced by :func:`date_line` (or typed by hand) into (place, date).

    Leading zeros are optional, so older documents that wrote "tháng 03" also parse.

    >>> parse_date_line("Mộ Lao, ngày 28 tháng 02 năm 2023")
    ('Mộ Lao', datetime.date(2023, 2, 28))
    """
    normalized = normalize_text(text)
    match = _DATE_LINE_RE.match(normalized)
    if match is None:
        raise ValueError(f"Dòng địa danh, ngày tháng không hợp lệ: {text!r}")
    place = match["place"].strip()
    return place, _make_date(match["year"], match["month"], match["day"], text)


def format_date(d: datetime.date) -> str:
    """Return the date as dd/mm/yyyy, both day and month zero-padded.

    >>> import datetime
    >>> format_date(datetime.date(2023, 2, 8))
    '08/02/2023'
    """
    the_date = _require_date(d)
    return f"{the_date.day:02d}/{the_date.month:02d}/{the_date.year:04d}"


def parse_date(text: str) -> datetime.date:
    """Parse a dd/mm/yyyy date (leading zeros optional; "-" and "." also accepted).

    >>> parse_date("8/2/2023")
    datetime.date(2023, 2, 8)
    """
    match = _DATE_RE.match(text.strip())
    if match is None:
        raise ValueError(f"Ngày không đúng định dạng dd/mm/yyyy: {text!r}")
    return _make_date(match["year"], match["month"], match["day"], text)
