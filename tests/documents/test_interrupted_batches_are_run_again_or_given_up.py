"""A batch whose consumer died is queued again by the sweep (tests/faults kills a real
consumer); one still beating is left alone; one interrupted three times is given up
with a message telling the Office what to do."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from thidua.documents import services
from thidua.documents.models import Document, JobStatus, RenderJob


@pytest.fixture
def decision(demo) -> Document:
    return (
        Document.objects.filter(organisation=demo["mo_lao"], doc_type="QĐ", status="issued")
        .filter(certificates__isnull=False)
        .order_by("pk")
        .first()
    )


def job(decision: Document, *, silent_for: int, attempts: int) -> RenderJob:
    return RenderJob.objects.create(
        organisation=decision.organisation,
        document=decision,
        status=JobStatus.RUNNING,
        total=decision.certificates.count(),
        attempts=attempts,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=silent_for),
    )


@pytest.mark.django_db
def test_a_job_still_beating_is_left_to_its_consumer(decision, settings):
    settings.THIDUA_JOB_STALE_SECONDS = 120
    alive = job(decision, silent_for=10, attempts=1)
    assert services.sweep_interrupted_jobs() == []
    assert not services.claim_job(alive.pk)  # a second message for it does nothing
    alive.refresh_from_db()
    assert (alive.status, alive.attempts) == (JobStatus.RUNNING, 1)


@pytest.mark.django_db
def test_a_job_interrupted_three_times_is_given_up_with_a_message(decision, settings):
    settings.THIDUA_JOB_STALE_SECONDS = 120
    dead = job(decision, silent_for=600, attempts=services.MAX_ATTEMPTS)
    assert services.sweep_interrupted_jobs() == []
    dead.refresh_from_db()
    assert dead.status == JobStatus.FAILED and dead.finished_at is not None
    assert dead.message == (
        "Việc tạo Giấy khen bị gián đoạn 3 lần (máy chủ dừng giữa chừng); "
        "hãy bấm “In tất cả Giấy khen (PDF)” để tạo lại."
    )


@pytest.mark.django_db
def test_a_finished_job_is_never_run_again(decision):
    done = job(decision, silent_for=600, attempts=1)
    RenderJob.objects.filter(pk=done.pk).update(status=JobStatus.DONE)
    assert services.sweep_interrupted_jobs() == []
    assert not services.claim_job(done.pk)
