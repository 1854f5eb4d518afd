"""GET /api/v1/decisions/ and /api/v1/decisions/{id}/: {id, number, date, awardees} with
each awardee {name, target, so_vang, amount, verification_code, revoked, revoked_by}."""

from __future__ import annotations

import pytest

from thidua.council.models import AwardDecision


@pytest.mark.django_db
def test_the_office_lists_its_decisions_with_awardees(demo, client_as):
    response = client_as("vanphong").get("/api/v1/decisions/")
    assert response.status_code == 200
    data = response.json()
    decision = next(d for d in data["results"] if d["number"] == "98/QĐ-UBND")
    assert decision["date"] == "2022-12-20"
    assert decision["awardees"][0] == {
        "name": "Bộ phận tiếp nhận và trả kết quả",
        "target": "collective",
        "so_vang": 1,
        "amount": 450000,
        "verification_code": decision["awardees"][0]["verification_code"],
        "revoked": False,
        "revoked_by": None,
    }
    assert [a["amount"] for a in decision["awardees"]] == [450000, 450000, 230000, 230000]
    detail = client_as("vanphong").get(f"/api/v1/decisions/{decision['id']}/").json()
    assert detail["number"] == "98/QĐ-UBND" and len(detail["awardees"]) == 4


@pytest.mark.django_db
def test_another_ward_sees_no_decision_of_mo_lao(demo, client_as):
    decision = AwardDecision.objects.filter(organisation=demo["mo_lao"]).first()
    client = client_as("vanquan")
    assert client.get(f"/api/v1/decisions/{decision.pk}/").status_code == 404
    assert all(d["id"] != decision.pk for d in client.get("/api/v1/decisions/").json()["results"])


@pytest.mark.django_db
def test_the_decisions_api_needs_a_login(demo, client):
    assert client.get("/api/v1/decisions/").status_code in (401, 403)
