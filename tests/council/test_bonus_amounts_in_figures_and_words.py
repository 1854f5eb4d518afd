"""Bonus = multiplier × base salary on the decision date, rounded up to the next 10.000
đồng, in figures and in words (DOMAIN §8)."""

from __future__ import annotations

import datetime

import pytest

from thidua.council.decisions import bonus_for

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "target", "regime", "base", "multiplier", "raw", "figures", "words"),
    [
        (
            D(2023, 12, 15),
            "collective",
            "R2013",
            1_800_000,
            "0.3",
            "540.000",
            "540.000 đồng",
            "Năm trăm bốn mươi nghìn đồng",
        ),
        (
            D(2023, 12, 15),
            "individual",
            "R2013",
            1_800_000,
            "0.15",
            "270.000",
            "270.000 đồng",
            "Hai trăm bảy mươi nghìn đồng",
        ),
        (
            D(2024, 12, 15),
            "individual",
            "R2022a",
            2_340_000,
            "0.15",
            "351.000",
            "360.000 đồng",
            "Ba trăm sáu mươi nghìn đồng",
        ),
        (
            D(2025, 12, 15),
            "collective",
            "R2022b",
            2_340_000,
            "0.6",
            "1.404.000",
            "1.410.000 đồng",
            "Một triệu bốn trăm mười nghìn đồng",
        ),
        (
            D(2025, 12, 15),
            "individual",
            "R2022b",
            2_340_000,
            "0.3",
            "702.000",
            "710.000 đồng",
            "Bảy trăm mười nghìn đồng",
        ),
    ],
)
def test_giay_khen_bonus(day, target, regime, base, multiplier, raw, figures, words):
    bonus = bonus_for("Giấy khen", target, day)
    assert (bonus.regime, bonus.base_salary, bonus.multiplier) == (regime, base, multiplier)
    assert bonus.raw == raw
    assert bonus.figures == figures
    assert bonus.words == words
