"""A member who is the candidate, heads the candidate unit, is the candidate's direct
superior or is related declares it and does not vote on that candidate."""

from __future__ import annotations

import pytest

from thidua.council import services
from thidua.council.models import ConflictKind
from thidua.council.services import CouncilError
from thidua.nominations.models import Nomination, NominationStatus
from thidua.orgs.models import Person, Unit

from .conftest import all_for, candidate


@pytest.mark.django_db
def test_the_records_show_the_unit_heads_conflicts(make_meeting, seats):
    meeting = make_meeting()
    found = {
        (d.member.user.username, d.candidate.name, d.kind)
        for d in services.detect_conflicts(meeting)
    }
    assert ("truongmotcua", "Bộ phận tiếp nhận và trả kết quả", ConflictKind.HEADS_UNIT) in found
    assert ("truongmotcua", "Lê Thị Mai", ConflictKind.SUPERIOR) in found
    assert ("truongmotcua", "Vương Đình Phúc", ConflictKind.SUPERIOR) in found
    assert not any(who == "hoidong2" for who, _, _ in found)


@pytest.mark.django_db
def test_an_undeclared_conflict_blocks_the_vote_until_declared(in_session, seats, user):
    meeting = in_session(method="secret")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    ballot = {c.pk: "for" for c in meeting.candidates.all()}
    with pytest.raises(CouncilError, match="Hãy khai báo xung đột lợi ích"):
        services.cast_ballot(user("truongmotcua"), meeting, ballot)
    one_stop = candidate(meeting, "Bộ phận tiếp nhận và trả kết quả")
    services.declare_conflict(user("truongmotcua"), meeting, one_stop, "heads_unit")
    with pytest.raises(CouncilError, match="đã khai báo xung đột"):
        services.cast_ballot(user("truongmotcua"), meeting, ballot)
    for name in ("Lê Thị Mai", "Vương Đình Phúc"):
        services.declare_conflict(
            user("truongmotcua"), meeting, candidate(meeting, name), "superior"
        )
    voting_on, conflicted = services.entitled_candidates(meeting, seats["truongmotcua"])
    assert {c.name for c in conflicted} == {one_stop.name, "Lê Thị Mai", "Vương Đình Phúc"}
    services.cast_ballot(user("truongmotcua"), meeting, all_for(meeting, seats["truongmotcua"]))


@pytest.mark.django_db
def test_a_family_tie_is_declared_by_the_member(in_session, seats, user):
    meeting = in_session(method="ballot")
    services.declare_conflict(
        user("hoidong2"), meeting, candidate(meeting, "Trịnh Văn Long"), "related", "Con rể"
    )
    services.open_voting(user("chutich"), meeting)
    voting_on, _ = services.entitled_candidates(meeting, seats["hoidong2"])
    assert "Trịnh Văn Long" not in {c.name for c in voting_on}


@pytest.mark.django_db
def test_a_ballot_missing_a_candidate_is_refused(in_session, seats, user):
    meeting = in_session(method="ballot")
    services.open_voting(user("chutich"), meeting)
    ballot = all_for(meeting, seats["hoidong2"])
    ballot.pop(candidate(meeting, "Trịnh Văn Long").pk)
    with pytest.raises(CouncilError, match="Phiếu chưa có ý kiến về: Trịnh Văn Long"):
        services.cast_ballot(user("hoidong2"), meeting, ballot)


@pytest.mark.django_db
def test_a_member_who_is_himself_a_candidate_is_found_and_votes_only_on_the_others(
    movement, nominations, make_meeting, seats, user
):
    """The secretary, Phạm Thu Hà, is nominated herself: the records show it, her ballot is
    refused until she declares it, and she is out of her own denominator."""
    secretary = Person.objects.get(user__username="vanphong")
    Nomination.objects.create(
        movement=movement,
        award_form=movement.award_forms.get(form="Giấy khen"),
        person=secretary,
        target="individual",
        status=NominationStatus.ACCEPTED,
        proposing_unit=Unit.objects.get(
            organisation=movement.organisation, name="Văn phòng UBND phường"
        ),
        proposed_by=user("vanphong"),
    )
    meeting = make_meeting(method="ballot")
    found = {
        (d.member.user.username, d.kind)
        for d in services.detect_conflicts(meeting)
        if d.candidate.name == "Phạm Thu Hà"
    }
    assert found == {("vanphong", ConflictKind.IS_CANDIDATE)}
    services.record_attendance(user("vanphong"), meeting, {s.pk for s in seats.values()}, {})
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    herself = candidate(meeting, "Phạm Thu Hà")
    everyone = {c.pk: "for" for c in meeting.candidates.all()}
    with pytest.raises(CouncilError, match="xung đột lợi ích với: Phạm Thu Hà"):
        services.cast_ballot(user("vanphong"), meeting, everyone)
    services.declare_conflict(user("vanphong"), meeting, herself, ConflictKind.IS_CANDIDATE)
    voting_on, conflicted = services.entitled_candidates(meeting, seats["vanphong"])
    assert [c.name for c in conflicted] == ["Phạm Thu Hà"]
    assert herself.pk not in {c.pk for c in voting_on}
    services.cast_ballot(user("vanphong"), meeting, all_for(meeting, seats["vanphong"]))
    services.cast_ballot(user("hoidong2"), meeting, all_for(meeting, seats["hoidong2"]))
    row = services.results_of(meeting, with_scores=False).row(herself.pk)
    assert (row.votes_for, row.base) == (1, 1)
