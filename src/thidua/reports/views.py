"""The home dashboard, one per role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.audit.models import ActionLog
from thidua.core.views import attach_counts, paginate
from thidua.movements.models import Movement
from thidua.movements.queries import movement_cards
from thidua.orgs.models import Organisation, Person, Role, Unit
from thidua.orgs.services import current_membership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    context: dict = {"membership": membership}
    if membership is None:
        return render(request, "reports/home.html", context)
    organisation = membership.unit.organisation
    role = membership.role
    context["role"] = role
    context["organisation"] = organisation
    if role == Role.UPPER_VIEWER:
        below = (
            Organisation.objects.visible_to(request.user)
            .exclude(pk=organisation.pk)
            .filter(level="commune")
            .order_by("name", "id")
        )
        page = paginate(request, below, 50)
        page.object_list = attach_counts(
            page.object_list, Movement.objects, "organisation", "movement_count"
        )
        context["below"] = page
        context["movements"] = movement_cards(request.user).exclude(organisation=organisation)[:20]
        return render(request, "reports/home.html", context)
    context["movements"] = movement_cards(request.user).filter(organisation=organisation)
    people = Person.objects.filter(organisation=organisation, is_active=True)
    context["counts"] = people.aggregate(
        people=Count("id"), cchc=Count("id", filter=Q(performs_cchc=True))
    )
    context["unit_count"] = Unit.objects.filter(organisation=organisation, competes=True).count()
    if role in (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.ADMIN):
        context["recent_actions"] = ActionLog.objects.filter(organisation=organisation)[:8]
    if role in (Role.UNIT_HEAD, Role.STAFF):
        context["unit"] = membership.unit
        context["unit_people"] = membership.unit.people.filter(is_active=True).order_by("sort_name")
    if role == Role.COUNCIL_MEMBER or role == Role.CHAIRMAN:
        context["council"] = (
            Unit.objects.filter(organisation=organisation, kind="council")
            .prefetch_related("memberships__user__person")
            .first()
        )
    return render(request, "reports/home.html", context)
