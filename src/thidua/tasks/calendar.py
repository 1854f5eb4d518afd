"""The ward's working calendar: public holidays (thidua.vn.holidays) plus the yearly
announcements the Office keeps in :class:`WorkCalendarYear`, and the defaults every new
organisation starts with (calendar years, quality scale)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.audit.services import record
from thidua.vn import format_date, parse_date
from thidua.vn.holidays import ANNOUNCED, WorkCalendar

from .fields import ensure_par_fields
from .models import QualityLevel, Task, WorkCalendarYear

DEFAULT_QUALITY_SCALE = [("Tốt", 100), ("Khá", 80), ("Đạt", 60), ("Chưa đạt", 0)]


def seed_organisation(organisation) -> None:
    """Give an organisation the announced calendar years and the default quality scale,
    without touching what its Office already changed."""
    ensure_par_fields()
    for year, adjustment in ANNOUNCED.items():
        WorkCalendarYear.objects.get_or_create(
            organisation=organisation,
            year=year,
            defaults={
                "extra_days_off": sorted(d.isoformat() for d in adjustment.extra_days_off),
                "make_up_working_days": sorted(
                    d.isoformat() for d in adjustment.make_up_working_days
                ),
                "source": adjustment.source[:300],
            },
        )
    if not QualityLevel.objects.filter(organisation=organisation).exists():
        QualityLevel.objects.bulk_create(
            QualityLevel(organisation=organisation, name=name, points=points, position=i)
            for i, (name, points) in enumerate(DEFAULT_QUALITY_SCALE)
        )


def _build(rows: Iterable[WorkCalendarYear]) -> WorkCalendar:
    # Tết days and the day next to Quốc khánh stay as announced in thidua.vn; the days
    # the Office keeps replace the announcement's swaps for their year.
    off: set[datetime.date] = set()
    worked: set[datetime.date] = set()
    kept_years = set()
    for row in rows:
        kept_years.add(row.year)
        off.update(row.days_off())
        worked.update(row.make_up_days())
    for year, adjustment in ANNOUNCED.items():
        if year not in kept_years:
            off |= adjustment.extra_days_off
            worked |= adjustment.make_up_working_days
    return WorkCalendar(
        off,
        worked,
        tet_days={y: a.tet_days for y, a in ANNOUNCED.items() if a.tet_days},
        national_day_extra={
            y: a.national_day_extra for y, a in ANNOUNCED.items() if a.national_day_extra
        },
    )


def calendar_for(organisation_id: int) -> WorkCalendar:
    """The working calendar of one organisation (one query)."""
    return _build(WorkCalendarYear.objects.filter(organisation_id=organisation_id))


def calendars_for(organisation_ids: Iterable[int]) -> dict[int, WorkCalendar]:
    """Working calendars of several organisations in one query."""
    ids = set(organisation_ids)
    rows: dict[int, list[WorkCalendarYear]] = {i: [] for i in ids}
    for row in WorkCalendarYear.objects.filter(organisation_id__in=ids):
        rows[row.organisation_id].append(row)
    return {i: _build(r) for i, r in rows.items()}


def due_date(calendar: WorkCalendar, deadline: datetime.date) -> datetime.date:
    """A deadline on a day off moves to the next working day (Bộ luật Dân sự, Điều 148)."""
    if calendar.is_working_day(deadline):
        return deadline
    return calendar.add_working_days(deadline, 1)


def refresh_due_dates(organisation_id: int, calendar: WorkCalendar | None = None) -> int:
    """Recompute every task's working-day deadline after the calendar changed."""
    calendar = calendar or calendar_for(organisation_id)
    changed = []
    for task in Task.objects.filter(organisation_id=organisation_id).only(
        "id", "deadline", "due_on"
    ):
        due = due_date(calendar, task.deadline)
        if task.due_on != due:
            task.due_on = due
            changed.append(task)
    Task.objects.bulk_update(changed, ["due_on"], batch_size=500)
    return len(changed)


def parse_day_list(text: str, year: int, label: str) -> list[datetime.date]:
    """Dates typed one per line (or separated by commas), dd/mm/yyyy, all in ``year``."""
    days: list[datetime.date] = []
    for piece in text.replace(",", "\n").replace(";", "\n").splitlines():
        piece = piece.strip()
        if not piece:
            continue
        try:
            day = parse_date(piece)
        except ValueError:
            raise ValidationError(
                f"{label}: “{piece}” không phải ngày dạng dd/mm/yyyy (ví dụ 29/04/{year})."
            ) from None
        if day.year != year:
            raise ValidationError(f"{label}: ngày {format_date(day)} không thuộc năm {year}.")
        days.append(day)
    return sorted(set(days))


@transaction.atomic
def update_calendar_year(
    actor,
    calendar_year: WorkCalendarYear,
    extra_days_off: list[datetime.date],
    make_up_working_days: list[datetime.date],
    source: str,
) -> WorkCalendarYear:
    """Save the Office's corrections and move the task deadlines they affect."""
    both = set(extra_days_off) & set(make_up_working_days)
    if both:
        raise ValidationError(
            "Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù: "
            + ", ".join(format_date(d) for d in sorted(both))
            + "."
        )
    weekend_off = [d for d in extra_days_off if d.weekday() >= 5]
    if weekend_off:
        raise ValidationError(
            "Ngày nghỉ hoán đổi phải là ngày làm việc trong tuần; "
            + ", ".join(format_date(d) for d in weekend_off)
            + " đã là thứ Bảy hoặc Chủ nhật."
        )
    weekday_make_up = [d for d in make_up_working_days if d.weekday() < 5]
    if weekday_make_up:
        raise ValidationError(
            "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; "
            + ", ".join(format_date(d) for d in weekday_make_up)
            + " đã là ngày làm việc."
        )
    before = {
        "extra_days_off": calendar_year.extra_days_off,
        "make_up_working_days": calendar_year.make_up_working_days,
    }
    calendar_year.extra_days_off = [d.isoformat() for d in extra_days_off]
    calendar_year.make_up_working_days = [d.isoformat() for d in make_up_working_days]
    calendar_year.source = source[:300]
    calendar_year.save()
    moved = refresh_due_dates(calendar_year.organisation_id)
    record(
        actor,
        "tasks.calendar_updated",
        calendar_year,
        data={
            "year": calendar_year.year,
            "before": before,
            "extra_days_off": calendar_year.extra_days_off,
            "make_up_working_days": calendar_year.make_up_working_days,
            "tasks_moved": moved,
        },
    )
    return calendar_year
