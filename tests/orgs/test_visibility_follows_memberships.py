"""What each persona may see is derived from memberships, in SQL."""

import pytest
from django.contrib.auth import get_user_model

from thidua.movements.models import Movement
from thidua.orgs.models import Membership, Organisation, Person, Role, Unit


def titles(user) -> set[str]:
    return {
        m.organisation.name
        for m in Movement.objects.visible_to(user).select_related("organisation")
    }


@pytest.mark.django_db
def test_a_ward_officer_sees_only_their_ward(user):
    assert titles(user("vanphong")) == {"Mộ Lao"}
    assert titles(user("vanquan")) == {"Văn Quán"}


@pytest.mark.django_db
def test_the_district_viewer_sees_every_ward_of_the_district(user):
    assert titles(user("capquan")) == {"Mộ Lao", "Văn Quán"}


@pytest.mark.django_db
def test_the_city_viewer_sees_the_ceased_wards_and_their_successors(user):
    names = set(Organisation.objects.visible_to(user("capthanhpho")).values_list("name", flat=True))
    assert {"Hà Nội", "Hà Đông", "Mộ Lao", "Văn Quán", "Đại Mỗ"} <= names


@pytest.mark.django_db
def test_a_successor_ward_keeps_seeing_the_records_of_the_ward_it_replaced(demo):
    dai_mo = Organisation.objects.get(code="dai-mo")
    office = Unit.objects.create(organisation=dai_mo, name="Văn phòng UBND phường", kind="office")
    officer = get_user_model().objects.create_user("daimo-office", password="x-very-long-password")
    Membership.objects.create(user=officer, unit=office, role=Role.OFFICE)
    assert titles(officer) == {"Mộ Lao"}
    assert Person.objects.visible_to(officer).filter(organisation=demo["mo_lao"]).count() >= 40


@pytest.mark.django_db
def test_a_user_without_memberships_sees_nothing(demo):
    nobody = get_user_model().objects.create_user("nobody", password="x-very-long-password")
    assert not Movement.objects.visible_to(nobody).exists()
    assert not Person.objects.visible_to(nobody).exists()


@pytest.mark.django_db
def test_the_movement_page_of_another_ward_answers_404(client_as, demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    assert client_as("vanphong").get(f"/movements/{movement.pk}/").status_code == 200
    assert client_as("vanquan").get(f"/movements/{movement.pk}/").status_code == 404
    assert client_as("capquan").get(f"/movements/{movement.pk}/").status_code == 200
