"""Shared fixtures: the demo loaded once per test database, and its personas.

Personas (all from the demo, so tests read like the stories users tell):
``vanphong`` the Office, ``chutich`` the Chairman, ``truongmotcua`` a unit head,
``canbo`` a staff member, ``hoidong2`` a council member, ``vanquan`` the Office of
*another* ward, ``capquan``/``capthanhpho`` upper-level viewers.
"""

from __future__ import annotations

import sqlite3

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from thidua.demo.services import load_demo
from thidua.orgs.models import Organisation

# The demo as first loaded in this worker's test database: PostgreSQL's COPY text per
# table, or a copy of the whole SQLite database (its backup API: exact, and values need no
# conversion). A transactional test (browser, faults, races) ends with a flush that empties
# every table; loading the demo again took 9 s, and every later test of the worker paid it,
# since a test's own load is rolled back with it. Copying back takes a fraction of a second
# and gives the same ids as before.
_snapshot: dict[str, object] = {}


def ensure_demo() -> None:
    """The demo, unless present (a transactional test's flush removes it)."""
    if Organisation.objects.filter(code="mo-lao").exists():
        return
    if _snapshot and not connection.in_atomic_block:
        _restore_snapshot()
    else:
        load_demo(settings.DEMO_PASSWORD)


def _take_snapshot() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _snapshot["sqlite"] = copy
        return
    # What a flush empties (django.core.management.sql.sql_flush).
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        for table in sorted(tables):
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT") as copy:
                _snapshot[table] = b"".join(bytes(block) for block in copy)


def _restore_snapshot() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _snapshot["sqlite"].backup(connection.connection)
    else:
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            # The flush's post_migrate made content types and permissions again under new
            # ids: they go, and the demo's come back (foreign keys are checked at commit).
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in _snapshot)}")
            for table, data in _snapshot.items():
                if data:
                    with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(data)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_demo()
        _take_snapshot()
    yield
    if connection.vendor == "postgresql":
        # A session left by an earlier test's thread (a live server's, a consumer's) would
        # stop pytest-django from dropping this worker's test database at the end.
        name = connection.settings_dict["NAME"]
        connections.close_all()
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush (the last step of its teardown), the demo is put
    back committed: put back inside a later test's transaction, it would be rolled back
    with it, and loaded again by every test that follows."""
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test database is gone (the session's teardown ran too).
    if (
        _snapshot
        and nextitem is not None
        and (
            "transactional_db" in item.fixturenames
            or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        )
    ):
        with item.config.stash[blocking_manager_key].unblock():
            ensure_demo()
    return result


@pytest.fixture
def demo(db, settings):
    """The demo, in demo mode (so the demo password works)."""
    settings.DEMO_MODE = True
    ensure_demo()
    return {
        "mo_lao": Organisation.objects.get(code="mo-lao"),
        "van_quan": Organisation.objects.get(code="van-quan"),
    }


@pytest.fixture
def user(demo):
    """``user("vanphong")`` — a demo account."""

    def get(username: str):
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def client_as(demo):
    """``client_as("vanphong")`` — a test client logged in as a demo account."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return make


@pytest.fixture
def quyet_dinh(demo, user):
    """``quyet_dinh(day, summary=…, ward="mo_lao", issue=True)`` — a Quyết định drafted
    by that ward's Office in its register (written as on the web) and, unless told
    otherwise, issued: what a revocation names as its revoking decision."""
    from thidua.documents import services as documents

    offices = {"mo_lao": "vanphong", "van_quan": "vanquan"}

    def make(day, summary="Về việc thu hồi Giấy khen", *, ward="mo_lao", issue=True, doc_type="QĐ"):
        office = user(offices[ward])
        draft = documents.create_draft(
            office,
            demo[ward],
            documents.FRAME_TEMPLATE,
            day,
            {"body": documents.body_blocks("Thu hồi Giấy khen đã tặng do khai man thành tích.")},
            summary=summary,
            doc_type=doc_type,
            signer=documents.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH"),
        )
        return documents.issue(office, draft) if issue else draft

    return make
