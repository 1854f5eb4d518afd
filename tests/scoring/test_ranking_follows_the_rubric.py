"""Scores come from the task record through a transparent, configurable rubric."""

from decimal import Decimal

import pytest

from thidua.movements.models import Movement
from thidua.scoring.services import compute_ranking, rubric_for, save_rubric


@pytest.fixture
def movement(demo):
    return Movement.objects.get(organisation=demo["mo_lao"], year=2023)


@pytest.mark.django_db
def test_every_competing_unit_is_scored_with_a_breakdown_that_adds_up(movement):
    ranking = compute_ranking(movement, "collective")
    assert ranking.task_count >= 25
    assert len(ranking.rows) == 11  # the units that compete
    for row in ranking.rows:
        assert row.score == sum(b.points for b in row.breakdown)
        assert [b.key for b in row.breakdown] == [
            "tasks.on_time_share",
            "tasks.done_share",
            "tasks.quality",
            "tasks.early",
            "tasks.late",
            "tasks.returned",
            "initiatives.recognised",  # registered by the initiatives app
        ]
    scores = [r.score for r in ranking.rows]
    assert scores == sorted(scores, reverse=True)
    one_stop = next(r for r in ranking.rows if r.name == "Bộ phận tiếp nhận và trả kết quả")
    on_time = one_stop.breakdown[0]
    # It leads 3.1, 3.3, 3.5, 7.1 (early or on time) and 7.2 (5 working days late).
    assert on_time.detail == "4/5 nhiệm vụ đến hạn hoàn thành sớm hoặc đúng hạn"
    assert on_time.points == (Decimal(40) * on_time.value).quantize(Decimal("0.01"))
    assert len(on_time.links) == 5 and all(link.url.startswith("/tasks/") for link in on_time.links)
    returned = one_stop.breakdown[5]
    assert returned.value == 1 and returned.points == Decimal("-1.00")


@pytest.mark.django_db
def test_the_office_changes_the_rubric_and_the_ranking_follows(movement, user):
    before = compute_ranking(movement, "collective")
    assert rubric_for(movement, "collective").saved is None
    save_rubric(
        user("vanphong"),
        movement,
        "collective",
        {"tasks.returned": (Decimal("-20"), None), "tasks.done_share": (Decimal("10"), None)},
        True,
    )
    after = compute_ranking(movement, "collective")
    assert [b.key for b in after.rows[0].breakdown] == ["tasks.done_share", "tasks.returned"]
    assert after.rubric.max_points == Decimal("10")
    office = next(r for r in after.rows if r.name == "Văn phòng UBND phường")
    assert office.breakdown[1].points == Decimal("-60.00")  # 3 returned reports × -20
    assert [r.name for r in after.rows] != [r.name for r in before.rows]


@pytest.mark.django_db
def test_caps_limit_bonus_and_penalty(movement, user):
    save_rubric(
        user("vanphong"),
        movement,
        "collective",
        {
            "tasks.early": (Decimal("50"), Decimal("7")),
            "tasks.late": (Decimal("-50"), Decimal("4")),
        },
        True,
    )
    for row in compute_ranking(movement, "collective").rows:
        early, late = row.breakdown
        assert Decimal("0") <= early.points <= Decimal("7")
        assert Decimal("-4") <= late.points <= Decimal("0")


@pytest.mark.django_db
def test_the_rubric_page_saves_and_refuses_bad_numbers(client_as, movement):
    office = client_as("vanphong")
    page = office.get(f"/scoring/movements/{movement.pk}/rubric/?target=individual")
    assert page.status_code == 200 and "Chất lượng nhiệm vụ" in page.content.decode()
    bad = office.post(
        f"/scoring/movements/{movement.pk}/rubric/",
        {"target": "individual", "weight_tasks.quality": "nhiều"},
    )
    assert "Hãy nhập một số" in bad.content.decode()
    assert rubric_for(movement, "individual").saved is None
    good = office.post(
        f"/scoring/movements/{movement.pk}/rubric/",
        {
            "target": "individual",
            "weight_tasks.quality": "50",
            "weight_tasks.on_time_share": "50",
            "priority_first": "on",
        },
    )
    assert good.status_code == 302
    assert rubric_for(movement, "individual").max_points == Decimal("100")
    assert (
        client_as("truongmotcua").get(f"/scoring/movements/{movement.pk}/rubric/").status_code
        == 403
    )
    assert client_as("vanquan").get(f"/scoring/movements/{movement.pk}/rubric/").status_code == 404
