"""GET /api/v1/movements/{id}/ranking/?target=…: rows ordered by score with a breakdown."""

import pytest

from thidua.movements.models import Movement


@pytest.mark.django_db
def test_rows_are_ordered_with_id_name_score_and_breakdown(client_as, demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    body = (
        client_as("chutich")
        .get(f"/api/v1/movements/{movement.pk}/ranking/?target=collective")
        .json()
    )
    rows = body["results"]
    assert len(rows) == 11 and body["target"] == "collective"
    assert [r["rank"] for r in rows] == list(range(1, 12))
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    first = rows[0]
    assert {"id", "name", "score", "breakdown"} <= set(first)
    assert round(sum(b["points"] for b in first["breakdown"]), 2) == first["score"]
    assert first["breakdown"][0]["evidence"][0]["url"].startswith("/tasks/")


@pytest.mark.django_db
def test_individuals_and_a_bad_target(client_as, demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    client = client_as("vanphong")
    rows = client.get(f"/api/v1/movements/{movement.pk}/ranking/?target=individual").json()[
        "results"
    ]
    assert rows[0]["priority"] is True
    response = client.get(f"/api/v1/movements/{movement.pk}/ranking/?target=team")
    assert response.status_code == 400 and "collective" in response.json()["target"]
