"""After closing, the chair corrects an outcome as a new recorded act: the votes stay as
cast, the quota still holds, the drafted minutes (Biên bản họp, Biên bản kiểm phiếu) gain
an “Điều chỉnh sau cuộc họp” section, and the decision is drafted from the corrected list."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx

from thidua.council import decisions, disclosure, services
from thidua.council.models import MeetingAct, Outcome
from thidua.council.services import CouncilError
from thidua.documents import services as documents
from thidua.nominations.models import NominationStatus
from thidua.vn import format_date

from .conftest import D

pytestmark = pytest.mark.django_db
REASON = "Phát hiện đang bị xem xét kỷ luật sau cuộc họp"


def _collectives(meeting):
    rows = meeting.candidates.filter(target="collective").order_by("position", "id")
    approved = [c for c in rows if c.outcome == Outcome.APPROVED]
    left_out = [c for c in rows if c.outcome == Outcome.REJECTED]
    return approved, left_out


def _text(document) -> tuple[str, str]:
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    return paragraphs, cells


def test_the_chair_swaps_an_outcome_within_the_quota_and_the_minutes_show_it(closed, user):
    chair = user("chutich")
    (first, second), (third,) = _collectives(closed)
    with pytest.raises(CouncilError, match="đã đủ số tối đa 2 tập thể"):
        services.correct_outcome(chair, closed, third, Outcome.APPROVED, REASON)
    with pytest.raises(CouncilError, match="ít nhất 10"):
        services.correct_outcome(chair, closed, second, Outcome.REJECTED, "sai")
    with pytest.raises(PermissionError):
        services.correct_outcome(user("hoidong2"), closed, second, Outcome.REJECTED, REASON)
    services.correct_outcome(chair, closed, second, Outcome.REJECTED, REASON)
    services.correct_outcome(
        chair, closed, third, Outcome.APPROVED, f"Xếp thứ ba, thay {second.name}"
    )
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.outcome, second.nomination.status) == (
        Outcome.REJECTED,
        NominationStatus.REJECTED,
    )
    assert (third.outcome, third.nomination.status) == (
        Outcome.APPROVED,
        NominationStatus.APPROVED,
    )
    acts = list(MeetingAct.objects.filter(meeting=closed, candidate__isnull=False))
    assert [(a.candidate_id, a.from_outcome, a.to_outcome) for a in acts] == [
        (second.pk, Outcome.APPROVED, Outcome.REJECTED),
        (third.pk, Outcome.REJECTED, Outcome.APPROVED),
    ]
    today = format_date(timezone.localdate())
    minutes, table = _text(closed.minutes)
    assert "Điều chỉnh sau cuộc họp" in minutes
    assert (
        f"- Ngày {today}, Nguyễn Thị Thanh: điều chỉnh kết quả đối với {second.name} từ "
        f"“Đề nghị khen” thành “Không đề nghị”; lý do: {REASON}." in minutes
    )
    assert f"thành “Đề nghị khen”; lý do: Xếp thứ ba, thay {second.name}." in minutes
    assert "Đề nghị khen (điều chỉnh)" in table and "Không đề nghị (điều chỉnh)" in table
    count, _cells = _text(closed.count_minutes)
    assert "Điều chỉnh sau cuộc họp" in count and REASON in count


def test_the_decision_is_drafted_from_the_corrected_list_and_then_the_list_is_fixed(closed, user):
    chair, office = user("chutich"), user("vanphong")
    (first, second), (third,) = _collectives(closed)
    services.correct_outcome(chair, closed, second, Outcome.REJECTED, REASON)
    services.correct_outcome(chair, closed, third, Outcome.APPROVED, "Xếp kế tiếp trong danh sách")
    disclosure.publish(office, closed, D(2023, 12, 4))
    decision = decisions.draft_decision(office, closed, D(2023, 12, 15), chair)
    names = set(decision.awards.filter(target="collective").values_list("name", flat=True))
    assert names == {first.name, third.name}
    with pytest.raises(CouncilError, match="Đã lập quyết định khen thưởng"):
        services.correct_outcome(chair, closed, first, Outcome.REJECTED, REASON)


def test_an_issued_minutes_never_changes_but_the_act_is_kept(closed, user):
    documents.issue(user("vanphong"), closed.minutes)
    before = _text(closed.minutes)
    services.add_act(user("vanphong"), closed, "Đính chính: bà Ngô Thị Lan vắng vì đi học.")
    assert _text(closed.minutes) == before
    assert closed.acts.count() == 1


def test_the_meeting_page_takes_the_correction_and_another_ward_gets_404(closed, client_as, user):
    (_first, second), _rest = _collectives(closed)
    url = reverse("council:correct", args=[closed.pk])
    page = client_as("chutich").get(reverse("council:meeting", args=[closed.pk]))
    assert "Điều chỉnh kết quả của một người được xét" in page.content.decode()
    chair = client_as("chutich")
    response = chair.post(url, {"candidate": second.pk, "outcome": "rejected"}, follow=True)
    assert "hãy chọn người được xét, kết quả đúng và ghi lý do" in response.content.decode()
    second.refresh_from_db()
    assert second.outcome == Outcome.APPROVED
    response = chair.post(
        url, {"candidate": second.pk, "outcome": "rejected", "reason": REASON}, follow=True
    )
    body = response.content.decode()
    assert f"Đã điều chỉnh kết quả đối với {second.name}" in body
    assert f"Lý do: {REASON}" in body
    other = client_as("vanquan").post(
        url, {"candidate": second.pk, "outcome": "approved", "reason": REASON}
    )
    assert other.status_code == 404
