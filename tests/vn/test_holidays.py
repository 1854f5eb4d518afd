"""Tests for thidua.vn.holidays: Vietnamese public holidays and working-day arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.vn.holidays import (
    ANNOUNCED,
    CULTURE_DAY,
    DAY_OFF,
    HUNG_KINGS,
    LABOUR_DAY,
    NATIONAL_DAY,
    NEW_YEAR,
    TET,
    VICTORY_DAY,
    Adjustments,
    Timeliness,
    WorkCalendar,
    default_calendar,
    default_national_day_extra,
    default_tet_days,
)

CALENDAR = default_calendar()
BARE = WorkCalendar()


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def assert_break(calendar: WorkCalendar, first: date, last: date) -> None:
    """Every day of first..last is off, and the days just outside are working days."""
    assert [d for d in days(first, last) if calendar.is_working_day(d)] == []
    assert calendar.is_working_day(first - timedelta(days=1))
    assert calendar.is_working_day(last + timedelta(days=1))


# -- the statutory holidays -------------------------------------------------------------


def test_holidays_of_2023_are_named_in_vietnamese_with_their_compensation_days() -> None:
    assert CALENDAR.holidays_in(2023) == {
        date(2023, 1, 1): NEW_YEAR,
        date(2023, 1, 2): DAY_OFF,
        date(2023, 1, 20): TET,
        date(2023, 1, 21): TET,
        date(2023, 1, 22): TET,
        date(2023, 1, 23): TET,
        date(2023, 1, 24): TET,
        date(2023, 1, 25): DAY_OFF,
        date(2023, 1, 26): DAY_OFF,
        date(2023, 4, 29): HUNG_KINGS,
        date(2023, 4, 30): VICTORY_DAY,
        date(2023, 5, 1): LABOUR_DAY,
        date(2023, 5, 2): DAY_OFF,
        date(2023, 5, 3): DAY_OFF,
        date(2023, 9, 1): NATIONAL_DAY,
        date(2023, 9, 2): NATIONAL_DAY,
        date(2023, 9, 4): DAY_OFF,
    }


def test_the_names_are_the_ones_shown_to_users() -> None:
    assert (NEW_YEAR, TET, HUNG_KINGS, VICTORY_DAY, LABOUR_DAY, NATIONAL_DAY, DAY_OFF) == (
        "Tết Dương lịch",
        "Tết Nguyên đán",
        "Giỗ Tổ Hùng Vương",
        "Ngày Chiến thắng 30/4",
        "Quốc tế Lao động 1/5",
        "Quốc khánh 2/9",
        "Nghỉ bù",
    )


def test_a_year_has_eleven_statutory_holiday_days() -> None:
    for year in range(2021, 2040):
        assert len(BARE.statutory_holidays(year)) == 11


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        (2020, date(2020, 1, 23), date(2020, 1, 29)),  # 29 tháng Chạp - mùng 5
        (2021, date(2021, 2, 10), date(2021, 2, 16)),
        (2022, date(2022, 1, 29), date(2022, 2, 6)),
        (2023, date(2023, 1, 20), date(2023, 1, 26)),
        (2024, date(2024, 2, 8), date(2024, 2, 14)),
        (2025, date(2025, 1, 25), date(2025, 2, 2)),
        (2026, date(2026, 2, 14), date(2026, 2, 22)),
    ],
)
def test_the_default_tet_rule_reproduces_the_announced_tet_breaks(
    year: int, first: date, last: date
) -> None:
    assert_break(BARE, first, last)


def test_the_tet_block_starts_a_day_earlier_when_it_would_contain_a_saturday() -> None:
    # Tết 2024 is Saturday 10/02: "2 ngày trước Tết và 3 ngày sau Tết".
    assert default_tet_days(2024) == tuple(days(date(2024, 2, 8), date(2024, 2, 12)))
    # Tết 2025 is Wednesday 29/01: 28 tháng Chạp to mùng 3.
    assert default_tet_days(2025) == tuple(days(date(2025, 1, 27), date(2025, 1, 31)))
    # Tết 2026 is Tuesday 17/02: 29 tháng Chạp (the last day) to mùng 4, no Saturday.
    assert default_tet_days(2026) == tuple(days(date(2026, 2, 16), date(2026, 2, 20)))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2021, date(2021, 9, 3)),
        (2022, date(2022, 9, 1)),
        (2023, date(2023, 9, 1)),
        (2024, date(2024, 9, 3)),
        (2025, date(2025, 9, 1)),
        (2026, date(2026, 9, 1)),
    ],
)
def test_the_default_second_national_day_is_the_one_the_government_chose(
    year: int, expected: date
) -> None:
    assert default_national_day_extra(year) == expected


def test_national_day_is_a_single_day_before_2021() -> None:
    assert [d for d, name in BARE.statutory_holidays(2020) if name == NATIONAL_DAY] == [
        date(2020, 9, 2)
    ]


def test_a_holiday_on_a_weekend_gives_the_next_working_day_off() -> None:
    holidays_2022 = BARE.holidays_in(2022)
    assert holidays_2022[date(2022, 1, 1)] == NEW_YEAR  # Saturday
    assert holidays_2022[date(2022, 1, 3)] == DAY_OFF  # Monday
    assert holidays_2022[date(2022, 4, 10)] == HUNG_KINGS  # Sunday
    assert holidays_2022[date(2022, 4, 11)] == DAY_OFF
    # 30/4 Saturday and 1/5 Sunday: two compensation days, Monday and Tuesday.
    assert holidays_2022[date(2022, 5, 2)] == DAY_OFF
    assert holidays_2022[date(2022, 5, 3)] == DAY_OFF
    assert BARE.is_working_day(date(2022, 5, 4))


def test_compensation_skips_over_other_holidays() -> None:
    # Giỗ Tổ Saturday 29/4/2023, 30/4 Sunday, 1/5 Monday: off until Wednesday 3/5.
    assert_break(BARE, date(2023, 4, 29), date(2023, 5, 3))


def test_two_holidays_on_the_same_date_are_both_named_and_compensated() -> None:
    # Giỗ Tổ fell on 30/4 in 1947 (a Wednesday).
    holidays_1947 = BARE.holidays_in(1947)
    assert holidays_1947[date(1947, 4, 30)] == f"{HUNG_KINGS}, {VICTORY_DAY}"
    assert holidays_1947[date(1947, 5, 2)] == DAY_OFF


def test_the_office_can_set_a_sunday_only_weekend() -> None:
    calendar = WorkCalendar(weekend=(6,))
    assert calendar.is_working_day(date(2025, 3, 1))  # a Saturday
    # 1/5/2021 was a Saturday: a working day here, so it gives no compensation day.
    assert date(2021, 5, 3) not in calendar.holidays_in(2021)
    assert not calendar.is_working_day(date(2021, 5, 1))


def test_invalid_weekends_are_rejected() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(weekend=(7,))
    with pytest.raises(ValueError):
        WorkCalendar(weekend=range(7))


def test_the_culture_day_counts_only_once_it_is_enabled() -> None:
    assert date(2026, 11, 24) not in CALENDAR.holidays_in(2026)
    calendar = WorkCalendar(culture_day_from=2026)
    assert calendar.holidays_in(2026)[date(2026, 11, 24)] == CULTURE_DAY
    assert date(2025, 11, 24) not in calendar.holidays_in(2025)


# -- announcements ----------------------------------------------------------------------


def test_announced_swaps_move_a_working_day_to_a_saturday() -> None:
    # 2025: Friday 2/5 off, worked on Saturday 26/4 instead.
    assert BARE.is_working_day(date(2025, 5, 2))
    assert not CALENDAR.is_working_day(date(2025, 5, 2))
    assert not BARE.is_working_day(date(2025, 4, 26))
    assert CALENDAR.is_working_day(date(2025, 4, 26))
    assert CALENDAR.holidays_in(2025)[date(2025, 5, 2)] == DAY_OFF
    assert CALENDAR.make_up_days_in(2025) == [date(2025, 4, 26)]
    assert date(2025, 4, 26) not in CALENDAR.holidays_in(2025)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2023, 1, 20), date(2023, 1, 26)),
        (date(2023, 4, 29), date(2023, 5, 3)),
        (date(2023, 9, 1), date(2023, 9, 4)),
        (date(2024, 2, 8), date(2024, 2, 14)),
        (date(2024, 4, 27), date(2024, 5, 1)),
        (date(2024, 8, 31), date(2024, 9, 3)),
        (date(2025, 1, 25), date(2025, 2, 2)),
        (date(2025, 4, 30), date(2025, 5, 4)),
        (date(2025, 8, 30), date(2025, 9, 2)),
        (date(2026, 2, 14), date(2026, 2, 22)),
        (date(2026, 4, 25), date(2026, 4, 27)),
        (date(2026, 4, 30), date(2026, 5, 3)),
        (date(2026, 8, 29), date(2026, 9, 2)),
    ],
)
def test_the_announced_breaks_of_2023_to_2026_are_days_off(first: date, last: date) -> None:
    assert_break(CALENDAR, first, last)


@pytest.mark.parametrize("make_up", [date(2024, 5, 4), date(2025, 4, 26), date(2026, 8, 22)])
def test_the_announced_make_up_saturdays_are_working_days(make_up: date) -> None:
    assert make_up.weekday() == 5
    assert CALENDAR.is_working_day(make_up)


def test_announced_adjustments_cover_2023_to_2026_and_cite_a_source() -> None:
    assert sorted(ANNOUNCED) == [2023, 2024, 2025, 2026]
    for year, adjustment in ANNOUNCED.items():
        assert adjustment.source
        assert all(d.weekday() == 5 for d in adjustment.make_up_working_days)
        assert all(d.weekday() < 5 for d in adjustment.extra_days_off)
        if adjustment.tet_days is not None:
            assert len(adjustment.tet_days) == 5
            assert all(d.year == year for d in adjustment.tet_days)


def test_an_announced_tet_block_overrides_the_default_and_is_compensated() -> None:
    calendar = WorkCalendar(tet_days={2024: days(date(2024, 2, 9), date(2024, 2, 13))})
    holidays_2024 = calendar.holidays_in(2024)
    assert [d for d, name in holidays_2024.items() if name == TET] == days(
        date(2024, 2, 9), date(2024, 2, 13)
    )
    # Saturday 10/2 and Sunday 11/2 are owed: Wednesday 14/2 and Thursday 15/2.
    assert holidays_2024[date(2024, 2, 14)] == DAY_OFF
    assert holidays_2024[date(2024, 2, 15)] == DAY_OFF
    assert calendar.is_working_day(date(2024, 2, 8))


def test_an_announced_national_day_overrides_the_default() -> None:
    calendar = WorkCalendar(national_day_extra={2025: date(2025, 9, 3)})
    assert calendar.holidays_in(2025)[date(2025, 9, 3)] == NATIONAL_DAY
    assert calendar.is_working_day(date(2025, 9, 1))


def test_adjustments_accept_plain_iterables_and_normalise_them() -> None:
    adjustment = Adjustments(
        extra_days_off=[date(2027, 5, 3)],
        make_up_working_days=(date(2027, 5, 8),),
        tet_days=[date(2027, 2, 9), date(2027, 2, 5)],
    )
    assert adjustment.extra_days_off == frozenset({date(2027, 5, 3)})
    assert adjustment.tet_days == (date(2027, 2, 5), date(2027, 2, 9))
    calendar = WorkCalendar.from_adjustments({2027: adjustment})
    assert not calendar.is_working_day(date(2027, 5, 3))
    assert calendar.is_working_day(date(2027, 5, 8))


def test_contradictory_adjustments_are_rejected() -> None:
    with pytest.raises(ValueError, match="both off and worked"):
        Adjustments(extra_days_off={date(2027, 5, 8)}, make_up_working_days={date(2027, 5, 8)})
    with pytest.raises(ValueError, match="both off and worked"):
        WorkCalendar([date(2027, 5, 8)], [date(2027, 5, 8)])
    with pytest.raises(ValueError, match="01/09 or 03/09"):
        Adjustments(national_day_extra=date(2027, 9, 4))
    with pytest.raises(ValueError, match="must not be empty"):
        Adjustments(tet_days=())


def test_adjustments_filed_under_the_wrong_year_are_rejected() -> None:
    with pytest.raises(ValueError, match="must be in 2027"):
        WorkCalendar.from_adjustments({2027: Adjustments(national_day_extra=date(2026, 9, 1))})
    with pytest.raises(ValueError, match="must be in 2027"):
        WorkCalendar.from_adjustments({2027: Adjustments(tet_days=[date(2026, 2, 16)])})


# -- working-day arithmetic -------------------------------------------------------------


def test_adding_working_days_skips_weekends_and_holidays() -> None:
    # Tuesday 29/4/2025 + 1: 30/4, 1/5, 2/5 off, then the weekend.
    assert CALENDAR.add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)
    assert CALENDAR.add_working_days(date(2025, 5, 5), -1) == date(2025, 4, 29)
    # Friday + 1 is Monday.
    assert CALENDAR.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)
    assert CALENDAR.add_working_days(date(2025, 3, 7), 10) == date(2025, 3, 21)


def test_adding_zero_working_days_returns_the_same_day_even_on_a_weekend() -> None:
    assert CALENDAR.add_working_days(date(2025, 3, 8), 0) == date(2025, 3, 8)


def test_adding_from_a_weekend_counts_from_the_next_working_day() -> None:
    assert CALENDAR.add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)
    assert CALENDAR.add_working_days(date(2025, 3, 8), -1) == date(2025, 3, 7)


def test_working_days_between_counts_the_end_but_not_the_start() -> None:
    monday, friday = date(2025, 3, 10), date(2025, 3, 14)
    assert CALENDAR.working_days_between(monday, friday) == 4
    assert CALENDAR.working_days_between(friday, monday) == -4
    assert CALENDAR.working_days_between(monday, monday) == 0
    # Friday to the next Monday is one working day; Saturday to Sunday none.
    assert CALENDAR.working_days_between(date(2025, 3, 14), date(2025, 3, 17)) == 1
    assert CALENDAR.working_days_between(date(2025, 3, 15), date(2025, 3, 16)) == 0


def test_working_days_between_spans_tet() -> None:
    # Friday 24/1/2025 to Monday 3/2/2025: the whole Tết break lies between.
    assert CALENDAR.working_days_between(date(2025, 1, 24), date(2025, 2, 3)) == 1


def test_is_working_day_agrees_with_holidays_in_and_make_up_days() -> None:
    for year in (2023, 2024, 2025, 2026):
        holidays = CALENDAR.holidays_in(year)
        make_up = set(CALENDAR.make_up_days_in(year))
        for day in days(date(year, 1, 1), date(year, 12, 31)):
            expected = day in make_up or (day.weekday() < 5 and day not in holidays)
            assert CALENDAR.is_working_day(day) == expected, day


# -- timeliness -------------------------------------------------------------------------

FRIDAY = date(2025, 3, 14)
TODAY = date(2025, 6, 2)


def test_completion_before_the_deadline_is_early_by_the_working_days_spared() -> None:
    assert CALENDAR.timeliness(FRIDAY, date(2025, 3, 11), TODAY) == Timeliness("early", 3)
    assert CALENDAR.timeliness(FRIDAY, date(2025, 3, 11), TODAY).label_vi == ("Sớm 3 ngày làm việc")


def test_completion_on_the_deadline_is_on_time() -> None:
    result = CALENDAR.timeliness(FRIDAY, FRIDAY, TODAY)
    assert result == Timeliness("on_time", 0)
    assert result.label_vi == "Đúng hạn"


def test_completion_on_the_weekend_just_before_a_monday_deadline_is_on_time() -> None:
    monday = date(2025, 3, 17)
    assert CALENDAR.timeliness(monday, date(2025, 3, 16), TODAY).status == "early"
    assert CALENDAR.timeliness(monday, date(2025, 3, 16), TODAY).working_days == 1
    assert CALENDAR.timeliness(monday, monday, TODAY).status == "on_time"


def test_completion_on_the_weekend_after_a_friday_deadline_is_one_day_late() -> None:
    for completed in (date(2025, 3, 15), date(2025, 3, 16), date(2025, 3, 17)):
        result = CALENDAR.timeliness(FRIDAY, completed, TODAY)
        assert result == Timeliness("late", 1)
        assert result.label_vi == "Trễ 1 ngày làm việc"
    assert CALENDAR.timeliness(FRIDAY, date(2025, 3, 18), TODAY) == Timeliness("late", 2)
    # The next weekend counts as the Monday after it.
    assert CALENDAR.timeliness(FRIDAY, date(2025, 3, 22), TODAY) == Timeliness("late", 6)


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day() -> None:
    saturday = date(2025, 3, 15)
    assert CALENDAR.timeliness(saturday, date(2025, 3, 17), TODAY).status == "on_time"
    assert CALENDAR.timeliness(saturday, date(2025, 3, 18), TODAY) == Timeliness("late", 1)
    # Deadline on 30/4/2025: the office reopens on Monday 5/5.
    assert CALENDAR.timeliness(date(2025, 4, 30), date(2025, 5, 5), TODAY).status == "on_time"


def test_an_unfinished_task_past_its_deadline_is_overdue() -> None:
    result = CALENDAR.timeliness(FRIDAY, None, date(2025, 3, 21))
    assert result == Timeliness("overdue", 5)
    assert result.label_vi == "Quá hạn 5 ngày làm việc"
    assert CALENDAR.timeliness(FRIDAY, None, date(2025, 3, 15)) == Timeliness("overdue", 1)


def test_an_unfinished_task_not_yet_due_is_pending_with_the_working_days_left() -> None:
    result = CALENDAR.timeliness(FRIDAY, None, date(2025, 3, 11))
    assert result == Timeliness("pending", 3)
    assert result.label_vi == "Chưa đến hạn"
    assert CALENDAR.timeliness(FRIDAY, None, FRIDAY) == Timeliness("pending", 0)


def test_the_labels_read_naturally() -> None:
    assert Timeliness("late", 2).label_vi == "Trễ 2 ngày làm việc"
    assert Timeliness("overdue", 5).label_vi == "Quá hạn 5 ngày làm việc"
    assert Timeliness("early", 3).label_vi == "Sớm 3 ngày làm việc"


# -- properties -------------------------------------------------------------------------

DATES = st.dates(min_value=date(2022, 1, 1), max_value=date(2027, 12, 31))
STEPS = st.integers(min_value=-80, max_value=80)


@settings(max_examples=300, deadline=None)
@given(DATES, STEPS)
def test_working_days_between_undoes_add_working_days(day: date, n: int) -> None:
    assert CALENDAR.working_days_between(day, CALENDAR.add_working_days(day, n)) == n


@settings(max_examples=300, deadline=None)
@given(DATES, STEPS.filter(lambda n: n != 0))
def test_add_working_days_lands_on_a_working_day(day: date, n: int) -> None:
    assert CALENDAR.is_working_day(CALENDAR.add_working_days(day, n))


@settings(max_examples=200, deadline=None)
@given(DATES, STEPS)
def test_adding_and_subtracting_from_a_working_day_returns_to_it(day: date, n: int) -> None:
    start = CALENDAR.add_working_days(day, 1)
    assert CALENDAR.add_working_days(CALENDAR.add_working_days(start, n), -n) == start


@settings(max_examples=200, deadline=None)
@given(DATES, DATES)
def test_working_days_between_is_consistent_in_direction(start: date, end: date) -> None:
    count = CALENDAR.working_days_between(start, end)
    assert (count > 0) <= (end > start)
    assert (count < 0) <= (end < start)
    if CALENDAR.is_working_day(start) and CALENDAR.is_working_day(end):
        assert CALENDAR.working_days_between(end, start) == -count


@settings(max_examples=300, deadline=None)
@given(DATES, DATES)
def test_a_completed_task_is_late_exactly_when_done_after_its_deadline(
    deadline: date, completed: date
) -> None:
    result = CALENDAR.timeliness(deadline, completed, TODAY)
    effective = (
        deadline if CALENDAR.is_working_day(deadline) else (CALENDAR.add_working_days(deadline, 1))
    )
    assert (result.status == "late") == (completed > effective)
    assert result.working_days >= 0
    if result.status in ("late", "early"):
        assert result.working_days >= 1
    if result.status == "on_time":
        assert result.working_days == 0


@settings(max_examples=200, deadline=None)
@given(DATES, DATES)
def test_an_overdue_task_is_as_late_as_if_it_were_completed_today(
    deadline: date, today: date
) -> None:
    unfinished = CALENDAR.timeliness(deadline, None, today)
    finished_today = CALENDAR.timeliness(deadline, today, today)
    assert unfinished.status in ("overdue", "pending")
    if unfinished.status == "overdue":
        assert finished_today == Timeliness("late", unfinished.working_days)
    else:
        assert finished_today.status in ("early", "on_time")
        assert finished_today.working_days == unfinished.working_days


SWAP_DAYS = st.sets(DATES, max_size=6)
WEEKENDS = st.sets(st.integers(min_value=0, max_value=6), min_size=0, max_size=3)


@settings(max_examples=300, deadline=None)
@given(DATES, DATES, SWAP_DAYS, SWAP_DAYS, WEEKENDS)
def test_working_days_between_counts_exactly_the_working_days_one_by_one(
    start: date, end: date, off: set[date], worked: set[date], weekend: set[int]
) -> None:
    """The count is done by arithmetic; it must agree with asking day by day."""
    calendar = WorkCalendar(off - worked, worked, weekend, culture_day_from=2025)
    low, high, sign = (
        (start + timedelta(days=1), end, 1)
        if end >= start
        else (end, start - timedelta(days=1), -1)
    )
    one_by_one = sum(1 for d in days(low, high) if calendar.is_working_day(d)) if low <= high else 0
    assert calendar.working_days_between(start, end) == sign * one_by_one
