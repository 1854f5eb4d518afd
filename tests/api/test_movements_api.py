"""The API's conventions, on its first endpoints."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client

from thidua.api.models import ApiToken
from thidua.movements.models import Movement


def token_for(username: str) -> str:
    out = io.StringIO()
    call_command("token", "create", username, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_the_token_command_prints_a_key_that_is_stored_only_as_a_hash(demo):
    key = token_for("vanphong")
    assert key.startswith("td_") and len(key) > 40
    stored = ApiToken.objects.get(user__username="vanphong", prefix=key[:8])
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    row = ApiToken.objects.filter(pk=stored.pk).values().get()
    assert key not in [str(value) for value in row.values()]  # the key itself is nowhere


@pytest.mark.django_db
def test_a_program_lists_the_movements_it_may_see_with_a_bearer_token(demo):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanphong')}")
    body = client.get("/api/v1/movements/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == Movement.objects.filter(organisation__code="mo-lao").count()
    assert {m["organisation"] for m in body["results"]} == {"UBND phường Mộ Lao"}
    movement = next(m for m in body["results"] if m["year"] == 2023)
    assert movement["plan_number"] == "20/KH-UBND"
    assert movement["year"] == 2023
    assert movement["title"] == "Phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023"
    assert movement["quotas"] == [
        {"target": "collective", "min": 1, "max": 2, "percent_max": None},
        {"target": "individual", "min": 1, "max": 2, "percent_max": None},
    ]


@pytest.mark.django_db
def test_another_wards_movement_answers_404(demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    own = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanphong')}")
    other = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanquan')}")
    assert own.get(f"/api/v1/movements/{movement.pk}/").json()["id"] == movement.pk
    assert other.get(f"/api/v1/movements/{movement.pk}/").status_code == 404


@pytest.mark.django_db
def test_anonymous_and_bad_tokens_are_refused(demo):
    assert Client().get("/api/v1/movements/").status_code in (401, 403)
    bad = Client(HTTP_AUTHORIZATION="Bearer td_not-a-real-token")
    assert bad.get("/api/v1/movements/").status_code == 401


@pytest.mark.django_db
def test_a_revoked_token_stops_working(demo):
    key = token_for("vanphong")
    ApiToken.objects.filter(prefix=key[:8]).update(revoked=True)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/movements/").status_code == 401


@pytest.mark.django_db
def test_the_browser_session_works_for_the_api_too(client_as):
    expected = Movement.objects.filter(organisation__code__in=["mo-lao", "van-quan"]).count()
    assert client_as("capquan").get("/api/v1/movements/").json()["count"] == expected


@pytest.mark.django_db
def test_the_schema_is_served_as_json_and_names_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/movements/" in schema["paths"]
    assert "/api/v1/movements/{movement_id}/" in schema["paths"]
    assert all(path.endswith("/") for path in schema["paths"])


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow_with_movements(client_as, demo, django_assert_max_num_queries):
    client = client_as("capthanhpho")
    client.get("/api/v1/movements/")
    with django_assert_max_num_queries(14) as first:
        client.get("/api/v1/movements/")
    base = len(first.captured_queries)
    original = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    before = Movement.objects.count()
    for year in range(2010, 2018):
        copy = Movement.objects.create(organisation=demo["mo_lao"], title=f"Phong trào {year}", year=year)
        for quota in original.quotas.all():
            quota.pk = None
            quota.movement = copy
            quota.save()
    with django_assert_max_num_queries(base):
        assert client.get("/api/v1/movements/").json()["count"] == before + 8
