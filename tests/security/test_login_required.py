"""Every page needs a login, except the few public ones listed in url_params.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.test_isolation import ALL_ROUTES, fill
from tests.security.url_params import PUBLIC_URL_NAMES

PRIVATE_ROUTES = [r for r in ALL_ROUTES if r.name not in PUBLIC_URL_NAMES]


@pytest.mark.django_db
@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=lambda r: r.name)
def test_an_anonymous_visitor_is_sent_to_login_or_refused(route, demo, client):
    url = reverse(route.name, kwargs=fill(route, demo["mo_lao"]))
    response = client.get(url)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/"), response["Location"]
    else:
        assert response.status_code in (401, 403, 405), f"{url} answered {response.status_code}"
    if route.name.startswith("api:"):
        assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_the_public_pages_open_without_login(demo, client):
    for name in ("healthz", "login", "api:schema"):
        assert client.get(reverse(name)).status_code == 200, name
