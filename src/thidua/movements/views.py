"""Movement pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from thidua.core.views import paginate

from .queries import movements_with_parts


@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    movements = movements_with_parts(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        movements = movements.filter(year=int(year))
    return render(
        request,
        "movements/movement_list.html",
        {"page": paginate(request, movements), "year": year},
    )


@login_required
def movement_detail(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = get_object_or_404(movements_with_parts(request.user), pk=movement_id)
    return render(request, "movements/movement_detail.html", {"movement": movement})
