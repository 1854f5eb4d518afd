"""Pages of the CCHC tasks: list, detail with report history, progress reports, the
Office's review, evidence download, the annex import, the calendar, the quality scale
and the dashboards. Views are thin: services decide."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.audit.services import record
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_response_bytes
from thidua.core.uploads import CONTENT_TYPES
from thidua.core.views import paginate
from thidua.orgs.models import Organisation, Role
from thidua.orgs.queries import units_to_filter_by
from thidua.orgs.services import current_membership, has_role
from thidua.plans.models import Plan
from thidua.vn import format_date

from . import calendar as work_calendar
from . import importer, services
from .forms import (
    CalendarYearForm,
    ImportForm,
    QualityScaleForm,
    ReportForm,
    ReviewForm,
    TaskForm,
)
from .models import (
    Evidence,
    ParField,
    ProgressReport,
    QualityLevel,
    ReviewStatus,
    Task,
    TaskState,
    WorkCalendarYear,
)
from .queries import (
    plans_to_filter_by,
    task_detail,
    task_list,
    timeliness_filter,
    with_report_counts,
    with_timeliness,
)

TIMELINESS_CHOICES = [
    ("early", "Hoàn thành sớm"),
    ("on_time", "Đúng hạn"),
    ("late", "Hoàn thành trễ"),
    ("overdue", "Quá hạn"),
    ("pending", "Chưa đến hạn"),
]


def _office_organisation(request: HttpRequest) -> Organisation:
    membership = current_membership(request)
    if membership is None or not services.can_manage_tasks(
        request.user, membership.unit.organisation
    ):
        raise PermissionDenied("Chỉ Văn phòng UBND được làm việc này.")
    return membership.unit.organisation


@login_required
def task_list_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = task_list(request.user)
    params = request.GET
    plan_id, field_id, unit_id = (
        params.get("plan", ""),
        params.get("field", ""),
        params.get("unit", ""),
    )
    if plan_id.isdigit():
        tasks = tasks.filter(plan_id=int(plan_id))
    if field_id.isdigit():
        tasks = tasks.filter(par_field_id=int(field_id))
    if unit_id.isdigit():
        # Through subqueries, not joins: a join repeats a task once per matching row
        # and DISTINCT over the whole list would have to undo it.
        cooperating = Task.cooperating_units.through.objects.filter(unit_id=int(unit_id))
        tasks = tasks.filter(Q(lead_unit_id=int(unit_id)) | Q(pk__in=cooperating.values("task_id")))
    state = params.get("state", "")
    if state in TaskState.values:
        tasks = tasks.filter(state=state)
    timeliness = params.get("timeliness", "")
    if timeliness in dict(TIMELINESS_CHOICES):
        tasks = tasks.filter(timeliness_filter(timeliness, today))
    if params.get("pending") == "1":
        submitted = ProgressReport.objects.filter(review_status=ReviewStatus.SUBMITTED)
        tasks = tasks.filter(pk__in=submitted.values("task_id"))
    query = params.get("q", "").strip()
    if query:
        tasks = tasks.filter(Q(content__icontains=query) | Q(number=query))
    tasks = tasks.order_by("organisation_id", "plan__date", "sort_key", "id")
    page = paginate(request, tasks, 30)
    page.object_list = with_timeliness(with_report_counts(page.object_list), today)
    membership = current_membership(request)
    organisation = membership.unit.organisation if membership else None
    return render(
        request,
        "tasks/task_list.html",
        {
            "page": page,
            "plans": plans_to_filter_by(request.user),
            "fields": ParField.objects.all(),
            "units": units_to_filter_by(request.user).filter(competes=True),
            "states": TaskState.choices,
            "timeliness_choices": TIMELINESS_CHOICES,
            "selected": params,
            "query": query,
            "can_manage": bool(
                organisation and services.can_manage_tasks(request.user, organisation)
            ),
        },
    )


@login_required
def task_detail_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(task_detail(request.user), pk=task_id)
    today = timezone.localdate()
    with_timeliness([task], today)
    reports = list(task.reports.all())
    can_review = services.can_review(request.user, task.organisation_id)
    pending = next((r for r in reports if r.review_status == ReviewStatus.SUBMITTED), None)
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            "reports": reports,
            "pending": pending,
            "can_report": services.can_report(request.user, task)
            and task.state != TaskState.DONE
            and pending is None,
            "can_review": can_review,
            "can_manage": services.can_manage_tasks(request.user, task.organisation_id),
            "can_read_evidence": services.can_read_evidence(request.user, task),
            "review_form": ReviewForm(task.organisation_id) if can_review and pending else None,
        },
    )


def _task_data(form: TaskForm) -> services.TaskData:
    data = form.cleaned_data
    return services.TaskData(
        plan=data["plan"],
        number=data["number"],
        content=data["content"],
        lead_unit=data["lead_unit"],
        deadline=data["deadline"],
        par_field=data["par_field"],
        cooperating_units=list(data["cooperating_units"]),
        performers=list(data["performers"]),
        expected_output=data["expected_output"],
        recurrence=data["recurrence"],
    )


def _task_form_page(request, organisation, task: Task | None) -> HttpResponse:
    if request.method == "POST":
        form = TaskForm(organisation, request.POST)
        if form.is_valid():
            try:
                saved = services.save_task(request.user, organisation, _task_data(form), task)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"Đã lưu nhiệm vụ {saved.number}.")
                return redirect("tasks:detail", saved.pk)
    else:
        initial = {}
        if task is not None:
            initial = {
                "plan": task.plan,
                "number": task.number,
                "content": task.content,
                "par_field": task.par_field,
                "lead_unit": task.lead_unit,
                "cooperating_units": list(task.cooperating_units.all()),
                "performers": list(task.performers.all()),
                "deadline": task.deadline,
                "expected_output": task.expected_output,
                "recurrence": task.recurrence,
            }
        else:
            plan = Plan.objects.filter(organisation=organisation, number__startswith="17/").first()
            initial = {"plan": plan}
        form = TaskForm(organisation, initial=initial)
    return render(request, "tasks/task_form.html", {"form": form, "task": task})


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    return _task_form_page(request, _office_organisation(request), None)


@login_required
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.visible_to(request.user), pk=task_id)
    if not services.can_manage_tasks(request.user, task.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng UBND được sửa nhiệm vụ.")
    return _task_form_page(request, task.organisation, task)


@login_required
def report_create(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(
        Task.objects.visible_to(request.user).select_related("plan", "lead_unit", "organisation"),
        pk=task_id,
    )
    if not services.can_report(request.user, task):
        raise PermissionDenied(
            "Chỉ đơn vị chủ trì, người trực tiếp thực hiện hoặc Văn phòng được báo cáo nhiệm vụ này."
        )
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_report(
                    request.user,
                    task,
                    state=data["state"],
                    percent_done=data["percent_done"],
                    completed_on=data["completed_on"],
                    text=data["text"],
                    files=data["files"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            except PermissionError as exc:
                raise PermissionDenied(str(exc)) from exc
            else:
                messages.success(request, "Đã gửi báo cáo tiến độ tới Văn phòng UBND.")
                return redirect("tasks:detail", task.pk)
    else:
        latest = task.reports.order_by("-submitted_at").first()
        form = ReportForm(
            initial={
                "state": TaskState.IN_PROGRESS,
                "percent_done": latest.percent_done if latest else task.percent_done,
                "text": latest.text
                if latest and latest.review_status == ReviewStatus.RETURNED
                else "",
            }
        )
    returned = (
        task.reports.filter(review_status=ReviewStatus.RETURNED).order_by("-submitted_at").first()
    )
    return render(
        request, "tasks/report_form.html", {"form": form, "task": task, "returned": returned}
    )


@login_required
@require_POST
def report_review(request: HttpRequest, progressreport_id: int) -> HttpResponse:
    report = get_object_or_404(
        ProgressReport.objects.visible_to(request.user).select_related("task"),
        pk=progressreport_id,
    )
    if not services.can_review(request.user, report.task.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng UBND được xem xét báo cáo tiến độ.")
    form = ReviewForm(report.task.organisation_id, request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Hãy chọn “Chấp nhận” hoặc “Trả lại để bổ sung”.")
        if form.cleaned_data["decision"] == "accept":
            services.accept_report(request.user, report, form.cleaned_data["quality"])
            messages.success(request, "Đã chấp nhận báo cáo.")
        else:
            services.return_report(request.user, report, form.cleaned_data["reason"])
            messages.success(request, "Đã trả lại báo cáo kèm lý do; đơn vị đã được thông báo.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("tasks:detail", report.task_id)


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(
        Evidence.objects.visible_to(request.user).select_related("report__task"), pk=evidence_id
    )
    if not services.can_read_evidence(request.user, evidence.report.task):
        raise PermissionDenied("Bạn không có quyền xem minh chứng của nhiệm vụ này.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp minh chứng không còn trên máy chủ.") from None
    inline = evidence.kind in {"pdf", "png", "jpeg", "gif", "webp"}
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=CONTENT_TYPES.get(evidence.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    # Who read which evidence is part of the record an inspection asks for.
    record(
        request.user,
        "tasks.evidence_downloaded",
        evidence,
        data={"name": evidence.original_name, "task": evidence.report.task.number},
    )
    return response


@login_required
def task_import(request: HttpRequest) -> HttpResponse:
    organisation = _office_organisation(request)
    report = None
    if request.method == "POST":
        form = ImportForm(organisation, request.POST, request.FILES)
        if form.is_valid():
            report = importer.import_tasks(
                request.user, organisation, form.cleaned_data["plan"], form.cleaned_data["file"]
            )
            if report.file_error:
                form.add_error("file", report.file_error)
                report = None
            else:
                tasks = [r for r in report.accepted if not r.heading]
                messages.success(
                    request,
                    f"Đã nhập {len(tasks)} nhiệm vụ; {len(report.rejected)} dòng bị từ chối.",
                )
    else:
        plan = Plan.objects.filter(organisation=organisation, number__startswith="17/").first()
        form = ImportForm(organisation, initial={"plan": plan})
    return render(
        request,
        "tasks/task_import.html",
        {"form": form, "report": report, "organisation": organisation},
    )


@login_required
def task_import_template(request: HttpRequest) -> HttpResponse:
    organisation = _office_organisation(request)
    response = HttpResponse(
        xlsx_response_bytes(importer.template_workbook(organisation)),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = 'attachment; filename="mau-phu-luc-nhiem-vu-cchc.xlsx"'
    return response


# --- Calendar and quality scale ---------------------------------------------------------


@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    years = (
        WorkCalendarYear.objects.visible_to(request.user)
        .select_related("organisation")
        .order_by("organisation__name", "-year")
    )
    membership = current_membership(request)
    organisation = membership.unit.organisation if membership else None
    rows = []
    calendars = work_calendar.calendars_for({y.organisation_id for y in years})
    for year in years:
        holidays = calendars[year.organisation_id].holidays_in(year.year)
        rows.append((year, holidays))
    return render(
        request,
        "tasks/calendar_list.html",
        {
            "rows": rows,
            "can_edit": bool(
                organisation and services.can_manage_tasks(request.user, organisation)
            ),
        },
    )


@login_required
def calendar_edit(request: HttpRequest, workcalendaryear_id: int) -> HttpResponse:
    year = get_object_or_404(
        WorkCalendarYear.objects.visible_to(request.user).select_related("organisation"),
        pk=workcalendaryear_id,
    )
    if not services.can_manage_tasks(request.user, year.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng UBND được sửa lịch làm việc.")
    if request.method == "POST":
        form = CalendarYearForm(request.POST)
        if form.is_valid():
            try:
                off = work_calendar.parse_day_list(
                    form.cleaned_data["extra_days_off"], year.year, "Ngày nghỉ hoán đổi"
                )
                worked = work_calendar.parse_day_list(
                    form.cleaned_data["make_up_working_days"], year.year, "Ngày làm bù"
                )
                work_calendar.update_calendar_year(
                    request.user, year, off, worked, form.cleaned_data["source"]
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"Đã lưu lịch làm việc năm {year.year}.")
                return redirect("tasks:calendar")
    else:
        form = CalendarYearForm(
            initial={
                "extra_days_off": "\n".join(format_date(d) for d in year.days_off()),
                "make_up_working_days": "\n".join(format_date(d) for d in year.make_up_days()),
                "source": year.source,
            }
        )
    return render(request, "tasks/calendar_form.html", {"form": form, "year": year})


@login_required
def quality_scale(request: HttpRequest) -> HttpResponse:
    organisation = _office_organisation(request)
    levels = QualityLevel.objects.filter(organisation=organisation, is_active=True).order_by(
        "position"
    )
    if request.method == "POST":
        form = QualityScaleForm(request.POST)
        if form.is_valid():
            try:
                services.save_quality_scale(request.user, organisation, form.cleaned_data["levels"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Đã lưu thang chất lượng.")
                return redirect("tasks:quality")
    else:
        form = QualityScaleForm(
            initial={"levels": "\n".join(f"{q.name} = {q.points}" for q in levels)}
        )
    return render(
        request,
        "tasks/quality_scale.html",
        {"form": form, "levels": levels, "organisation": organisation},
    )


# --- Dashboards -------------------------------------------------------------------------


def _progress_counts(today: datetime.date) -> dict:
    done = Q(state=TaskState.DONE)
    return {
        "total": Count("id", distinct=True),
        "done": Count("id", filter=done, distinct=True),
        "on_time": Count("id", filter=done & Q(completed_on__lte=F("due_on")), distinct=True),
        "late": Count("id", filter=done & Q(completed_on__gt=F("due_on")), distinct=True),
        "overdue": Count("id", filter=~done & Q(due_on__lt=today), distinct=True),
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    if membership is None:
        return render(request, "tasks/dashboard.html", {"membership": None})
    today = timezone.localdate()
    organisation = membership.unit.organisation
    context: dict = {"membership": membership, "organisation": organisation, "today": today}
    if membership.role == Role.UPPER_VIEWER:
        wards = list(
            Organisation.objects.visible_to(request.user)
            .filter(level="commune", cchc_tasks__isnull=False)
            .annotate(
                total=Count("cchc_tasks", distinct=True),
                done=Count("cchc_tasks", filter=Q(cchc_tasks__state=TaskState.DONE), distinct=True),
                on_time=Count(
                    "cchc_tasks",
                    filter=Q(
                        cchc_tasks__state=TaskState.DONE,
                        cchc_tasks__completed_on__lte=F("cchc_tasks__due_on"),
                    ),
                    distinct=True,
                ),
                overdue=Count(
                    "cchc_tasks",
                    filter=~Q(cchc_tasks__state=TaskState.DONE) & Q(cchc_tasks__due_on__lt=today),
                    distinct=True,
                ),
            )
            .order_by("name")
        )
        returned = dict(
            ProgressReport.objects.filter(
                task__organisation__in=wards, review_status=ReviewStatus.RETURNED
            )
            .values_list("task__organisation")
            .annotate(n=Count("id"))
            .values_list("task__organisation", "n")
        )
        for ward in wards:
            ward.returned = returned.get(ward.pk, 0)
            ward.done_pct = round(100 * ward.done / ward.total) if ward.total else 0
            ward.on_time_pct = round(100 * ward.on_time / ward.done) if ward.done else 0
        context["wards"] = wards
        return render(request, "tasks/dashboard.html", context)
    tasks = Task.objects.filter(organisation=organisation)
    counts = _progress_counts(today)
    if membership.role in (Role.UNIT_HEAD, Role.STAFF):
        mine = tasks.filter(Q(lead_unit=membership.unit) | Q(cooperating_units=membership.unit))
        context["unit"] = membership.unit
        context["totals"] = mine.aggregate(**counts)
        due = (
            mine.exclude(state=TaskState.DONE)
            .select_related("plan", "lead_unit", "par_field", "quality")
            .distinct()
            .order_by("due_on", "sort_key")[:30]
        )
        context["due"] = with_timeliness(due, today)
        context["returned"] = (
            ProgressReport.objects.filter(
                task__in=mine, review_status=ReviewStatus.RETURNED, answered_by__isnull=True
            )
            .select_related("task")
            .distinct()
            .order_by("-reviewed_at")[:20]
        )
        return render(request, "tasks/dashboard.html", context)
    context["totals"] = tasks.aggregate(**counts)
    context["by_field"] = (
        tasks.values("par_field__name", "par_field__position")
        .annotate(**counts)
        .order_by("par_field__position")
    )
    context["by_unit"] = (
        tasks.values("lead_unit_id", "lead_unit__name")
        .annotate(**counts)
        .order_by("lead_unit__name")
    )
    overdue = (
        tasks.exclude(state=TaskState.DONE)
        .filter(due_on__lt=today)
        .select_related("plan", "lead_unit", "par_field", "quality")
        .order_by("due_on", "sort_key")[:30]
    )
    context["overdue"] = with_timeliness(overdue, today)
    week_ago = timezone.now() - datetime.timedelta(days=7)
    context["week"] = (
        ProgressReport.objects.filter(task__organisation=organisation)
        .filter(Q(submitted_at__gte=week_ago) | Q(reviewed_at__gte=week_ago))
        .select_related("task", "unit", "quality")
        .order_by("-submitted_at")[:30]
    )
    context["pending_reviews"] = ProgressReport.objects.filter(
        task__organisation=organisation, review_status=ReviewStatus.SUBMITTED
    ).count()
    context["is_office"] = has_role(request.user, organisation, Role.OFFICE)
    return render(request, "tasks/dashboard.html", context)
