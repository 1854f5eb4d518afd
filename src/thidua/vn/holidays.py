"""Vietnamese public holidays and working-day arithmetic for civil servants.

Public holidays (ngày nghỉ lễ, tết) follow Bộ luật Lao động 2019, Điều 112 khoản 1:

* Tết Dương lịch: 1 day, 01/01.
* Tết Âm lịch (Tết Nguyên đán): 5 days, which the Prime Minister fixes every year
  (Điều 112 khoản 3). Default, used for any year without an announcement: the last day
  of the old lunar year and the first four days of the new one; when that block contains
  a Saturday it starts one day earlier (the second-to-last day of the old year, then the
  last day and the first three days). With the compensation rule below this reproduces
  the announced Tết break of every year from 2020 to 2026, and the announced Tết days
  where the announcement names them: 2024 "2 ngày trước Tết và 3 ngày sau Tết"
  (08/02-12/02/2024), 2025 "28 tháng Chạp đến mùng 3" (27/01-31/01/2025), 2026 "29
  tháng Chạp đến mùng 4" (16/02-20/02/2026).
* Giỗ Tổ Hùng Vương: 1 day, 10/3 of the lunar calendar.
* Ngày Chiến thắng: 1 day, 30/04.
* Ngày Quốc tế Lao động: 1 day, 01/05.
* Quốc khánh: 2 days, 02/09 and one day next to it, chosen by the Prime Minister every
  year (since 2021; one day before that). Default rule, which reproduces every choice
  made from 2021 to 2026: the day before (01/09), except the day after (03/09) when 02/09
  is a Sunday, a Monday or a Thursday (so that 01/09 is not a weekend day, and so that a
  Thursday 02/09 is bridged to the weekend through Friday 03/09).

Compensation (nghỉ bù, Điều 111 khoản 3): a holiday that falls on a weekly rest day
(Saturday or Sunday for civil servants) gives a day off on the next working day that is
not itself a holiday or another compensation day. Two holidays on the same date (Giỗ Tổ
on 30/04 happened in 1803 and 1947 only) are treated the same way: the second one is
compensated on the next working day.

Ngày Văn hóa Việt Nam (24/11): the Politburo decided in January 2026 (Nghị quyết
80-NQ/TW) that it should become a paid holiday, and the Government (Nghị quyết
30/NQ-CP, 02/2026) asked for Điều 112 to be amended accordingly; it is not law yet, so it
is only counted when a calendar is built with ``culture_day_from=<first year>``.

What the government announces every year (Thông báo of Bộ LĐ-TB&XH, since 03/2025 of Bộ
Nội vụ, or Công văn of Văn phòng Chính phủ) is plain data, ``Adjustments``: the fixed Tết
days and the day next to Quốc khánh when they differ from the defaults, swapped days off
(ngày nghỉ hoán đổi) and the Saturdays worked in exchange (ngày làm bù). ``ANNOUNCED``
holds the known announcements for 2023-2026; the Office can edit its own copy in the
database, which is why ``WorkCalendar`` takes everything as plain arguments.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from thidua.vn.lunar import lunar_to_solar

__all__ = [
    "ANNOUNCED",
    "CULTURE_DAY",
    "DAY_OFF",
    "HUNG_KINGS",
    "LABOUR_DAY",
    "NATIONAL_DAY",
    "NEW_YEAR",
    "TET",
    "VICTORY_DAY",
    "Adjustments",
    "Timeliness",
    "TimelinessStatus",
    "WorkCalendar",
    "default_calendar",
    "default_national_day_extra",
    "default_tet_days",
]

NEW_YEAR = "Tết Dương lịch"
TET = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương"
VICTORY_DAY = "Ngày Chiến thắng 30/4"
LABOUR_DAY = "Quốc tế Lao động 1/5"
NATIONAL_DAY = "Quốc khánh 2/9"
CULTURE_DAY = "Ngày Văn hóa Việt Nam"
DAY_OFF = "Nghỉ bù"

_SATURDAY = 5
_ONE_DAY = timedelta(days=1)
# Weekday of 02/09 -> offset of the extra Quốc khánh day (-1: 01/09, +1: 03/09).
_NATIONAL_DAY_EXTRA_OFFSET = {0: 1, 1: -1, 2: -1, 3: 1, 4: -1, 5: -1, 6: 1}


def default_tet_days(year: int) -> tuple[date, ...]:
    """The five Tết days of Gregorian ``year`` under the default rule (see the module
    docstring): the last day of the old lunar year and days 1-4 of lunar year ``year``,
    moved one day earlier when that block contains a Saturday."""
    first = lunar_to_solar(1, 1, year) - _ONE_DAY
    days = tuple(first + timedelta(days=i) for i in range(5))
    if any(d.weekday() == _SATURDAY for d in days):
        days = tuple(d - _ONE_DAY for d in days)
    return days


def default_national_day_extra(year: int) -> date:
    """The default second Quốc khánh day of ``year``: 01/09, or 03/09 when 02/09 is a
    Sunday, Monday or Thursday (the government's choice in every year 2021-2026)."""
    national_day = date(year, 9, 2)
    return national_day + timedelta(days=_NATIONAL_DAY_EXTRA_OFFSET[national_day.weekday()])


@dataclass(frozen=True, init=False)
class Adjustments:
    """What the government announced for one year.

    ``extra_days_off``: days off besides the holidays and their automatic compensation
    days, typically a working day swapped for a Saturday (ngày nghỉ hoán đổi).
    ``make_up_working_days``: rest days worked instead (ngày làm bù), usually Saturdays;
    they are working days even though they fall on the weekend.
    ``tet_days``: the five Tết days as fixed by the Prime Minister (None: use
    ``default_tet_days``). ``national_day_extra``: the day next to 02/09 as chosen, 01/09
    or 03/09 (None: use ``default_national_day_extra``). ``source``: where it comes from.

    Any iterables are accepted for the dates; they are stored as a frozenset (days off,
    make-up days) and a sorted tuple (Tết days).
    """

    extra_days_off: frozenset[date]
    make_up_working_days: frozenset[date]
    tet_days: tuple[date, ...] | None
    national_day_extra: date | None
    source: str

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        make_up_working_days: Iterable[date] = (),
        tet_days: Iterable[date] | None = None,
        national_day_extra: date | None = None,
        source: str = "",
    ) -> None:
        off, worked = frozenset(extra_days_off), frozenset(make_up_working_days)
        if off & worked:
            raise ValueError(f"dates both off and worked: {sorted(off & worked)}")
        tet = None if tet_days is None else tuple(sorted(tet_days))
        if tet == ():
            raise ValueError("tet_days must not be empty")
        extra = national_day_extra
        if extra is not None and (extra.month, extra.day) not in ((9, 1), (9, 3)):
            raise ValueError(f"the day next to Quốc khánh is 01/09 or 03/09, not {extra}")
        object.__setattr__(self, "extra_days_off", off)
        object.__setattr__(self, "make_up_working_days", worked)
        object.__setattr__(self, "tet_days", tet)
        object.__setattr__(self, "national_day_extra", extra)
        object.__setattr__(self, "source", source)


