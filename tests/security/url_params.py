"""How the URL-walking security tests fill URL parameters and which pages are public.

Id parameters named ``<model>_id`` are filled automatically from real objects of
phường Mộ Lao (see test_isolation.py): a page added later is covered by following
that convention. Only other parameter names and public pages are listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# kwarg name → a value, or a callable(mo_lao_organisation) giving one.
OTHER_PARAMS: dict[str, Any | Callable[[Any], Any]] = {
    "format": "json",  # DRF's format suffix (".json")
    # Public certificate verification (/verify/<code>): a code that exists nowhere, so
    # the walk checks that an unknown code answers 404 and shows nothing.
    "code": "khong-ton-tai-0000",
    # Public SIPAS survey (/indexes/s/<token>/): a link of a real Mộ Lao desk whose
    # signature was altered, so the walk checks that a forged QR link answers 404 and
    # shows nothing. (A genuine link shows its ward's name by design: it is the
    # citizen's page. tests/indexes covers the genuine links.)
    "token": lambda mo_lao: _forged_survey_token(mo_lao),
    # Public disclosure page of the council's list (/council/public/<code>/): a real Mộ Lao
    # code, altered, so the walk checks that an unknown code answers 404 and shows nothing.
    # (A genuine code shows its ward's list by design; tests/council covers it.)
    "disclosure_code": lambda mo_lao: _altered_disclosure_code(mo_lao),
}


def _altered_disclosure_code(mo_lao) -> str:
    from thidua.council.models import Disclosure

    code = Disclosure.objects.filter(organisation=mo_lao).order_by("pk").first().code
    return code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")


def _forged_survey_token(mo_lao) -> str:
    from thidua.indexes.models import SipasDesk
    from thidua.indexes.sipas import make_token

    desk = SipasDesk.objects.filter(organisation=mo_lao).order_by("pk").first()
    token = make_token(desk)
    return token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")


# URL names (namespace:name) that anyone may open without logging in.
PUBLIC_URL_NAMES: set[str] = {
    "healthz",
    "login",
    "logout",
    "api:schema",
    "documents:verify",
    "indexes:survey",
    "indexes:survey_submit",
    "council:public",
    # Django's set_language (/i18n/setlang/): POST only changes the language cookie;
    # a GET just redirects back. Anyone may choose a language, also on the login page.
    "set_language",
}

# URL names not walked at all, with the reason.
SKIPPED_URL_NAMES: dict[str, str] = {}

# Namespaces not walked: Django's admin is for operators (superusers) only and has
# its own permission system.
SKIPPED_NAMESPACES = {"admin"}
