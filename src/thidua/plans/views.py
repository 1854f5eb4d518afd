"""Plan pages: the register of plans and the cascade between them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from thidua.core.views import paginate

from .models import Plan


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.visible_to(request.user).select_related("organisation")
    return render(request, "plans/plan_list.html", {"page": paginate(request, plans)})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    visible = Plan.objects.visible_to(request.user)
    plan = get_object_or_404(visible.select_related("organisation"), pk=plan_id)
    # Links both ways, limited to what the user may see: a ward's plan may implement
    # the district's, but the district's page must not list another ward's plans.
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "implements": plan.implements.filter(pk__in=visible.values("pk")),
            "implemented_by": plan.implemented_by.filter(pk__in=visible.values("pk")),
            "movements": plan.movements.all(),
        },
    )
