"""Individuals: the plan's priority first (direct performers), then score, then the law's
tie-break (women first) among those still equal."""

from decimal import Decimal

import pytest

from thidua.movements.models import Movement
from thidua.orgs.models import Person
from thidua.scoring.services import RankingRow, _order, compute_ranking, save_rubric


@pytest.fixture
def movement(demo):
    return Movement.objects.get(organisation=demo["mo_lao"], year=2023)


@pytest.mark.django_db
def test_direct_performers_rank_before_anyone_else_whatever_the_score(movement):
    rows = compute_ranking(movement, "individual").rows
    flags = [r.priority for r in rows]
    assert flags == sorted(flags, reverse=True)  # all priority rows first
    anh = next(r for r in rows if r.name == "Cao Thị Ánh")  # performed 2.3 early, not direct
    assert not anh.priority and anh.score > 0
    assert any(r.priority and r.score < anh.score for r in rows)
    assert "Trực tiếp thực hiện nhiệm vụ CCHC" in rows[0].reasons[0]


@pytest.mark.django_db
def test_with_priority_as_a_tie_break_only_the_score_leads(movement, user):
    save_rubric(
        user("vanphong"),
        movement,
        "individual",
        {"tasks.on_time_share": (Decimal("40"), None), "tasks.quality": (Decimal("30"), None)},
        False,
    )
    rows = compute_ranking(movement, "individual").rows
    held = [r for r in rows if not r.hold]
    assert [r.score for r in held] == sorted((r.score for r in held), reverse=True)


def row(name, score, gender="male", priority=False, hold=""):
    person = Person(
        family_name=name.rsplit(" ", 1)[0], given_name=name.rsplit(" ", 1)[1], gender=gender
    )
    return RankingRow(
        subject=person,
        name=name,
        score=Decimal(score),
        breakdown=[],
        priority=priority,
        priority_reason="Trực tiếp" if priority else "",
        women_first=gender == "female",
        hold=hold,
    )


def test_equal_scores_go_to_women_then_by_name_and_holds_go_last():
    rows = [
        row("Trần Văn An", "80"),
        row("Lê Thị Bình", "80", "female"),
        row("Phạm Văn Cường", "95", hold="đang bị xem xét kỷ luật"),
        row("Ngô Thị Dung", "70", "female", priority=True),
    ]
    _order(rows, True, "individual")
    assert [r.name for r in rows] == [
        "Ngô Thị Dung",
        "Lê Thị Bình",
        "Trần Văn An",
        "Phạm Văn Cường",
    ]
    assert "xếp sau vì Lê Thị Bình được ưu tiên nữ" in rows[2].reasons[0]
    assert rows[3].reasons[0].startswith("Đang tạm dừng xét khen thưởng")
