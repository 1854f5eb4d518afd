"""A secret ballot: who voted is recorded, what they voted is not linked to them.

Checked by reading every stored row the way an operator with database access would:
the participation rows, the sealed ballots while the box is open, the anonymous vote
rows after counting, and the action log.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection

from thidua.audit.models import ActionLog
from thidua.council import ballot_box, services
from thidua.council.models import (
    CountedReceipt,
    Participation,
    SealedBallot,
    SecretVote,
)
from thidua.council.services import CouncilError

from .conftest import all_for, candidate


@pytest.fixture
def secret_meeting(in_session, user):
    meeting = in_session(method="secret")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    return meeting


def _columns(model) -> set[str]:
    return {f.column for f in model._meta.concrete_fields}


def test_the_vote_rows_have_no_voter_ballot_or_time_column():
    assert _columns(SecretVote) == {"id", "candidate_id", "choice"}
    assert _columns(CountedReceipt) == {"id", "meeting_id", "digest"}
    assert _columns(Participation) == {"id", "meeting_id", "member_id", "written"}


@pytest.mark.django_db
def test_while_the_box_is_open_the_database_holds_only_ciphertext(secret_meeting, seats, user):
    mai = candidate(secret_meeting, "Lê Thị Mai")
    services.cast_ballot(
        user("hoidong2"),
        secret_meeting,
        all_for(secret_meeting, seats["hoidong2"], "for", {mai.name: "against"}),
    )
    assert SecretVote.objects.filter(candidate__meeting=secret_meeting).count() == 0
    (sealed,) = SealedBallot.objects.filter(meeting=secret_meeting)
    raw = bytes(sealed.sealed)
    assert b"against" not in raw and b'"c"' not in raw
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM council_sealedballot")
        dumped = repr(cursor.fetchall())
    assert "against" not in dumped and "for" not in dumped
    # Every sealed ballot of a meeting has the same length, conflicts or not.
    services.declare_conflict(
        user("truongmotcua"),
        secret_meeting,
        candidate(secret_meeting, "Bộ phận tiếp nhận và trả kết quả"),
        "heads_unit",
    )
    for name in ("Lê Thị Mai", "Vương Đình Phúc"):
        services.declare_conflict(
            user("truongmotcua"), secret_meeting, candidate(secret_meeting, name), "superior"
        )
    services.cast_ballot(
        user("truongmotcua"), secret_meeting, all_for(secret_meeting, seats["truongmotcua"])
    )
    lengths = {len(bytes(s.sealed)) for s in SealedBallot.objects.filter(meeting=secret_meeting)}
    assert len(lengths) == 1


@pytest.mark.django_db
def test_after_counting_no_row_links_a_vote_to_its_voter(secret_meeting, seats, user):
    mai = candidate(secret_meeting, "Lê Thị Mai")
    receipts = {}
    # hoidong2 alone votes against Mai; the others for.
    for name in ("hoidong2", "chutich", "hoidong1", "hoidong3"):
        choice = {mai.name: "against"} if name == "hoidong2" else {}
        receipts[name] = services.cast_ballot(
            user(name), secret_meeting, all_for(secret_meeting, seats[name], "for", choice)
        )
    services.close_voting(user("chutich"), secret_meeting)
    secret_meeting.refresh_from_db()

    assert SealedBallot.objects.filter(meeting=secret_meeting).count() == 0
    votes = list(SecretVote.objects.filter(candidate=mai).values())
    assert sorted(v["choice"] for v in votes) == ["against", "for", "for", "for"]
    for row in votes:
        assert set(row) == {"id", "candidate_id", "choice"}
    # Participation says who voted, and nothing else.
    assert set(
        Participation.objects.filter(meeting=secret_meeting).values_list(
            "member__user__username", flat=True
        )
    ) == {"hoidong2", "chutich", "hoidong1", "hoidong3"}
    # The action log records participation, never the content.
    entries = ActionLog.objects.filter(
        action="council.ballot_cast", object_id=str(secret_meeting.pk)
    )
    assert entries.count() == 4
    for entry in entries:
        text = json.dumps(entry.data, ensure_ascii=False)
        assert "against" not in text and "for" not in text and str(mai.pk) not in text
    # The receipts check without saying whose ballot is whose.
    assert "đã được kiểm" in services.check_receipt(secret_meeting, receipts["hoidong2"])
    assert "Không có phiếu" in services.check_receipt(secret_meeting, "AAAA-BBBB-CCCC")


@pytest.mark.django_db
def test_rows_are_written_shuffled_not_ballot_by_ballot(
    secret_meeting, seats, user, django_capture_on_commit_callbacks
):
    """Written in voting order, the ids would run ballot by ballot (each ballot's six
    candidates in a row, in the same candidate order); shuffled, they do not."""
    order = ["hoidong2", "chutich", "hoidong1", "hoidong3", "hoidong4", "vanphong"]
    for name in order:
        choice = "against" if name == "hoidong2" else "for"
        services.cast_ballot(
            user(name), secret_meeting, all_for(secret_meeting, seats[name], choice)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.close_voting(user("chutich"), secret_meeting)
    sequence = list(
        SecretVote.objects.filter(candidate__meeting=secret_meeting)
        .order_by("id")
        .values_list("candidate_id", flat=True)
    )
    candidates = sorted(set(sequence))
    assert len(sequence) == 36
    assert sequence != candidates * 6
    assert sequence != sorted(sequence)
    blocks = [sequence[i : i + 6] for i in range(0, 36, 6)]
    assert not all(sorted(block) == candidates for block in blocks)
    assert ballot_box.key_store().get(ballot_box.KEY_PREFIX + secret_meeting.ballot_box) is None


@pytest.mark.django_db
def test_each_member_votes_once(secret_meeting, seats, user):
    services.cast_ballot(
        user("hoidong3"), secret_meeting, all_for(secret_meeting, seats["hoidong3"])
    )
    with pytest.raises(CouncilError, match="đã bỏ phiếu"):
        services.cast_ballot(
            user("hoidong3"), secret_meeting, all_for(secret_meeting, seats["hoidong3"])
        )
    assert Participation.objects.filter(meeting=secret_meeting).count() == 1
    assert SealedBallot.objects.filter(meeting=secret_meeting).count() == 1


@pytest.mark.django_db
def test_an_absent_members_written_ballot_goes_into_the_same_anonymous_box(in_session, seats, user):
    meeting = in_session(absent=("hoidong4",), method="secret")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    with pytest.raises(CouncilError, match="không có tên trong danh sách có mặt"):
        services.cast_ballot(user("hoidong4"), meeting, all_for(meeting, seats["hoidong4"]))
    services.enter_written_ballot(
        user("vanphong"), meeting, seats["hoidong4"], all_for(meeting, seats["hoidong4"])
    )
    participation = Participation.objects.get(meeting=meeting, member=seats["hoidong4"])
    assert participation.written
    services.close_voting(user("chutich"), meeting)
    assert (
        SecretVote.objects.filter(candidate__meeting=meeting).count() == meeting.candidates.count()
    )


@pytest.mark.django_db
def test_the_live_tally_of_a_secret_ballot_shows_turnout_only(secret_meeting, seats, user):
    services.cast_ballot(
        user("hoidong2"), secret_meeting, all_for(secret_meeting, seats["hoidong2"])
    )
    results = services.results_of(secret_meeting, with_scores=False)
    assert not results.visible
    assert results.participants == 1
    assert all(row.votes_for == 0 for group in results.groups for row in group.rows)


@pytest.mark.django_db
def test_a_lost_key_is_reported_and_the_vote_can_be_held_again(secret_meeting, seats, user):
    services.cast_ballot(
        user("hoidong2"), secret_meeting, all_for(secret_meeting, seats["hoidong2"])
    )
    ballot_box.destroy_box(secret_meeting.ballot_box)
    with pytest.raises(CouncilError, match="khóa niêm phong đã mất"):
        services.close_voting(user("chutich"), secret_meeting)
    services.reset_ballot(user("chutich"), secret_meeting, "Máy chủ khởi động lại")
    assert Participation.objects.filter(meeting=secret_meeting).count() == 0
    secret_meeting.refresh_from_db()
    services.cast_ballot(
        user("hoidong2"), secret_meeting, all_for(secret_meeting, seats["hoidong2"])
    )
