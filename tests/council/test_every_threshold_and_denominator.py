"""The threshold (above p% or at least p%) against its denominator (those voting, or all
members), with absent members' written votes and declared conflicts."""

from __future__ import annotations

import pytest

from thidua.council import services, tally
from thidua.council.models import Outcome

from .conftest import all_for, candidate


@pytest.mark.parametrize(
    ("votes_for", "base", "percent", "strict", "expected"),
    [
        (4, 7, 50, True, True),  # 57% > 50%
        (3, 6, 50, True, False),  # exactly half is not a majority
        (4, 6, 50, True, True),
        (3, 6, 50, False, True),  # "at least 50%"
        (6, 7, 80, False, True),  # 85.7% ≥ 80%
        (5, 7, 80, False, False),  # 71.4% < 80%
        (4, 5, 80, False, True),  # exactly 80% passes "at least"
        (4, 5, 80, True, False),  # but not "above"
        (0, 0, 50, True, False),  # nobody entitled: never passes
    ],
)
def test_threshold_comparisons(votes_for, base, percent, strict, expected):
    assert tally.passes(votes_for, base, percent, strict) is expected


def test_percentages_are_shown_with_one_decimal_and_a_comma():
    result = tally.Result(1, "individual", "X", votes_for=6, base=7)
    assert result.percent_text == "85,7"


def _vote(meeting, seats, user, against_mai: set[str], voters):
    mai = candidate(meeting, "Lê Thị Mai").name
    for name in voters:
        choice = {mai: "against"} if name in against_mai else {}
        services.cast_ballot(user(name), meeting, all_for(meeting, seats[name], "for", choice))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("denominator", "percent", "strict", "base"),
    [
        # 6 take part (hoidong4 absent, no written vote); truongmotcua, Mai's direct
        # superior, is out of her denominator. Mai: 3 for, 2 against.
        ("present", 50, True, 6),
        ("all", 50, True, 7),
        ("present", 80, False, 6),
        ("all", 60, False, 7),
        ("present", 60, False, 6),
    ],
)
def test_named_ballot_against_each_denominator(
    in_session, seats, user, denominator, percent, strict, base
):
    meeting = in_session(
        absent=("hoidong4",),
        method="ballot",
        denominator=denominator,
        threshold_percent=percent,
        threshold_strict=strict,
    )
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    head = user("truongmotcua")
    services.declare_conflict(
        head, meeting, candidate(meeting, "Bộ phận tiếp nhận và trả kết quả"), "heads_unit"
    )
    for person in ("Lê Thị Mai", "Vương Đình Phúc"):
        services.declare_conflict(head, meeting, candidate(meeting, person), "superior")
    _vote(
        meeting, seats, user, {"hoidong2", "hoidong3"}, [n for n in seats if n not in ("hoidong4",)]
    )
    services.close_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    row = services.results_of(meeting, with_scores=False).row(candidate(meeting, "Lê Thị Mai").pk)
    # truongmotcua is Mai's direct superior: out of her denominator.
    assert row.base == base - 1
    assert (row.votes_for, row.votes_against, row.votes_abstain) == (3, 2, 0)
    assert row.passed is tally.passes(3, base - 1, percent, strict)
    long_row = services.results_of(meeting, with_scores=False).row(
        candidate(meeting, "Trịnh Văn Long").pk
    )
    assert long_row.base == base
    assert long_row.votes_for == 6
    assert long_row.passed is tally.passes(6, base, percent, strict)


@pytest.mark.django_db
def test_a_written_vote_counts_in_the_present_denominator(in_session, seats, user):
    meeting = in_session(absent=("hoidong4",), method="ballot", denominator="present")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    services.enter_written_ballot(
        user("vanphong"), meeting, seats["hoidong4"], all_for(meeting, seats["hoidong4"])
    )
    row = services.results_of(meeting, with_scores=False).row(
        candidate(meeting, "Trịnh Văn Long").pk
    )
    assert (row.votes_for, row.base) == (1, 1)


@pytest.mark.django_db
def test_written_votes_are_refused_when_the_rules_say_so(in_session, seats, user):
    meeting = in_session(absent=("hoidong4",), method="ballot", allow_written_votes=False)
    services.open_voting(user("chutich"), meeting)
    with pytest.raises(services.CouncilError, match="không nhận phiếu bằng văn bản"):
        services.enter_written_ballot(
            user("vanphong"), meeting, seats["hoidong4"], all_for(meeting, seats["hoidong4"])
        )


@pytest.mark.django_db
def test_a_show_of_hands_with_absent_written_votes(in_session, seats, user):
    meeting = in_session(
        absent=("hoidong4",),
        method="hands",
        denominator="all",
        threshold_percent=80,
        threshold_strict=False,
    )
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    services.enter_written_ballot(
        user("vanphong"), meeting, seats["hoidong4"], all_for(meeting, seats["hoidong4"])
    )
    long = candidate(meeting, "Trịnh Văn Long")
    counts = {c.pk: (5, 1, 0) for c in meeting.candidates.all()}
    with pytest.raises(services.CouncilError, match="vượt số thành viên có mặt"):
        services.enter_hands(user("vanphong"), meeting, {long.pk: (6, 1, 0)})
    services.enter_hands(user("vanphong"), meeting, counts)
    row = services.results_of(meeting, with_scores=False).row(long.pk)
    assert (row.votes_for, row.votes_against, row.base) == (6, 1, 7)
    assert row.passed  # 6/7 = 85.7% ≥ 80%


