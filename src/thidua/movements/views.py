"""Movement pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from thidua.core.views import paginate
from thidua.orgs.models import Role
from thidua.orgs.services import current_membership, has_role, organisations_where
from thidua.plans.imports import existing_plan, start_import
from thidua.plans.models import PlanImport

from .forms import PlanReviewForm, PlanUploadForm, initial_from_result
from .imports import confirm_import
from .queries import movement_cards, movements_with_parts


@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    movements = movement_cards(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        movements = movements.filter(year=int(year))
    can_import = bool(organisations_where(request.user, Role.OFFICE))
    return render(
        request,
        "movements/movement_list.html",
        {"page": paginate(request, movements), "year": year, "can_import": can_import},
    )


@login_required
def movement_detail(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = get_object_or_404(movements_with_parts(request.user), pk=movement_id)
    return render(request, "movements/movement_detail.html", {"movement": movement})


def _office_organisation(request: HttpRequest):
    membership = current_membership(request)
    if membership is None or not has_role(request.user, membership.unit.organisation, Role.OFFICE):
        raise PermissionDenied(gettext("Chỉ Văn phòng được nhập kế hoạch."))
    return membership.unit.organisation


@login_required
def plan_import_upload(request: HttpRequest) -> HttpResponse:
    organisation = _office_organisation(request)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_import = start_import(request.user, organisation, form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            return redirect("movements:import_review", planimport_id=plan_import.pk)
    recent = PlanImport.objects.filter(organisation=organisation).select_related("plan")[:10]
    return render(
        request,
        "movements/import_upload.html",
        {"form": form, "organisation": organisation, "recent": recent},
    )


@login_required
def plan_import_review(request: HttpRequest, planimport_id: int) -> HttpResponse:
    plan_import = get_object_or_404(
        PlanImport.objects.visible_to(request.user).select_related("organisation"),
        pk=planimport_id,
    )
    if not has_role(request.user, plan_import.organisation, Role.OFFICE):
        raise PermissionDenied(gettext("Chỉ Văn phòng được nhập kế hoạch."))
    result = plan_import.result
    existing = None
    if result.get("number") and result.get("date"):
        existing = existing_plan(
            plan_import.organisation, result["number"], int(result["date"][:4])
        )
    form = PlanReviewForm(request.POST or None, initial=initial_from_result(result))
    if request.method == "POST" and form.is_valid():
        movement = confirm_import(request.user, plan_import, form.cleaned_data)
        messages.success(
            request,
            gettext("Đã cập nhật kế hoạch và phong trào.")
            if existing
            else gettext("Đã tạo kế hoạch và phong trào (dự thảo)."),
        )
        return redirect("movements:detail", movement_id=movement.pk)
    rows = [(form[name], plan_import.source_text(source)) for name, source in REVIEW_SOURCES]
    return render(
        request,
        "movements/import_review.html",
        {
            "plan_import": plan_import,
            "form": form,
            "rows": rows,
            "warnings": result.get("warnings", []),
            "existing": existing,
            "is_plan": result.get("is_emulation_plan", True),
        },
    )


# Review form field → the parser's ``sources`` key for the text shown beside it.
REVIEW_SOURCES = [
    ("number", "number"),
    ("issuer", "issuer"),
    ("date", "date"),
    ("title", "title"),
    ("year", "year"),
    ("signer_name", "signer"),
    ("movement_title", "title"),
    ("target_collective", "target_groups.collective"),
    ("target_individual", "target_groups.individual"),
    ("criterion_collective", "criteria.collective"),
    ("criterion_individual", "criteria.individual"),
    ("award_forms", "award_forms"),
    ("quota_collective_min", "quotas.collective"),
    ("quota_collective_max", "quotas.collective"),
    ("quota_collective_percent", "quotas.collective"),
    ("quota_individual_min", "quotas.individual"),
    ("quota_individual_max", "quotas.individual"),
    ("quota_individual_percent", "quotas.individual"),
    ("dossier", "dossier"),
    ("dossier_destination", "dossier_destination"),
]
