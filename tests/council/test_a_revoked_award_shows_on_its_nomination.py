"""Once its award is revoked, a nomination is no longer “awarded”: it shows “Đã thu hồi
khen thưởng” with the revoking decision, on its page and in the movement's list. After the
whole decision is revoked the chair may correct the list and a new decision awards the
others again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.council import decisions, services
from thidua.council.models import DecisionStatus, Outcome
from thidua.nominations.models import AwardRecord, NominationStatus

from .conftest import D

pytestmark = pytest.mark.django_db


def _individual(decision):
    return (
        decision.awards.filter(target="individual")
        .select_related("candidate__nomination")
        .order_by("position")
        .first()
    )


def test_a_revoked_award_makes_its_nomination_revoked(issued, user, client_as, quyet_dinh):
    award = _individual(issued)
    nomination = award.candidate.nomination
    revoking = quyet_dinh(D(2023, 12, 20))
    decisions.revoke_award(user("vanphong"), award, "Phát hiện khai man thành tích", revoking)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REVOKED
    event = nomination.events.order_by("-id").first()
    assert (event.from_status, event.to_status) == (
        NominationStatus.AWARDED,
        NominationStatus.REVOKED,
    )
    assert event.reason == (
        f"Thu hồi theo Quyết định số {revoking.symbol}: Phát hiện khai man thành tích"
    )
    others = [a.candidate.nomination for a in issued.awards.exclude(pk=award.pk)]
    assert {n.status for n in others} == {NominationStatus.AWARDED}

    office = client_as("vanphong")
    page = office.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert '<span class="badge st-revoked">Đã thu hồi khen thưởng</span>' in page
    assert f"Quyết định số {issued.document.symbol} ngày 15/12/2023" in page
    assert f"<strong>đã thu hồi</strong> theo Quyết định số {revoking.symbol}" in page
    listing = office.get(reverse("nominations:movement", args=[nomination.movement_id]))
    assert "Đã thu hồi khen thưởng" in listing.content.decode()
    other_ward = client_as("vanquan").get(reverse("nominations:detail", args=[nomination.pk]))
    assert other_ward.status_code == 404


def test_after_the_whole_decision_is_revoked_a_corrected_list_is_awarded_again(
    issued, user, quyet_dinh
):
    office, chair = user("vanphong"), user("chutich")
    meeting = issued.meeting
    ineligible = _individual(issued).candidate
    revoking = quyet_dinh(D(2023, 12, 18), "Về việc thu hồi Quyết định khen thưởng")
    decisions.revoke_decision(office, issued, "Ban hành sai thẩm quyền", revoking)
    statuses = {a.candidate.nomination.status for a in issued.awards.select_related("candidate")}
    assert statuses == {NominationStatus.REVOKED}

    services.correct_outcome(
        chair,
        meeting,
        ineligible,
        Outcome.REJECTED,
        "Khai man thành tích, không đề nghị lại",
        today=D(2023, 12, 20),
    )
    ineligible.nomination.refresh_from_db()
    assert ineligible.nomination.status == NominationStatus.REJECTED

    again = decisions.draft_decision(office, meeting, D(2023, 12, 28), chair)
    decisions.approve_decision(chair, again)
    decisions.issue_decision(office, again, render=False)
    again.refresh_from_db()
    assert again.status == DecisionStatus.ISSUED and again.awards.count() == 3
    for award in again.awards.select_related("candidate__nomination"):
        assert award.candidate.nomination.status == NominationStatus.AWARDED
    in_force = AwardRecord.objects.in_force().filter(nomination__movement=meeting.movement)
    assert set(in_force.values_list("decision_number", flat=True)) == {again.document.symbol}
    assert in_force.count() == 3
