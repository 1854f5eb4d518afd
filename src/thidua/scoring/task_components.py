"""Score components computed from the CCHC task record (thidua.tasks).

All of them share one load of the movement's tasks (``load_task_facts``): the tasks, their
performers, their returned reports and the ward's calendar, in a fixed number of queries
whatever the number of tasks and subjects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q
from django.urls import reverse

from thidua.tasks.calendar import calendar_for
from thidua.tasks.models import ReviewStatus, Task, TaskState
from thidua.tasks.queries import movement_tasks, timeliness_of
from thidua.vn.holidays import Timeliness

from .registry import Component, Link, Measure, ScoringContext, register

ZERO = Decimal("0")


@dataclass
class TaskFact:
    task: Task
    timeliness: Timeliness
    returned: int
    performer_ids: set[int] = field(default_factory=set)

    @cached_property  # one fact is listed under several measures and subjects
    def link(self) -> Link:
        return Link(
            f"Nhiệm vụ {self.task.number}: {self.timeliness.label_vi}"
            + (f", chất lượng {self.task.quality.name}" if self.task.quality else ""),
            reverse("tasks:detail", args=[self.task.pk]),
        )


def load_task_facts(context: ScoringContext) -> dict[int, list[TaskFact]]:
    """Subject id → the facts of the tasks assigned to it (lead unit or performer)."""
    if "task_facts" in context.cache:
        return context.cache["task_facts"]
    movement = context.movement
    calendar = calendar_for(movement.organisation_id)
    tasks = list(
        movement_tasks(movement)
        .select_related("quality")
        .annotate(returned=Count("reports", filter=Q(reports__review_status=ReviewStatus.RETURNED)))
        .order_by("sort_key", "id")
    )
    # Only the performers' ids are needed: pairs from the link table, no Person rows.
    performers: dict[int, set[int]] = {}
    pairs = Task.performers.through.objects.filter(task__in=[t.pk for t in tasks])
    for task_id, person_id in pairs.values_list("task_id", "person_id"):
        performers.setdefault(task_id, set()).add(person_id)
    by_subject: dict[int, list[TaskFact]] = {pk: [] for pk in context.subject_ids}
    for task in tasks:
        fact = TaskFact(
            task=task,
            timeliness=timeliness_of(task, calendar, context.today),
            returned=task.returned,
            performer_ids=performers.get(task.pk, set()),
        )
        owners = [task.lead_unit_id] if context.target == "collective" else list(fact.performer_ids)
        for owner in owners:
            if owner in by_subject:
                by_subject[owner].append(fact)
    context.cache["task_facts"] = by_subject
    context.cache["task_count"] = len(tasks)
    return by_subject


def _ratio(numerator: int, denominator: int) -> Decimal:
    if not denominator:
        return ZERO
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))


def on_time_share(context: ScoringContext) -> dict[int, Measure]:
    result = {}
    for subject, facts in load_task_facts(context).items():
        due = [f for f in facts if f.timeliness.status != "pending"]
        good = [f for f in due if f.timeliness.status in ("early", "on_time")]
        result[subject] = Measure(
            _ratio(len(good), len(due)),
            f"{len(good)}/{len(due)} nhiệm vụ đến hạn hoàn thành sớm hoặc đúng hạn",
            [f.link for f in due],
        )
    return result


def done_share(context: ScoringContext) -> dict[int, Measure]:
    result = {}
    for subject, facts in load_task_facts(context).items():
        done = [f for f in facts if f.task.state == TaskState.DONE]
        result[subject] = Measure(
            _ratio(len(done), len(facts)),
            f"{len(done)}/{len(facts)} nhiệm vụ được giao đã hoàn thành",
            [f.link for f in facts],
        )
    return result


def quality(context: ScoringContext) -> dict[int, Measure]:
    result = {}
    for subject, facts in load_task_facts(context).items():
        rated = [f for f in facts if f.task.quality is not None]
        total = sum(f.task.quality.points for f in rated)
        value = (
            (Decimal(total) / Decimal(100 * len(rated))).quantize(Decimal("0.0001"))
            if rated
            else ZERO
        )
        names = ", ".join(f"{f.task.number}: {f.task.quality.name}" for f in rated)
        result[subject] = Measure(
            value,
            f"Bình quân chất lượng {len(rated)} nhiệm vụ được đánh giá ({names})"
            if rated
            else "Chưa có nhiệm vụ nào được đánh giá chất lượng",
            [f.link for f in rated],
        )
    return result


def early(context: ScoringContext) -> dict[int, Measure]:
    result = {}
    for subject, facts in load_task_facts(context).items():
        found = [f for f in facts if f.timeliness.status == "early"]
        days = sum(f.timeliness.working_days for f in found)
        result[subject] = Measure(
            Decimal(len(found)),
            f"{len(found)} nhiệm vụ hoàn thành sớm (tổng {days} ngày làm việc)",
            [f.link for f in found],
        )
    return result


def late(context: ScoringContext) -> dict[int, Measure]:
    result = {}
    for subject, facts in load_task_facts(context).items():
        found = [f for f in facts if f.timeliness.status in ("late", "overdue")]
        overdue = sum(1 for f in found if f.timeliness.status == "overdue")
        result[subject] = Measure(
            Decimal(len(found)),
            f"{len(found)} nhiệm vụ trễ hạn ({overdue} chưa hoàn thành)",
            [f.link for f in found],
        )
    return result


def returned_reports(context: ScoringContext) -> dict[int, Measure]:
    result = {}
    for subject, facts in load_task_facts(context).items():
        found = [f for f in facts if f.returned]
        count = sum(f.returned for f in found)
        result[subject] = Measure(
            Decimal(count),
            f"{count} báo cáo bị Văn phòng trả lại",
            [
                Link(
                    f"Nhiệm vụ {f.task.number}: {f.returned} lần trả lại",
                    reverse("tasks:detail", args=[f.task.pk]),
                )
                for f in found
            ],
        )
    return result


BOTH = ("collective", "individual")


def register_task_components() -> None:
    register(
        Component(
            "tasks.on_time_share",
            "Nhiệm vụ hoàn thành đúng hạn hoặc sớm",
            "ratio",
            BOTH,
            on_time_share,
            "Tỷ lệ nhiệm vụ đã đến hạn được hoàn thành sớm hoặc đúng hạn (ngày làm việc).",
            Decimal("40"),
            position=10,
        )
    )
    register(
        Component(
            "tasks.done_share",
            "Tỷ lệ nhiệm vụ đã hoàn thành",
            "ratio",
            BOTH,
            done_share,
            "Số nhiệm vụ Văn phòng xác nhận hoàn thành trên số nhiệm vụ được giao.",
            Decimal("20"),
            position=20,
        )
    )
    register(
        Component(
            "tasks.quality",
            "Chất lượng nhiệm vụ",
            "ratio",
            BOTH,
            quality,
            "Bình quân điểm của mức chất lượng Văn phòng đánh giá (Tốt 100, Khá 80…).",
            Decimal("30"),
            position=30,
        )
    )
    register(
        Component(
            "tasks.early",
            "Hoàn thành sớm",
            "count",
            BOTH,
            early,
            "Điểm cộng cho mỗi nhiệm vụ hoàn thành trước hạn.",
            Decimal("2"),
            Decimal("10"),
            position=40,
        )
    )
    register(
        Component(
            "tasks.late",
            "Trễ hạn, quá hạn",
            "count",
            BOTH,
            late,
            "Điểm trừ cho mỗi nhiệm vụ hoàn thành trễ hoặc quá hạn chưa hoàn thành.",
            Decimal("-3"),
            Decimal("15"),
            position=50,
        )
    )
    register(
        Component(
            "tasks.returned",
            "Báo cáo bị trả lại",
            "count",
            BOTH,
            returned_reports,
            "Điểm trừ cho mỗi báo cáo tiến độ Văn phòng trả lại để bổ sung.",
            Decimal("-1"),
            Decimal("5"),
            position=60,
        )
    )
