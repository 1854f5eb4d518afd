"""Vietnamese lunar calendar (âm lịch): conversion to and from the Gregorian calendar.

The Vietnamese calendar is the traditional East Asian lunisolar calendar reckoned for
the meridian of UTC+7, so it sometimes differs from the Chinese one (UTC+8): when a new
moon falls between 00:00 and 01:00 Beijing time, the Vietnamese month starts a day
earlier (Tết 2030 is 02/02/2030 in Vietnam, 03/02/2030 in China), and that can also move
a month into another place in the leap-month rules (Tết 1985 is 21/01/1985 in Vietnam,
20/02/1985 in China; Tết 2007 is 17/02/2007 against 18/02/2007).

The rules, as used by the official Vietnamese calendar since 1968:

* A lunar month starts on the local (UTC+7) civil day that contains a new moon.
* Month 11 is the month that contains the winter solstice (the sun at longitude 270°).
* When 13 months start between one month 11 and the next, the first of them (after
  month 11) in which no major solar term (trung khí: the sun crossing a multiple of 30°
  of longitude) begins is the leap month; it takes the number of the month before it.
* A month "contains" a term when the sun's longitude at 00:00 local time of the month's
  first day and at 00:00 of the next month's first day lie in different 30° sectors.

The astronomy is computed here from Jean Meeus, *Astronomical Algorithms* (2nd ed.):
the times of the new moons from chapter 49 (mean lunation plus the periodic and
planetary-argument corrections), the apparent longitude of the sun from chapter 25
(accurate to about 0.01°), and ΔT = TT - UT from the Espenak-Meeus polynomials. The same
approach is the one popularised for Vietnam by Hồ Ngọc Đức; this module is an
independent implementation of the astronomy.

Checked against a full ephemeris (PyEphem) over 1800-2200: the computed new moons agree
within a minute, and the sun's 30° sector at every month start agrees. A month's first
day can only be in doubt when a new moon falls within seconds of local midnight (the one
case in range is 07/07/1967, about 23:59:58 UTC+7 here).

Before 1968 Vietnam actually used the Chinese (UTC+8) reckoning; like the published
Vietnamese perpetual calendars, this module applies the UTC+7 rules to every year.

Supported range: the Gregorian dates 01/01/``MIN_YEAR`` to 31/12/``MAX_YEAR``
(1800-2199), in both directions (so lunar dates from late lunar 1799 to late lunar 2199);
anything outside raises ValueError. Only the
standard library is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "TIME_ZONE",
    "LunarDate",
    "LunarMonth",
    "leap_month",
    "lunar_to_solar",
    "month_length",
    "solar_to_lunar",
    "tet",
    "year_months",
]

TIME_ZONE: float = 7.0
"""Hours east of UTC of the meridian the Vietnamese calendar is reckoned for."""

MIN_YEAR: int = 1800
MAX_YEAR: int = 2199

_SYNODIC_MONTH = 29.530588861  # mean length of a lunation, days
_J2000 = 2451545.0  # 2000-01-01 12:00 TT
_JDN_OFFSET = 1721425  # date.toordinal() + _JDN_OFFSET == Julian Day Number (at noon)
_FIRST_NEW_MOON_2000 = 2451550.09766  # JDE of lunation k = 0 (2000-01-06)


def _jdn(d: date) -> int:
    return d.toordinal() + _JDN_OFFSET


def _date(jdn: int) -> date:
    return date.fromordinal(jdn - _JDN_OFFSET)


def _sin(degrees: float) -> float:
    return math.sin(math.radians(degrees))


def _delta_t(jd: float) -> float:
    """TT - UT in seconds at Julian day ``jd`` (Espenak & Meeus polynomial fits)."""
    y = 2000.0 + (jd - _J2000) / 365.25
    if y < 1800:
        u = (y - 1820) / 100
        return -20 + 32 * u * u
    if y < 1860:
        t = y - 1800
        return (
            13.72
            - 0.332447 * t
            + 0.0068612 * t**2
            + 0.0041116 * t**3
            - 0.00037436 * t**4
            + 0.0000121272 * t**5
            - 0.0000001699 * t**6
            + 0.000000000875 * t**7
        )
    if y < 1900:
        t = y - 1860
        return (
            7.62
            + 0.5737 * t
            - 0.251754 * t**2
            + 0.01680668 * t**3
            - 0.0004473624 * t**4
            + t**5 / 233174
        )
    if y < 1920:
        t = y - 1900
        return -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    if y < 1941:
        t = y - 1920
        return 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    if y < 1961:
        t = y - 1950
        return 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    if y < 1986:
        t = y - 1975
        return 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    if y < 2005:
        t = y - 2000
        return (
            63.86
            + 0.3345 * t
            - 0.060374 * t**2
            + 0.0017275 * t**3
            + 0.000651814 * t**4
            + 0.00002373599 * t**5
        )
    if y < 2050:
        t = y - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t**2
    u = (y - 1820) / 100
    if y < 2150:
        return -20 + 32 * u * u - 0.5628 * (2150 - y)
    return -20 + 32 * u * u


# Periodic terms of the true new moon (Meeus table 49.A): coefficient, power of E,
# multiples of (M, M', F, Ω).
_NEW_MOON_TERMS: tuple[tuple[float, int, int, int, int, int], ...] = (
    (-0.40720, 0, 0, 1, 0, 0),
    (0.17241, 1, 1, 0, 0, 0),
    (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0),
    (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0),
    (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0),
    (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0),
    (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0),
    (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0),
    (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0),
    (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)

# Planetary arguments (Meeus, after table 49.A): coefficient, A at k = 0, rate per
# lunation.
_PLANETARY_TERMS: tuple[tuple[float, float, float], ...] = (
    (0.000325, 299.77, 0.107408),
    (0.000165, 251.88, 0.016321),
    (0.000164, 251.83, 26.651886),
    (0.000126, 349.42, 36.412478),
    (0.000110, 84.66, 18.206239),
    (0.000062, 141.74, 53.303771),
    (0.000060, 207.14, 2.453732),
    (0.000056, 154.84, 7.306860),
    (0.000047, 34.52, 27.261239),
    (0.000042, 207.19, 0.121824),
    (0.000040, 291.34, 1.844379),
    (0.000037, 161.72, 24.198154),
    (0.000035, 239.56, 25.513099),
    (0.000023, 331.55, 3.592518),
)


def _new_moon_jde(k: int) -> float:
    """Julian Ephemeris Day (TT) of the ``k``-th new moon after 2000-01-06."""
    t = k / 1236.85
    t2, t3, t4 = t * t, t**3, t**4
    jde = (
        _FIRST_NEW_MOON_2000
        + _SYNODIC_MONTH * k
        + 0.00015437 * t2
        - 0.000000150 * t3
        + 0.00000000073 * t4
    )
    e = 1 - 0.002516 * t - 0.0000074 * t2
    m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3  # sun's anomaly
    mp = (
        201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4
    )  # moon's anomaly
    f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4
    omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3
    for coefficient, e_power, cm, cmp, cf, co in _NEW_MOON_TERMS:
        jde += coefficient * e**e_power * _sin(cm * m + cmp * mp + cf * f + co * omega)
    jde += sum(
        coefficient * _sin(a0 + rate * k - (0.009173 * t2 if index == 0 else 0.0))
        for index, (coefficient, a0, rate) in enumerate(_PLANETARY_TERMS)
    )
    return jde


@lru_cache(maxsize=8192)
def _new_moon_day(k: int) -> int:
    """Julian Day Number of the local (UTC+7) civil day containing new moon ``k``."""
    jde = _new_moon_jde(k)
    jd_ut = jde - _delta_t(jde) / 86400
    return math.floor(jd_ut + 0.5 + TIME_ZONE / 24)


def _sun_longitude(jde: float) -> float:
    """Apparent geocentric longitude of the sun, degrees in [0, 360) (Meeus ch. 25)."""
    t = (jde - _J2000) / 36525
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t
    c = (
        (1.914602 - 0.004817 * t - 0.000014 * t * t) * _sin(m)
        + (0.019993 - 0.000101 * t) * _sin(2 * m)
        + 0.000289 * _sin(3 * m)
    )
    omega = 125.04 - 1934.136 * t
    return (l0 + c - 0.00569 - 0.00478 * _sin(omega)) % 360


def _sun_sector(jdn: int) -> int:
    """Which 30° sector of longitude the sun is in at 00:00 local time of day ``jdn``."""
    jd_ut = jdn - 0.5 - TIME_ZONE / 24
    return int(_sun_longitude(jd_ut + _delta_t(jd_ut) / 86400) // 30)


def _lunation_of(jdn: int) -> int:
    """Index ``k`` of the lunar month in progress on day ``jdn``."""
    k = math.floor((jdn - _FIRST_NEW_MOON_2000) / _SYNODIC_MONTH)
    while _new_moon_day(k) > jdn:
        k -= 1
    while _new_moon_day(k + 1) <= jdn:
        k += 1
    return k


@lru_cache(maxsize=1024)
def _winter_solstice_day(year: int) -> int:
    """Julian Day Number of the local day of the December solstice of ``year``."""
    jde = float(_jdn(date(year, 12, 21)))
    for _ in range(10):
        step = 58.13 * _sin(270.0 - _sun_longitude(jde))
        jde += step
        if abs(step) < 1e-7:
            break
    jd_ut = jde - _delta_t(jde) / 86400
    return math.floor(jd_ut + 0.5 + TIME_ZONE / 24)


@dataclass(frozen=True)
class LunarMonth:
    """One lunar month: its number, whether it is the leap (nhuận) month, its lunar
    year, the Gregorian date of its first day and its length (29 or 30 days)."""

    month: int
    year: int
    is_leap_month: bool
    start: date
    length: int

    @property
    def end(self) -> date:
        """The Gregorian date of the month's last day."""
        return date.fromordinal(self.start.toordinal() + self.length - 1)


