"""Querysets for the register pages (query count independent of the number of rows)."""

from __future__ import annotations

from django.db.models import Count, Q

from .models import Document, IncomingDocument, Status


def register_for(user):
    return (
        Document.objects.visible_to(user)
        .select_related("organisation")
        .annotate(certificate_count=Count("certificates"))
        .order_by("-date", "-number", "-id")
    )


def filter_register(
    documents, *, status: str = "", doc_type: str = "", year: str = "", q: str = ""
):
    """The register narrowed by the filters of its page and of the API (unknown values of
    status and year are ignored by the page; the API refuses them before)."""
    if status in Status.values:
        documents = documents.filter(status=status)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if year.isdigit() and len(year) <= 4:
        documents = documents.filter(year=int(year))
    for word in q.split():
        documents = documents.filter(Q(summary__icontains=word) | Q(symbol__icontains=word))
    return documents


def incoming_for(user):
    return IncomingDocument.objects.visible_to(user).select_related("organisation")
