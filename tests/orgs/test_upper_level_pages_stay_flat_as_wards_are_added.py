"""A city's viewer sees every ward below, yet the pages cost the same number of queries
with 4 wards or 70, and the lists offered as filters do not grow with the wards."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.demo.synth import SynthSize, synthesise
from thidua.orgs.models import Organisation

PAGES = [
    "/",
    "/orgs/people/",
    "/orgs/organisations/",
    "/orgs/units/",
    "/movements/",
    "/tasks/",
    "/api/v1/movements/",
]


def add_wards_to_hanoi(count: int) -> None:
    synthesise(
        SynthSize(wards=count, people_per_ward=2, units_per_ward=3, city_code="ha-noi", prefix="t")
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
def test_the_city_viewers_pages_cost_the_same_queries_with_70_wards(client_as):
    client = client_as("capthanhpho")
    for url in PAGES:
        client.get(url)
    before = {url: queries(client, url) for url in PAGES}
    add_wards_to_hanoi(70)
    client = client_as("capthanhpho")
    assert {url: queries(client, url) for url in PAGES} == before


@pytest.mark.django_db
def test_the_organisation_tree_is_paged_and_keeps_its_order(client_as):
    add_wards_to_hanoi(70)
    client = client_as("capthanhpho")
    first = client.get("/orgs/organisations/").content.decode()
    rows = re.findall(r'indent-(\d)">([^<]+)<', first)
    assert len(rows) == 50
    # The city, then its wards and the district in (level, name) order, each followed by
    # what lies below it: phường Hà Đông … phường Số 1, Số 10, … quận Hà Đông, its wards.
    assert rows[:3] == [("0", "thành phố Hà Nội"), ("1", "phường Hà Đông"), ("1", "phường Số 1")]
    assert "Trang 1/2 · 76 mục" in first
    second = client.get("/orgs/organisations/?page=2").content.decode()
    rest = re.findall(r'indent-(\d)">([^<]+)<', second)
    assert rest[-3:] == [("1", "quận Hà Đông"), ("2", "phường Mộ Lao"), ("2", "phường Văn Quán")]
    assert "đến 30/06/2025" in second and "phường Đại Mỗ" in second


@pytest.mark.django_db
def test_the_wards_below_on_the_city_home_page_are_paged_with_their_movements(client_as):
    add_wards_to_hanoi(70)
    page = client_as("capthanhpho").get("/?page=2").content.decode()
    rows = re.findall(r"<tr><td>([^<]+)</td>.*?class=\"num\">(\d+)<", page)
    assert ("phường Văn Quán", "1") in rows and ("phường Đại Mỗ", "0") in rows
    assert "Trang 2/2 · 74 mục" in page


def unit_options(page: str) -> set[int]:
    select = page.split('id="unit"')[1].split("</select>")[0]
    return {int(value) for value in re.findall(r'value="(\d+)"', select)}


@pytest.mark.django_db
def test_the_unit_filter_offers_the_viewers_own_units_not_every_wards(client_as, demo):
    add_wards_to_hanoi(5)
    hanoi = Organisation.objects.get(code="ha-noi")
    city_page = client_as("capthanhpho").get("/orgs/people/").content.decode()
    assert unit_options(city_page) == set(hanoi.units.values_list("pk", flat=True))
    ward_page = client_as("vanphong").get("/orgs/people/").content.decode()
    assert unit_options(ward_page) == set(demo["mo_lao"].units.values_list("pk", flat=True))
    tasks_page = client_as("vanphong").get("/tasks/").content.decode()
    competing = demo["mo_lao"].units.filter(competes=True).values_list("pk", flat=True)
    assert unit_options(tasks_page) == set(competing)


@pytest.mark.django_db
def test_the_city_viewer_still_lists_people_of_every_ward(client_as):
    add_wards_to_hanoi(3)
    ward = Organisation.objects.get(code="t-00003")
    person = ward.people.first()
    page = client_as("capthanhpho").get(f"/orgs/people/?q={person.given_name}").content.decode()
    assert person.full_name in page
    assert client_as("vanphong").get(f"/orgs/people/{person.pk}/").status_code == 404
