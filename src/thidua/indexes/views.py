"""Staff pages: PAR INDEX self-assessment and appraisal; SIPAS desks, index and imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.core.views import paginate
from thidua.orgs.models import Level, Organisation, Unit
from thidua.orgs.services import current_membership

from . import charts, exports, paper, services, sipas
from .forms import (
    AppraisalForm,
    DeskForm,
    FinishAppraisalForm,
    PaperImportForm,
    SelfScoreForm,
    StartAssessmentForm,
    TargetForm,
)
from .models import (
    IndexKind,
    IndexTarget,
    ParAssessment,
    ParCriterion,
    ParEvidence,
    ParFramework,
    ParScore,
    SipasDesk,
    SipasResponse,
)
from .queries import (
    assessment_totals,
    par_ranking,
    points_lost_by_unit,
    province_code_of,
    questionnaire_for,
    sipas_index,
    survey_suggestions,
    target_status,
    year_range,
)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _home_ward(request: HttpRequest) -> Organisation | None:
    membership = current_membership(request)
    if membership is not None and membership.unit.organisation.level == Level.COMMUNE:
        return membership.unit.organisation
    return None


def _ward(request: HttpRequest) -> Organisation | None:
    """The ward a page is about: ``?ward=`` among those the user may see, else the user's own."""
    wards = Organisation.objects.visible_to(request.user).filter(level=Level.COMMUNE)
    chosen = request.GET.get("ward", "")
    if chosen.isdigit():
        ward = wards.filter(pk=int(chosen)).first()
        if ward is None:
            raise Http404("Không có phường, xã này.")
        return ward
    return _home_ward(request) or wards.order_by("name").first()


def _latest_year(ward: Organisation) -> int:
    """The last year with survey answers (a ceased ward's data stop at its end)."""
    last = SipasResponse.objects.filter(organisation=ward).aggregate(last=Max("day"))["last"]
    return last.year if last else timezone.localdate().year


def _year(request: HttpRequest, default: int) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else default


# --- PAR INDEX ---------------------------------------------------------------------------


@login_required
def par_list(request: HttpRequest) -> HttpResponse:
    assessments = (
        ParAssessment.objects.visible_to(request.user)
        .select_related("organisation", "framework")
        .order_by("-framework__year", "organisation__name")
    )
    ward = _home_ward(request)
    start_form = None
    if ward is not None and services.can_manage(request.user, ward):
        taken = ParAssessment.objects.filter(organisation=ward).values("framework_id")
        frameworks = ParFramework.objects.filter(
            province_code=province_code_of(ward), level="commune"
        ).exclude(pk__in=taken)
        if frameworks.exists():
            start_form = StartAssessmentForm(frameworks=frameworks)
    return render(
        request,
        "indexes/par_list.html",
        {"page": paginate(request, assessments), "start_form": start_form, "ward": ward},
    )


