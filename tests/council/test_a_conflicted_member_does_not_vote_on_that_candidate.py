"""A member who is the candidate, heads the candidate unit, is the candidate's direct
superior or is related declares it and does not vote on that candidate."""

from __future__ import annotations

import pytest

from thidua.council import services
from thidua.council.models import ConflictKind
from thidua.council.services import CouncilError

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