# Known announcements for civil servants (cán bộ, công chức, viên chức; Saturday and
# Sunday off). Dates not listed follow the defaults and the compensation rule, which
# already produce the announced days off where no entry is needed.
ANNOUNCED: dict[int, Adjustments] = {
    # 2023 -------------------------------------------------------------------------------
    # Tết Dương lịch: Sun 01/01 + nghỉ bù Mon 02/01 (rule). CONFIRMED.
    # Tết Quý Mão: 7 days Fri 20/01 - Thu 26/01/2023 (29 tháng Chạp - mùng 5), i.e. five
    #   Tết days + 2 compensation days, no make-up Saturday. The defaults produce exactly
    #   these days. BEST KNOWLEDGE, UNCONFIRMED: the official Thông báo (Bộ LĐ-TB&XH,
    #   12/2022) was not available; a make-up Saturday 14/01/2023 could not be confirmed
    #   and is not recorded.
    # Giỗ Tổ Sat 29/04, 30/04 Sun, 01/05 Mon: nghỉ bù Tue 02/05 and Wed 03/05 (rule), off
    #   29/04 - 03/05, no swap and no make-up (a make-up Saturday 06/05/2023 was not
    #   announced). CONFIRMED by the press explanations of the 5-day break.
    # Quốc khánh: Fri 01/09 + Sat 02/09, nghỉ bù Mon 04/09 -> off 01/09 - 04/09, no
    #   make-up Saturday. BEST KNOWLEDGE, UNCONFIRMED (same Thông báo as Tết).
    2023: Adjustments(
        national_day_extra=date(2023, 9, 1),
        source="Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2023 (chưa đối chiếu)",
    ),
    # 2024 -------------------------------------------------------------------------------
    # Tết Giáp Thìn: 5 Tết days Thu 08/02 - Mon 12/02/2024 (29 tháng Chạp - mùng 3, "2
    #   ngày trước Tết, 3 ngày sau Tết") + nghỉ bù Tue 13/02 and Wed 14/02 for the
    #   weekend -> off 08/02 - 14/02. CONFIRMED (Thông báo of Bộ LĐ-TB&XH, late 2023).
    # 30/4-1/5: Mon 29/04 off, swapped with make-up Saturday 04/05/2024 -> off 27/04 -
    #   01/05. CONFIRMED (Công văn 2450/VPCP-KGVX, 04/2024).
    # Quốc khánh: Mon 02/09 + Tue 03/09 -> off 31/08 - 03/09. CONFIRMED (same Thông báo
    #   as Tết).
    2024: Adjustments(
        tet_days=tuple(date(2024, 2, day) for day in range(8, 13)),
        extra_days_off={date(2024, 4, 29)},
        make_up_working_days={date(2024, 5, 4)},
        national_day_extra=date(2024, 9, 3),
        source="Bộ LĐ-TB&XH, thông báo Tết và Quốc khánh 2024; Công văn 2450/VPCP-KGVX",
    ),
    # 2025 -------------------------------------------------------------------------------
    # Tết Ất Tỵ: 5 Tết days Mon 27/01 - Fri 31/01/2025 (28 tháng Chạp - mùng 3) -> off
    #   Sat 25/01 - Sun 02/02 (9 days). CONFIRMED (Thông báo 6150/TB-BLĐTBXH, 2024).
    # Giỗ Tổ: Mon 07/04 (rule).
    # 30/4-1/5: Fri 02/05 off, swapped with make-up Saturday 26/04/2025 -> off 30/04 -
    #   04/05. CONFIRMED (TTXVN/VietnamPlus reporting the Prime Minister's approval).
    # Quốc khánh: Mon 01/09 + Tue 02/09 -> off 30/08 - 02/09. CONFIRMED (Thông báo
    #   6150/TB-BLĐTBXH).
    2025: Adjustments(
        tet_days=tuple(date(2025, 1, day) for day in range(27, 32)),
        extra_days_off={date(2025, 5, 2)},
        make_up_working_days={date(2025, 4, 26)},
        national_day_extra=date(2025, 9, 1),
        source="Thông báo 6150/TB-BLĐTBXH; hoán đổi 02/05 - 26/04/2025 (Thủ tướng đồng ý)",
    ),
    # 2026 -------------------------------------------------------------------------------
    # Tết Dương lịch: Thu 01/01 only, no swap. BEST KNOWLEDGE, UNCONFIRMED.
    # Tết Bính Ngọ: 5 Tết days Mon 16/02 - Fri 20/02/2026 (29 tháng Chạp - mùng 4) -> off
    #   Sat 14/02 - Sun 22/02 (9 days). CONFIRMED (Bộ Nội vụ; press 10/2025). Same as the
    #   default, recorded for clarity.
    # Giỗ Tổ Sun 26/04 -> nghỉ bù Mon 27/04 (rule); 30/04 Thu, 01/05 Fri. No swap known.
    #   BEST KNOWLEDGE, UNCONFIRMED.
    # Quốc khánh: Tue 01/09 + Wed 02/09, Mon 31/08 off swapped with make-up Saturday
    #   22/08/2026 -> off 29/08 - 02/09 (5 days). REPORTED (Bộ Nội vụ proposal of 10/2025
    #   for "5 ngày lễ 2/9", and secondary legal sites); UNCONFIRMED against the final
    #   Thông báo.
    # Ngày Văn hóa Việt Nam 24/11/2026: not law yet, not included (see module docstring).
    2026: Adjustments(
        tet_days=tuple(date(2026, 2, day) for day in range(16, 21)),
        extra_days_off={date(2026, 8, 31)},
        make_up_working_days={date(2026, 8, 22)},
        national_day_extra=date(2026, 9, 1),
        source="Bộ Nội vụ, lịch nghỉ Tết Âm lịch và Quốc khánh 2026 (Quốc khánh chưa đối chiếu)",
    ),
}


