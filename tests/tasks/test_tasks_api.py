"""GET /api/v1/tasks/?movement={id}: tasks with their reports, timeliness and quality."""

import pytest

from thidua.movements.models import Movement


@pytest.mark.django_db
def test_the_movements_tasks_come_with_reports_timeliness_and_quality(client_as, demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    response = client_as("vanphong").get(f"/api/v1/tasks/?movement={movement.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 25
    numbers = {t["number"]: t for t in body["results"]}
    early = numbers["3.1"]
    assert early["timeliness"] == {
        "status": "early",
        "working_days": 10,
        "label": "Sớm 10 ngày làm việc",
    }
    assert early["quality"] == "Tốt" and early["plan"] == "17/KH-UBND"
    assert early["reports"][-1]["review_status"] == "accepted"
    assert early["reports"][-1]["evidence"][0]["kind"] == "pdf"
    returned = numbers["4.1"]
    assert [r["review_status"] for r in returned["reports"]].count("returned") == 2
    assert returned["timeliness"]["status"] == "late"
    assert numbers["5.1"]["timeliness"]["status"] == "overdue"


@pytest.mark.django_db
def test_another_wards_movement_answers_404_and_its_tasks_never_show(client_as, demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    client = client_as("vanquan")
    assert client.get(f"/api/v1/tasks/?movement={movement.pk}").status_code == 404
    body = client.get("/api/v1/tasks/").json()
    assert body["count"] == 5
    assert all(t["plan"] == "25/KH-UBND" for t in body["results"])
    assert client.get("/api/v1/tasks/?movement=abc").status_code == 400


@pytest.mark.django_db
def test_anonymous_callers_are_refused(client, demo):
    assert client.get("/api/v1/tasks/").status_code in (401, 403)
