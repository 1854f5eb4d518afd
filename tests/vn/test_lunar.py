"""Tests for thidua.vn.lunar: Gregorian <-> Vietnamese lunar calendar (UTC+7)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from thidua.vn.lunar import (
    MAX_YEAR,
    MIN_YEAR,
    LunarDate,
    leap_month,
    lunar_to_solar,
    month_length,
    solar_to_lunar,
    tet,
    year_months,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2020, date(2020, 1, 25)),
        (2021, date(2021, 2, 12)),
        (2022, date(2022, 2, 1)),
        (2023, date(2023, 1, 22)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
    ],
)
def test_tet_falls_on_the_known_dates(year: int, expected: date) -> None:
    assert tet(year) == expected
    assert solar_to_lunar(expected) == LunarDate(1, 1, year)


@pytest.mark.parametrize(
    ("year", "vietnamese", "chinese"),
    [
        # The new moon of 21/01/1985 and the leap-month rules put Tết a month earlier.
        (1985, date(1985, 1, 21), date(1985, 2, 20)),
        # New moon 17/02/2007 at 23:14 UTC+7, i.e. 00:14 on the 18th in Beijing.
        (2007, date(2007, 2, 17), date(2007, 2, 18)),
        # New moon 02/02/2030 at 23:07 UTC+7, i.e. 00:07 on the 3rd in Beijing: the
        # often-quoted 03/02/2030 is the Chinese date, Vietnamese Tết is the 2nd.
        (2030, date(2030, 2, 2), date(2030, 2, 3)),
    ],
)
def test_tet_follows_the_utc7_calendar_where_it_differs_from_the_chinese_one(
    year: int, vietnamese: date, chinese: date
) -> None:
    assert tet(year) == vietnamese
    assert tet(year) != chinese


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2023, date(2023, 4, 29)), (2024, date(2024, 4, 18)), (2025, date(2025, 4, 7))],
)
def test_gio_to_hung_vuong_10_3_falls_on_the_known_dates(year: int, expected: date) -> None:
    assert lunar_to_solar(10, 3, year) == expected


def test_2023_has_a_leap_second_month_starting_on_22_march() -> None:
    assert leap_month(2023) == 2
    assert lunar_to_solar(1, 2, 2023, leap=True) == date(2023, 3, 22)
    assert solar_to_lunar(date(2023, 3, 22)) == LunarDate(1, 2, 2023, is_leap_month=True)
    assert solar_to_lunar(date(2023, 3, 21)) == LunarDate(30, 2, 2023)
    assert [(m.month, m.is_leap_month) for m in year_months(2023)][:4] == [
        (1, False),
        (2, False),
        (2, True),
        (3, False),
    ]


def test_2020_has_a_leap_fourth_month() -> None:
    assert leap_month(2020) == 4
    assert lunar_to_solar(1, 4, 2020, leap=True) == date(2020, 5, 23)
    assert len(year_months(2020)) == 13


def test_2033_has_a_leap_eleventh_month_that_belongs_to_lunar_year_2033() -> None:
    assert leap_month(2033) == 11
    assert lunar_to_solar(1, 11, 2033, leap=True) == date(2033, 12, 22)
    assert leap_month(2034) is None


def test_a_year_without_a_leap_month_reports_none() -> None:
    assert leap_month(2024) is None
    assert len(year_months(2024)) == 12


def test_the_eve_of_tet_is_the_last_day_of_the_previous_lunar_year() -> None:
    assert solar_to_lunar(date(2024, 2, 9)) == LunarDate(30, 12, 2023)
    assert solar_to_lunar(date(2025, 1, 28)) == LunarDate(29, 12, 2024)
    assert month_length(12, 2023) == 30
    assert month_length(12, 2024) == 29


def test_well_known_festivals_convert_both_ways() -> None:
    assert lunar_to_solar(15, 8, 2023) == date(2023, 9, 29)  # Tết Trung thu
    assert lunar_to_solar(15, 8, 2024) == date(2024, 9, 17)
    assert lunar_to_solar(15, 7, 2024) == date(2024, 8, 18)  # Vu Lan
    assert solar_to_lunar(date(2024, 9, 17)) == LunarDate(15, 8, 2024)


def test_a_leap_month_the_year_does_not_have_is_rejected() -> None:
    with pytest.raises(ValueError, match="no leap month 3"):
        lunar_to_solar(1, 3, 2023, leap=True)


def test_a_day_past_the_end_of_the_month_is_rejected() -> None:
    assert month_length(12, 2024) == 29
    with pytest.raises(ValueError, match="has 29 days"):
        lunar_to_solar(30, 12, 2024)
    with pytest.raises(ValueError):
        lunar_to_solar(0, 1, 2024)


def test_month_numbers_outside_1_to_12_are_rejected() -> None:
    with pytest.raises(ValueError, match=r"1\.\.12"):
        lunar_to_solar(1, 13, 2024)


def test_dates_outside_1800_to_2199_are_rejected_in_both_directions() -> None:
    with pytest.raises(ValueError, match="outside the supported range"):
        solar_to_lunar(date(MAX_YEAR + 1, 6, 1))
    with pytest.raises(ValueError, match="outside the supported range"):
        solar_to_lunar(date(MIN_YEAR - 1, 12, 31))
    with pytest.raises(ValueError, match="outside the supported range"):
        lunar_to_solar(1, 1, MIN_YEAR - 2)
    with pytest.raises(ValueError, match="outside the supported range"):
        lunar_to_solar(1, 12, MAX_YEAR)  # lunar 12/2199 begins in January 2200


def test_the_edges_of_the_supported_range_convert_both_ways() -> None:
    first, last = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
    assert solar_to_lunar(first).year == MIN_YEAR - 1
    assert solar_to_lunar(first).to_solar() == first
    assert solar_to_lunar(last).year == MAX_YEAR
    assert solar_to_lunar(last).to_solar() == last


def test_lunar_date_converts_itself_and_prints_in_vietnamese() -> None:
    assert LunarDate(1, 2, 2023, is_leap_month=True).to_solar() == date(2023, 3, 22)
    assert str(LunarDate(10, 3, 2024)) == "10/3/2024 (âm lịch)"
    assert str(LunarDate(1, 2, 2023, True)) == "1/2 nhuận/2023 (âm lịch)"


def test_every_day_from_1900_to_2199_round_trips_and_advances_one_lunar_day() -> None:
    day = date(1900, 1, 1)
    previous = solar_to_lunar(day - timedelta(days=1))
    while day.year < 2200:
        lunar = solar_to_lunar(day)
        assert lunar.to_solar() == day
        if lunar.day == 1:
            assert previous.day in (29, 30)
            assert (lunar.month, lunar.is_leap_month) != (previous.month, previous.is_leap_month)
        else:
            assert lunar == LunarDate(
                previous.day + 1, previous.month, previous.year, previous.is_leap_month
            )
        previous = lunar
        day += timedelta(days=1)


def test_every_lunar_year_has_12_or_13_contiguous_months_of_29_or_30_days() -> None:
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        months = year_months(year)
        leap = [m for m in months if m.is_leap_month]
        assert len(months) == 12 + len(leap)
        assert len(leap) <= 1
        assert [m.month for m in months if not m.is_leap_month] == list(range(1, 13))
        assert months[0].start == tet(year)
        assert {m.length for m in months} <= {29, 30}
        for earlier, later in pairwise(months):
            assert later.start == earlier.end + timedelta(days=1)
        if leap:
            index = months.index(leap[0])
            assert months[index - 1].month == leap[0].month
        if year < MAX_YEAR:
            assert months[-1].end + timedelta(days=1) == tet(year + 1)


def test_a_lunar_year_is_353_to_355_or_383_to_385_days_long() -> None:
    for year in range(1900, 2200):
        length = sum(m.length for m in year_months(year))
        assert length in (353, 354, 355, 383, 384, 385)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)))
def test_solar_to_lunar_to_solar_is_the_identity(day: date) -> None:
    assert solar_to_lunar(day).to_solar() == day


@settings(max_examples=300, deadline=None)
@given(
    year=st.integers(MIN_YEAR, MAX_YEAR),
    month_index=st.integers(0, 12),
    day=st.integers(1, 30),
)
def test_lunar_to_solar_to_lunar_is_the_identity(year: int, month_index: int, day: int) -> None:
    months = year_months(year)
    month = months[month_index % len(months)]
    day = min(day, month.length)
    assume(date(MIN_YEAR, 1, 1) <= month.start + timedelta(days=day - 1) <= date(MAX_YEAR, 12, 31))
    solar = lunar_to_solar(day, month.month, year, month.is_leap_month)
    assert solar_to_lunar(solar) == LunarDate(day, month.month, year, month.is_leap_month)