@pytest.mark.django_db
def test_a_show_of_hands_over_the_members_present_rejects_exactly_half(closed_by_hands):
    results = services.results_of(closed_by_hands, with_scores=False)
    long = results.row(candidate(closed_by_hands, "Trịnh Văn Long").pk)
    mai = results.row(candidate(closed_by_hands, "Lê Thị Mai").pk)
    # Both have three hands for; Long's six voters make it exactly half, not a majority,
    # while Mai's superior does not vote on her and three of five is a majority.
    assert (long.votes_for, long.base, long.passed) == (3, 6, False)
    assert (mai.votes_for, mai.base, mai.passed) == (3, 5, True)
    outcomes = dict(closed_by_hands.candidates.values_list("name", "outcome"))
    assert outcomes["Trịnh Văn Long"] == Outcome.REJECTED
    assert outcomes["Lê Thị Mai"] == Outcome.APPROVED
    assert candidate(closed_by_hands, "Trịnh Văn Long").outcome_reason == (
        "Chỉ đạt 3/6 phiếu đồng ý (50,0%)"
    )


@pytest.mark.django_db
def test_a_secret_ballot_over_all_members_counts_the_absent_against_the_threshold(
    in_session, seats, user
):
    """At least 60% of all seven members: hoidong3 is away without a ballot, so Long's
    four votes for are 57.1% (they would be 66.7% of the six who voted)."""
    meeting = in_session(
        absent=("hoidong3", "hoidong4"),
        method="secret",
        denominator="all",
        threshold_percent=60,
        threshold_strict=False,
    )
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    head = user("truongmotcua")
    services.declare_conflict(
        head, meeting, candidate(meeting, "Bộ phận tiếp nhận và trả kết quả"), "heads_unit"
    )
    for name in ("Lê Thị Mai", "Vương Đình Phúc"):
        services.declare_conflict(head, meeting, candidate(meeting, name), "superior")
    choices = {
        "truongmotcua": {"Trịnh Văn Long": "against"},
        "vanphong": {"Trịnh Văn Long": "abstain", "Lê Thị Mai": "against"},
    }
    for name in ("chutich", "hoidong1", "hoidong2", "truongmotcua", "vanphong"):
        ballot = all_for(meeting, seats[name], "for", choices.get(name))
        services.cast_ballot(user(name), meeting, ballot)
    services.enter_written_ballot(
        user("vanphong"), meeting, seats["hoidong4"], all_for(meeting, seats["hoidong4"])
    )
    services.close_voting(user("chutich"), meeting)
    services.apply_ranking(user("chutich"), meeting)
    meeting.refresh_from_db()
    results = services.results_of(meeting, with_scores=False)
    long = results.row(candidate(meeting, "Trịnh Văn Long").pk)
    mai = results.row(candidate(meeting, "Lê Thị Mai").pk)
    assert (long.votes_for, long.votes_against, long.votes_abstain, long.base) == (4, 1, 1, 7)
    assert not long.passed
    # Mai's superior is out of her denominator: four of six is 66.7%.
    assert (mai.votes_for, mai.votes_against, mai.base, mai.passed) == (4, 1, 6, True)
    assert candidate(meeting, "Trịnh Văn Long").outcome == Outcome.REJECTED
    assert candidate(meeting, "Lê Thị Mai").outcome == Outcome.APPROVED


@pytest.mark.django_db
def test_the_law_defaults_per_award_form(council):
    cstd = services.setting_for(council, "Chiến sĩ thi đua cơ sở")
    assert (cstd.method, cstd.threshold_percent, cstd.threshold_strict, cstd.denominator) == (
        "secret",
        80,
        False,
        "all",
    )
    assert cstd.allow_written_votes
    gk = services.setting_for(council, "Giấy khen")
    assert (gk.threshold_percent, gk.threshold_strict, gk.denominator) == (50, True, "present")
    assert (gk.quorum_numerator, gk.quorum_denominator) == (2, 3)


@pytest.mark.django_db
def test_saved_settings_are_copied_into_new_meetings_only(council, make_meeting, user):
    before = make_meeting()
    rules = (before.method, before.threshold_percent, before.denominator)
    services.save_setting(
        user("vanphong"),
        council,
        "Giấy khen",
        {
            "method": "ballot",
            "threshold_percent": 75,
            "threshold_strict": False,
            "denominator": "all",
        },
    )
    after = make_meeting()
    before.refresh_from_db()
    assert (before.method, before.threshold_percent, before.denominator) == rules
    assert (after.method, after.threshold_percent, after.denominator) == ("ballot", 75, "all")


@pytest.mark.django_db
def test_bad_settings_are_refused_with_a_reason(council, user):
    with pytest.raises(services.CouncilError, match="Tỷ lệ có mặt tối thiểu"):
        services.save_setting(
            user("vanphong"), council, "Giấy khen", {"quorum_numerator": 4, "quorum_denominator": 3}
        )
    with pytest.raises(services.CouncilError, match="từ 1 đến 100"):
        services.save_setting(user("vanphong"), council, "Giấy khen", {"threshold_percent": 120})
    with pytest.raises(PermissionError):
        services.save_setting(user("hoidong2"), council, "Giấy khen", {})
