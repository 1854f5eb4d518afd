"""Template filters of the movement pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from thidua.movements.models import Quota

register = template.Library()


@register.filter
def quota_text(quota: Quota) -> str:
    """The quota in words, in the user's language ("tối đa 3", "at most 3").

    Quota.describe() stays Vietnamese on purpose: its text also goes into official
    documents and council records, which are Vietnamese whatever the UI language.
    """
    if quota.percent_max is not None:
        return gettext("tối đa %(percent)s%%") % {"percent": quota.percent_max}
    if quota.minimum is not None and quota.maximum is not None:
        if quota.minimum == quota.maximum:
            return str(quota.minimum)
        return f"{quota.minimum}–{quota.maximum}"
    if quota.maximum is not None:
        return gettext("tối đa %(maximum)s") % {"maximum": quota.maximum}
    if quota.minimum is not None:
        return gettext("ít nhất %(minimum)s") % {"minimum": quota.minimum}
    return gettext("không giới hạn")
