"""The user's notices."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from thidua.core.views import paginate

from . import services
from .models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notices = Notification.objects.for_user(request.user)
    return render(request, "notifications/list.html", {"page": paginate(request, notices, 30)})


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark a notice read and go to what it is about."""
    notice = get_object_or_404(Notification.objects.for_user(request.user), pk=notification_id)
    services.mark_read(request.user, notice)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(request.user)
    return redirect("notifications:list")
