"""The chair closes the meeting: the nominations take the council's outcome, the minutes
are drafted, and nothing of the meeting changes afterwards except by a new recorded act."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx

from thidua.council import services
from thidua.council.models import MeetingAct, Outcome
from thidua.council.services import CouncilError
from thidua.documents import services as documents
from thidua.nominations.models import NominationStatus

from .conftest import all_for, candidate


@pytest.mark.django_db
def test_closing_sets_the_nominations_and_drafts_both_minutes(closed):
    statuses = dict(closed.candidates.values_list("outcome", "nomination__status").distinct())
    assert statuses == {
        Outcome.APPROVED: NominationStatus.APPROVED,
        Outcome.REJECTED: NominationStatus.REJECTED,
    }
    assert closed.minutes is not None and closed.count_minutes is not None
    text = "\n".join(
        p.text for p in Docx(io.BytesIO(documents.render_docx(closed.minutes))).paragraphs
    )
    assert "Nguyễn Thị Thanh" in text and "Ngô Thị Lan" in text
    assert "đã gửi phiếu bằng văn bản" in text
    assert "Đỗ Minh Tuấn: Bộ phận tiếp nhận và trả kết quả" in text
    assert "06/07" in text or "6/7" in text
    doc = Docx(io.BytesIO(documents.render_docx(closed.count_minutes)))
    count_text = "\n".join(p.text for p in doc.paragraphs)
    assert "Số phiếu thu vào: 07" in count_text
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    # For, against, abstain, then her denominator (her superior left out) and the share.
    assert ["Lê Thị Mai", "6", "0", "0", "6", "100,0"] in [r[1:7] for r in rows]


@pytest.mark.django_db
def test_nothing_changes_after_closing(closed, seats, user):
    chair = user("chutich")
    mai = candidate(closed, "Lê Thị Mai")
    with pytest.raises(CouncilError, match="đã kết thúc"):
        services.decide(chair, closed, mai, Outcome.REJECTED)
    with pytest.raises(CouncilError):
        services.record_attendance(user("vanphong"), closed, set(), {})
    with pytest.raises(CouncilError):
        services.declare_conflict(user("hoidong2"), closed, mai, "related")
    with pytest.raises(CouncilError):
        services.close_meeting(chair, closed)
    mai.refresh_from_db()
    assert mai.outcome == Outcome.APPROVED


@pytest.mark.django_db
def test_a_correction_is_a_new_recorded_act(closed, user):
    with pytest.raises(CouncilError, match="ít nhất 10"):
        services.add_act(user("vanphong"), closed, "sai")
    services.add_act(
        user("vanphong"), closed, "Đính chính: bà Ngô Thị Lan vắng vì đi học tập trung."
    )
    assert MeetingAct.objects.filter(meeting=closed).count() == 1
    with pytest.raises(PermissionError):
        services.add_act(user("canbo"), closed, "Một ghi nhận không được phép.")


@pytest.mark.django_db
def test_the_meeting_cannot_close_while_a_candidate_is_undecided(in_session, seats, user):
    meeting = in_session(method="ballot")
    services.open_voting(user("chutich"), meeting)
    for name, seat in seats.items():
        if name != "truongmotcua":
            services.cast_ballot(user(name), meeting, all_for(meeting, seat))
    services.close_voting(user("chutich"), meeting)
    with pytest.raises(CouncilError, match="Chưa quyết định"):
        services.close_meeting(user("chutich"), meeting)
