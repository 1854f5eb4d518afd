"""The action log page: read-only, for the Office and the leadership."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from thidua.core.querysets import visible_organisation_ids
from thidua.core.views import paginate

from .models import ActionLog
from .services import ACTION_LABELS

# Roles that may read the log of their organisation. Kept as strings: audit sits
# below orgs and must not import it.
LOG_READER_ROLES = {"office", "chairman", "vice_chairman", "admin"}


def readable_organisation_ids(user) -> set[int] | None:
    ids = visible_organisation_ids(user)
    if ids is None:
        return None
    readers = user.memberships.filter(role__in=LOG_READER_ROLES)
    return set(readers.values_list("unit__organisation_id", flat=True)) & set(ids)


@login_required
def log_list(request: HttpRequest) -> HttpResponse:
    ids = readable_organisation_ids(request.user)
    if ids is not None and not ids:
        raise PermissionDenied(gettext("Chỉ Văn phòng và lãnh đạo UBND xem được nhật ký thao tác."))
    entries = ActionLog.objects.select_related("organisation")
    if ids is not None:
        entries = entries.filter(organisation_id__in=ids)
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    actor = request.GET.get("actor", "").strip()
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    return render(
        request,
        "audit/log_list.html",
        {
            "page": paginate(request, entries, 50),
            "actions": sorted(
                ((code, str(label)) for code, label in ACTION_LABELS.items()),
                key=lambda kv: kv[1],
            ),
            "action": action,
            "actor": actor,
        },
    )
