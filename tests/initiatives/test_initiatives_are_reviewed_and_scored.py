"""Initiatives: submitted with authors, recognised with a decision, counted in scorecards."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.initiatives import services
from thidua.initiatives.models import Initiative, InitiativeStatus
from thidua.movements.models import Movement
from thidua.orgs.models import Person, Unit
from thidua.scoring.services import compute_ranking

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(demo, user):
    org = demo["mo_lao"]
    mai = Person.objects.get(organisation=org, family_name="Lê Thị", given_name="Mai")
    return services.submit(
        user("canbo"),
        org,
        title="Phiếu hướng dẫn hồ sơ bằng hình ảnh",
        description="Phiếu minh họa từng bước nộp hồ sơ.",
        applied_where="Bộ phận tiếp nhận và trả kết quả",
        benefit="Giảm hồ sơ phải bổ sung.",
        unit=Unit.objects.get(organisation=org, name="Bộ phận tiếp nhận và trả kết quả"),
        authors=[(mai, 100)],
        year=2023,
    )


def test_the_shares_of_the_authors_must_add_up_to_100(demo, user):
    org = demo["mo_lao"]
    mai = Person.objects.get(organisation=org, family_name="Lê Thị", given_name="Mai")
    with pytest.raises(ValidationError, match="100%"):
        services.submit(
            user("canbo"),
            org,
            title="A",
            description="B",
            applied_where="C",
            benefit="D",
            unit=mai.unit,
            authors=[(mai, 60)],
            year=2023,
        )


def test_recognition_needs_the_decision_number_and_date(submitted, user):
    with pytest.raises(ValidationError, match="số và ngày quyết định"):
        services.review(user("vanphong"), submitted, recognised=True, reviewer="council", note="")
    with pytest.raises(PermissionError):
        services.review(user("canbo"), submitted, recognised=False, reviewer="head", note="Chưa rõ")
    services.review(
        user("vanphong"),
        submitted,
        recognised=True,
        reviewer="council",
        note="",
        decision_number="47/QĐ-UBND",
        decision_date=datetime.date(2023, 11, 20),
    )
    submitted.refresh_from_db()
    assert submitted.status == InitiativeStatus.RECOGNISED
    assert user("canbo").notifications.filter(title__contains="được công nhận").exists()


def test_a_recognised_initiative_counts_in_the_ranking(demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    ranking = compute_ranking(movement, "individual")
    phuc = next(r for r in ranking.rows if r.name == "Vương Đình Phúc")
    line = next(b for b in phuc.breakdown if b.key == "initiatives.recognised")
    assert line.value == 1 and "45/QĐ-UBND" in line.links[0].label
    yen = next(r for r in ranking.rows if r.name == "Hoàng Thị Yến")  # still under review
    assert next(b for b in yen.breakdown if b.key == "initiatives.recognised").value == 0


def test_pages_show_the_ward_and_hide_it_from_another(client_as, demo):
    initiative = Initiative.objects.filter(organisation=demo["mo_lao"]).first()
    assert client_as("canbo").get(reverse("initiatives:list")).status_code == 200
    assert (
        client_as("canbo").get(reverse("initiatives:detail", args=[initiative.pk])).status_code
        == 200
    )
    assert (
        client_as("vanquan").get(reverse("initiatives:detail", args=[initiative.pk])).status_code
        == 404
    )
