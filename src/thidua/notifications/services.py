"""Sending and reading in-app notices."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(
    recipient,
    organisation,
    title: str,
    *,
    body: str = "",
    url: str = "",
    at: datetime.datetime | None = None,
) -> Notification:
    """Put a notice under ``recipient``'s bell."""
    return Notification.objects.create(
        organisation=organisation,
        recipient=recipient,
        title=title[:300],
        body=body,
        url=url[:300],
        created_at=at or timezone.now(),
    )


@transaction.atomic
def mark_read(user, notification: Notification) -> None:
    if notification.recipient_id != user.pk:
        raise PermissionError("Thông báo này không gửi cho bạn.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def mark_all_read(user) -> int:
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
