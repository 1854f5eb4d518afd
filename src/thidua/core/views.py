"""Views of the shell: the health check, and helpers every view uses."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answers JSON; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": exc.__class__.__name__},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


def paginate(request: HttpRequest, queryset, per_page: int = 25):
    """The requested page of ``queryset`` (out-of-range numbers give the last page)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def attach_counts(objects: Iterable[Model], related: QuerySet, key: str, attr: str) -> list:
    """Set ``attr`` on each object to the number of ``related`` rows whose ``key`` points
    at it, in one query over these objects only (a page): annotating the paged queryset
    instead makes the database count for every row before it can page."""
    objects = list(objects)
    counts = dict(
        related.filter(**{f"{key}__in": [o.pk for o in objects]})
        .order_by()
        .values_list(key)
        .annotate(n=Count("pk"))
        .values_list(key, "n")
    )
    for obj in objects:
        setattr(obj, attr, counts.get(obj.pk, 0))
    return objects
