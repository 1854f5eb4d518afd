"""Administrative units change: districts end, wards merge, names depend on the date."""

import datetime

import pytest

from thidua.orgs.models import Organisation, OrganisationName
from thidua.orgs.services import organisation_for_documents


@pytest.mark.django_db
def test_mo_lao_ended_on_30_june_2025_and_passed_to_two_wards(demo):
    mo_lao = demo["mo_lao"]
    assert mo_lao.valid_to == datetime.date(2025, 6, 30)
    assert mo_lao.exists_on(datetime.date(2023, 12, 15))
    assert not mo_lao.exists_on(datetime.date(2025, 7, 1))
    assert {o.full_name for o in mo_lao.successors.all()} == {"phường Hà Đông", "phường Đại Mỗ"}
    assert mo_lao.parent.full_name == "quận Hà Đông"


@pytest.mark.django_db
def test_a_ward_cannot_issue_documents_dated_after_it_ceased(demo):
    mo_lao = demo["mo_lao"]
    assert organisation_for_documents(mo_lao, datetime.date(2023, 12, 15)) == mo_lao
    with pytest.raises(ValueError, match="đã chấm dứt hoạt động từ 30/06/2025"):
        organisation_for_documents(mo_lao, datetime.date(2025, 12, 15))


@pytest.mark.django_db
def test_the_name_shown_is_the_one_valid_on_the_date(demo):
    town = Organisation.objects.create(
        code="ha-dong-town", level="district", kind="quận", name="Hà Đông"
    )
    OrganisationName.objects.create(
        organisation=town,
        kind="thị xã",
        name="Hà Đông",
        valid_from=datetime.date(1999, 1, 1),
        valid_to=datetime.date(2006, 12, 28),
    )
    assert town.name_on(datetime.date(2005, 1, 1)) == "thị xã Hà Đông"
    assert town.name_on(datetime.date(2023, 1, 1)) == "quận Hà Đông"


@pytest.mark.django_db
def test_the_organisation_page_shows_validity_and_successors(client_as):
    content = client_as("capthanhpho").get("/orgs/organisations/").content.decode()
    assert "phường Mộ Lao" in content and "đến 30/06/2025" in content
    assert "phường Đại Mỗ" in content
