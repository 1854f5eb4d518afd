"""The Office discards a decision not yet issued (a draft, or approved but not numbered):
its draft document is cancelled in the register — never deleted — the decision is marked
discarded, the action log keeps it, and the chair may then correct the council's outcomes
and the Office draft a new decision. An issued decision is never discarded, only revoked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.audit.models import ActionLog
from thidua.council import decisions, services
from thidua.council.models import AwardDecision, DecisionStatus, Outcome
from thidua.council.services import CouncilError
from thidua.documents.models import Document
from thidua.documents.models import Status as DocumentStatus

from .conftest import D

pytestmark = pytest.mark.django_db
REASON = "Phát hiện đang bị xem xét kỷ luật sau cuộc họp"


def _second_collective(meeting):
    return meeting.candidates.filter(target="collective", outcome=Outcome.APPROVED).order_by(
        "position", "id"
    )[1]


def test_a_discarded_draft_frees_the_list_for_a_correction_and_a_new_draft(drafted, user):
    office, chair = user("vanphong"), user("chutich")
    meeting = drafted.meeting
    second = _second_collective(meeting)
    with pytest.raises(CouncilError, match="hãy hủy dự thảo quyết định đó trước"):
        services.correct_outcome(chair, meeting, second, Outcome.REJECTED, REASON)

    decisions.discard_decision(office, drafted, "Cần điều chỉnh kết quả của Hội đồng")

    drafted.refresh_from_db()
    assert drafted.status == DecisionStatus.DISCARDED
    assert drafted.discarded_reason == "Cần điều chỉnh kết quả của Hội đồng"
    document = Document.objects.get(pk=drafted.document_id)
    assert document.status == DocumentStatus.CANCELLED
    assert "Cần điều chỉnh kết quả" in document.cancel_reason
    log = ActionLog.objects.get(action="council.decision_discarded", object_id=str(drafted.pk))
    assert log.actor == office and log.data["was"] == DecisionStatus.DRAFT
    assert drafted.awards.count() == 4  # the discarded draft keeps its lines

    services.correct_outcome(
        chair, meeting, second, Outcome.REJECTED, REASON, today=D(2023, 12, 16)
    )
    # The corrected list is disclosed again for five days before a new decision.
    with pytest.raises(CouncilError, match="đến hết ngày 20/12/2023"):
        decisions.draft_decision(office, meeting, D(2023, 12, 20), chair)
    again = decisions.draft_decision(office, meeting, D(2023, 12, 21), chair)
    assert again.pk != drafted.pk and again.status == DecisionStatus.DRAFT
    assert second.name not in set(again.awards.values_list("name", flat=True))
    assert again.awards.count() == 3
    assert AwardDecision.objects.filter(meeting=meeting).count() == 2


def test_an_approved_decision_not_yet_issued_can_be_discarded(drafted, user):
    decisions.approve_decision(user("chutich"), drafted)
    decisions.discard_decision(user("vanphong"), drafted, "Người ký đi công tác dài ngày")
    drafted.refresh_from_db()
    assert drafted.status == DecisionStatus.DISCARDED
    assert drafted.document.status == DocumentStatus.CANCELLED


def test_refusals_change_nothing(drafted, user):
    with pytest.raises(PermissionError):
        decisions.discard_decision(user("hoidong2"), drafted, "Cần điều chỉnh danh sách")
    with pytest.raises(CouncilError, match="ghi rõ lý do"):
        decisions.discard_decision(user("vanphong"), drafted, " sai ")
    drafted.refresh_from_db()
    assert drafted.status == DecisionStatus.DRAFT
    assert drafted.document.status == DocumentStatus.DRAFT
    assert not ActionLog.objects.filter(action="council.decision_discarded").exists()


def test_an_issued_decision_is_never_discarded_only_revoked(issued, user):
    with pytest.raises(CouncilError, match="đã ban hành, không hủy được.*thu hồi"):
        decisions.discard_decision(user("vanphong"), issued, "Cần điều chỉnh danh sách")
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.ISSUED
    assert issued.document.status == DocumentStatus.ISSUED


def test_the_decision_page_discards_and_the_meeting_page_offers_the_correction_again(
    drafted, client_as
):
    url = reverse("council:decision", args=[drafted.pk])
    discard = reverse("council:decision_discard", args=[drafted.pk])
    meeting_url = reverse("council:meeting", args=[drafted.meeting_id])
    office = client_as("vanphong")
    assert "Hủy dự thảo quyết định" in office.get(url).content.decode()
    assert "Điều chỉnh kết quả của một người được xét" not in (
        client_as("chutich").get(meeting_url).content.decode()
    )
    assert client_as("vanquan").post(discard, {"reason": REASON}).status_code == 404
    body = office.post(discard, {"reason": ""}, follow=True).content.decode()
    assert "Hãy ghi lý do hủy dự thảo quyết định." in body
    body = office.post(discard, {"reason": REASON}, follow=True).content.decode()
    assert "Đã hủy dự thảo quyết định" in body and "Đã hủy dự thảo</span>" in body
    assert REASON in body
    page = client_as("chutich").get(meeting_url).content.decode()
    assert "Điều chỉnh kết quả của một người được xét" in page
