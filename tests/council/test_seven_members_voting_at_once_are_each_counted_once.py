"""Seven members press “Bỏ phiếu” at the same moment — each twice — on PostgreSQL: every
member is counted exactly once and the box holds exactly seven ballots.

SQLite takes the write lock at BEGIN (transaction_mode IMMEDIATE), so writers never race
there; the test needs PostgreSQL (set DATABASE_URL) and is skipped on SQLite.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from thidua.council import services
from thidua.council.models import Participation, SealedBallot, SecretVote
from thidua.council.services import CouncilError

from .conftest import all_for, candidate


@pytest.mark.django_db(transaction=True)
def test_seven_members_voting_at_once_are_each_counted_once(
    in_session, seats, user, django_capture_on_commit_callbacks
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers (BEGIN IMMEDIATE), so no race can happen; "
            "run with DATABASE_URL=postgres://… to test concurrent votes."
        )
    meeting = in_session(method="secret")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    for who, kind in (
        ("Bộ phận tiếp nhận và trả kết quả", "heads_unit"),
        ("Lê Thị Mai", "superior"),
        ("Vương Đình Phúc", "superior"),
    ):
        services.declare_conflict(user("truongmotcua"), meeting, candidate(meeting, who), kind)
    ballots = {name: (user(name), all_for(meeting, seat)) for name, seat in seats.items()}
    attempts = [name for name in ballots for _ in range(2)]
    barrier = threading.Barrier(len(attempts))
    accepted: list[str] = []
    refused: list[str] = []
    lock = threading.Lock()

    def vote(name: str) -> None:
        actor, ballot = ballots[name]
        try:
            barrier.wait(timeout=30)
            services.cast_ballot(actor, meeting, ballot)
            with lock:
                accepted.append(name)
        except CouncilError:
            with lock:
                refused.append(name)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(name,)) for name in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(accepted) == sorted(ballots)
    assert sorted(refused) == sorted(ballots)
    assert Participation.objects.filter(meeting=meeting).count() == 7
    assert SealedBallot.objects.filter(meeting=meeting).count() == 7
    with django_capture_on_commit_callbacks(execute=True):
        services.close_voting(user("chutich"), meeting)
    mai = candidate(meeting, "Lê Thị Mai")
    long = candidate(meeting, "Trịnh Văn Long")
    assert SecretVote.objects.filter(candidate=long).count() == 7
    assert SecretVote.objects.filter(candidate=mai).count() == 6
