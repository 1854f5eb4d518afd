"""Security headers the Django settings do not cover, and the UI language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Everything is served by the app itself (no CDN: offline intranets), so the
# policy can be strict. Inline styles stay allowed for the print layouts.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class LanguageCookieMiddleware:
    """Activate the language the user chose, and only that: Vietnamese otherwise.

    Django's LocaleMiddleware also follows the browser's Accept-Language header. We
    deliberately do not: the software is Vietnamese, its users are Vietnamese civil
    servants, and many of their browsers and phones are set to English — following
    the header would switch a whole ward's staff to English without anyone asking.
    So the only way to get English is to choose it (the "Tiếng Việt / English"
    form, Django's set_language view, which stores the choice in the language cookie).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        # override() (not activate()) so the thread goes back to the default after the
        # request: code running later in the same thread (jobs, tests) stays Vietnamese.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        # The page depends on the cookie, never on Accept-Language.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def chosen_language(request: HttpRequest) -> str:
    """The language in the cookie if it is one we offer, else LANGUAGE_CODE ("vi")."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE
