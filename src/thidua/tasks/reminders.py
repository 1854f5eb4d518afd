"""Reminders before a task's deadline and when it is overdue, in the app and by e-mail.

Each reminder is sent exactly once: the ledger :class:`TaskReminder` has one row per
task, recipient and kind (a unique constraint), so the periodic job can run every hour,
be retried after a crash, or run on two workers at once without sending twice. E-mail is
claimed (``emailed_at`` set) before it is sent and released if sending fails, so a
message is neither lost for good nor sent twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from thidua.audit.services import record
from thidua.notifications.services import notify
from thidua.orgs.models import Membership, Role
from thidua.vn import format_date

from .calendar import calendars_for
from .models import ReminderKind, Task, TaskReminder, TaskState
from .queries import timeliness_of

log = logging.getLogger(__name__)


def days_before() -> int:
    """How many working days before the deadline the first notice goes out."""
    return int(getattr(settings, "THIDUA_REMINDER_DAYS_BEFORE", 3))


@dataclass
class ReminderRun:
    created: int = 0
    emailed: int = 0


def _recipients(task: Task, kind: str, heads: dict, offices: dict) -> set:
    users = set(heads.get(task.lead_unit_id, ()))
    users |= {p.user for p in task.performers.all() if p.user_id and p.user.is_active}
    if kind == ReminderKind.OVERDUE:
        users |= set(offices.get(task.organisation_id, ()))
    return users


def _message(task: Task, kind: str, label: str) -> tuple[str, str]:
    if kind == ReminderKind.DUE_SOON:
        title = f"Nhiệm vụ {task.number} sắp đến hạn ({format_date(task.due_on)})"
    else:
        title = f"Nhiệm vụ {task.number} đã quá hạn: {label.lower()}"
    body = (
        f"{task.content}\n"
        f"Kế hoạch {task.plan.number} — đơn vị chủ trì: {task.lead_unit.name}.\n"
        f"Thời hạn: {format_date(task.deadline)}. Tiến độ đã xác nhận: {task.percent_done}%."
    )
    return title, body


def create_reminders(today: datetime.date | None = None) -> list[TaskReminder]:
    """Create the reminders due ``today`` that were not sent before, with their notices."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days_before() * 2 + 14)
    # A ward that has ceased keeps its records but no longer chases its tasks.
    tasks = list(
        Task.objects.exclude(state=TaskState.DONE)
        .filter(due_on__lte=horizon)
        .filter(Q(organisation__valid_to__isnull=True) | Q(organisation__valid_to__gte=today))
        .select_related("plan", "lead_unit", "organisation")
        .prefetch_related("performers__user")
    )
    if not tasks:
        return []
    calendars = calendars_for({t.organisation_id for t in tasks})
    heads: dict[int, list] = {}
    for m in Membership.objects.filter(
        unit_id__in={t.lead_unit_id for t in tasks}, role=Role.UNIT_HEAD, user__is_active=True
    ).select_related("user"):
        heads.setdefault(m.unit_id, []).append(m.user)
    offices: dict[int, list] = {}
    for m in Membership.objects.filter(
        unit__organisation_id__in={t.organisation_id for t in tasks},
        role=Role.OFFICE,
        user__is_active=True,
    ).select_related("user", "unit"):
        offices.setdefault(m.unit.organisation_id, []).append(m.user)
    created: list[TaskReminder] = []
    now = timezone.now()
    for task in tasks:
        timeliness = timeliness_of(task, calendars[task.organisation_id], today)
        if timeliness.status == "overdue":
            kind = ReminderKind.OVERDUE
        elif timeliness.status == "pending" and timeliness.working_days <= days_before():
            kind = ReminderKind.DUE_SOON
        else:
            continue
        title, body = _message(task, kind, timeliness.label_vi)
        url = reverse("tasks:detail", args=[task.pk])
        for user in _recipients(task, kind, heads, offices):
            try:
                with transaction.atomic():
                    reminder = TaskReminder.objects.create(
                        task=task, recipient=user, kind=kind, created_at=now
                    )
                    notify(user, task.organisation, title, body=body, url=url, at=now)
            except IntegrityError:
                continue  # sent before: the ledger says so
            reminder.title, reminder.body = title, body
            created.append(reminder)
    return created


def email_pending_reminders() -> int:
    """Send the e-mail of every reminder not yet e-mailed to a user with an address."""
    sent = 0
    pending = TaskReminder.objects.filter(emailed_at__isnull=True).exclude(recipient__email="")
    for reminder in pending.select_related("task__plan", "task__lead_unit", "recipient"):
        claimed = TaskReminder.objects.filter(pk=reminder.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue  # another worker took it
        task = reminder.task
        label = "quá hạn" if reminder.kind == ReminderKind.OVERDUE else "sắp đến hạn"
        title, body = _message(task, reminder.kind, label)
        try:
            send_mail(
                f"[Thi đua CCHC] {title}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [reminder.recipient.email],
            )
        except Exception:  # any mail failure: release the claim so the next run retries
            log.exception("reminder e-mail %s failed", reminder.pk)
            TaskReminder.objects.filter(pk=reminder.pk).update(emailed_at=None)
            continue
        sent += 1
    return sent


def send_reminders(today: datetime.date | None = None) -> ReminderRun:
    """The periodic job's body: create today's reminders, then e-mail what is pending."""
    created = create_reminders(today)
    run = ReminderRun(created=len(created), emailed=email_pending_reminders())
    by_org: dict = {}
    for reminder in created:
        by_org.setdefault(reminder.task.organisation, []).append(reminder)
    for organisation, reminders in by_org.items():
        record(
            None,
            "tasks.reminders_sent",
            organisation=organisation,
            data={
                "count": len(reminders),
                "tasks": sorted({r.task.number for r in reminders}),
            },
        )
    return run
