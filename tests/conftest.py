"""Shared fixtures: the demo loaded once per test database, and its personas.

Personas (all from the demo, so tests read like the stories users tell):
``vanphong`` the Office, ``chutich`` the Chairman, ``truongmotcua`` a unit head,
``canbo`` a staff member, ``hoidong2`` a council member, ``vanquan`` the Office of
*another* ward, ``capquan``/``capthanhpho`` upper-level viewers.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from thidua.demo.services import load_demo
from thidua.orgs.models import Organisation


def ensure_demo() -> None:
    """Load the demo unless present (a transactional test's flush removes it)."""
    if not Organisation.objects.filter(code="mo-lao").exists():
        load_demo(settings.DEMO_PASSWORD)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_demo()


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
