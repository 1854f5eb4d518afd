"""The bell in the shell: how many notices the user has not read (one query per page)."""

from __future__ import annotations

from django.http import HttpRequest

from .models import Notification


def unread(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(recipient=user).unread().count()}
