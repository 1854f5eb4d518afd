"""Another ward's user reaches nothing of phường Mộ Lao, on every URL of the project.

Walks every named URL pattern — pages added later are covered without editing this
file — as the Office of phường Văn Quán. Id parameters (``<model>_id``) are filled
from real objects of Mộ Lao; each must answer 403, 404 or 405, and no page may show
Mộ Lao's name or its people.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse

from tests.security.url_params import OTHER_PARAMS, SKIPPED_NAMESPACES, SKIPPED_URL_NAMES
from tests.security.urlwalk import routes
from thidua.orgs.models import Person

ALL_ROUTES = [
    r
    for r in routes()
    if r.name.split(":")[0] not in SKIPPED_NAMESPACES and r.name not in SKIPPED_URL_NAMES
]


def model_for(param: str):
    model_name = param[: -len("_id")]
    for model in apps.get_models():
        if model._meta.model_name == model_name:
            return model
    raise AssertionError(f"URL parameter {param!r} names no model ({model_name!r})")


def object_of_mo_lao(model, mo_lao):
    lookup = getattr(model, "organisation_lookup", "organisation")
    obj = model._default_manager.filter(**{lookup: mo_lao}).order_by("pk").first()
    assert obj is not None, (
        f"The demo has no {model._meta.label} of phường Mộ Lao: add one to the demo "
        "so that the isolation test can try its pages."
    )
    return obj


def fill(route, mo_lao) -> dict:
    kwargs = {}
    for param in route.params:
        if param.endswith("_id"):
            kwargs[param] = object_of_mo_lao(model_for(param), mo_lao).pk
        elif param in OTHER_PARAMS:
            value = OTHER_PARAMS[param]
            kwargs[param] = value(mo_lao) if callable(value) else value
        else:
            raise AssertionError(
                f"{route.name}: unknown URL parameter {param!r}; name id parameters "
                "<model>_id or register it in tests/security/url_params.py"
            )
    return kwargs


def leaks(content: str, markers: list[str]) -> list[str]:
    return [m for m in markers if m in content]


@pytest.fixture
def markers(demo) -> list[str]:
    people = Person.objects.filter(organisation=demo["mo_lao"])
    return ["Mộ Lao", "20/KH-UBND", *(p.full_name for p in people)]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda r: r.name)
def test_another_wards_office_sees_nothing_of_mo_lao(route, demo, client_as, markers):
    client = client_as("vanquan")
    kwargs = fill(route, demo["mo_lao"])
    try:
        url = reverse(route.name, kwargs=kwargs)
    except NoReverseMatch:
        pytest.fail(f"cannot reverse {route.name} with {kwargs}")
    response = client.get(url)
    has_ids = any(p.endswith("_id") for p in route.params)
    if has_ids:
        assert response.status_code in (403, 404, 405), (
            f"GET {url} answered {response.status_code} to another ward's user"
        )
        post = client.post(url, {})
        assert post.status_code in (403, 404, 405), (
            f"POST {url} answered {post.status_code} to another ward's user"
        )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", errors="replace")
    assert not leaks(text, markers), f"{url} shows {leaks(text, markers)} to another ward"


@pytest.mark.django_db
def test_the_walk_covers_pages_with_ids(demo):
    names = {r.name for r in ALL_ROUTES if any(p.endswith("_id") for p in r.params)}
    assert {"movements:detail", "orgs:person_detail", "api:movement-detail"} <= names
