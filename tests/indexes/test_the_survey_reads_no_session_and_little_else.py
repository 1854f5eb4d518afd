"""The survey page and the submission are on the path of every citizen: they read no
session (not even for a staff member's phone that is logged in) and, once the link and the
questionnaire are in memory, the page reads nothing from the database and an answer costs
one statement."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from thidua.indexes import sipas
from thidua.indexes.models import SipasResponse


@pytest.mark.django_db
def test_a_logged_in_phone_opens_the_survey_without_a_session_read(desk, demo, settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"  # reads are queries
    client = Client()
    client.force_login(get_user_model().objects.get(username="vanphong"))
    token = sipas.make_token(desk)
    assert client.get(f"/indexes/s/{token}/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/indexes/s/{token}/")
    assert response.status_code == 200 and 'name="visit"' in response.content.decode()
    assert [q["sql"] for q in queries.captured_queries] == []


@pytest.mark.django_db
def test_a_submission_costs_one_statement(phone, no_wait):
    """No "sent before?" query: the insert finds a resend or a used visit itself."""
    citizen = phone()
    with CaptureQueriesContext(connection) as queries:
        response = citizen.send(str(uuid.uuid4()))
    assert response.status_code == 201
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert "SELECT" not in statements, statements
    if connection.vendor == "postgresql":
        # The response and its answers in one statement (data-modifying CTEs).
        assert statements == ["WITH"], statements
    else:
        assert statements.count("INSERT") == 2, statements


@pytest.mark.django_db
def test_a_resend_costs_one_more_query(phone, no_wait):
    citizen = phone()
    client_uuid = str(uuid.uuid4())
    assert citizen.send(client_uuid).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        again = citizen.send(client_uuid)
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements.count("SELECT") == 1, statements


@pytest.mark.django_db
def test_the_page_carries_a_working_csrf_token(desk, no_wait):
    client = Client(enforce_csrf_checks=True)
    token = sipas.make_token(desk)
    html = client.get(f"/indexes/s/{token}/").content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    answer = {"visit": re.search(r'name="visit" value="([^"]+)"', html).group(1), "overall": "4"}
    without = client.post(f"/indexes/s/{token}/submit/", answer)
    assert without.status_code == 403 and "CSRF" in without.content.decode()
    with_token = client.post(f"/indexes/s/{token}/submit/", {**answer, "csrfmiddlewaretoken": csrf})
    assert with_token.status_code == 200
    assert "Phiếu đã được ghi nhận" in with_token.content.decode()


def _executions_of_the_prepared_insert() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ["%INSERT INTO indexes_sipasresponse%"],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_on_postgresql_the_answer_is_a_statement_prepared_once_per_connection(phone, no_wait):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; SQLite inserts through the ORM")
    before = _executions_of_the_prepared_insert()
    for _ in range(2):
        assert phone().send(str(uuid.uuid4())).status_code == 201
    assert _executions_of_the_prepared_insert() == before + 2


@pytest.mark.django_db
def test_with_db_prepare_off_the_answer_is_stored_without_a_prepared_statement(phone, no_wait):
    """DB_PREPARE=0 (behind an old PgBouncer) leaves psycopg's prepare_threshold unset."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; SQLite inserts through the ORM")
    connection.ensure_connection()
    threshold = connection.connection.prepare_threshold
    connection.connection.prepare_threshold = None
    try:
        before = _executions_of_the_prepared_insert()
        client_uuid = str(uuid.uuid4())
        assert phone().send(client_uuid).status_code == 201
        assert _executions_of_the_prepared_insert() == before
    finally:
        connection.connection.prepare_threshold = threshold
    assert SipasResponse.objects.filter(client_uuid=client_uuid).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_answer_on_a_connection_the_server_closed_is_stored_once_on_a_new_one(phone, no_wait):
    """The answer skips the connection's health check (a round trip per request): when the
    server has closed the connection meanwhile (a restart, an idle timeout), the insert
    runs again on a new connection — once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server to close the connection")
    import psycopg

    citizen = phone()
    connection.ensure_connection()
    dead = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    keys = ("dbname", "user", "password", "host", "port")
    with psycopg.connect(**{k: params[k] for k in keys if params.get(k)}) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [dead])
    client_uuid = str(uuid.uuid4())
    response = citizen.send(client_uuid)
    assert response.status_code == 201 and response.json() == {"status": "saved"}
    assert connection.connection.info.backend_pid != dead
    stored = SipasResponse.objects.get(client_uuid=client_uuid)
    assert stored.answers.count() == len(citizen.criteria)
