"""Publicity: the public must see, for the whole period, the list the Chairman will decide.
When the chair corrects the list after it was disclosed, the disclosure starts again from
the day of the correction for the same number of days; the notice shows the new list (a
draft notice is redrafted, an issued one is followed by a new notice); the public page says
so; comments already received stay; and no decision is drafted before the new period ends."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document as Docx

from thidua.audit.models import ActionLog
from thidua.council import decisions, disclosure, services
from thidua.council.models import Disclosure, Outcome
from thidua.council.services import CouncilError
from thidua.documents import services as documents
from thidua.documents.models import Status as DocumentStatus

from .conftest import D

pytestmark = pytest.mark.django_db
REASON = "Phát hiện đang bị xem xét kỷ luật sau cuộc họp"


def _second_collective(meeting):
    return meeting.candidates.filter(target="collective", outcome=Outcome.APPROVED).order_by(
        "position", "id"
    )[1]


def _text(document) -> str:
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    return "\n".join(p.text for p in doc.paragraphs)


def _listed(document) -> set[str]:
    """The names in the notice's list (one cell each)."""
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    return {c.text.strip() for t in doc.tables for r in t.rows for c in r.cells}


def test_a_correction_during_the_period_restarts_it_with_the_new_list(disclosed, user):
    meeting, listing, comment = disclosed
    second = _second_collective(meeting)
    assert second.name in _listed(listing.notice)
    services.correct_outcome(
        user("chutich"), meeting, second, Outcome.REJECTED, REASON, today=D(2023, 12, 6)
    )

    listing = Disclosure.objects.select_related("notice").get(pk=listing.pk)
    assert (listing.starts_on, listing.ends_on, listing.restarted_on) == (
        D(2023, 12, 6),
        D(2023, 12, 10),
        D(2023, 12, 6),
    )
    notice = _text(listing.notice)
    assert listing.notice.status == DocumentStatus.DRAFT and listing.notice.date == D(2023, 12, 6)
    assert second.name not in _listed(listing.notice)
    assert "từ ngày 06/12/2023 đến hết ngày 10/12/2023" in notice
    assert list(listing.comments.all()) == [comment]  # earlier comments stay
    log = ActionLog.objects.get(action="council.disclosure_restarted")
    assert log.data["before"] == ["2023-12-04", "2023-12-08"]
    assert (log.data["from"], log.data["to"]) == ("2023-12-06", "2023-12-10")

    disclosure.handle_comment(user("vanphong"), comment, "Đã trả lời trực tiếp người góp ý.")
    with pytest.raises(CouncilError, match="đến hết ngày 10/12/2023"):
        decisions.draft_decision(user("vanphong"), meeting, D(2023, 12, 10), user("chutich"))
    decision = decisions.draft_decision(user("vanphong"), meeting, D(2023, 12, 11), user("chutich"))
    assert second.name not in set(decision.awards.values_list("name", flat=True))


def test_an_issued_notice_stays_and_a_new_notice_is_drafted(disclosed, user):
    meeting, listing, _comment = disclosed
    first = documents.issue(user("vanphong"), listing.notice)
    services.correct_outcome(
        user("chutich"),
        meeting,
        _second_collective(meeting),
        Outcome.REJECTED,
        REASON,
        today=D(2023, 12, 12),
    )
    listing.refresh_from_db()
    first.refresh_from_db()
    assert first.status == DocumentStatus.ISSUED  # the signed notice never changes
    assert listing.notice_id != first.pk and listing.notice.status == DocumentStatus.DRAFT
    assert (listing.starts_on, listing.ends_on) == (D(2023, 12, 12), D(2023, 12, 16))
    assert "từ ngày 12/12/2023 đến hết ngày 16/12/2023" in _text(listing.notice)


def test_a_correction_before_the_list_is_disclosed_restarts_nothing(closed, user):
    with pytest.raises(CouncilError, match="Ngày điều chỉnh phải từ ngày họp"):
        services.correct_outcome(
            user("chutich"),
            closed,
            _second_collective(closed),
            Outcome.REJECTED,
            REASON,
            today=D(2023, 11, 30),
        )
    services.correct_outcome(
        user("chutich"),
        closed,
        _second_collective(closed),
        Outcome.REJECTED,
        REASON,
        today=D(2023, 12, 2),
    )
    assert not Disclosure.objects.filter(meeting=closed).exists()
    assert not ActionLog.objects.filter(action="council.disclosure_restarted").exists()


def test_the_pages_tell_the_office_the_chair_and_the_public(disclosed, client_as):
    meeting, listing, _comment = disclosed
    second = _second_collective(meeting)
    chair = client_as("chutich")
    response = chair.post(
        reverse("council:correct", args=[meeting.pk]),
        {"candidate": second.pk, "outcome": "rejected", "reason": REASON, "day": "2023-12-06"},
        follow=True,
    )
    body = response.content.decode()
    assert (
        "Danh sách đề nghị đã thay đổi nên được công khai lại: thời gian nhận ý kiến tính lại "
        "từ ngày 06/12/2023 đến hết ngày 10/12/2023" in body
    )
    assert "06/12/2023 — Nguyễn Thị Thanh" in body
    listing.refresh_from_db()
    assert listing.restarted_on == D(2023, 12, 6)
    public = client_as("vanquan").get(reverse("council:public", args=[listing.code]))
    text = public.content.decode()
    assert "Danh sách đã được điều chỉnh ngày 06/12/2023" in text
    assert f"<td>{second.name}</td>" not in text
    office = client_as("vanphong").get(reverse("council:disclosure", args=[listing.pk]))
    assert "Công khai lại" in office.content.decode()
