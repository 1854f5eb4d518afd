"""No vote without a quorum: 2/3 of the members by default, as set per council."""

from __future__ import annotations

import pytest

from thidua.council import services, tally
from thidua.council.models import MeetingStatus
from thidua.council.services import CouncilError


def test_the_quorum_is_a_fraction_of_all_members_rounded_up():
    assert tally.quorum_needed(7, 2, 3) == 5
    assert tally.quorum_needed(9, 2, 3) == 6
    assert tally.quorum_needed(7, 1, 2) == 4
    assert tally.has_quorum(5, 7, 2, 3)
    assert not tally.has_quorum(4, 7, 2, 3)
    assert not tally.has_quorum(0, 0, 2, 3)


@pytest.mark.django_db
def test_four_of_seven_present_cannot_open_the_vote(in_session, user):
    meeting = in_session(absent=("hoidong2", "hoidong3", "hoidong4"))
    assert not services.quorum_of(meeting).reached
    with pytest.raises(CouncilError, match=r"có mặt 4/7, cần ít nhất 5"):
        services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_SESSION


@pytest.mark.django_db
def test_five_of_seven_present_open_the_vote(in_session, user):
    meeting = in_session(absent=("hoidong3", "hoidong4"))
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.VOTING


@pytest.mark.django_db
def test_a_stricter_quorum_set_for_the_meeting_is_enforced(in_session, user):
    meeting = in_session(absent=("hoidong4",), quorum_numerator=9, quorum_denominator=10)
    with pytest.raises(CouncilError, match="cần ít nhất 7"):
        services.open_voting(user("chutich"), meeting)


@pytest.mark.django_db
def test_only_the_chair_or_a_vice_chair_opens_the_vote(in_session, user):
    meeting = in_session()
    with pytest.raises(PermissionError):
        services.open_voting(user("hoidong2"), meeting)
    services.open_voting(user("hoidong1"), meeting)
