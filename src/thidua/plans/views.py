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


@login_required
def plan_graph(request: HttpRequest) -> HttpResponse:
    """The cascade of plans: each plan with the plans that implement it, nested."""
    plans = list(Plan.objects.visible_to(request.user).select_related("organisation"))
    ids = {p.pk for p in plans}
    links = Plan.implements.through.objects.filter(
        from_plan_id__in=ids, to_plan_id__in=ids
    ).values_list("from_plan_id", "to_plan_id")
    children: dict[int, list[int]] = {}
    has_parent: set[int] = set()
    for child, parent in links:
        children.setdefault(parent, []).append(child)
        has_parent.add(child)
    by_id = {p.pk: p for p in plans}

    def walk(plan_id: int, depth: int, path: frozenset[int]) -> list[tuple[int, Plan]]:
        rows = [(depth, by_id[plan_id])]
        for child in sorted(children.get(plan_id, []), key=lambda i: by_id[i].date):
            if child not in path:  # a citation loop must not hang the page
                rows.extend(walk(child, depth + 1, path | {child}))
        return rows

    rows: list[tuple[int, Plan]] = []
    tier = {"province": 0, "district": 1, "commune": 2}
    for plan in sorted(plans, key=lambda p: (tier.get(p.organisation.level, 3), p.date)):
        if plan.pk not in has_parent:
            rows.extend(walk(plan.pk, 0, frozenset({plan.pk})))
    return render(request, "plans/plan_graph.html", {"rows": rows})