@login_required
@require_POST
def par_start(request: HttpRequest) -> HttpResponse:
    ward = _home_ward(request)
    if ward is None or not services.can_manage(request.user, ward):
        raise PermissionDenied("Chỉ Văn phòng UBND phường được lập bản tự đánh giá.")
    form = StartAssessmentForm(
        request.POST,
        frameworks=ParFramework.objects.filter(province_code=province_code_of(ward)),
    )
    if not form.is_valid():
        messages.error(request, "Hãy chọn bộ tiêu chí trong danh sách.")
        return redirect("indexes:par_list")
    try:
        assessment = services.start_assessment(request.user, ward, form.cleaned_data["framework"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("indexes:par_list")
    messages.success(request, "Đã lập bản tự đánh giá. Hãy phân công tiêu chí cho các đơn vị.")
    return redirect("indexes:par_assign", parassessment_id=assessment.pk)


def _assessment(request: HttpRequest, parassessment_id: int) -> ParAssessment:
    return get_object_or_404(
        ParAssessment.objects.visible_to(request.user).select_related(
            "organisation__parent__parent", "framework"
        ),
        pk=parassessment_id,
    )


def _tree_rows(assessment: ParAssessment) -> list[dict]:
    """Criteria in reading order, each leaf with its score and, for a criterion measured
    from SIPAS, its suggested points (a fixed number of queries in all)."""
    criteria = list(ParCriterion.objects.filter(framework_id=assessment.framework_id))
    scores = {
        s.criterion_id: s
        for s in ParScore.objects.filter(assessment=assessment)
        .select_related("unit")
        .annotate(evidence_count=Count("evidence"))
    }
    suggestions = survey_suggestions(assessment, criteria)
    return [
        {"criterion": c, "score": scores.get(c.pk), "suggestion": suggestions.get(c.pk)}
        for c in criteria
    ]


@login_required
def par_detail(request: HttpRequest, parassessment_id: int) -> HttpResponse:
    assessment = _assessment(request, parassessment_id)
    totals = assessment_totals(assessment)
    ranking = par_ranking(assessment.framework_id)
    visible = set(
        Organisation.objects.visible_to(request.user)
        .filter(pk__in=[r.organisation.pk for r in ranking])
        .values_list("pk", flat=True)
    )
    lost = points_lost_by_unit(assessment.organisation_id, assessment.framework.year)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=lost.keys())}
    lost_rows = sorted(
        ((units[k], v) for k, v in lost.items() if k in units), key=lambda kv: -kv[1]
    )
    return render(
        request,
        "indexes/par_detail.html",
        {
            "assessment": assessment,
            "framework": assessment.framework,
            "rows": _tree_rows(assessment),
            "totals": totals,
            "ranking": ranking,
            "visible_ids": visible,
            "my_rank": next(
                (r.rank for r in ranking if r.organisation.pk == assessment.organisation_id), None
            ),
            "lost_rows": lost_rows,
            "can_manage": services.can_manage(request.user, assessment.organisation_id),
            "can_appraise": services.can_appraise(request.user, assessment),
            "finish_form": FinishAppraisalForm(),
        },
    )


