"""/verify/<code>: what was awarded to whom by which decision; unknown codes answer 404."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from thidua.documents import services
from thidua.documents.models import Certificate, Document


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_anyone_can_verify_a_certificate(demo):
    certificate = Certificate.objects.filter(organisation=demo["mo_lao"]).first()
    response = Client().get(f"/verify/{certificate.verification_code}")
    page = response.content.decode()
    assert response.status_code == 200
    assert certificate.awardee_name in page
    assert "98/QĐ-UBND" in page and "20/12/2022" in page
    assert "Còn hiệu lực" in page


@pytest.mark.django_db
def test_a_revoked_certificate_says_so_with_the_revoking_decision(demo, user, quyet_dinh):
    certificate = Certificate.objects.filter(organisation=demo["mo_lao"]).first()
    revoking = quyet_dinh(datetime.date(2023, 3, 6))
    services.revoke_certificate(user("vanphong"), certificate, "Khai man thành tích", by=revoking)
    page = Client().get(f"/verify/{certificate.verification_code}").content.decode()
    assert "Giấy khen đã bị thu hồi" in page and "Còn hiệu lực" not in page
    assert f"Quyết định số {revoking.symbol} ngày 06/03/2023" in page
    assert "Khai man thành tích" in page
    with pytest.raises(services.DocumentError, match="đã bị thu hồi"):
        services.revoke_certificate(user("vanphong"), certificate, "Lần nữa", by=revoking)


@pytest.mark.django_db
def test_a_decisions_own_code_verifies_the_decision(demo):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    page = Client().get(f"/verify/{decision.verification_code}").content.decode()
    assert "Quyết định" in page and "98/QĐ-UBND" in page


@pytest.mark.django_db
def test_an_unknown_code_answers_404_and_reveals_nothing(demo):
    response = Client().get("/verify/KhongCoMaNay12345")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Mộ Lao" not in page and "QĐ-UBND" not in page


@pytest.mark.django_db
def test_the_page_is_rate_limited(demo, settings):
    settings.VERIFY_RATE_LIMIT = 3
    client = Client()
    statuses = [client.get(f"/verify/thu-ma-{i}").status_code for i in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