@lru_cache(maxsize=1024)
def _sui(year: int) -> tuple[LunarMonth, ...]:
    """The months from month 11 of lunar year ``year`` up to, not including, the next
    month 11 (whose start is in Gregorian ``year + 1``): 12 or 13 months."""
    k0 = _lunation_of(_winter_solstice_day(year))
    k1 = _lunation_of(_winter_solstice_day(year + 1))
    count = k1 - k0
    leap_offset = None
    if count == 13:
        leap_offset = next(
            i
            for i in range(1, 13)
            if _sun_sector(_new_moon_day(k0 + i)) == _sun_sector(_new_moon_day(k0 + i + 1))
        )
    months = []
    number = 10
    for i in range(count):
        is_leap = i == leap_offset
        if not is_leap:
            number = number % 12 + 1
        start = _new_moon_day(k0 + i)
        months.append(
            LunarMonth(
                month=number,
                year=year if number >= 11 else year + 1,
                is_leap_month=is_leap,
                start=_date(start),
                length=_new_moon_day(k0 + i + 1) - start,
            )
        )
    return tuple(months)


@dataclass(frozen=True)
class LunarDate:
    """A date of the Vietnamese lunar calendar. ``year`` is the Gregorian year in which
    the lunar year begins (so lunar 1/1/2024 is Tết Giáp Thìn, 10/02/2024)."""

    day: int
    month: int
    year: int
    is_leap_month: bool = False

    def to_solar(self) -> date:
        """The Gregorian date of this lunar date."""
        return lunar_to_solar(self.day, self.month, self.year, self.is_leap_month)

    def __str__(self) -> str:
        leap = " nhuận" if self.is_leap_month else ""
        return f"{self.day}/{self.month}{leap}/{self.year} (âm lịch)"


