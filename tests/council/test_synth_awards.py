"""The benchmark's synthetic award chain: each synthetic ward ends with accepted
nominations and complete dossiers, a closed council meeting within the quotas, and an
issued decision numbered in its own register; the app's pages and API read it, and the
same seed gives the same chain."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from thidua.core.uploads import sniff
from thidua.council import synth as council_synth
from thidua.council.decisions import bonus_for
from thidua.council.models import (
    AwardDecision,
    CouncilMember,
    CouncilRole,
    DecisionStatus,
    Disclosure,
    Meeting,
    MeetingStatus,
    Outcome,
)
from thidua.council.services import quorum_of, results_of
from thidua.council.synth import add_awards
from thidua.demo import synth
from thidua.demo.synth import SynthSize, synthesise
from thidua.documents.models import Document, NumberSeries, Status
from thidua.movements.models import Movement, Target
from thidua.nominations.models import (
    AwardRecord,
    Dossier,
    DossierFile,
    FileKind,
    Nomination,
    NominationEvent,
    NominationStatus,
)
from thidua.nominations.services import missing_items
from thidua.orgs.models import Organisation, Role
from thidua.orgs.services import has_role

PEOPLE = 12


def _synthesise(prefix: str, wards: int) -> None:
    synthesise(
        SynthSize(wards=wards, people_per_ward=PEOPLE, city_code=f"{prefix}-city", prefix=prefix)
    )


@pytest.fixture
def wards(monkeypatch, settings, tmp_path) -> list[Organisation]:
    """Four wards of city A (seeds 1 to 4) and the first of city B (seed 1 again)."""
    settings.MEDIA_ROOT = tmp_path / "files"
    monkeypatch.setattr(synth, "WARD_HOOKS", [add_awards])
    _synthesise("synthaw-a", 4)
    _synthesise("synthaw-b", 1)
    codes = [f"synthaw-a-{i:05d}" for i in range(1, 5)] + ["synthaw-b-00001"]
    return [Organisation.objects.get(code=code) for code in codes]


def _movement(ward: Organisation) -> Movement:
    return Movement.objects.get(organisation=ward, year=2023)


@pytest.mark.django_db
def test_each_ward_proposes_three_units_and_three_people_in_a_complete_dossier_the_office_accepted(
    wards,
):
    for ward in wards:
        movement = _movement(ward)
        nominations = list(Nomination.objects.filter(movement=movement))
        assert sorted(n.target for n in nominations) == ["collective"] * 3 + ["individual"] * 3
        assert all(
            (n.unit or n.person).organisation_id == ward.pk and n.is_eligible and n.eligibility
            for n in nominations
        )
        dossier = Dossier.objects.get(movement=movement)
        assert dossier.status == NominationStatus.ACCEPTED
        assert {n.dossier_id for n in nominations} == {dossier.pk}
        assert dossier.submitted_at.year == 2023 and dossier.received_on < dossier.appraisal_due
        assert has_role(dossier.created_by, ward, Role.OFFICE)
        # The app's own completeness rule finds nothing missing.
        assert missing_items(dossier) == []
        # Each item is a real small PDF of the size recorded, read through the storage.
        files = list(DossierFile.objects.filter(dossier=dossier))
        assert len(files) == movement.dossier_items.count()
        for item in files:
            content = item.file.read()
            assert item.kind == FileKind.UPLOADED and sniff(content) == item.content_kind == "pdf"
            assert len(content) == item.size and 200 < item.size < 2000
        # Their history reads as the Office's review left it, before the council's.
        for nomination in nominations:
            history = list(
                NominationEvent.objects.filter(nomination=nomination).values_list(
                    "to_status", flat=True
                )
            )
            assert history[:3] == ["draft", "submitted", "accepted"]


@pytest.mark.django_db
def test_the_council_meets_with_a_quorum_and_approves_within_the_quotas(wards):
    absent, cut = [], []
    for ward in wards:
        meeting = Meeting.objects.get(organisation=ward)
        assert meeting.status == MeetingStatus.CLOSED
        assert meeting.closed_at == council_synth.MEETING_END
        members = list(CouncilMember.objects.filter(council=meeting.council, active=True))
        assert {m.role for m in members} == set(CouncilRole.values) and len(members) == 5
        for member in members:
            assert member.person.organisation_id == ward.pk
            assert member.person.user_id == member.user_id
            assert not member.user.has_usable_password()
        assert quorum_of(meeting).reached
        absent += meeting.attendance.filter(present=False).values_list("note", flat=True)
        individuals = set(
            meeting.candidates.filter(target=Target.INDIVIDUAL).values_list(
                "nomination__person_id", flat=True
            )
        )
        assert not individuals & {m.person_id for m in members}
        results = results_of(meeting, with_scores=False)
        outcomes = dict(meeting.candidates.values_list("pk", "outcome"))
        for group in results.groups:
            approved = [r for r in group.rows if outcomes[r.candidate_id] == Outcome.APPROVED]
            assert group.quota.minimum <= len(approved) <= group.quota.maximum == 2
            assert all(r.passed for r in approved)
            # Nobody who passed is left out while the quota has room.
            left_out = [r for r in group.rows if r.passed and r not in approved]
            assert not left_out or len(approved) == group.quota.maximum
            cut += left_out
        for candidate in meeting.candidates.select_related("nomination"):
            expected = (
                NominationStatus.AWARDED
                if candidate.outcome == Outcome.APPROVED
                else NominationStatus.REJECTED
            )
            assert candidate.nomination.status == expected
        assert meeting.minutes.symbol == "01/BB-HĐTĐKT"
        assert meeting.minutes.context["meeting"]["end"] == "10 giờ 15 phút"
    # These seeds hold a member away (with the reason) and groups over their quota.
    assert absent and all(absent) and cut


@pytest.mark.django_db
def test_each_ward_issues_its_own_decision_numbered_in_its_register_for_the_approved_list(wards):
    for ward in wards:
        decision = AwardDecision.objects.select_related("document").get(organisation=ward)
        document = decision.document
        assert decision.status == DecisionStatus.ISSUED and document.status == Status.ISSUED
        assert has_role(decision.signer, ward, Role.CHAIRMAN)
        # Numbered per issuer and year: every ward's register starts again at 1.
        numbers = Document.objects.filter(
            organisation=ward, issuer_kind="UBND", year=2023, number__isnull=False
        ).order_by("number")
        assert [d.symbol for d in numbers] == ["01/TB-UBND", "02/QĐ-UBND"]
        assert (
            NumberSeries.objects.get(organisation=ward, series="UBND", year=2023).last_number == 2
        )
        assert Disclosure.objects.get(meeting=decision.meeting).notice_id == numbers[0].pk
        approved = decision.meeting.candidates.filter(outcome=Outcome.APPROVED)
        awards = list(decision.awards.select_related("certificate").order_by("position"))
        assert [a.candidate_id for a in awards] == list(
            approved.order_by("target", "position", "id").values_list("pk", flat=True)
        )
        for award in awards:
            assert award.amount == bonus_for("Giấy khen", award.target, decision.date).amount
            assert award.certificate.decision_id == document.pk
        assert [a.certificate.golden_book_number for a in awards] == list(range(1, len(awards) + 1))
        assert decision.total == sum(a.amount for a in awards)
        records = AwardRecord.objects.in_force().filter(movement=_movement(ward))
        assert sorted(records.values_list("nomination_id", flat=True)) == sorted(
            a.candidate.nomination_id for a in awards
        )
        assert set(records.values_list("decision_number", flat=True)) == {"02/QĐ-UBND"}
    assert Document.objects.filter(symbol="02/QĐ-UBND", organisation__in=wards).count() == 5


@pytest.mark.django_db
def test_the_wards_office_reads_the_chain_in_the_api_and_pages_and_another_ward_gets_404(wards):
    ward, other = wards[0], wards[1]
    User = get_user_model()
    office = Client()
    office.force_login(User.objects.get(username=f"{ward.code}-vanphong"))
    decision = AwardDecision.objects.get(organisation=ward)
    meeting, dossier = decision.meeting, Dossier.objects.get(movement=_movement(ward))

    listed = office.get("/api/v1/decisions/").json()["results"]
    assert [d["id"] for d in listed] == [decision.pk]
    awardees = listed[0]["awardees"]
    assert listed[0]["number"] == "02/QĐ-UBND" and listed[0]["status"] == "issued"
    assert [(a["name"], a["amount"], a["so_vang"]) for a in awardees] == [
        (a.name, a.amount, a.certificate.golden_book_number)
        for a in decision.awards.order_by("position")
    ]
    pages = [
        f"/council/meetings/{meeting.pk}/",
        f"/council/decisions/{decision.pk}/",
        "/council/decisions/",
        f"/nominations/dossiers/{dossier.pk}/",
    ]
    for page in pages:
        assert office.get(page).status_code == 200, page
    assert office.get(f"/api/v1/decisions/{decision.pk}/").status_code == 200

    anonymous = Client()
    code = Disclosure.objects.get(meeting=meeting).code
    assert anonymous.get(f"/council/public/{code}/").status_code == 200
    certificate = decision.awards.order_by("position").first().certificate
    verified = anonymous.get(f"/verify/{certificate.verification_code}")
    assert certificate.awardee_name in verified.content.decode()

    stranger = Client()
    stranger.force_login(User.objects.get(username=f"{other.code}-vanphong"))
    for page in pages[:2] + [pages[3], f"/api/v1/decisions/{decision.pk}/"]:
        assert stranger.get(page).status_code == 404, page


def _chain(ward: Organisation) -> dict:
    """What the hook made for a ward, without ids and what names the ward itself."""
    movement = _movement(ward)
    meeting = Meeting.objects.get(organisation=ward)
    decision = AwardDecision.objects.get(organisation=ward)
    nominations = Nomination.objects.filter(movement=movement).order_by("target", "id")
    return {
        "nominations": [
            (n.target, n.candidate_name, n.status, n.achievement_summary, n.eligibility)
            for n in nominations
        ],
        "history": list(
            NominationEvent.objects.filter(nomination__movement=movement)
            .order_by("nomination__target", "nomination_id", "at", "id")
            .values_list("from_status", "to_status", "at")
        ),
        "files": [
            (f.original_name, f.size, f.file.read(), f.added_at)
            for f in DossierFile.objects.filter(dossier__movement=movement).order_by("id")
        ],
        "members": list(
            meeting.attendance.order_by("member__order").values_list(
                "member__full_name", "member__role", "present", "note"
            )
        ),
        "candidates": list(
            meeting.candidates.order_by("target", "position").values_list(
                "name", "hands_for", "hands_against", "hands_abstain", "outcome", "outcome_reason"
            )
        ),
        "documents": list(
            Document.objects.filter(organisation=ward)
            .order_by("date", "id")
            .values_list("template_key", "symbol", "date", "issued_at", "summary", "context")
        ),
        "decision": (decision.date, decision.total, decision.approved_at),
        "awards": list(
            decision.awards.order_by("position").values_list(
                "name", "amount", "certificate__golden_book_number", "certificate__awardee_name"
            )
        ),
    }


def _codes(ward: Organisation) -> list[str]:
    """The public codes of the ward's chain (they mix in the ward's code)."""
    decision = AwardDecision.objects.select_related("document").get(organisation=ward)
    return [
        Disclosure.objects.get(meeting=decision.meeting).code,
        decision.document.verification_code,
        *decision.awards.order_by("position").values_list(
            "certificate__verification_code", flat=True
        ),
    ]


class _Undo(Exception):
    pass


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_chain_and_a_ward_made_again_the_same_codes(
    wards, settings, tmp_path
):
    first, second, again = wards[0], wards[1], wards[-1]
    expected = _chain(first)
    assert _chain(again) == expected
    assert _chain(second) != expected
    codes = [_codes(ward) for ward in wards]
    assert len({c for ward_codes in codes for c in ward_codes}) == sum(map(len, codes))

    # The same ward made again, in a database without it, gets the very same codes.
    made = []
    for run in ("one", "two"):
        settings.MEDIA_ROOT = tmp_path / run
        try:
            with transaction.atomic():
                _synthesise("synthaw-c", 1)
                ward = Organisation.objects.get(code="synthaw-c-00001")
                made.append((_codes(ward), _chain(ward)))
                raise _Undo
        except _Undo:
            pass
    assert made[0] == made[1]
    assert made[0][1] == expected
    assert council_synth.code_for(first, random.Random(1)) != council_synth.code_for(
        again, random.Random(1)
    )
