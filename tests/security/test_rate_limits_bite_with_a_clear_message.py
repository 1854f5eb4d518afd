"""The three public doors that can be hammered — login, certificate verification and the
citizen survey — are rate limited, and whoever hits a limit is told so in Vietnamese.
(The API's own rate is tested in tests/api.)

(tests/orgs, tests/documents and tests/indexes test each limit in its own app; these
tests take the attacker's side: the limit cannot be sidestepped, and it ends.)
"""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from thidua.documents.models import Document
from thidua.indexes import sipas
from thidua.indexes.models import SipasCriterion, SipasDesk
from thidua.orgs.models import LoginFailure


def issued_decision(organisation) -> Document:
    """An issued decision of the demo with its public verification code."""
    found = (
        Document.objects.filter(organisation=organisation, doc_type="QĐ", status="issued")
        .filter(verification_code__isnull=False)
        .exclude(verification_code="")
        .order_by("pk")
        .first()
    )
    assert found is not None, "the demo has no issued decision to verify"
    return found


@pytest.fixture(autouse=True)
def clean_cache():
    """Rate-limit counters live in the cache: each test starts from zero."""
    cache.clear()
    sipas.forget_configuration()
    yield
    cache.clear()
    sipas.forget_configuration()


def login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_a_locked_account_cannot_be_reached_by_changing_the_letters_case(demo, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for spelling in ("vanphong", "VanPhong", "VANPHONG"):
        assert login(Client(), spelling, "doan-mo-mat-khau").status_code == 200
    for spelling in ("vanphong", "VanPhong", " vanphong "):
        response = login(Client(), spelling, "thidua-demo")
        assert response.status_code == 200, spelling
        page = response.content.decode()
        assert f"Tài khoản tạm khóa {settings.LOGIN_LOCKOUT_MINUTES} phút" in page
        assert "_auth_user_id" not in response.client.session


@pytest.mark.django_db
def test_the_login_lock_ends_after_its_minutes(demo, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        login(Client(), "vanphong", "doan-mo-mat-khau")
    assert "tạm khóa" in login(Client(), "vanphong", "thidua-demo").content.decode()
    later = timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    LoginFailure.objects.filter(username="vanphong").update(at=later)
    assert login(Client(), "vanphong", "thidua-demo").status_code == 302


@pytest.mark.django_db
def test_one_password_sprayed_over_accounts_stops_at_the_address_limit(demo, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 4
    sprayer = "203.0.113.50"
    for username in ("vanphong", "chutich", "hoidong1"):
        login(Client(REMOTE_ADDR=sprayer), username, "Matkhau@123")
    # The attacker's own account logging in between rounds does not wipe the count.
    assert login(Client(REMOTE_ADDR=sprayer), "canbo", "thidua-demo").status_code == 302
    login(Client(REMOTE_ADDR=sprayer), "hoidong2", "Matkhau@123")
    for username in ("hoidong3", "canbo"):
        refused = login(Client(REMOTE_ADDR=sprayer), username, "thidua-demo")
        assert refused.status_code == 200, username
        assert "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này" in refused.content.decode()
        assert "_auth_user_id" not in refused.client.session


@pytest.mark.django_db
def test_verification_stops_walking_the_codes_and_then_refuses_even_a_real_code(demo, settings):
    settings.VERIFY_RATE_LIMIT = 5
    real = issued_decision(demo["mo_lao"])
    walker = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [walker.get(f"/verify/doan-ma-{i:04d}").status_code for i in range(5)]
    assert statuses == [404] * 5
    refused = walker.get(f"/verify/{real.verification_code}")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    page = refused.content.decode()
    assert "Tra cứu quá nhiều lần" in page and "Hãy đợi một phút" in page
    assert real.symbol not in page
    # Counted per address: a citizen elsewhere scanning a certificate is not affected.
    other = Client(REMOTE_ADDR="198.51.100.20").get(f"/verify/{real.verification_code}")
    assert other.status_code == 200 and real.symbol in other.content.decode()


def open_survey(token: str, address: str) -> tuple[Client, dict[str, str]]:
    """A phone opening the survey page: its form, answered (the no-JavaScript path)."""
    client = Client(REMOTE_ADDR=address)
    page = client.get(f"/indexes/s/{token}/").content.decode()
    questionnaire = re.search(r'name="questionnaire" value="(\d+)"', page).group(1)
    form = {
        "client_uuid": str(uuid.uuid4()),
        "visit": re.search(r'name="visit" value="([^"]+)"', page).group(1),
        "questionnaire": questionnaire,
        "overall": "5",
        "website": "",
    }
    for pk in SipasCriterion.objects.filter(factor__questionnaire_id=questionnaire).values_list(
        "pk", flat=True
    ):
        form[f"c_{pk}"] = "4"
    return client, form


@pytest.mark.django_db
def test_the_survey_limits_one_phone_and_tells_the_citizen(demo, settings):
    """The limit counts the visits a phone opens (each answer needs its own), and says so
    before the citizen has filled in anything."""
    settings.SIPAS_MIN_SECONDS = 0
    settings.SIPAS_DEVICE_PER_HOUR = 2
    desk = SipasDesk.objects.filter(organisation=demo["mo_lao"]).order_by("position").first()
    token = sipas.make_token(desk)
    phone, form = open_survey(token, "192.0.2.10")
    assert phone.post(f"/indexes/s/{token}/submit/", form).status_code == 200
    # A reload gives a fresh visit, but it is the same phone.
    pages = [phone.get(f"/indexes/s/{token}/") for _ in range(2)]
    assert [page.status_code for page in pages] == [200, 429]
    refused = pages[-1]
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert sipas.RATE_DEVICE_MESSAGE in refused.content.decode()


@pytest.mark.django_db
def test_the_survey_limits_one_network_across_phones(demo, settings):
    settings.SIPAS_MIN_SECONDS = 0
    settings.SIPAS_IP_PER_HOUR = 2
    desk = SipasDesk.objects.filter(organisation=demo["mo_lao"]).order_by("position").first()
    token = sipas.make_token(desk)
    for _ in range(2):  # two "phones" (fresh cookies) behind one address
        phone, form = open_survey(token, "192.0.2.99")
        assert phone.post(f"/indexes/s/{token}/submit/", form).status_code == 200
    third = Client(REMOTE_ADDR="192.0.2.99").get(f"/indexes/s/{token}/")
    assert third.status_code == 429
    assert "Có quá nhiều lượt mở phiếu khảo sát từ cùng một mạng" in third.content.decode()
