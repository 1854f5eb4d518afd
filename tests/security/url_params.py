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
}

# URL names (namespace:name) that anyone may open without logging in.
PUBLIC_URL_NAMES: set[str] = {
    "healthz",
    "login",
    "logout",
    "api:schema",
}

# URL names not walked at all, with the reason.
SKIPPED_URL_NAMES: dict[str, str] = {}

# Namespaces not walked: Django's admin is for operators (superusers) only and has
# its own permission system.
SKIPPED_NAMESPACES = {"admin"}
