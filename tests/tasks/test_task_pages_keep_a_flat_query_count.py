"""The task list, dashboard and API cost the same number of queries with 30 or 300 tasks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.movements.models import Movement
from thidua.orgs.models import Person, Unit
from thidua.plans.models import Plan
from thidua.tasks.models import ProgressReport, Task


def add_tasks(organisation, count: int) -> None:
    plan = Plan.objects.get(organisation=organisation, number="17/KH-UBND")
    units = list(Unit.objects.filter(organisation=organisation, competes=True))
    people = list(Person.objects.filter(organisation=organisation))
    start = Task.objects.filter(plan=plan).count()
    tasks = Task.objects.bulk_create(
        Task(
            organisation=organisation,
            plan=plan,
            number=f"50.{start + i}",
            content=f"Nhiệm vụ thử số {i}",
            lead_unit=units[i % len(units)],
            deadline=datetime.date(2023, 1 + i % 12, 20),
            due_on=datetime.date(2023, 1 + i % 12, 20),
        )
        for i in range(count)
    )
    for i, task in enumerate(tasks):
        task.cooperating_units.set(units[(i + 1) % len(units) : (i + 3) % len(units) or None][:2])
        task.performers.set(people[i % len(people) : i % len(people) + 2])
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=task,
            unit=task.lead_unit,
            submitted_at=datetime.datetime(2023, 5, 1, 9, tzinfo=datetime.UTC),
            state="in_progress",
            percent_done=50,
            text="Đang làm",
            review_status="returned" if i % 4 == 0 else "accepted",
            return_reason="Thiếu minh chứng" if i % 4 == 0 else "",
        )
        for i, task in enumerate(tasks)
        for _ in range(3)
    )


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = ["/tasks/", "/tasks/?timeliness=overdue", "/tasks/dashboard/"]


@pytest.mark.django_db
def test_task_pages_do_not_grow_with_rows(client_as, demo, django_assert_max_num_queries):
    client = client_as("vanphong")
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    urls = [*PAGES, f"/api/v1/tasks/?movement={movement.pk}"]
    add_tasks(demo["mo_lao"], 10)
    before = {url: count(client, url) for url in urls}
    add_tasks(demo["mo_lao"], 200)
    after = {url: count(client, url) for url in urls}
    assert after == before
    for url in urls:
        with django_assert_max_num_queries(20):
            client.get(url)


@pytest.mark.django_db
def test_the_unit_heads_dashboard_and_task_detail_stay_flat(client_as, demo):
    client = client_as("truongmotcua")
    add_tasks(demo["mo_lao"], 10)
    task = Task.objects.filter(organisation=demo["mo_lao"], number__startswith="50.").first()
    urls = ["/tasks/dashboard/", f"/tasks/{task.pk}/"]
    before = {url: count(client, url) for url in urls}
    add_tasks(demo["mo_lao"], 150)
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=task,
            unit=task.lead_unit,
            submitted_at=datetime.datetime(2023, 6, 1, 9, tzinfo=datetime.UTC),
            state="in_progress",
            percent_done=60,
            text="Thêm",
            review_status="accepted",
        )
        for _ in range(30)
    )
    assert {url: count(client, url) for url in urls} == before


@pytest.mark.django_db
def test_the_upper_levels_wards_side_by_side_stays_flat(client_as, demo):
    client = client_as("capquan")
    before = count(client, "/tasks/dashboard/")
    add_tasks_vq(demo["van_quan"], 50)
    add_tasks(demo["mo_lao"], 50)
    assert count(client, "/tasks/dashboard/") == before
    page = client.get("/tasks/dashboard/").content.decode()
    assert "phường Mộ Lao" in page and "phường Văn Quán" in page


def add_tasks_vq(organisation, count: int) -> None:
    """Văn Quán's tasks sit under its plan 25/KH-UBND in the demo."""
    plan = Plan.objects.get(organisation=organisation, number="25/KH-UBND")
    unit = Unit.objects.filter(organisation=organisation, competes=True).first()
    Task.objects.bulk_create(
        Task(
            organisation=organisation,
            plan=plan,
            number=f"60.{i}",
            content="Nhiệm vụ thử",
            lead_unit=unit,
            deadline=datetime.date(2023, 9, 29),
            due_on=datetime.date(2023, 9, 29),
            state="done" if i % 2 else "in_progress",
            completed_on=datetime.date(2023, 9, 28) if i % 2 else None,
        )
        for i in range(count)
    )
