"""Querysets for the register pages (query count independent of the number of rows)."""

from __future__ import annotations

from django.db.models import Count

from .models import Document, IncomingDocument


def register_for(user):
    return (
        Document.objects.visible_to(user)
        .select_related("organisation")
        .annotate(certificate_count=Count("certificates"))
        .order_by("-date", "-number", "-id")
    )


def incoming_for(user):
    return IncomingDocument.objects.visible_to(user).select_related("organisation")
