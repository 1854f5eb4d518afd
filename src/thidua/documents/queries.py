"""Querysets for the register pages (query count independent of the number of rows)."""

from __future__ import annotations

from django.db.models import Count

from thidua.vn import search_key

from .models import Document, IncomingDocument, Status


def register_for(user):
    return (
        Document.objects.visible_to(user)
        .select_related("organisation", "replaced_by")
        .annotate(certificate_count=Count("certificates"))
        .order_by("-date", "-number", "-id")
    )


def filter_register(
    documents, *, status: str = "", doc_type: str = "", year: str = "", q: str = ""
):
    """The register narrowed by the filters of its page and of the API (unknown values of
    status and year are ignored by the page; the API refuses them before); ``q`` matches
    words of the symbol and the summary."""
    if status in Status.values:
        documents = documents.filter(status=status)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if year.isdigit() and len(year) <= 4:
        documents = documents.filter(year=int(year))
    # Compared without accents or case on both sides (the database's own case folding
    # misses accented capitals on SQLite): "thong bao" finds "Thông báo", "20/kh" 20/KH-UBND.
    for word in search_key(q).split():
        documents = documents.filter(search_text__contains=word)
    return documents


def incoming_for(user):
    return IncomingDocument.objects.visible_to(user).select_related("organisation")
