"""Fixtures of the index tests: Mộ Lao's demo assessment and desks, a clean cache (rate
limits live there), private files under a temporary folder, and a citizen's phone."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client

from thidua.indexes import sipas
from thidua.indexes.models import ParAssessment, SipasCriterion, SipasDesk


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    sipas.forget_configuration()
    yield
    cache.clear()
    sipas.forget_configuration()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def assessment(demo) -> ParAssessment:
    return ParAssessment.objects.get(organisation=demo["mo_lao"], framework__year=2023)


@pytest.fixture
def desk(demo) -> SipasDesk:
    return SipasDesk.objects.filter(organisation=demo["mo_lao"]).order_by("position").first()


@pytest.fixture
def no_wait(settings):
    """Answers may come at once after the page opened (the human-speed check is tested apart)."""
    settings.SIPAS_MIN_SECONDS = 0
    return settings


@dataclass
class Phone:
    """A citizen's browser that opened a desk's survey page."""

    client: Client
    token: str
    visit: str
    questionnaire: int
    criteria: list[int]

    @property
    def submit_url(self) -> str:
        return f"/indexes/s/{self.token}/submit/"

    def send(self, client_uuid: str, **extra):
        body = {
            "client_uuid": client_uuid,
            "visit": self.visit,
            "questionnaire": self.questionnaire,
            "answers": {str(c): 4 for c in self.criteria},
            "overall": 5,
            "website": "",
        }
        body.update(extra)
        return self.client.post(self.submit_url, body, content_type="application/json")


@pytest.fixture
def phone(desk):
    def open_page(token: str | None = None, address: str = "127.0.0.1", kiosk: bool = False):
        token = token or sipas.make_token(desk, kiosk=kiosk)
        client = Client(REMOTE_ADDR=address)
        response = client.get(f"/indexes/s/{token}/")
        assert response.status_code == 200
        html = response.content.decode()
        visit = re.search(r'name="visit" value="([^"]+)"', html).group(1)
        questionnaire = int(re.search(r'name="questionnaire" value="(\d+)"', html).group(1))
        criteria = list(
            SipasCriterion.objects.filter(factor__questionnaire_id=questionnaire).values_list(
                "pk", flat=True
            )
        )
        return Phone(client, token, visit, questionnaire, criteria)

    return open_page