TimelinessStatus = Literal["early", "on_time", "late", "overdue", "pending"]


@dataclass(frozen=True)
class Timeliness:
    """How a task stands against its deadline, counted in working days.

    ``working_days`` is: for "early", working days to spare; for "late" and "overdue",
    working days past the deadline; for "pending", working days left after today up to
    and including the deadline; 0 for "on_time".
    """

    status: TimelinessStatus
    working_days: int = 0

    @property
    def label_vi(self) -> str:
        """The Vietnamese label shown to users, e.g. "Trễ 2 ngày làm việc"."""
        if self.status == "early":
            return f"Sớm {self.working_days} ngày làm việc"
        if self.status == "late":
            return f"Trễ {self.working_days} ngày làm việc"
        if self.status == "overdue":
            return f"Quá hạn {self.working_days} ngày làm việc"
        if self.status == "pending":
            return "Chưa đến hạn"
        return "Đúng hạn"


class WorkCalendar:
    """Working days of a Vietnamese public office.

    ``extra_days_off`` and ``make_up_working_days`` are the announced swaps (see
    ``Adjustments``); a make-up day is always a working day and an extra day off never
    is. ``weekend`` is the weekly rest days as ``date.weekday()`` numbers (Saturday and
    Sunday by default). ``tet_days`` and ``national_day_extra`` override, per Gregorian
    year, the default five Tết days and the day next to 02/09. ``culture_day_from``, when
    given, makes 24/11 (Ngày Văn hóa Việt Nam) a holiday from that year on.

    Holidays exist for the years the lunar calendar supports (1800-2199).
    """

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        make_up_working_days: Iterable[date] = (),
        weekend: Iterable[int] = (5, 6),
        *,
        tet_days: Mapping[int, Iterable[date]] | None = None,
        national_day_extra: Mapping[int, date] | None = None,
        culture_day_from: int | None = None,
    ) -> None:
        self._extra_days_off = frozenset(extra_days_off)
        self._make_up_working_days = frozenset(make_up_working_days)
        self._weekend = frozenset(weekend)
        if not self._weekend <= set(range(7)) or len(self._weekend) == 7:
            raise ValueError(
                f"weekend must be some weekday numbers 0-6, not {sorted(self._weekend)}"
            )
        both = self._extra_days_off & self._make_up_working_days
        if both:
            raise ValueError(f"dates both off and worked: {sorted(both)}")
        self._tet_days = {year: tuple(sorted(days)) for year, days in (tet_days or {}).items()}
        self._national_day_extra = dict(national_day_extra or {})
        self._culture_day_from = culture_day_from
        self._days_off_cache: dict[int, dict[date, str]] = {}

    @classmethod
    def from_adjustments(
        cls,
        adjustments: Mapping[int, Adjustments],
        *,
        weekend: Iterable[int] = (5, 6),
        culture_day_from: int | None = None,
    ) -> WorkCalendar:
        """A calendar applying the announcements ``adjustments`` (year -> Adjustments),
        e.g. ``WorkCalendar.from_adjustments(ANNOUNCED)``."""
        extra_days_off: set[date] = set()
        make_up_working_days: set[date] = set()
        tet_days: dict[int, tuple[date, ...]] = {}
        national_day_extra: dict[int, date] = {}
        for year, adjustment in adjustments.items():
            extra_days_off |= adjustment.extra_days_off
            make_up_working_days |= adjustment.make_up_working_days
            if adjustment.tet_days is not None:
                if any(d.year != year for d in adjustment.tet_days):
                    raise ValueError(f"Tết days announced for {year} must be in {year}")
                tet_days[year] = adjustment.tet_days
            if adjustment.national_day_extra is not None:
                if adjustment.national_day_extra.year != year:
                    raise ValueError(f"Quốc khánh day announced for {year} must be in {year}")
                national_day_extra[year] = adjustment.national_day_extra
        return cls(
            extra_days_off,
            make_up_working_days,
            weekend,
            tet_days=tet_days,
            national_day_extra=national_day_extra,
            culture_day_from=culture_day_from,
        )

    # -- holidays ---------------------------------------------------------------------

    def statutory_holidays(self, year: int) -> list[tuple[date, str]]:
        """The public holidays of ``year`` in date order, before any compensation; a
        date appears twice if two holidays fall on it."""
        holidays = [(date(year, 1, 1), NEW_YEAR)]
        tet_days = self._tet_days.get(year) or default_tet_days(year)
        holidays += [(d, TET) for d in tet_days]
        holidays.append((lunar_to_solar(10, 3, year), HUNG_KINGS))
        holidays.append((date(year, 4, 30), VICTORY_DAY))
        holidays.append((date(year, 5, 1), LABOUR_DAY))
        holidays.append((date(year, 9, 2), NATIONAL_DAY))
        if year >= 2021:
            extra = self._national_day_extra.get(year) or default_national_day_extra(year)
            holidays.append((extra, NATIONAL_DAY))
        if self._culture_day_from is not None and year >= self._culture_day_from:
            holidays.append((date(year, 11, 24), CULTURE_DAY))
        return sorted(holidays, key=lambda item: item[0])

    def _days_off(self, year: int) -> dict[date, str]:
        """Statutory holidays of ``year`` and their compensation days (no announced
        swaps), date -> name."""
        cached = self._days_off_cache.get(year)
        if cached is not None:
            return cached
        names: dict[date, str] = {}
        owed: list[date] = []
        for day, name in self.statutory_holidays(year):
            if day in names:
                if name not in names[day]:
                    names[day] = f"{names[day]}, {name}"
                owed.append(day)
            else:
                names[day] = name
                if day.weekday() in self._weekend:
                    owed.append(day)
        compensation: dict[date, str] = {}
        for day in owed:
            candidate = day + _ONE_DAY
            while (
                candidate.weekday() in self._weekend
                or candidate in names
                or candidate in compensation
            ):
                candidate += _ONE_DAY
            compensation[candidate] = DAY_OFF
        days_off = dict(sorted({**names, **compensation}.items()))
        self._days_off_cache[year] = days_off
        return days_off

    def holidays_in(self, year: int) -> dict[date, str]:
        """Every day off of ``year`` other than ordinary weekly rest days, in date
        order: holidays (also those falling on a weekend), compensation days and
        announced extra days off (both named "Nghỉ bù"). Make-up working days are left
        out."""
        days_off = dict(self._days_off(year))
        for day in self._extra_days_off:
            if day.year == year:
                days_off.setdefault(day, DAY_OFF)
        return {
            day: name
            for day, name in sorted(days_off.items())
            if day not in self._make_up_working_days
        }

    def make_up_days_in(self, year: int) -> list[date]:
        """The make-up working days (ngày làm bù) of ``year``, in order."""
        return sorted(d for d in self._make_up_working_days if d.year == year)

    # -- working days -----------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Whether the office works on ``d``."""
        if d in self._make_up_working_days:
            return True
        if d in self._extra_days_off or d in self._days_off(d.year):
            return False
        return d.weekday() not in self._weekend

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (before it when ``n`` is negative); ``d``
        itself when ``n`` is 0, whether or not it is a working day."""
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Signed number of working days from ``start`` to ``end``, counting ``end`` but
        not ``start``: the working days in (start, end] when end > start, minus those in
        [end, start) when end < start, 0 when equal. So
        ``working_days_between(d, add_working_days(d, n)) == n`` for every d and n."""
        if end >= start:
            low, high, sign = start + _ONE_DAY, end, 1
        else:
            low, high, sign = end, start - _ONE_DAY, -1
        if low > high:
            return 0
        # Counted by arithmetic, not day by day: a task overdue for years is listed on
        # every page view. Weekdays first, then the few special days in the range.
        weeks, rest = divmod((high - low).days + 1, 7)
        first = low.weekday()
        count = weeks * (7 - len(self._weekend)) + sum(
            1 for i in range(rest) if (first + i) % 7 not in self._weekend
        )
        days_off = set(self._extra_days_off)
        for year in range(low.year, high.year + 1):
            days_off.update(self._days_off(year))
        for day in days_off:
            if low <= day <= high and day.weekday() not in self._weekend:
                count -= day not in self._make_up_working_days
        for day in self._make_up_working_days:
            if low <= day <= high and day.weekday() in self._weekend:
                count += 1
        return sign * count

    def timeliness(self, deadline: date, completed: date | None, today: date) -> Timeliness:
        """How a task due on ``deadline`` stands, in working days.

        Rules:

        * A deadline that falls on a non-working day moves to the next working day
          (Bộ luật Dân sự 2015, Điều 148 khoản 5).
        * Completed on or before the (moved) deadline: "early" by the working days after
          the completion date up to and including the deadline, or "on_time" when there
          are none (completed on the deadline, or on the weekend just before it).
        * Completed after it: "late", by the working days after the deadline up to and
          including the completion date, where a completion on a non-working day counts
          as done on the next working day. So anything completed after the deadline is
          at least 1 working day late: with a Friday deadline, completing on Saturday,
          Sunday or Monday is "Trễ 1 ngày làm việc", on Tuesday "Trễ 2 ngày làm việc".
        * Not completed (``completed`` is None): "overdue" once ``today`` is past the
          deadline, by as many working days as a completion today would be late;
          otherwise "pending", with the working days left after today up to and
          including the deadline. ``today`` is ignored for completed tasks.
        """
        if not self.is_working_day(deadline):
            deadline = self.add_working_days(deadline, 1)
        if completed is not None:
            if completed <= deadline:
                spare = self.working_days_between(completed, deadline)
                return Timeliness("early", spare) if spare else Timeliness("on_time", 0)
            return Timeliness("late", self._working_days_late(deadline, completed))
        if today <= deadline:
            return Timeliness("pending", self.working_days_between(today, deadline))
        return Timeliness("overdue", self._working_days_late(deadline, today))

    def _working_days_late(self, deadline: date, day: date) -> int:
        if not self.is_working_day(day):
            day = self.add_working_days(day, 1)
        return self.working_days_between(deadline, day)


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The calendar of a civil-service office with the announcements in ``ANNOUNCED``."""
    return WorkCalendar.from_adjustments(ANNOUNCED)
