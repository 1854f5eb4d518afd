"""Looking up the rules in force on a date: regime, base salary and bonus amounts."""

from __future__ import annotations

import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from . import defaults
from .models import BaseSalary, LegalRegime, Multiplier

ROUNDING_UP = "up"
ROUNDING_NEAREST = "nearest"
ROUNDING_NONE = "none"
# Bonuses are rounded to whole 10.000 đồng (NĐ 91/2017 Điều 68 k.2; NĐ 152/2025 Điều 49 k.2).
ROUNDING_STEP = 10_000


class RuleMissing(LookupError):
    """No rule covers the request; the message says which data an operator must add."""


def ensure_defaults() -> None:
    """Load the default legal data when the tables are empty (e.g. after a test flush)."""
    if not LegalRegime.objects.exists() or not BaseSalary.objects.exists():
        defaults.load(LegalRegime, BaseSalary, Multiplier)


def regime_on(day: datetime.date) -> LegalRegime:
    """The legal regime governing a decision dated ``day``."""
    ensure_defaults()
    for regime in LegalRegime.objects.all():
        if (regime.valid_from is None or regime.valid_from <= day) and (
            regime.valid_to is None or day <= regime.valid_to
        ):
            return regime
    raise RuleMissing(
        f"Chưa có chế độ pháp lý áp dụng cho ngày {day:%d/%m/%Y}; "
        "hãy bổ sung trong mục Quy định (quản trị)."
    )


def base_salary_on(day: datetime.date) -> int:
    """The base salary (integer đồng) in force on ``day``."""
    ensure_defaults()
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        raise RuleMissing(f"Chưa có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y}.")
    return row.amount


def round_bonus(amount: Decimal, mode: str = ROUNDING_UP) -> int:
    """Round a bonus to whole 10.000 đồng: up (default), to the nearest, or not at all."""
    if mode == ROUNDING_NONE:
        return int(amount.to_integral_value(rounding=ROUND_HALF_UP))
    steps = amount / ROUNDING_STEP
    rounding = ROUND_CEILING if mode == ROUNDING_UP else ROUND_HALF_UP
    return int(steps.to_integral_value(rounding=rounding)) * ROUNDING_STEP


def bonus_amount(form: str, target: str, day: datetime.date, rounding: str = ROUNDING_UP) -> int:
    """Bonus of ``form`` for a ``target`` (individual/collective/household) decided on ``day``.

    >>> bonus_amount("Giấy khen", "individual", datetime.date(2023, 12, 15))  # doctest: +SKIP
    270000
    """
    regime = regime_on(day)
    multiplier = Multiplier.objects.filter(regime=regime, form=form, target=target).first()
    if multiplier is None:
        raise RuleMissing(f"Chưa có hệ số tiền thưởng cho “{form}” ({target}) theo {regime.name}.")
    return round_bonus(multiplier.as_decimal * base_salary_on(day), rounding)
