"""Every page is sent with a strict Content-Security-Policy, X-Frame-Options, nosniff and
a Referrer-Policy (static files: nosniff and the Referrer-Policy) — and no page relies on inline script, which that policy would block.

Walks every page without parameters (lists, forms, dashboards: pages added later are
covered) as the Office of phường Mộ Lao, and the public pages anonymously. HSTS and the
HTTPS redirect are checked in production mode in a process of their own; `check --deploy`
is in tests/core/test_production_settings.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.test_isolation import ALL_ROUTES
from thidua.documents.models import Document
from thidua.indexes import sipas
from thidua.indexes.models import SipasDesk

PAGES_WITHOUT_PARAMS = [r for r in ALL_ROUTES if not r.params and not r.name.startswith("api:")]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\s(on[a-z]+)\s*=", re.IGNORECASE)


def issued_decision(organisation) -> Document:
    """An issued decision of the demo with its public verification code."""
    found = (
        Document.objects.filter(organisation=organisation, doc_type="QĐ", status="issued")
        .filter(verification_code__isnull=False)
        .exclude(verification_code="")
        .order_by("pk")
        .first()
    )
    assert found is not None, "the demo has no issued decision to verify"
    return found


def assert_secure_headers(response, url: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives.get("default-src") == "'self'", (url, csp)
    assert directives.get("frame-ancestors") == "'none'", (url, csp)
    assert directives.get("object-src") == "'none'", (url, csp)
    assert directives.get("base-uri") == "'self'", (url, csp)
    script = directives.get("script-src", "")
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, (url, csp)
    assert response.get("X-Frame-Options") == "DENY", url
    assert response.get("X-Content-Type-Options") == "nosniff", url
    assert response.get("Referrer-Policy") == "same-origin", url
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin", url


def assert_no_inline_script(response, url: str) -> None:
    """script-src 'self' blocks inline code: a page using it would silently break."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), f"{url} has an inline <script>"
    handler = INLINE_HANDLER.search(html)
    assert handler is None, f"{url} has an inline {handler and handler.group(1)}= handler"


@pytest.mark.django_db
def test_every_page_of_the_office_is_sent_with_the_security_headers(client_as):
    client = client_as("vanphong")
    for route in PAGES_WITHOUT_PARAMS:
        url = reverse(route.name)
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        assert_secure_headers(response, url)
        assert_no_inline_script(response, url)


@pytest.mark.django_db
def test_public_pages_errors_api_and_static_files_carry_them_too(demo, client_as):
    decision = issued_decision(demo["mo_lao"])
    desk = SipasDesk.objects.filter(organisation=demo["mo_lao"]).order_by("position").first()
    anonymous = Client()
    for url, status in [
        ("/accounts/login/", 200),
        (f"/verify/{decision.verification_code}", 200),
        (f"/indexes/s/{sipas.make_token(desk)}/", 200),
        ("/healthz", 200),
        ("/api/v1/openapi.json", 200),
        ("/khong-co-trang-nay/", 404),
    ]:
        response = anonymous.get(url)
        assert response.status_code == status, url
        assert_secure_headers(response, url)
        assert_no_inline_script(response, url)
    # Static files are answered by WhiteNoise before the page middlewares: what matters
    # for a stylesheet or script is that the browser never guesses its type.
    static = anonymous.get("/static/thidua/app.css")
    assert static.status_code == 200 and static["Content-Type"].startswith("text/css")
    assert static.get("X-Content-Type-Options") == "nosniff"
    assert static.get("Referrer-Policy") == "same-origin"
    office = client_as("vanphong")
    for url in ("/api/v1/movements/", f"/documents/{decision.pk}/"):
        response = office.get(url)
        assert response.status_code == 200, url
        assert_secure_headers(response, url)
    # Another ward's Office gets the 404 page, with the headers as well.
    response = client_as("vanquan").get(f"/documents/{decision.pk}/")
    assert response.status_code == 404
    assert_secure_headers(response, "404 of another ward")


def test_production_sends_hsts_and_redirects_plain_http(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "plain = Client().get('/healthz')\n"
        "secure = Client().get('/healthz', secure=True)\n"
        "print(plain.status_code, plain.get('Location'))\n"
        "print(secure.get('Strict-Transport-Security'))\n"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="thidua.settings",
        PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"),
        THIDUA_PRODUCTION="1",
        SECRET_KEY="x7#Lq!v2pR9zW4mT8sY1nB6cJ3hK0dF5gA-uE+oI*eQ@rN&wZ%yX^",
        ALLOWED_HOSTS="testserver",
        THIDUA_VAR_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    redirect, hsts = done.stdout.splitlines()[-2:]
    assert redirect == "301 https://testserver/healthz"
    assert hsts == "max-age=31536000; includeSubDomains; preload"
