"""How often the API may be called: per user, and per address for callers without an account.

The rates are Django settings (THIDUA_API_RATE_USER, THIDUA_API_RATE_ANON) read at each
request, not DRF's DEFAULT_THROTTLE_RATES, which DRF copies once at import: a test or an
operator's override then takes effect without a restart of the interpreter.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, throttling, views


class _RateFromSetting:
    setting = ""

    def get_rate(self) -> str:
        return getattr(settings, self.setting)


class UserThrottle(_RateFromSetting, throttling.UserRateThrottle):
    """Per user for a token or a session (all of a user's tokens share one count)."""

    setting = "THIDUA_API_RATE_USER"


class AnonymousThrottle(_RateFromSetting, throttling.AnonRateThrottle):
    """Per address for a caller without an account (the schema is the one open path)."""

    setting = "THIDUA_API_RATE_ANON"


class Throttled(exceptions.Throttled):
    default_detail = _("Quá nhiều yêu cầu tới API trong thời gian ngắn.")
    extra_detail_singular = extra_detail_plural = _(
        "Hãy đợi {wait} giây rồi gửi lại, và giãn nhịp gửi của chương trình."
    )


def exception_handler(exc, context):
    """DRF's handler (which adds Retry-After), with the refusal worded in Vietnamese."""
    if isinstance(exc, exceptions.Throttled) and not isinstance(exc, Throttled):
        exc = Throttled(exc.wait)
    return views.exception_handler(exc, context)
