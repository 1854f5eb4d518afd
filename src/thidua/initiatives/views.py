"""Initiative pages: list, submission, detail with the review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.core.views import paginate
from thidua.movements.models import Movement
from thidua.orgs.models import Person, Unit
from thidua.orgs.services import current_membership

from . import services
from .forms import InitiativeForm, ReviewForm
from .models import Initiative, InitiativeStatus


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    initiatives = (
        Initiative.objects.visible_to(request.user)
        .select_related("unit", "organisation")
        .prefetch_related("credits__person")
    )
    status = request.GET.get("status", "")
    if status in InitiativeStatus.values:
        initiatives = initiatives.filter(status=status)
    return render(
        request,
        "initiatives/list.html",
        {
            "page": paginate(request, initiatives),
            "status": status,
            "statuses": InitiativeStatus.choices,
        },
    )


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    if membership is None:
        raise Http404
    organisation = membership.unit.organisation
    units = list(Unit.objects.filter(organisation=organisation, competes=True))
    people = list(Person.objects.filter(organisation=organisation, is_active=True))
    movements = list(Movement.objects.filter(organisation=organisation))
    kwargs = {"units": units, "people": people, "movements": movements}
    form = InitiativeForm(
        initial={"year": timezone.localdate().year, "unit": membership.unit_id}, **kwargs
    )
    if request.method == "POST":
        form = InitiativeForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            chosen = [p for p in people if p.pk in data["authors"]]
            shares = [100 // len(chosen)] * len(chosen)
            shares[0] += 100 - sum(shares)
            try:
                initiative = services.submit(
                    request.user,
                    organisation,
                    title=data["title"],
                    description=data["description"],
                    applied_where=data["applied_where"],
                    benefit=data["benefit"],
                    unit=next(u for u in units if u.pk == data["unit"]),
                    authors=list(zip(chosen, shares, strict=True)),
                    year=data["year"],
                    movement=next((m for m in movements if m.pk == data["movement"]), None),
                    applied_since=data["applied_since"],
                )
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            except PermissionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Đã gửi sáng kiến để xét công nhận.")
                return redirect("initiatives:detail", initiative_id=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form})


def _initiative(request: HttpRequest, initiative_id: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.visible_to(request.user).select_related(
            "unit", "organisation", "movement", "submitted_by", "reviewed_by"
        ),
        pk=initiative_id,
    )


@login_required
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = _initiative(request, initiative_id)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "credits": initiative.credits.select_related("person__unit"),
            "can_review": services.can_review(request.user, initiative.organisation_id)
            and initiative.status == InitiativeStatus.SUBMITTED,
            "form": ReviewForm(),
        },
    )


@login_required
@require_POST
def initiative_review(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = _initiative(request, initiative_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.review(
                request.user,
                initiative,
                recognised=data["recognised"],
                reviewer=data["reviewer"],
                note=data["note"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã ghi kết quả xét sáng kiến.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("initiatives:detail", initiative_id=initiative.pk)
