"""The ranking page explains each position, exports to Excel, and stays flat in queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from thidua.movements.models import Movement
from thidua.orgs.models import Person, Unit
from thidua.plans.models import Plan
from thidua.tasks.models import Task


@pytest.fixture
def movement(demo):
    return Movement.objects.get(organisation=demo["mo_lao"], year=2023)


@pytest.mark.django_db
def test_the_ranking_page_shows_scores_chart_and_links_to_evidence(client_as, movement):
    page = client_as("vanphong").get(f"/scoring/movements/{movement.pk}/?target=collective")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Vì sao ở vị trí này" in html
    first = page.context["ranking"].rows[0]
    assert f"/scoring/movements/{movement.pk}/units/{first.subject.pk}/#tasks.on_time_share" in html
    card = client_as("vanphong").get(f"/scoring/movements/{movement.pk}/units/{first.subject.pk}/")
    assert card.status_code == 200
    card_html = card.content.decode()
    assert "Căn cứ" in card_html and "/tasks/" in card_html and "Cách tính" in card_html


@pytest.mark.django_db
def test_the_excel_export_reads_back_with_every_row_and_criterion(client_as, movement):
    response = client_as("vanphong").get(
        f"/scoring/movements/{movement.pk}/export.xlsx?target=individual"
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Xếp hạng"]
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["Hạng", "Tên", "Tổng điểm"]
    assert "Chất lượng nhiệm vụ" in header
    names = [sheet.cell(row=r, column=2).value for r in range(5, sheet.max_row + 1)]
    ranking = client_as("vanphong").get(f"/scoring/movements/{movement.pk}/?target=individual")
    assert names == [r.name for r in ranking.context["ranking"].rows]
    assert workbook["Căn cứ"].max_row > len(names)


@pytest.mark.django_db
def test_another_wards_user_gets_404_everywhere(client_as, movement, demo):
    client = client_as("vanquan")
    unit = Unit.objects.filter(organisation=demo["mo_lao"], competes=True).first()
    person = Person.objects.filter(organisation=demo["mo_lao"]).first()
    for url in (
        f"/scoring/movements/{movement.pk}/",
        f"/scoring/movements/{movement.pk}/export.xlsx",
        f"/scoring/movements/{movement.pk}/units/{unit.pk}/",
        f"/scoring/movements/{movement.pk}/people/{person.pk}/",
        f"/api/v1/movements/{movement.pk}/ranking/",
    ):
        assert client.get(url).status_code == 404, url
    own = Movement.objects.get(organisation=demo["van_quan"])
    assert client.get(f"/scoring/movements/{own.pk}/units/{unit.pk}/").status_code == 404


def grow(organisation, count: int) -> None:
    plan = Plan.objects.get(organisation=organisation, number="17/KH-UBND")
    units = list(Unit.objects.filter(organisation=organisation, competes=True))
    people = list(Person.objects.filter(organisation=organisation))
    start = Task.objects.filter(plan=plan).count()
    tasks = Task.objects.bulk_create(
        Task(
            organisation=organisation,
            plan=plan,
            number=f"80.{start + i}",
            content="Nhiệm vụ thêm",
            lead_unit=units[i % len(units)],
            deadline=datetime.date(2023, 6, 30),
            due_on=datetime.date(2023, 6, 30),
            state="done",
            completed_on=datetime.date(2023, 6, 20 + i % 10),
            percent_done=100,
        )
        for i in range(count)
    )
    for i, task in enumerate(tasks):
        task.performers.set(people[i % len(people) : i % len(people) + 3])
    for i in range(count // 4):
        Person.objects.create(
            organisation=organisation,
            family_name="Nguyễn Văn",
            given_name=f"Thử{start + i}",
            gender="male",
            unit=units[i % len(units)],
        )


@pytest.mark.django_db
def test_ranking_pages_cost_the_same_queries_with_more_tasks_and_people(
    client_as, movement, demo, django_assert_max_num_queries
):
    client = client_as("vanphong")
    urls = [
        f"/scoring/movements/{movement.pk}/?target=collective",
        f"/scoring/movements/{movement.pk}/?target=individual",
        f"/api/v1/movements/{movement.pk}/ranking/?target=individual",
    ]

    def counts():
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result[url] = len(queries)
        return result

    before = counts()
    grow(demo["mo_lao"], 200)
    assert counts() == before
    for url in urls:
        with django_assert_max_num_queries(20):
            client.get(url)
