import pytest

from thidua.plans.models import Plan


@pytest.mark.django_db
def test_a_ward_reads_the_district_plan_it_implements_but_not_another_wards_plan(user):
    numbers = set(Plan.objects.visible_to(user("vanphong")).values_list("number", flat=True))
    assert {"60/KH-UBND", "17/KH-UBND", "20/KH-UBND"} <= numbers
    assert "25/KH-UBND" not in numbers
    numbers = set(Plan.objects.visible_to(user("vanquan")).values_list("number", flat=True))
    assert {"60/KH-UBND", "25/KH-UBND"} <= numbers
    assert not numbers & {"17/KH-UBND", "20/KH-UBND"}


@pytest.mark.django_db
def test_the_district_plan_page_lists_only_the_implementing_plans_the_reader_may_see(client_as):
    district_plan = Plan.objects.get(number="60/KH-UBND")
    content = client_as("vanquan").get(f"/plans/{district_plan.pk}/").content.decode()
    assert "25/KH-UBND" in content and "20/KH-UBND" not in content
    content = client_as("capquan").get(f"/plans/{district_plan.pk}/").content.decode()
    assert "25/KH-UBND" in content and "20/KH-UBND" in content


@pytest.mark.django_db
def test_the_plan_graph_nests_the_ward_plans_under_the_district_plan(client_as):
    response = client_as("vanphong").get("/plans/graph/")
    rows = [(depth, plan.number) for depth, plan in response.context["rows"]]
    assert (0, "60/KH-UBND") in rows and (1, "20/KH-UBND") in rows
    assert (0, "17/KH-UBND") in rows
    assert rows[0] == (0, "60/KH-UBND")  # the upper level first
    assert "25/KH-UBND" not in [n for _, n in rows]
