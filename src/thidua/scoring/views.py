"""Rankings, scorecards, the Excel export and the Office's rubric."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.audit.services import record
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_response_bytes
from thidua.movements.models import Movement, Target
from thidua.orgs.models import Role
from thidua.orgs.services import has_role

from . import registry, services
from .forms import RubricForm


def _movement(request: HttpRequest, movement_id: int) -> Movement:
    return get_object_or_404(
        Movement.objects.visible_to(request.user).select_related("organisation", "plan"),
        pk=movement_id,
    )


def _target(request: HttpRequest) -> str:
    target = request.GET.get("target", Target.COLLECTIVE)
    return target if target in Target.values else Target.COLLECTIVE


@login_required
def index(request: HttpRequest) -> HttpResponse:
    movements = (
        Movement.objects.visible_to(request.user)
        .select_related("organisation", "plan")
        .order_by("-year", "organisation__name", "title")
    )
    return render(request, "scoring/index.html", {"movements": movements})


def _chart(ranking: services.Ranking) -> dict:
    """Bars of an inline SVG chart (no script: it prints and works offline)."""
    rows = ranking.rows[:20]
    top = max([float(r.score) for r in rows] + [float(ranking.rubric.max_points), 1.0])
    bottom = min([float(r.score) for r in rows] + [0.0])
    span = top - bottom or 1.0
    bars = []
    for index, row in enumerate(rows):
        start = (0 - bottom) / span * 100
        end = (float(row.score) - bottom) / span * 100
        bars.append(
            {
                "row": row,
                "y": index * 28,
                "x": min(start, end),
                "width": max(abs(end - start), 0.4),
                "negative": row.score < 0,
            }
        )
    return {"bars": bars, "height": len(rows) * 28}


@login_required
def ranking(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    target = _target(request)
    result = services.compute_ranking(movement, target)
    return render(
        request,
        "scoring/ranking.html",
        {
            "movement": movement,
            "target": target,
            "ranking": result,
            "chart": _chart(result),
            "targets": Target.choices,
            "can_edit": has_role(request.user, movement.organisation_id, Role.OFFICE),
        },
    )


@login_required
def export(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    target = _target(request)
    result = services.compute_ranking(movement, target)
    response = HttpResponse(
        xlsx_response_bytes(services.ranking_workbook(result)), content_type=XLSX_CONTENT_TYPE
    )
    name = "xep-hang-tap-the" if target == Target.COLLECTIVE else "xep-hang-ca-nhan"
    response["Content-Disposition"] = f'attachment; filename="{name}-{movement.year}.xlsx"'
    record(request.user, "scoring.exported", movement, data={"target": target})
    return response


def _card(request: HttpRequest, movement: Movement, target: str, subject_id: int) -> HttpResponse:
    result = services.compute_ranking(movement, target)
    row = next((r for r in result.rows if r.subject.pk == subject_id), None)
    if row is None:
        raise Http404("Không có đối tượng này trong phong trào.")
    return render(
        request,
        "scoring/scorecard.html",
        {"movement": movement, "target": target, "ranking": result, "row": row},
    )


@login_required
def unit_card(request: HttpRequest, movement_id: int, unit_id: int) -> HttpResponse:
    return _card(request, _movement(request, movement_id), Target.COLLECTIVE, unit_id)


@login_required
def person_card(request: HttpRequest, movement_id: int, person_id: int) -> HttpResponse:
    return _card(request, _movement(request, movement_id), Target.INDIVIDUAL, person_id)


@login_required
def rubric_edit(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    if not has_role(request.user, movement.organisation_id, Role.OFFICE):
        raise PermissionDenied("Chỉ Văn phòng UBND được sửa cách tính điểm.")
    target = request.GET.get("target") or request.POST.get("target") or Target.COLLECTIVE
    if target not in Target.values:
        target = Target.COLLECTIVE
    components = registry.components(target)
    current = services.rubric_for(movement, target)
    if request.method == "POST":
        form = RubricForm(components, request.POST)
        if form.is_valid():
            try:
                services.save_rubric(
                    request.user,
                    movement,
                    target,
                    form.weights(),
                    form.cleaned_data["priority_first"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Đã lưu cách tính điểm; bảng xếp hạng đã tính lại.")
                return redirect(f"{request.path.rsplit('rubric/', 1)[0]}?target={target}")
    else:
        initial = {"priority_first": current.priority_first}
        for line in current.lines:
            initial[f"weight_{line.component.key}"] = line.weight
            initial[f"cap_{line.component.key}"] = line.cap
        form = RubricForm(components, initial=initial)
    return render(
        request,
        "scoring/rubric_form.html",
        {"movement": movement, "target": target, "form": form, "targets": Target.choices},
    )
