import pytest

from thidua.orgs.models import Person
from thidua.vn import name_sort_key


@pytest.mark.django_db
def test_people_are_ordered_by_given_name_in_the_vietnamese_alphabet(demo):
    people = list(Person.objects.filter(organisation=demo["mo_lao"]).order_by("sort_name"))
    names = [p.full_name for p in people]
    assert names == sorted(names, key=name_sort_key)
    given = [p.given_name for p in people]
    # Letters decide before tones: An < Ánh (a = a, then n, then h) < Ân (a < â);
    # đ is a letter of its own after d.
    assert given.index("An") < given.index("Ánh") < given.index("Ân")
    assert given.index("Dũng") < given.index("Đức")


@pytest.mark.django_db
def test_a_search_without_accents_finds_the_chairman(client_as):
    response = client_as("vanphong").get("/orgs/people/", {"q": "nguyen thi thanh"})
    assert response.status_code == 200
    people = list(response.context["page"])
    assert [p.full_name for p in people] == ["Nguyễn Thị Thanh"]


@pytest.mark.django_db
def test_a_search_with_accents_and_odd_spacing_finds_the_same_person(client_as):
    response = client_as("vanphong").get("/orgs/people/", {"q": "  NGUYỄN   thị thanh "})
    assert [p.full_name for p in response.context["page"]] == ["Nguyễn Thị Thanh"]


@pytest.mark.django_db
def test_the_people_page_costs_the_same_queries_for_ten_or_forty_rows(
    client_as, django_assert_max_num_queries
):
    client = client_as("vanphong")
    client.get("/orgs/people/")  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get("/orgs/people/", {"unit": Person.objects.get(user__username="canbo").unit_id})
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/orgs/people/")
    assert len(response.context["page"]) == 25
