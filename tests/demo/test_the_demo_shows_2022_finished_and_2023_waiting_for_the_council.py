"""The demo a newcomer opens: the 2022 movement carried to the end (a closed meeting, the
issued decision 98/QĐ-UBND, its Giấy khen and their printable PDF), the 2023 movement
with accepted nominations waiting for the council, no meeting and no decision yet."""

from __future__ import annotations

import datetime
import io
import shutil

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from thidua.council.models import AwardDecision, DecisionStatus, Meeting, MeetingStatus
from thidua.documents.models import JobStatus
from thidua.nominations.models import Nomination, NominationStatus

pytestmark = pytest.mark.django_db


def _movement(demo, year: int):
    return demo["mo_lao"].movements.get(year=year)


def test_the_2022_meeting_is_closed_and_its_decision_98_is_issued(demo):
    movement = _movement(demo, 2022)
    meeting = Meeting.objects.get(movement=movement)
    assert meeting.status == MeetingStatus.CLOSED
    assert meeting.minutes is not None and meeting.minutes.symbol
    decision = AwardDecision.objects.get(meeting=meeting)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.document.symbol == "98/QĐ-UBND"
    awards = list(decision.awards.select_related("certificate"))
    assert len(awards) == 4
    assert all(a.certificate is not None for a in awards)
    # Approved on the paper's day, not on the day the demo was loaded.
    assert timezone.localtime(decision.approved_at).date() == datetime.date(2022, 12, 20)
    assert timezone.localtime(decision.document.issued_at).date() == datetime.date(2022, 12, 20)
    # So are the meeting's papers: issued on their own dates, in 2022.
    for paper in (meeting.invitation, meeting.minutes):
        assert timezone.localtime(paper.issued_at).date() == paper.date


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_the_2022_certificates_can_be_downloaded_as_one_pdf(demo, client_as):
    decision = AwardDecision.objects.get(meeting__movement=_movement(demo, 2022))
    job = decision.document.render_jobs.get()
    assert decision.certificate_job_id == job.pk
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 4, 4), job.message
    client = client_as("vanphong")
    page = client.get(reverse("council:decision", args=[decision.pk])).content.decode()
    result_url = reverse("documents:job_result", args=[job.pk])
    assert f'href="{result_url}">Tải Giấy khen (PDF)</a>' in page
    response = client.get(result_url)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response)))
    # One landscape page per Giấy khen.
    assert len(reader.pages) == 4
    assert all(float(p.mediabox[2]) > float(p.mediabox[3]) for p in reader.pages)


def test_the_2023_nominations_wait_for_the_council(demo):
    movement = _movement(demo, 2023)
    waiting = Nomination.objects.filter(movement=movement, status=NominationStatus.ACCEPTED)
    assert {n.unit.name for n in waiting if n.unit_id} == {"Tư pháp - Hộ tịch"}
    assert {n.person.full_name for n in waiting if n.person_id} == {"Bùi Thị Ngọc"}
    assert not Meeting.objects.filter(movement=movement).exists()
    assert not AwardDecision.objects.filter(meeting__movement=movement).exists()
    assert not movement.nominations.filter(
        status__in=[NominationStatus.APPROVED, NominationStatus.AWARDED]
    ).exists()
