"""Domain operations on CCHC tasks: entering them, reporting progress with evidence,
and the Office's review. Each validates, runs in a transaction and writes the action log.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.storage import FileSaves, saving_files
from thidua.core.uploads import EVIDENCE_KINDS, validate_upload
from thidua.notifications.services import notify
from thidua.orgs.models import Membership, Organisation, Person, Role, Unit
from thidua.orgs.services import has_role, memberships_of
from thidua.plans.models import Plan
from thidua.vn import format_date

from .calendar import calendar_for, due_date
from .models import (
    Evidence,
    ParField,
    ProgressReport,
    QualityLevel,
    Recurrence,
    ReviewStatus,
    Task,
    TaskState,
)

MANAGE_ROLES = (Role.OFFICE,)
REVIEW_ROLES = (Role.OFFICE,)
# Those who may read the evidence of any task of their ward besides the units involved.
OVERSIGHT_ROLES = (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.COUNCIL_MEMBER)
REPORTING_ROLES = (Role.UNIT_HEAD, Role.STAFF)
MAX_EVIDENCE_FILES = 10
EVIDENCE_LABEL = "PDF, ảnh (PNG, JPEG, GIF, WebP) hoặc tệp Word, Excel, PowerPoint"


# --- Permissions ------------------------------------------------------------------------


def can_manage_tasks(user, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *MANAGE_ROLES)


def can_review(user, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *REVIEW_ROLES)


def reporting_units(user, task: Task) -> list[Unit]:
    """The units in whose name ``user`` may report on ``task``: the lead unit, for its
    head, its staff, the people performing the task and the Office."""
    if has_role(user, task.organisation_id, *MANAGE_ROLES):
        return [task.lead_unit]
    for membership in memberships_of(user):
        if membership.unit_id == task.lead_unit_id and membership.role in REPORTING_ROLES:
            return [task.lead_unit]
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is not None and task.performers.filter(pk=person.pk).exists():
        return [task.lead_unit]
    return []


def can_report(user, task: Task) -> bool:
    return bool(reporting_units(user, task))


def can_read_evidence(user, task: Task) -> bool:
    """Evidence is for the Office, the leadership and council, the units on the task
    and the upper level; not for every civil servant of the ward."""
    if getattr(user, "is_superuser", False):
        return True
    memberships = [
        m for m in memberships_of(user) if m.unit.organisation_id == task.organisation_id
    ]
    if not memberships:
        # Seen through the upper level or a successor ward: visible_to already decided.
        return True
    if any(m.role in OVERSIGHT_ROLES or m.role == Role.ADMIN for m in memberships):
        return True
    unit_ids = {m.unit_id for m in memberships}
    if task.lead_unit_id in unit_ids:
        return True
    cooperating = {u.pk for u in task.cooperating_units.all()}
    if unit_ids & cooperating:
        return True
    person = getattr(user, "person", None)
    return person is not None and task.performers.filter(pk=person.pk).exists()


# --- Tasks ------------------------------------------------------------------------------


@dataclass
class TaskData:
    """What the Office enters for a task (from the form or the annex import)."""

    plan: Plan
    number: str
    content: str
    lead_unit: Unit
    deadline: datetime.date
    par_field: ParField | None = None
    cooperating_units: Sequence[Unit] = ()
    performers: Sequence[Person] = ()
    expected_output: str = ""
    recurrence: str = Recurrence.NONE


def _check(organisation: Organisation, data: TaskData) -> None:
    errors = []
    if data.plan.organisation_id != organisation.pk:
        errors.append("Kế hoạch không thuộc đơn vị của bạn.")
    if data.lead_unit.organisation_id != organisation.pk:
        errors.append("Đơn vị chủ trì không thuộc đơn vị của bạn.")
    if any(u.organisation_id != organisation.pk for u in data.cooperating_units):
        errors.append("Có đơn vị phối hợp không thuộc đơn vị của bạn.")
    if data.lead_unit in data.cooperating_units:
        errors.append(
            "Đơn vị chủ trì không đồng thời là đơn vị phối hợp: hãy bỏ chọn ở cột phối hợp."
        )
    if any(p.organisation_id != organisation.pk for p in data.performers):
        errors.append("Có người thực hiện không thuộc đơn vị của bạn.")
    if not data.number.strip():
        errors.append("Thiếu số thứ tự (STT) của nhiệm vụ.")
    if not data.content.strip():
        errors.append("Thiếu nội dung nhiệm vụ.")
    if data.plan.date and data.deadline < data.plan.date:
        errors.append(
            f"Thời hạn {format_date(data.deadline)} trước ngày ban hành kế hoạch "
            f"({format_date(data.plan.date)}): hãy kiểm tra lại năm."
        )
    if errors:
        raise ValidationError(errors)


def _apply(task: Task, data: TaskData, calendar=None) -> None:
    task.plan = data.plan
    task.number = data.number.strip()[:20]
    task.content = data.content.strip()
    task.par_field = data.par_field
    task.lead_unit = data.lead_unit
    task.deadline = data.deadline
    task.due_on = due_date(calendar or calendar_for(task.organisation_id), data.deadline)
    task.expected_output = data.expected_output.strip()
    task.recurrence = data.recurrence


@transaction.atomic
def save_task(actor, organisation: Organisation, data: TaskData, task: Task | None = None) -> Task:
    """Create a task, or update ``task``, from what the Office entered."""
    _check(organisation, data)
    duplicate = Task.objects.filter(plan=data.plan, number=data.number.strip())
    if task is not None:
        duplicate = duplicate.exclude(pk=task.pk)
    if duplicate.exists():
        raise ValidationError(
            f"Kế hoạch {data.plan.number} đã có nhiệm vụ số {data.number}: hãy dùng số khác."
        )
    created = task is None
    task = task or Task(organisation=organisation)
    _apply(task, data)
    task.save()
    task.cooperating_units.set(data.cooperating_units)
    task.performers.set(data.performers)
    record(
        actor,
        "tasks.created" if created else "tasks.updated",
        task,
        data={
            "plan": data.plan.number,
            "number": task.number,
            "lead_unit": data.lead_unit.name,
            "deadline": data.deadline,
        },
    )
    return task


# --- Progress reports -------------------------------------------------------------------


def _notify_unit(task: Task, title: str, body: str, *, exclude=None) -> None:
    url = reverse("tasks:detail", args=[task.pk])
    heads = Membership.objects.filter(unit=task.lead_unit, role=Role.UNIT_HEAD).select_related(
        "user"
    )
    for membership in heads:
        if membership.user != exclude:
            notify(membership.user, task.organisation, title, body=body, url=url)


@transaction.atomic
def submit_report(
    actor,
    task: Task,
    *,
    state: str,
    percent_done: int,
    completed_on: datetime.date | None,
    text: str,
    files: Sequence = (),
    at: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> ProgressReport:
    """A unit reports progress on ``task``, with evidence files."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    units = reporting_units(actor, task)
    if not units:
        raise PermissionError(
            "Chỉ đơn vị chủ trì, người trực tiếp thực hiện hoặc Văn phòng được báo cáo nhiệm vụ này."
        )
    today = today or timezone.localdate()
    errors: list[str] = []
    if task.state == TaskState.DONE:
        errors.append("Nhiệm vụ đã được Văn phòng xác nhận hoàn thành; không cần báo cáo thêm.")
    if task.reports.filter(review_status=ReviewStatus.SUBMITTED).exists():
        errors.append(
            "Nhiệm vụ đang có báo cáo chờ Văn phòng xem xét; hãy chờ kết quả trước khi gửi báo cáo mới."
        )
    if state not in TaskState.values or state == TaskState.NOT_STARTED and percent_done:
        errors.append("Tình trạng không hợp lệ: chọn “Đang thực hiện” hoặc “Đã hoàn thành”.")
    if not 0 <= percent_done <= 100:
        errors.append("Tỷ lệ hoàn thành phải từ 0 đến 100%.")
    if state == TaskState.DONE:
        if percent_done != 100:
            errors.append("Nhiệm vụ đã hoàn thành thì tỷ lệ hoàn thành là 100%.")
        if completed_on is None:
            errors.append("Hãy ghi ngày hoàn thành (dd/mm/yyyy).")
        elif completed_on > today:
            errors.append(
                f"Ngày hoàn thành {format_date(completed_on)} ở tương lai: hãy ghi ngày đã hoàn thành."
            )
        elif completed_on < task.plan.date:
            errors.append(
                f"Ngày hoàn thành {format_date(completed_on)} trước ngày ban hành kế hoạch "
                f"({format_date(task.plan.date)})."
            )
    else:
        if percent_done == 100:
            errors.append(
                "Tỷ lệ 100% nghĩa là đã hoàn thành: hãy chọn “Đã hoàn thành” và ghi ngày."
            )
        if completed_on is not None:
            errors.append("Chỉ ghi ngày hoàn thành khi nhiệm vụ đã hoàn thành.")
    if len(text.strip()) < 10:
        errors.append("Hãy mô tả kết quả đã làm (ít nhất 10 ký tự).")
    if len(files) > MAX_EVIDENCE_FILES:
        errors.append(f"Tối đa {MAX_EVIDENCE_FILES} tệp minh chứng cho một báo cáo.")
    kinds = []
    for uploaded in files:
        try:
            kinds.append(validate_upload(uploaded, EVIDENCE_KINDS, EVIDENCE_LABEL))
        except ValidationError as exc:
            errors.extend(f"Tệp “{uploaded.name}”: {m}" for m in exc.messages)
    if errors:
        raise ValidationError(errors)
    at = at or timezone.now()
    returned = task.reports.filter(review_status=ReviewStatus.RETURNED).order_by("-submitted_at")
    answers = returned.first()
    if answers is not None and answers.answered_by.exists():
        answers = None
    report = ProgressReport.objects.create(
        task=task,
        unit=units[0],
        reported_by=actor if actor.is_authenticated else None,
        reported_by_name=_display_name(actor),
        submitted_at=at,
        state=state,
        percent_done=percent_done,
        completed_on=completed_on,
        text=text.strip(),
        answers=answers,
    )
    # A full disk on the third file must not keep the first two: saving_files removes
    # them, and the StorageFull (a ValidationError) rolls this transaction back.
    with saving_files() as saved:
        for uploaded, kind in zip(files, kinds, strict=True):
            attach_evidence(report, uploaded, kind, at=at, saved=saved)
    task.last_report_at = at
    task.save(update_fields=["last_report_at"])
    record(
        actor,
        "tasks.report_submitted",
        report,
        organisation=task.organisation,
        data={
            "task": task.number,
            "state": state,
            "percent_done": percent_done,
            "completed_on": completed_on,
            "files": [f.name for f in files],
            "answers": answers.pk if answers else None,
        },
    )
    return report


