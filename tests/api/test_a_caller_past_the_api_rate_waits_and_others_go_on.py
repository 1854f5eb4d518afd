"""The API counts requests per user (a token and a session of one user share the count)
and, for callers without an account, per address: past the rate the answer is 429 with
Retry-After and a Vietnamese ``detail``; other users and addresses are not affected."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client


@pytest.fixture(autouse=True)
def clean_cache():
    """The counts live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def token_client(username: str) -> Client:
    out = io.StringIO()
    call_command("token", "create", username, stdout=out)
    return Client(HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")


def assert_refused(response) -> None:
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    detail = response.json()["detail"]
    assert detail.startswith("Quá nhiều yêu cầu tới API trong thời gian ngắn. Hãy đợi ")
    assert f"đợi {response['Retry-After']} giây rồi gửi lại" in detail


@pytest.mark.django_db
def test_the_request_past_the_users_rate_is_refused_and_another_user_goes_on(
    demo, settings, client_as
):
    settings.THIDUA_API_RATE_USER = "5/minute"
    program = token_client("vanphong")
    assert [program.get("/api/v1/movements/").status_code for _ in range(5)] == [200] * 5
    assert_refused(program.get("/api/v1/movements/"))
    # The same user through the browser session: one count per user, not per token.
    assert_refused(client_as("vanphong").get("/api/v1/tasks/"))

    other_ward = token_client("vanquan")
    assert [other_ward.get("/api/v1/movements/").status_code for _ in range(5)] == [200] * 5
    assert client_as("chutich").get("/api/v1/movements/").status_code == 200


@pytest.mark.django_db
def test_an_anonymous_caller_is_counted_per_address_and_cannot_forge_another(demo, settings):
    settings.THIDUA_API_RATE_ANON = "3/minute"
    caller = Client(REMOTE_ADDR="203.0.113.5")
    assert [caller.get("/api/v1/openapi.json").status_code for _ in range(3)] == [200] * 3
    assert_refused(caller.get("/api/v1/openapi.json"))
    forged = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert_refused(forged.get("/api/v1/openapi.json"))

    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert elsewhere.get("/api/v1/openapi.json").status_code == 200
