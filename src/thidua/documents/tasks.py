"""Background jobs (Huey). Tasks take primitive ids and call services.

A Huey consumer takes a message off the queue before running it, so a consumer killed
mid-job (SIGKILL, out of memory, the machine restarting) loses the message: ``retries``
only covers a job that raised. Interrupted jobs are therefore found from the database —
a running job refreshes its heartbeat, and one gone silent is queued again — when a
consumer starts and every minute after (services.sweep_interrupted_jobs).
"""

from __future__ import annotations

from django.db import close_old_connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from . import services


@db_task(retries=2, retry_delay=30)
def render_certificates(job_id: int) -> None:
    services.run_certificate_batch(job_id)


@db_periodic_task(crontab(minute="*"))
def sweep_interrupted_render_jobs() -> list[int]:
    """Every minute: jobs whose consumer died while another consumer stayed up."""
    return services.sweep_interrupted_jobs()


@on_startup()
def requeue_interrupted_render_jobs() -> None:
    """When a consumer (re)starts: the jobs a killed consumer left half done."""
    try:
        services.sweep_interrupted_jobs()
    finally:
        # The hook runs in a worker thread outside any task: release its connection.
        close_old_connections()