def attach_evidence(
    report: ProgressReport,
    uploaded,
    kind: str,
    *,
    at: datetime.datetime | None = None,
    saved: FileSaves | None = None,
) -> Evidence:
    uploaded.seek(0)
    content = uploaded.read()
    evidence = Evidence(
        organisation_id=report.task.organisation_id,
        report=report,
        original_name=_safe_name(uploaded.name),
        kind=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=at or timezone.now(),
    )
    with saving_files() if saved is None else nullcontext(saved) as files:
        files.save(evidence.file, evidence.original_name, ContentFile(content))
        evidence.save()
    return evidence


def _safe_name(name: str) -> str:
    import os

    base = os.path.basename(name.replace("\\", "/")).strip() or "minh-chung"
    return "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')[:255]


def _display_name(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person else user.get_username()


# --- Review -----------------------------------------------------------------------------


def _reviewable(actor, report: ProgressReport) -> ProgressReport:
    report = (
        ProgressReport.objects.select_for_update()
        .select_related("task__organisation", "task__lead_unit", "task__plan")
        .get(pk=report.pk)
    )
    if not can_review(actor, report.task.organisation_id):
        raise PermissionError("Chỉ Văn phòng UBND được xem xét báo cáo tiến độ.")
    if report.review_status != ReviewStatus.SUBMITTED:
        raise ValidationError(
            f"Báo cáo này đã được xem xét ({report.get_review_status_display().lower()})."
        )
    return report


@transaction.atomic
def accept_report(
    actor,
    report: ProgressReport,
    quality: QualityLevel | None = None,
    *,
    at: datetime.datetime | None = None,
) -> ProgressReport:
    """The Office accepts a report; a completion must be rated on the quality scale."""
    report = _reviewable(actor, report)
    task = report.task
    if report.state == TaskState.DONE and quality is None:
        raise ValidationError("Hãy chọn mức chất lượng khi chấp nhận báo cáo hoàn thành.")
    if quality is not None and (
        quality.organisation_id != task.organisation_id or not quality.is_active
    ):
        raise ValidationError("Mức chất lượng không thuộc thang đánh giá của đơn vị.")
    at = at or timezone.now()
    report.review_status = ReviewStatus.ACCEPTED
    report.reviewed_by = actor
    report.reviewed_by_name = _display_name(actor)
    report.reviewed_at = at
    report.quality = quality
    report.save()
    task.state = report.state
    task.percent_done = report.percent_done
    task.completed_on = report.completed_on
    if quality is not None:
        task.quality = quality
    task.save(update_fields=["state", "percent_done", "completed_on", "quality"])
    record(
        actor,
        "tasks.report_accepted",
        report,
        organisation=task.organisation,
        data={"task": task.number, "state": report.state, "quality": str(quality or "")},
    )
    if report.reported_by and report.reported_by != actor:
        notify(
            report.reported_by,
            task.organisation,
            f"Văn phòng đã chấp nhận báo cáo nhiệm vụ {task.number}",
            body=f"Chất lượng: {quality}." if quality else "",
            url=reverse("tasks:detail", args=[task.pk]),
            at=at,
        )
    return report


@transaction.atomic
def return_report(
    actor, report: ProgressReport, reason: str, *, at: datetime.datetime | None = None
) -> ProgressReport:
    """The Office returns a report with the reason; the unit answers with a new report."""
    if len(reason.strip()) < 10:
        raise ValidationError(
            "Hãy ghi rõ lý do trả lại (ít nhất 10 ký tự) để đơn vị biết cần bổ sung gì."
        )
    report = _reviewable(actor, report)
    task = report.task
    at = at or timezone.now()
    report.review_status = ReviewStatus.RETURNED
    report.reviewed_by = actor
    report.reviewed_by_name = _display_name(actor)
    report.reviewed_at = at
    report.return_reason = reason.strip()
    report.save()
    record(
        actor,
        "tasks.report_returned",
        report,
        organisation=task.organisation,
        data={"task": task.number, "reason": report.return_reason},
    )
    title = f"Báo cáo nhiệm vụ {task.number} bị trả lại"
    if report.reported_by and report.reported_by != actor:
        notify(
            report.reported_by,
            task.organisation,
            title,
            body=report.return_reason,
            url=reverse("tasks:detail", args=[task.pk]),
            at=at,
        )
    _notify_unit(task, title, report.return_reason, exclude=report.reported_by)
    return report


# --- Quality scale ----------------------------------------------------------------------


@transaction.atomic
def save_quality_scale(actor, organisation: Organisation, levels: list[tuple[str, int]]) -> None:
    """Replace the active scale by ``levels`` (name, points), best first. Levels already
    used in reviews are kept inactive, so past ratings keep their meaning."""
    names = [name.strip() for name, _ in levels]
    if len(levels) < 2:
        raise ValidationError("Thang chất lượng cần ít nhất 2 mức.")
    if any(not name for name in names):
        raise ValidationError("Mỗi mức cần có tên, ví dụ “Tốt”.")
    if len(set(n.lower() for n in names)) != len(names):
        raise ValidationError("Hai mức trùng tên: hãy đặt tên khác nhau.")
    if any(not 0 <= points <= 100 for _, points in levels):
        raise ValidationError("Điểm của mỗi mức phải từ 0 đến 100.")
    existing = {q.name.lower(): q for q in QualityLevel.objects.filter(organisation=organisation)}
    keep = set()
    for position, (name, points) in enumerate(levels):
        level = existing.get(name.strip().lower()) or QualityLevel(organisation=organisation)
        level.name, level.points, level.position, level.is_active = (
            name.strip(),
            points,
            position,
            True,
        )
        level.save()
        keep.add(level.pk)
    QualityLevel.objects.filter(organisation=organisation).exclude(pk__in=keep).update(
        is_active=False
    )
    record(
        actor,
        "tasks.quality_scale_updated",
        organisation,
        data={"levels": [{"name": n, "points": p} for n, p in levels]},
    )
