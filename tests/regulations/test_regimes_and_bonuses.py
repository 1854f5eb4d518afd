"""The regime follows the decision date; bonuses follow DOMAIN §8's worked examples."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from thidua.regulations.services import bonus_amount, regime_on, round_bonus

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2023, 12, 15), "R2013"),
        (D(2023, 12, 31), "R2013"),
        (D(2024, 1, 1), "R2022a"),
        (D(2025, 6, 30), "R2022a"),
        (D(2025, 7, 1), "R2022b"),
    ],
)
def test_the_regime_follows_the_date_of_the_decision(day, code):
    assert regime_on(day).code == code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target", "day", "amount"),
    [
        ("individual", D(2023, 12, 15), 270_000),
        ("collective", D(2023, 12, 15), 540_000),
        ("individual", D(2024, 8, 1), 360_000),
        ("individual", D(2025, 7, 2), 710_000),
        ("collective", D(2025, 7, 2), 1_410_000),
    ],
)
def test_giay_khen_bonuses_match_the_worked_examples(target, day, amount):
    assert bonus_amount("Giấy khen", target, day) == amount


def test_the_rounding_mode_is_a_setting():
    assert round_bonus(Decimal(351_000)) == 360_000
    assert round_bonus(Decimal(351_000), "nearest") == 350_000
    assert round_bonus(Decimal(351_000), "none") == 351_000
