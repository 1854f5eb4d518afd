"""People in several units choose which one they work in."""

import pytest

from thidua.orgs.models import Membership


@pytest.mark.django_db
def test_the_chairman_starts_as_chairman_and_can_switch_to_the_council(client_as):
    client = client_as("chutich")
    home = client.get("/")
    assert home.context["current_membership"].role == "chairman"
    assert 'name="membership"' in home.content.decode()
    council = Membership.objects.get(user__username="chutich", role="council_member")
    response = client.post("/orgs/switch-unit/", {"membership": council.pk})
    assert response.status_code == 302
    assert client.get("/").context["current_membership"] == council


@pytest.mark.django_db
def test_nobody_can_switch_into_someone_elses_membership(client_as):
    client = client_as("vanquan")
    foreign = Membership.objects.get(user__username="chutich", role="chairman")
    client.post("/orgs/switch-unit/", {"membership": foreign.pk})
    assert client.get("/").context["current_membership"].user.username == "vanquan"


@pytest.mark.django_db
def test_switching_is_a_post_with_csrf(demo):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="chutich"))
    assert client.post("/orgs/switch-unit/", {"membership": 1}).status_code == 403
    assert client.get("/orgs/switch-unit/").status_code == 405
