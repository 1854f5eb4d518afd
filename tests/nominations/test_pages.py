"""The nomination pages: shown to the ward, 404 to another ward, bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.movements.models import Target
from thidua.nominations import services
from thidua.nominations.models import Dossier, DossierFile, Nomination
from thidua.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_the_movement_page_shows_dossiers_in_every_state(client_as, movement):
    page = client_as("vanphong").get(reverse("nominations:movement", args=[movement.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    for label in ("Dự thảo", "Trả lại để bổ sung", "Văn phòng đã tiếp nhận"):
        assert label in text


def test_another_wards_user_gets_404_on_every_page_of_a_dossier(client_as, movement):
    dossier = Dossier.objects.filter(movement=movement).first()
    nomination = Nomination.objects.filter(movement=movement).first()
    dossier_file = DossierFile.objects.filter(dossier__movement=movement).first()
    client = client_as("vanquan")
    for url in (
        reverse("nominations:movement", args=[movement.pk]),
        reverse("nominations:dossier", args=[dossier.pk]),
        reverse("nominations:detail", args=[nomination.pk]),
        reverse("nominations:file", args=[dossier_file.pk]),
        reverse("api:movement-nominations", args=[movement.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_ranking_page_offers_a_head_only_their_own_unit(client_as, movement):
    page = client_as("truongmotcua").get(
        reverse("nominations:propose", args=[movement.pk]) + "?target=collective"
    )
    text = page.content.decode()
    assert "Bộ phận tiếp nhận và trả kết quả" in text
    assert "Tư pháp - Hộ tịch" not in text


def test_a_signed_scan_is_downloaded_by_the_office_not_by_another_units_staff(
    client_as, movement, user
):
    scan = DossierFile.objects.filter(dossier__movement=movement, kind="uploaded").first()
    assert client_as("vanphong").get(reverse("nominations:file", args=[scan.pk])).status_code == 200
    # hoidong4 belongs to the Women's Union but sits on the council: may read.
    assert client_as("hoidong4").get(reverse("nominations:file", args=[scan.pk])).status_code == 200
    assert client_as("canbo").get(reverse("nominations:file", args=[scan.pk])).status_code == 404


def _many_dossiers(movement, giay_khen, office, count: int) -> None:
    """Rows straight into the tables: the page, not the service, is under test."""
    units = Unit.objects.filter(organisation=movement.organisation, competes=True)
    people = list(Person.objects.filter(organisation=movement.organisation)[:count])
    for unit, person in list(zip(units, people, strict=False))[:count]:
        dossier = Dossier.objects.create(
            movement=movement,
            proposing_unit=unit,
            document_date=movement_date(movement),
            created_by=office,
        )
        Nomination.objects.create(
            movement=movement,
            award_form=giay_khen,
            target=Target.INDIVIDUAL,
            person=person,
            proposing_unit=unit,
            proposed_by=office,
            dossier=dossier,
            status="withdrawn",
        )


def movement_date(movement):
    return services.dossier_date(movement)


def test_the_movement_page_costs_the_same_with_many_dossiers(
    client_as, movement, giay_khen, user, django_assert_max_num_queries
):
    client = client_as("vanphong")
    url = reverse("nominations:movement", args=[movement.pk])
    _many_dossiers(movement, giay_khen, user("vanphong"), 2)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    _many_dossiers(movement, giay_khen, user("vanphong"), 9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert Dossier.objects.filter(movement=movement).count() >= 12