@login_required
def par_assign(request: HttpRequest, parassessment_id: int) -> HttpResponse:
    assessment = _assessment(request, parassessment_id)
    if not services.can_manage(request.user, assessment.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng UBND phường được phân công tiêu chí.")
    scores = list(
        ParScore.objects.filter(assessment=assessment)
        .select_related("criterion", "unit")
        .order_by("criterion__position")
    )
    units = list(
        Unit.objects.filter(organisation_id=assessment.organisation_id, competes=True).order_by(
            "sort_name"
        )
    )
    if request.method == "POST":
        mapping: dict[int, int | None] = {}
        for score in scores:
            value = request.POST.get(f"unit_{score.pk}", "")
            mapping[score.pk] = int(value) if value.isdigit() else None
        try:
            changed = services.assign_units(request.user, assessment, mapping)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã lưu phân công ({changed} tiêu chí thay đổi).")
            return redirect("indexes:par_detail", parassessment_id=assessment.pk)
    return render(
        request,
        "indexes/par_assign.html",
        {"assessment": assessment, "scores": scores, "units": units},
    )


@login_required
@require_POST
def par_submit(request: HttpRequest, parassessment_id: int) -> HttpResponse:
    assessment = _assessment(request, parassessment_id)
    try:
        services.submit_assessment(request.user, assessment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã gửi bản tự đánh giá lên cấp trên thẩm định.")
    return redirect("indexes:par_detail", parassessment_id=assessment.pk)


@login_required
@require_POST
def par_finish(request: HttpRequest, parassessment_id: int) -> HttpResponse:
    assessment = _assessment(request, parassessment_id)
    form = FinishAppraisalForm(request.POST)
    form.is_valid()
    try:
        services.finish_appraisal(request.user, assessment, form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã kết thúc thẩm định. Chỉ số được tính theo điểm thẩm định.")
    return redirect("indexes:par_detail", parassessment_id=assessment.pk)


# ``?goi_y=1`` on a criterion's page fills the appraisal form with the suggested points.
USE_SUGGESTION = "goi_y"


def _score(request: HttpRequest, parscore_id: int) -> ParScore:
    return get_object_or_404(
        ParScore.objects.visible_to(request.user).select_related(
            "assessment__organisation__parent__parent",
            "assessment__framework",
            "criterion__parent",
            "unit",
            "self_by__person",
            "appraised_by__person",
        ),
        pk=parscore_id,
    )


@login_required
def par_score(request: HttpRequest, parscore_id: int) -> HttpResponse:
    score = _score(request, parscore_id)
    can_score = services.can_self_score(request.user, score)
    form = None
    if can_score:
        initial = {"explanation": score.explanation}
        if score.self_points is not None:
            initial["points"] = services._fmt(score.self_points)
        form = SelfScoreForm(initial=initial)
        if request.method == "POST":
            form = SelfScoreForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    services.self_score(
                        request.user,
                        score,
                        form.cleaned_data["points"],
                        form.cleaned_data["explanation"],
                        form.cleaned_data["files"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(
                        request, f"Đã lưu điểm tự chấm tiêu chí {score.criterion.code}."
                    )
                    return redirect("indexes:par_score", parscore_id=score.pk)
    elif request.method == "POST":
        raise PermissionDenied("Bạn không được tự chấm tiêu chí này.")
    suggestion = survey_suggestions(score.assessment, [score.criterion]).get(score.criterion_id)
    appraisal_form = None
    if services.can_appraise(request.user, score.assessment):
        initial = {"comment": score.appraisal_comment}
        points = score.appraised_points if score.appraised_points is not None else score.self_points
        if request.GET.get(USE_SUGGESTION) and suggestion is not None and suggestion.enough:
            points = suggestion.points
            initial.update(comment=suggestion.comment(), from_suggestion=True)
        if points is not None:
            initial["points"] = services._fmt(points)
        appraisal_form = AppraisalForm(initial=initial)
    return render(
        request,
        "indexes/par_score.html",
        {
            "score": score,
            "assessment": score.assessment,
            "criterion": score.criterion,
            "evidence": score.evidence.select_related("uploaded_by"),
            "form": form,
            "appraisal_form": appraisal_form,
            "suggestion": suggestion,
        },
    )


@login_required
@require_POST
def par_appraise(request: HttpRequest, parscore_id: int) -> HttpResponse:
    score = _score(request, parscore_id)
    form = AppraisalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy nhập điểm thẩm định.")
        return redirect("indexes:par_score", parscore_id=score.pk)
    try:
        services.appraise(
            request.user,
            score,
            form.cleaned_data["points"],
            form.cleaned_data["comment"],
            from_suggestion=form.cleaned_data["from_suggestion"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("indexes:par_score", parscore_id=score.pk)
    messages.success(request, f"Đã lưu điểm thẩm định tiêu chí {score.criterion.code}.")
    return redirect(
        reverse("indexes:par_detail", args=[score.assessment_id]) + f"#c{score.criterion_id}"
    )


@login_required
def par_evidence(request: HttpRequest, parevidence_id: int) -> FileResponse:
    evidence = get_object_or_404(ParEvidence.objects.visible_to(request.user), pk=parevidence_id)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Tệp minh chứng không còn trên máy chủ.") from exc
    response = FileResponse(handle, as_attachment=True, filename=evidence.name)
    response["Content-Type"] = CONTENT_TYPES.get(evidence.kind, "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response


# --- SIPAS -------------------------------------------------------------------------------


def _can_manage_sipas(request: HttpRequest, ward: Organisation | None) -> bool:
    return ward is not None and services.can_manage(request.user, ward)


@login_required
def sipas_dashboard(request: HttpRequest) -> HttpResponse:
    ward = _ward(request)
    if ward is None:
        return render(request, "indexes/sipas_dashboard.html", {"ward": None})
    year = _year(request, _latest_year(ward))
    start, end = year_range(year)
    index = sipas_index(ward, start, end)
    target = (
        IndexTarget.objects.filter(organisation=ward, year=year, index=IndexKind.SIPAS)
        .select_related("comparison")
        .first()
    )
    status = target_status(target) if target else None
    visible = set(Organisation.objects.visible_to(request.user).values_list("pk", flat=True))
    wards = (
        Organisation.objects.visible_to(request.user).filter(level=Level.COMMUNE).order_by("name")
    )
    target_line = None
    if status and status.rank is not None and status.leading_size <= len(status.rows):
        target_line = status.rows[status.leading_size - 1].value
    return render(
        request,
        "indexes/sipas_dashboard.html",
        {
            "ward": ward,
            "wards": wards,
            "year": year,
            "years": range(max(year, timezone.localdate().year), 2019, -1),
            "index": index,
            "status": status,
            "visible_ids": visible,
            "factor_chart": charts.bar_chart(
                index.factors,
                title=f"Tỷ lệ hài lòng theo yếu tố, năm {year}",
            ),
            "desk_chart": charts.bar_chart(
                index.desks, title=f"Tỷ lệ hài lòng theo quầy, năm {year}"
            ),
            "month_chart": charts.line_chart(
                index.months, title=f"Tỷ lệ hài lòng theo tháng, năm {year}"
            ),
            "target_line": target_line,
            "can_manage": _can_manage_sipas(request, ward),
            "target_form": TargetForm(
                initial={
                    "index": IndexKind.SIPAS,
                    "rank_max": target.rank_max if target else None,
                    "top_percent": target.top_percent if target else None,
                    "source_text": target.source_text if target else "",
                }
            ),
        },
    )


@login_required
def sipas_export(request: HttpRequest) -> HttpResponse:
    ward = _ward(request)
    if ward is None:
        raise Http404("Không có phường, xã để xuất.")
    year = _year(request, _latest_year(ward))
    start, end = year_range(year)
    content = exports.sipas_workbook(sipas_index(ward, start, end))
    response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="sipas-{ward.code}-{year}.xlsx"'
    return response


@login_required
@require_POST
def sipas_target(request: HttpRequest) -> HttpResponse:
    ward = _home_ward(request)
    if not _can_manage_sipas(request, ward):
        raise PermissionDenied("Chỉ Văn phòng UBND phường được đặt mục tiêu.")
    year = _year(request, timezone.localdate().year)
    form = TargetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Mục tiêu chưa hợp lệ: xếp hạng là số từ 1, tỷ lệ từ 1 đến 100.")
    else:
        try:
            sipas.set_target(
                request.user,
                ward,
                year,
                form.cleaned_data["index"],
                rank_max=form.cleaned_data["rank_max"],
                top_percent=form.cleaned_data["top_percent"],
                source_text=form.cleaned_data["source_text"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã lưu mục tiêu xếp hạng.")
    return redirect(reverse("indexes:sipas_dashboard") + f"?year={year}")


def _desk_links(request: HttpRequest, desk: SipasDesk) -> dict[str, str]:
    survey = reverse("indexes:survey", args=[sipas.make_token(desk)])
    kiosk = reverse("indexes:survey", args=[sipas.make_token(desk, kiosk=True)])
    return {
        "survey_url": request.build_absolute_uri(survey),
        "kiosk_url": request.build_absolute_uri(kiosk),
    }


@login_required
def desk_list(request: HttpRequest) -> HttpResponse:
    ward = _ward(request)
    can_manage = _can_manage_sipas(request, ward)
    form = DeskForm()
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Chỉ Văn phòng UBND phường được thêm quầy.")
        form = DeskForm(request.POST)
        if form.is_valid():
            try:
                sipas.create_desk(
                    request.user, ward, form.cleaned_data["name"], form.cleaned_data["description"]
                )
            except ValidationError as exc:
                form.add_error("name", exc)
            else:
                messages.success(request, "Đã thêm quầy. In mã QR để dán tại quầy.")
                return redirect("indexes:desk_list")
    desks = (
        SipasDesk.objects.visible_to(request.user)
        .filter(organisation=ward)
        .select_related("organisation", "unit")
        .annotate(response_count=Count("responses"))
        .order_by("position", "name")
    )
    rows = [{"desk": d, **_desk_links(request, d)} for d in desks]
    return render(
        request,
        "indexes/desk_list.html",
        {"ward": ward, "rows": rows, "form": form, "can_manage": can_manage},
    )


@login_required
def desk_detail(request: HttpRequest, sipasdesk_id: int) -> HttpResponse:
    import segno

    desk = get_object_or_404(
        SipasDesk.objects.visible_to(request.user).select_related("organisation", "unit"),
        pk=sipasdesk_id,
    )
    links = _desk_links(request, desk)
    qr = segno.make(links["survey_url"], error="m")
    svg = qr.svg_inline(scale=6, dark="#1c2430", title=f"Mã QR khảo sát — {desk.name}")
    return render(
        request,
        "indexes/desk_detail.html",
        {
            "desk": desk,
            "qr_svg": svg,
            "can_manage": _can_manage_sipas(request, desk.organisation),
            **links,
        },
    )


@login_required
@require_POST
def desk_toggle(request: HttpRequest, sipasdesk_id: int) -> HttpResponse:
    desk = get_object_or_404(SipasDesk.objects.visible_to(request.user), pk=sipasdesk_id)
    if not services.can_manage(request.user, desk.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng UBND phường được mở, dừng khảo sát tại quầy.")
    sipas.set_desk_active(request.user, desk, not desk.active)
    messages.success(
        request, "Đã mở lại khảo sát tại quầy." if desk.active else "Đã dừng khảo sát tại quầy."
    )
    return redirect("indexes:desk_detail", sipasdesk_id=desk.pk)


def _posters(request: HttpRequest, desks) -> HttpResponse:
    posters = [
        {
            "committee": desk.organisation.committee_name,
            "desk": desk.name,
            "description": desk.description,
            "url": _desk_links(request, desk)["survey_url"],
        }
        for desk in desks
    ]
    if not posters:
        raise Http404("Chưa có quầy nào đang khảo sát.")
    response = HttpResponse(exports.posters_pdf(posters), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="ma-qr-khao-sat.pdf"'
    return response


@login_required
def desk_poster(request: HttpRequest, sipasdesk_id: int) -> HttpResponse:
    desk = get_object_or_404(
        SipasDesk.objects.visible_to(request.user).select_related("organisation"), pk=sipasdesk_id
    )
    return _posters(request, [desk])


@login_required
def desk_posters(request: HttpRequest) -> HttpResponse:
    ward = _ward(request)
    desks = (
        SipasDesk.objects.visible_to(request.user)
        .filter(organisation=ward, active=True)
        .select_related("organisation")
        .order_by("position", "name")
    )
    return _posters(request, desks)


@login_required
def paper_import(request: HttpRequest) -> HttpResponse:
    ward = _home_ward(request)
    if not _can_manage_sipas(request, ward):
        raise PermissionDenied("Chỉ Văn phòng UBND phường được nhập phiếu giấy.")
    form = PaperImportForm()
    report = None
    if request.method == "POST":
        form = PaperImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = paper.import_paper(request.user, ward, form.cleaned_data["file"])
            if report.file_error:
                form.add_error("file", report.file_error)
                report = None
    return render(
        request, "indexes/paper_import.html", {"form": form, "report": report, "ward": ward}
    )


@login_required
def paper_template(request: HttpRequest) -> HttpResponse:
    ward = _ward(request)
    if ward is None:
        raise Http404("Không có phường, xã.")
    questionnaire = questionnaire_for(ward, timezone.localdate())
    if questionnaire is None:
        raise Http404("Chưa có mẫu phiếu SIPAS. Hãy chạy lệnh nạp dữ liệu chỉ số.")
    response = HttpResponse(paper.template(questionnaire, ward), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-phieu-giay-sipas.xlsx"'
    return response
