"""Querysets of tasks with what their pages show, in a fixed number of queries, and the
timeliness of each task computed with its ward's working calendar."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.lookups import IsNull

from thidua.core.querysets import ids_in
from thidua.orgs.scope import organisation_ids_above, own_organisation_ids
from thidua.plans.models import Plan
from thidua.vn.holidays import Timeliness, WorkCalendar

from .calendar import calendars_for
from .models import Evidence, ProgressReport, ReviewStatus, Task, TaskState


def task_list(user) -> QuerySet[Task]:
    """Tasks the user may see, with the columns of the list; the report counts come
    from :func:`with_report_counts` for the page shown."""
    return (
        Task.objects.visible_to(user)
        .select_related("plan", "par_field", "lead_unit", "quality", "organisation")
        .prefetch_related("cooperating_units")
    )


def with_report_counts(tasks: Iterable[Task]) -> list[Task]:
    """The tasks, each with ``report_count``, ``returned_count`` and ``pending_count``,
    in one query over these tasks only: annotating the list instead groups every task
    the user may see before the page can be cut."""
    tasks = list(tasks)
    counts = {
        row["task_id"]: row
        for row in ProgressReport.objects.filter(task__in=[t.pk for t in tasks])
        .order_by()
        .values("task_id")
        .annotate(
            total=Count("id"),
            returned=Count("id", filter=Q(review_status=ReviewStatus.RETURNED)),
            pending=Count("id", filter=Q(review_status=ReviewStatus.SUBMITTED)),
        )
    }
    for task in tasks:
        row = counts.get(task.pk, {})
        task.report_count = row.get("total", 0)
        task.returned_count = row.get("returned", 0)
        task.pending_count = row.get("pending", 0)
    return tasks


def plans_to_filter_by(user) -> QuerySet[Plan]:
    """The plans with tasks that the list offers as a filter: the user's own and those
    of the levels above (see ``orgs.queries.units_to_filter_by`` for why not every
    ward's below an upper-level viewer)."""
    plans = Plan.objects.filter(pk__in=Task.objects.values("plan_id"))
    own = own_organisation_ids(user)
    if own is None:
        return plans
    return plans.filter(organisation_id__in=ids_in(own | organisation_ids_above(user)))


def task_detail(user) -> QuerySet[Task]:
    return (
        Task.objects.visible_to(user)
        .select_related("plan", "par_field", "lead_unit", "quality", "organisation")
        .prefetch_related(
            "cooperating_units",
            "performers__unit",
            Prefetch(
                "reports",
                queryset=ProgressReport.objects.select_related("unit", "quality", "answers")
                .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
                .order_by("-submitted_at", "-id"),
            ),
        )
    )


def timeliness_of(task: Task, calendar: WorkCalendar, today: datetime.date) -> Timeliness:
    completed = task.completed_on if task.state == TaskState.DONE else None
    return calendar.timeliness(task.deadline, completed, today)


def with_timeliness(
    tasks: Iterable[Task], today: datetime.date, calendars: dict[int, WorkCalendar] | None = None
) -> list[Task]:
    """The tasks, each with ``timeliness`` set (one query for all their calendars)."""
    tasks = list(tasks)
    if calendars is None:
        calendars = calendars_for({t.organisation_id for t in tasks})
    for task in tasks:
        task.timeliness = timeliness_of(task, calendars[task.organisation_id], today)
    return tasks


def timeliness_filter(status: str, today: datetime.date) -> Q:
    """A database filter matching the timeliness status, using the working-day deadline
    ``due_on`` kept on each task (the day counts need the calendar; a completion on the weekend just before the
    deadline counts here as early, where the calendar may say on time)."""
    done = Q(state=TaskState.DONE, completed_on__isnull=False)
    if status == "early":
        return done & Q(completed_on__lt=F("due_on"))
    if status == "on_time":
        return done & Q(completed_on=F("due_on"))
    if status == "late":
        return done & Q(completed_on__gt=F("due_on"))
    if status == "overdue":
        return ~Q(state=TaskState.DONE) & Q(due_on__lt=today)
    if status == "pending":
        return ~Q(state=TaskState.DONE) & Q(due_on__gte=today)
    return Q()


def movement_task_filter(organisation, plan, year, planless) -> Q:
    """The rule of :func:`movement_tasks` as a filter on tasks. The arguments are the
    movement's fields: its values, or ``OuterRef``s when the movement is the row of an
    enclosing query (a subquery per movement of a list); ``planless`` is then a condition
    on that row rather than a bool."""
    # An outer reference seen from the link table's subquery is one level further out.
    outer_plan = OuterRef(plan) if isinstance(plan, OuterRef) else plan
    implemented = Plan.implements.through.objects.filter(
        from_plan_id=outer_plan, to_plan_id=OuterRef("plan_id")
    )
    by_plan = Q(plan_id=plan) | Q(Exists(implemented))
    by_year = Q(plan__year=year) | Q(plan__date__year=year)
    if planless is True:
        scope = by_year
    elif planless is False:
        scope = by_plan
    else:
        scope = by_plan | (Q(planless) & by_year)
    return Q(organisation_id=organisation) & scope


def movement_tasks(movement) -> QuerySet[Task]:
    """The CCHC tasks a movement rewards: those of the movement's plan and of the plans
    it implements (20/KH-UBND implements 17/KH-UBND), in the movement's organisation;
    without a plan, the tasks of plans of the movement's year."""
    return Task.objects.filter(
        movement_task_filter(
            movement.organisation_id, movement.plan_id, movement.year, movement.plan_id is None
        )
    )


def outer_movement_tasks(ref=OuterRef) -> QuerySet[Task]:
    """The tasks of the movement that is the row of an enclosing query, for counts per
    movement in one query; ``ref`` reaches that row (``lambda f: OuterRef(OuterRef(f))``
    from a subquery two levels down)."""
    plan = ref("plan_id")
    return Task.objects.filter(
        movement_task_filter(ref("organisation_id"), plan, ref("year"), IsNull(plan, True))
    )
