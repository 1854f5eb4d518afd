"""Timeliness is counted in working days, with holidays and the Office's calendar."""

import datetime

import pytest

from thidua.tasks.calendar import calendar_for
from thidua.tasks.models import Task, WorkCalendarYear
from thidua.tasks.queries import timeliness_of

D = datetime.date


@pytest.mark.django_db
def test_a_deadline_in_the_tet_break_moves_to_the_first_working_day(new_task):
    # Tết Quý Mão: off 20/01 - 26/01/2023; a deadline of 23/01 is due on Friday 27/01.
    task = new_task(deadline=D(2023, 1, 23))
    assert task.due_on == D(2023, 1, 27)
    calendar = calendar_for(task.organisation_id)
    task.state, task.completed_on = "done", D(2023, 1, 27)
    assert timeliness_of(task, calendar, D(2023, 3, 1)).label_vi == "Đúng hạn"
    task.completed_on = D(2023, 1, 19)
    assert timeliness_of(task, calendar, D(2023, 3, 1)).label_vi == "Sớm 1 ngày làm việc"


@pytest.mark.django_db
def test_late_and_overdue_skip_the_hung_kings_and_labour_day_break(new_task):
    # Deadline Friday 28/04/2023; 29/04 - 03/05 is off (Giỗ Tổ, 30/4, 1/5 and nghỉ bù).
    task = new_task(deadline=D(2023, 4, 28))
    calendar = calendar_for(task.organisation_id)
    task.state, task.completed_on = "done", D(2023, 5, 4)
    assert timeliness_of(task, calendar, D(2023, 6, 1)).label_vi == "Trễ 1 ngày làm việc"
    task.state, task.completed_on = "in_progress", None
    assert timeliness_of(task, calendar, D(2023, 5, 5)).label_vi == "Quá hạn 2 ngày làm việc"


@pytest.mark.django_db
def test_the_offices_calendar_change_moves_deadlines_and_is_logged(client_as, new_task, demo):
    task = new_task(deadline=D(2023, 8, 18))  # a Friday
    year = WorkCalendarYear.objects.get(organisation=demo["mo_lao"], year=2023)
    office = client_as("vanphong")
    response = office.post(
        f"/tasks/calendar/{year.pk}/",
        {
            "extra_days_off": "18/08/2023",
            "make_up_working_days": "12/08/2023",
            "source": "TB giả định",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_on == D(2023, 8, 21)
    calendar = calendar_for(demo["mo_lao"].pk)
    assert calendar.is_working_day(D(2023, 8, 12)) and not calendar.is_working_day(D(2023, 8, 18))
    from thidua.audit.models import ActionLog

    assert ActionLog.objects.filter(action="tasks.calendar_updated").exists()


@pytest.mark.parametrize(
    ("off", "make_up", "message"),
    [
        ("19/08/2023", "", "đã là thứ Bảy hoặc Chủ nhật"),
        ("", "14/08/2023", "Ngày làm bù phải là thứ Bảy"),
        ("18/08/2024", "", "không thuộc năm 2023"),
        ("18-8", "", "không phải ngày dạng dd/mm/yyyy"),
    ],
)
@pytest.mark.django_db
def test_bad_calendar_days_are_refused_and_nothing_changes(client_as, demo, off, make_up, message):
    year = WorkCalendarYear.objects.get(organisation=demo["mo_lao"], year=2023)
    response = client_as("vanphong").post(
        f"/tasks/calendar/{year.pk}/",
        {"extra_days_off": off, "make_up_working_days": make_up, "source": ""},
    )
    assert response.status_code == 200 and message in response.content.decode()
    year.refresh_from_db()
    assert year.extra_days_off == [] and year.make_up_working_days == []


@pytest.mark.django_db
def test_each_ward_starts_with_the_announced_swaps_and_others_cannot_edit_them(client_as, demo):
    year_2024 = WorkCalendarYear.objects.get(organisation=demo["mo_lao"], year=2024)
    assert year_2024.extra_days_off == ["2024-04-29"]
    assert year_2024.make_up_working_days == ["2024-05-04"]
    assert client_as("vanquan").get(f"/tasks/calendar/{year_2024.pk}/").status_code == 404
    assert client_as("truongmotcua").get(f"/tasks/calendar/{year_2024.pk}/").status_code == 403
    page = client_as("vanphong").get("/tasks/calendar/").content.decode()
    assert "Tết Nguyên đán" in page and "Giỗ Tổ Hùng Vương" in page


@pytest.mark.django_db
def test_the_task_page_shows_the_label(client_as, new_task):
    task = new_task(deadline=D(2023, 1, 23))
    Task.objects.filter(pk=task.pk).update(
        state="done", completed_on=D(2023, 1, 27), percent_done=100
    )
    page = client_as("vanphong").get(f"/tasks/{task.pk}/").content.decode()
    assert "Đúng hạn" in page and "tính đến 27/01/2023" in page
