"""Synthetic CCHC tasks for ``make bench``: a ward hook for :mod:`thidua.demo.synth`.

``add_tasks(ward, units, people, rng)`` gives one synthetic ward a year (2023) of CCHC
tasks with progress reports, reviews and quality ratings. It writes with
``bulk_create`` instead of going through :mod:`thidua.tasks.services` (which logs,
notifies and saves row by row: minutes for 126 wards), but it leaves the rows exactly as
the services would: a returned report is answered by the next one, the task's summary
(state, % done, completion date, quality, last report) is that of its last accepted
report, and the working-day deadline comes from the ward's calendar. Each accepted
completion report carries a small PDF as its evidence (``evidence=False`` leaves them out).

``thidua synth`` and the benchmarks install it (``WARD_HOOKS`` holds none by default).
"""

from __future__ import annotations

import datetime
import hashlib
import random
from zoneinfo import ZoneInfo

from thidua.demo.synth import stored_pdf
from thidua.orgs.models import Organisation, Person, Unit
from thidua.plans.models import Plan

from .calendar import calendar_for, due_date, seed_organisation
from .models import (
    Evidence,
    ParField,
    ProgressReport,
    QualityLevel,
    Recurrence,
    ReviewStatus,
    Task,
    TaskState,
    number_sort_key,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN_START = datetime.date(2023, 3, 1)
TODAY = datetime.date(2023, 12, 20)  # the demo's "now": late tasks are still overdue

# Per PAR field: (action, object) halves combined into task contents.
CONTENTS = {
    "chi-dao": (
        ["Ban hành kế hoạch", "Tổ chức kiểm tra", "Tuyên truyền", "Báo cáo định kỳ"],
        ["công tác CCHC năm 2023", "việc thực hiện kỷ cương hành chính", "kết quả CCHC quý"],
    ),
    "the-che": (
        ["Rà soát", "Hệ thống hóa", "Tự kiểm tra"],
        ["văn bản quy phạm pháp luật của phường", "văn bản hành chính đã ban hành"],
    ),
    "tthc": (
        ["Công khai", "Rà soát, đơn giản hóa", "Số hóa hồ sơ, kết quả giải quyết"],
        ["thủ tục hành chính tại Bộ phận một cửa", "thủ tục lĩnh vực hộ tịch, chứng thực"],
    ),
    "bo-may": (
        ["Rà soát chức năng, nhiệm vụ", "Sắp xếp"],
        ["các bộ phận chuyên môn", "tổ dân phố theo quy định"],
    ),
    "cong-vu": (
        ["Đánh giá, xếp loại", "Bồi dưỡng kỹ năng", "Kiểm tra việc chấp hành"],
        ["cán bộ, công chức phường", "nội quy, quy chế làm việc"],
    ),
    "tai-chinh": (
        ["Công khai", "Thực hiện cơ chế tự chủ"],
        ["dự toán, quyết toán ngân sách phường", "kinh phí quản lý hành chính"],
    ),
    "chinh-quyen-so": (
        ["Tăng tỷ lệ", "Triển khai", "Cập nhật"],
        ["hồ sơ trực tuyến toàn trình", "chữ ký số trong văn bản điện tử", "cổng thông tin"],
    ),
}
OUTPUTS = ["Kế hoạch", "Báo cáo kết quả", "Danh mục đã rà soát", "Biên bản kiểm tra", "Tin, bài"]
RETURN_REASONS = [
    "Chưa có minh chứng kèm theo; đề nghị bổ sung.",
    "Số liệu chưa khớp với báo cáo quý; đề nghị rà soát lại.",
]
# Outcome weights: early, on time, late, still overdue at the end of 2023, not yet due.
OUTCOMES = [("early", 25), ("on_time", 35), ("late", 20), ("overdue", 12), ("pending", 8)]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def add_tasks(
    ward: Organisation,
    units: list[Unit],
    people: list[Person],
    rng: random.Random,
    tasks: int = 60,
    reports_per_task: int = 12,
    evidence: bool = True,
) -> None:
    """Add ``tasks`` tasks of the ward's plan, each with ``reports_per_task`` reports;
    with ``evidence``, a small PDF (minh chứng) on every accepted completion report."""
    seed_organisation(ward)  # calendar years, quality scale, PAR fields
    plan = Plan.objects.filter(organisation=ward).order_by("-id").first()
    if plan is None or Task.objects.filter(plan=plan).exists():
        return  # no plan to hang tasks on, or done before: add nothing
    calendar = calendar_for(ward.pk)
    fields = list(ParField.objects.order_by("position", "id"))
    levels = list(QualityLevel.objects.filter(organisation=ward).order_by("-points"))
    office = next((u for u in units if u.kind == "office"), units[0])
    performers_pool = [p for p in people if p.performs_cchc] or people
    outcome_names = [name for name, _ in OUTCOMES]
    outcome_weights = [weight for _, weight in OUTCOMES]

    rows: list[Task] = []
    plans_of_task: list[dict] = []
    per_field: dict[int, int] = {}
    for index in range(tasks):
        field = fields[index % len(fields)]
        per_field[field.pk] = per_field.get(field.pk, 0) + 1
        number = f"{fields.index(field) + 1}.{per_field[field.pk]}"
        actions, objects = CONTENTS.get(field.code, (["Thực hiện"], ["nhiệm vụ CCHC"]))
        content = f"{rng.choice(actions)} {rng.choice(objects)}"
        outcome = rng.choices(outcome_names, outcome_weights)[0]
        if outcome == "pending":
            deadline = datetime.date(2023, 12, 31)
        else:
            deadline = _month_end(2023, rng.randint(4, 11))
        due = due_date(calendar, deadline)
        lead = rng.choice(units)
        others = [u for u in units if u.pk != lead.pk]
        coop = rng.sample(others, k=min(len(others), rng.randint(0, 2)))
        chosen = rng.sample(performers_pool, k=min(len(performers_pool), rng.randint(1, 3)))
        rows.append(
            Task(
                organisation=ward,
                plan=plan,
                number=number,
                sort_key=number_sort_key(number),
                content=content,
                par_field=field,
                lead_unit=lead,
                deadline=deadline,
                due_on=due,
                expected_output=rng.choice(OUTPUTS),
                recurrence=rng.choice([Recurrence.NONE, Recurrence.MONTHLY, Recurrence.QUARTERLY]),
            )
        )
        plans_of_task.append({"outcome": outcome, "coop": coop, "performers": chosen, "lead": lead})
    Task.objects.bulk_create(rows)

    Coop = Task.cooperating_units.through
    Performer = Task.performers.through
    Coop.objects.bulk_create(
        Coop(task_id=task.pk, unit_id=unit.pk)
        for task, spec in zip(rows, plans_of_task, strict=True)
        for unit in spec["coop"]
    )
    Performer.objects.bulk_create(
        Performer(task_id=task.pk, person_id=person.pk)
        for task, spec in zip(rows, plans_of_task, strict=True)
        for person in spec["performers"]
    )

    reports: list[ProgressReport] = []
    answers: list[tuple[int, int]] = []  # (index of the answer, index of the returned one)
    for task, spec in zip(rows, plans_of_task, strict=True):
        _plan_reports(task, spec, reports, answers, calendar, levels, office, reports_per_task, rng)
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    answered = []
    for answer, returned in answers:
        reports[answer].answers_id = reports[returned].pk
        answered.append(reports[answer])
    ProgressReport.objects.bulk_update(answered, ["answers"], batch_size=2000)
    Task.objects.bulk_update(
        rows, ["state", "percent_done", "completed_on", "quality", "last_report_at"], batch_size=500
    )
    if evidence:
        _attach_evidence(ward, reports)


def _attach_evidence(ward: Organisation, reports: list[ProgressReport]) -> None:
    """One small PDF on each accepted completion report, stored and described as
    ``services.attach_evidence`` stores an upload (size, hash, the report's time), under
    a name made from the report so that the same data gives the same files."""
    rows = []
    for report in reports:
        if report.state != TaskState.DONE or report.review_status != ReviewStatus.ACCEPTED:
            continue
        original = f"nv-{report.task.number.replace('.', '-')}-ket-qua.pdf"
        stored, content = stored_pdf(
            f"evidence/{ward.pk}/synth-{report.pk}.pdf",
            f"Bao cao ket qua nhiem vu {report.task.number}",
            [report.text],
        )
        rows.append(
            Evidence(
                organisation=ward,
                report=report,
                file=stored,
                original_name=original,
                kind="pdf",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_at=report.submitted_at,
            )
        )
    Evidence.objects.bulk_create(rows, batch_size=2000)


def _plan_reports(
    task: Task,
    spec: dict,
    reports: list[ProgressReport],
    answers: list[tuple[int, int]],
    calendar,
    levels: list[QualityLevel],
    office: Unit,
    count: int,
    rng: random.Random,
) -> None:
    """Append the task's reports in the order they were sent, and set its summary."""
    if count <= 0:
        return
    outcome = spec["outcome"]
    reporter = spec["performers"][0].full_name if spec["performers"] else ""
    unit = spec["lead"]
    due = task.due_on
    finished = outcome in ("early", "on_time", "late")
    if outcome == "early":
        completed = calendar.add_working_days(due, -rng.randint(1, 10))
    elif outcome == "late":
        completed = calendar.add_working_days(due, rng.randint(1, 15))
    else:
        completed = due
    # The completion report may be returned once or twice before it is accepted.
    returns = min(rng.choice([0, 0, 0, 1, 1, 2]), count - 1) if finished else 0
    interim = count - (1 + returns if finished else 0)
    # Unfinished tasks keep reporting until a week before the demo's today.
    last_day = completed if finished else TODAY - datetime.timedelta(days=7)
    span = max((last_day - PLAN_START).days, interim + 1)
    percent = 0
    quality = None
    for step in range(interim):
        day = PLAN_START + datetime.timedelta(days=span * step // max(interim, 1))
        day = calendar.add_working_days(day, 0 if calendar.is_working_day(day) else 1)
        percent = min(95, percent + rng.randint(3, 12))
        submitted = _at(day, 9, rng.randrange(60))
        reports.append(
            ProgressReport(
                task=task,
                unit=unit,
                reported_by_name=reporter,
                submitted_at=submitted,
                state=TaskState.IN_PROGRESS,
                percent_done=percent,
                text=f"Đã triển khai được {percent}%: {task.expected_output.lower()} đang hoàn thiện.",
                review_status=ReviewStatus.ACCEPTED,
                reviewed_by_name=office.name,
                reviewed_at=_at(calendar.add_working_days(day, 2), 15),
            )
        )
    task.state = TaskState.IN_PROGRESS
    task.percent_done = percent
    task.completed_on = None
    task.quality = None
    task.last_report_at = reports[-1].submitted_at if interim else None
    if not finished:
        return
    day = calendar.add_working_days(completed, 1)
    text = f"Đã hoàn thành: {task.expected_output}. Kết quả gửi kèm."
    previous = None
    for attempt in range(returns + 1):
        accepted = attempt == returns
        review_day = calendar.add_working_days(day, 2)
        if accepted:
            quality = rng.choices(levels, [40, 35, 20, 5][: len(levels)])[0] if levels else None
        reports.append(
            ProgressReport(
                task=task,
                unit=unit,
                reported_by_name=reporter,
                submitted_at=_at(day, 10, rng.randrange(60)),
                state=TaskState.DONE,
                percent_done=100,
                completed_on=completed,
                text=text if attempt == 0 else text + " Đã bổ sung theo yêu cầu.",
                review_status=ReviewStatus.ACCEPTED if accepted else ReviewStatus.RETURNED,
                reviewed_by_name=office.name,
                reviewed_at=_at(review_day, 16),
                return_reason="" if accepted else RETURN_REASONS[attempt % 2],
                quality=quality if accepted else None,
            )
        )
        if previous is not None:
            answers.append((len(reports) - 1, previous))
        previous = len(reports) - 1
        day = calendar.add_working_days(review_day, 2)
    task.state = TaskState.DONE
    task.percent_done = 100
    task.completed_on = completed
    task.quality = quality
    task.last_report_at = reports[-1].submitted_at
