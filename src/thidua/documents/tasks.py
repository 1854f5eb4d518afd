"""Background jobs (Huey). Tasks take primitive ids and call services."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from . import services


@db_task()
def render_certificates(job_id: int) -> None:
    services.run_certificate_batch(job_id)