def _check_year(year: int, *, lunar: bool = False) -> None:
    # Lunar year MIN_YEAR - 1 is the one in progress on 1 January of MIN_YEAR.
    low = MIN_YEAR - 1 if lunar else MIN_YEAR
    if not low <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside the supported range {low}-{MAX_YEAR}")


def solar_to_lunar(d: date) -> LunarDate:
    """The Vietnamese lunar date of the Gregorian date ``d``."""
    _check_year(d.year)
    year = d.year if d >= _sui(d.year)[0].start else d.year - 1
    for month in _sui(year):
        if month.start <= d <= month.end:
            return LunarDate(
                day=d.toordinal() - month.start.toordinal() + 1,
                month=month.month,
                year=month.year,
                is_leap_month=month.is_leap_month,
            )
    raise AssertionError(f"no lunar month contains {d}")  # pragma: no cover


def year_months(year: int) -> tuple[LunarMonth, ...]:
    """The months of lunar year ``year`` in order, from month 1 (Tết) to month 12,
    including its leap month if it has one."""
    _check_year(year, lunar=True)
    return tuple(m for m in _sui(year - 1) + _sui(year) if m.year == year)


def _find_month(month: int, year: int, leap: bool) -> LunarMonth:
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month must be 1..12, not {month}")
    _check_year(year, lunar=True)
    for candidate in _sui(year - 1 if month < 11 else year):
        if candidate.month == month and candidate.is_leap_month == leap:
            return candidate
    raise ValueError(f"lunar year {year} has no leap month {month}")


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False) -> date:
    """The Gregorian date of lunar day ``day`` of month ``month`` (the leap month of
    that number when ``leap``) of lunar year ``year``.

    Raises ValueError for a month that does not exist (a leap month the year does not
    have) or a day beyond the month's length (day 30 of a 29-day month).
    """
    found = _find_month(month, year, leap)
    if not 1 <= day <= found.length:
        raise ValueError(
            f"lunar month {month}{' (leap)' if leap else ''}/{year} has {found.length} days"
        )
    result = date.fromordinal(found.start.toordinal() + day - 1)
    _check_year(result.year)
    return result


def month_length(month: int, year: int, leap: bool = False) -> int:
    """Number of days (29 or 30) in the given lunar month."""
    return _find_month(month, year, leap).length


def leap_month(year: int) -> int | None:
    """The number of the leap month of lunar year ``year``, or None if it has none."""
    return next((m.month for m in year_months(year) if m.is_leap_month), None)


def tet(year: int) -> date:
    """The Gregorian date of Tết Nguyên đán (lunar 1/1) of ``year``."""
    return lunar_to_solar(1, 1, year)
