"""Background jobs of the tasks app (Huey discovers this module by its name)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import send_reminders


@db_periodic_task(crontab(minute="5"))
def send_task_reminders() -> dict[str, int]:
    """Every hour: idempotent, so a missed or repeated run sends nothing twice."""
    run = send_reminders()
    return {"created": run.created, "emailed": run.emailed}
