"""Other apps (PAR INDEX, SIPAS, initiatives, holds) contribute through the registry."""

from decimal import Decimal

import pytest

from thidua.movements.models import Movement
from thidua.scoring import registry
from thidua.scoring.registry import Component, Link, Measure
from thidua.scoring.services import compute_ranking, save_rubric


@pytest.fixture
def initiatives_component():
    def compute(context):
        return {
            s.pk: Measure(
                Decimal("1"), "1 sáng kiến được công nhận", [Link("Sáng kiến số 01", "/x/")]
            )
            for s in context.subjects
            if getattr(s, "given_name", "") == "Mai"
        }

    component = Component(
        "initiatives.recognised", "Sáng kiến được công nhận", "count", ("individual",), compute
    )
    # The real initiatives app registers the same key; put it back afterwards so that
    # later tests in this process see the registry as the apps left it.
    previous = registry._components.get(component.key)
    registry.register(component)
    registry.register_hold(
        "test.discipline",
        lambda c: {
            s.pk: "đang xem xét kỷ luật"
            for s in c.subjects
            if getattr(s, "given_name", "") == "Tuấn"
        },
    )
    yield component
    registry._components.pop(component.key)
    if previous is not None:
        registry._components[component.key] = previous
    registry._holds.pop("test.discipline")


@pytest.mark.django_db
def test_a_registered_component_counts_once_the_office_weighs_it(initiatives_component, user, demo):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    default = compute_ranking(movement, "individual")
    assert "initiatives.recognised" not in [b.key for b in default.rows[0].breakdown]
    save_rubric(
        user("vanphong"),
        movement,
        "individual",
        {
            "tasks.on_time_share": (Decimal("40"), None),
            "initiatives.recognised": (Decimal("15"), None),
        },
        True,
    )
    rows = compute_ranking(movement, "individual").rows
    mai = next(r for r in rows if r.name == "Lê Thị Mai")
    line = next(b for b in mai.breakdown if b.key == "initiatives.recognised")
    assert line.points == Decimal("15.00") and line.links[0].label == "Sáng kiến số 01"
    tuan = next(r for r in rows if r.name == "Đỗ Minh Tuấn")
    assert tuan.hold and rows[-1] is tuan


def test_scoring_never_imports_the_apps_above_or_beside_it():
    import pathlib

    source = "\n".join(p.read_text() for p in pathlib.Path(registry.__file__).parent.glob("*.py"))
    for higher in (
        "thidua.awards",
        "thidua.reports",
        "thidua.api",
        "thidua.indexes",
        "thidua.initiatives",
    ):
        assert higher not in source
