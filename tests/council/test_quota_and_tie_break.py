"""Within the plan's quota (1–2 collectives, 1–2 individuals): ranking, tie-break, and a
refusal with the reason when approving beyond the maximum."""

from __future__ import annotations

import pytest

from thidua.council import services, tally
from thidua.council.models import Outcome
from thidua.council.services import CouncilError

from .conftest import all_for, candidate


def _r(cid, name, votes, *, passed=True, priority=False, women=False, score="0"):
    from decimal import Decimal

    return tally.Result(
        cid,
        "individual",
        name,
        votes_for=votes,
        base=7,
        passed=passed,
        priority=priority,
        women_first=women,
        score=Decimal(score),
        sort_name=name,
    )


def test_the_plans_priority_comes_before_votes():
    rows = tally.rank([_r(1, "A", 7), _r(2, "B", 5, priority=True)], "nữ")
    assert [r.name for r in rows] == ["B", "A"]
    assert "Trực tiếp thực hiện" in rows[0].reasons[0]


def test_equal_votes_prefer_a_woman_then_the_score_then_the_name():
    rows = tally.rank(
        [
            _r(1, "An", 6, score="90"),
            _r(2, "Bình", 6, women=True, score="10"),
            _r(3, "Chi", 6, score="95"),
        ],
        "nữ",
    )
    assert [r.name for r in rows] == ["Bình", "Chi", "An"]
    assert "ưu tiên nữ (Luật TĐKT)" in rows[1].reasons[-1]
    assert "xếp theo điểm" in rows[2].reasons[-1]


def test_those_who_did_not_pass_come_last():
    rows = tally.rank([_r(1, "A", 3, passed=False, women=True), _r(2, "B", 4)], "nữ")
    assert [r.name for r in rows] == ["B", "A"]
    assert rows[1].reasons == ["Chưa đạt tỷ lệ đồng ý theo quy chế"]


@pytest.fixture
def counted(in_session, seats, user):
    """A named-ballot meeting counted: every collective passes with equal votes; of the
    individuals, Mai and Long pass, Phúc does not."""
    meeting = in_session(method="ballot")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    phuc = candidate(meeting, "Vương Đình Phúc").name
    for name, seat in seats.items():
        if name == "truongmotcua":
            for who, kind in (
                ("Bộ phận tiếp nhận và trả kết quả", "heads_unit"),
                ("Lê Thị Mai", "superior"),
                ("Vương Đình Phúc", "superior"),
            ):
                services.declare_conflict(user(name), meeting, candidate(meeting, who), kind)
        choice = {phuc: "against"} if name in ("hoidong2", "hoidong3", "hoidong4") else {}
        services.cast_ballot(user(name), meeting, all_for(meeting, seat, "for", choice))
    services.close_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    return meeting


@pytest.mark.django_db
def test_a_collective_with_70_percent_women_wins_the_tie(counted):
    results = services.results_of(counted)
    collectives = next(g for g in results.groups if g.target == "collective")
    names = [r.name for r in collectives.rows]
    # Tư pháp - Hộ tịch (3 women of 4) before Địa chính (1 of 5) at an equal share.
    assert names.index("Tư pháp - Hộ tịch") < names.index(
        "Địa chính - Xây dựng - Đô thị và Môi trường"
    )
    assert collectives.quota.maximum == 2
    assert any("nhiều hơn số tối đa 2" in w for w in collectives.warnings)


@pytest.mark.django_db
def test_approving_a_third_collective_is_refused_with_the_reason(counted, user):
    chair = user("chutich")
    for name in ("Bộ phận tiếp nhận và trả kết quả", "Tư pháp - Hộ tịch"):
        services.decide(chair, counted, candidate(counted, name), Outcome.APPROVED)
    third = candidate(counted, "Địa chính - Xây dựng - Đô thị và Môi trường")
    with pytest.raises(CouncilError, match=r"đã đủ số tối đa 2 tập thể theo kế hoạch") as error:
        services.decide(chair, counted, third, Outcome.APPROVED)
    assert "1-2 tập thể" in str(error.value)
    third.refresh_from_db()
    assert third.outcome == Outcome.PENDING
    # Swapping is possible: release one, then approve the other.
    services.decide(chair, counted, candidate(counted, "Tư pháp - Hộ tịch"), Outcome.REJECTED)
    services.decide(chair, counted, third, Outcome.APPROVED)


@pytest.mark.django_db
def test_a_candidate_below_the_threshold_cannot_be_approved(counted, user):
    with pytest.raises(CouncilError, match="chưa đạt tỷ lệ"):
        services.decide(
            user("chutich"), counted, candidate(counted, "Vương Đình Phúc"), Outcome.APPROVED
        )


@pytest.mark.django_db
def test_applying_the_ranking_fills_the_quota_in_order(counted, user):
    services.apply_ranking(user("chutich"), counted)
    collectives = dict(
        counted.candidates.filter(target="collective").values_list("name", "outcome")
    )
    individuals = dict(
        counted.candidates.filter(target="individual").values_list("name", "outcome")
    )
    # All collectives reached 100% of their denominator: the women's tie-break takes
    # Tư pháp - Hộ tịch first, and only two fit in the quota.
    assert collectives["Tư pháp - Hộ tịch"] == Outcome.APPROVED
    assert list(collectives.values()).count(Outcome.APPROVED) == 2
    (left_out,) = [n for n, o in collectives.items() if o == Outcome.REJECTED]
    assert "ngoài số tối đa 2" in counted.candidates.get(name=left_out).outcome_reason
    assert individuals == {
        "Lê Thị Mai": Outcome.APPROVED,
        "Trịnh Văn Long": Outcome.APPROVED,
        "Vương Đình Phúc": Outcome.REJECTED,
    }


@pytest.mark.django_db
def test_only_the_chair_decides(counted, user):
    with pytest.raises(PermissionError):
        services.decide(
            user("vanphong"), counted, candidate(counted, "Lê Thị Mai"), Outcome.APPROVED
        )
