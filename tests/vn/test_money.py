"""Amounts in words and money formatting (thidua.vn.money)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.vn import (
    amount_in_words,
    format_decimal,
    format_money,
    format_money_vnd,
    number_in_words,
)

KNOWN_AMOUNTS: list[tuple[int, str]] = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (1_000, "Một nghìn đồng"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_021, "Một nghìn không trăm hai mươi mốt đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (270_000, "Hai trăm bảy mươi nghìn đồng"),
    (360_000, "Ba trăm sáu mươi nghìn đồng"),
    (540_000, "Năm trăm bốn mươi nghìn đồng"),
    (710_000, "Bảy trăm mười nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (1_080_000, "Một triệu không trăm tám mươi nghìn đồng"),
    (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
    (1_800_000, "Một triệu tám trăm nghìn đồng"),
    (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (15_250_000, "Mười lăm triệu hai trăm năm mươi nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (2_000_500_000, "Hai tỷ năm trăm nghìn đồng"),
    (2_000_050_000, "Hai tỷ không trăm năm mươi nghìn đồng"),
    (3_001_000_001, "Ba tỷ không trăm linh một triệu không trăm linh một đồng"),
    (10**12, "Một nghìn tỷ đồng"),
    (1_500 * 10**9, "Một nghìn năm trăm tỷ đồng"),
    (5 * 10**15, "Năm triệu tỷ đồng"),
    (10**18, "Một tỷ tỷ đồng"),
]


@pytest.mark.parametrize(("amount", "words"), KNOWN_AMOUNTS)
def test_amount_in_words_matches_the_known_reading(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_number_in_words_is_lower_case_without_dong() -> None:
    assert number_in_words(1_080_000) == "một triệu không trăm tám mươi nghìn"
    assert number_in_words(0) == "không"


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        amount_in_words(-1)
    with pytest.raises(ValueError):
        number_in_words(-1_800_000)


@pytest.mark.parametrize("value", [1.0, 1800000.0, True, False, "100", None])
def test_non_integer_amounts_are_refused_with_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        amount_in_words(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("1.5"), Decimal("NaN"), Decimal("Infinity")])
def test_decimals_with_a_fraction_are_refused_with_value_error(value: Decimal) -> None:
    with pytest.raises(ValueError):
        amount_in_words(value)  # type: ignore[arg-type]


def test_whole_decimals_are_read_like_ints() -> None:
    assert amount_in_words(Decimal("1800000.00")) == "Một triệu tám trăm nghìn đồng"  # type: ignore[arg-type]


# --- An independent reader of the words, to check the writer by round trip. ---------------

_DIGIT_VALUES: dict[str, int] = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}


def _read_below_billion(words: list[str]) -> int:
    """Read words that contain no "tỷ": groups closed by "triệu"/"nghìn"."""
    total = 0
    group = 0
    pending = 0
    for word in words:
        if word in _DIGIT_VALUES:
            pending = _DIGIT_VALUES[word]
        elif word == "trăm":
            group += pending * 100
            pending = 0
        elif word == "mươi":
            group += pending * 10
            pending = 0
        elif word == "mười":
            group += 10
        elif word == "linh":
            pass
        elif word in ("triệu", "nghìn"):
            total += (group + pending) * (1_000_000 if word == "triệu" else 1_000)
            group = pending = 0
        else:
            raise AssertionError(f"unexpected word {word!r}")
    return total + group + pending


def _read_words(words: list[str]) -> int:
    """Split on the last "tỷ": what precedes counts tỷ (and may hold "tỷ" itself)."""
    if "tỷ" in words:
        last = len(words) - 1 - words[::-1].index("tỷ")
        return _read_words(words[:last]) * 10**9 + _read_below_billion(words[last + 1 :])
    return _read_below_billion(words)


def parse_amount(text: str) -> int:
    """Inverse of amount_in_words, written independently of the implementation."""
    assert text.endswith(" đồng")
    return _read_words(text.removesuffix(" đồng").lower().split())


def test_the_test_parser_reads_known_values() -> None:
    for amount, words in KNOWN_AMOUNTS:
        assert parse_amount(words) == amount


amounts = st.integers(min_value=0, max_value=10**15)


@given(amounts)
def test_amount_in_words_parses_back_to_the_same_number(amount: int) -> None:
    assert parse_amount(amount_in_words(amount)) == amount


@given(amounts)
def test_amount_in_words_uses_only_administrative_words(amount: int) -> None:
    words = amount_in_words(amount).lower().split()
    assert "lẻ" not in words
    assert "ngàn" not in words
    assert "chẵn" not in words


@given(amounts)
def test_amount_in_words_is_capitalised_once_and_ends_with_dong(amount: int) -> None:
    text = amount_in_words(amount)
    assert text[0].isupper()
    assert text[1:] == text[1:].lower()
    assert text.endswith(" đồng")
    assert "  " not in text


@given(amounts)
def test_special_readings_only_appear_in_their_position(amount: int) -> None:
    words = number_in_words(amount).split()
    for previous, word in zip(words, words[1:], strict=False):
        if word == "linh":
            assert previous == "trăm"
        if word in ("mốt", "tư"):
            assert previous == "mươi"
        if word == "lăm":
            assert previous in ("mươi", "mười")
        if previous in ("mươi", "mười"):
            assert word not in ("không", "linh")
    assert words.count("tỷ") <= 1  # below 10**18 "tỷ" never repeats


@given(st.lists(amounts, min_size=2, max_size=30, unique=True))
def test_distinct_amounts_have_distinct_words(values: list[int]) -> None:
    assert len({amount_in_words(value) for value in values}) == len(values)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9))
def test_inner_groups_with_empty_hundreds_read_khong_tram(head: int, tail: int) -> None:
    words = amount_in_words(head * 1_000 + tail).split()
    assert words[-6:-2] == ["nghìn", "không", "trăm", "linh"]


# --- Formatting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0"),
        (5, "5"),
        (999, "999"),
        (1_000, "1.000"),
        (1_800_000, "1.800.000"),
        (-1_800_000, "-1.800.000"),
        (12_345_678_901, "12.345.678.901"),
    ],
)
def test_format_money_separates_thousands_with_dots(amount: int, text: str) -> None:
    assert format_money(amount) == text


def test_format_money_vnd_appends_the_dong_sign() -> None:
    assert format_money_vnd(1_800_000) == "1.800.000 đ"
    assert format_money_vnd(-5_000) == "-5.000 đ"


def test_format_money_refuses_floats_and_bools() -> None:
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_money(True)


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_format_money_reads_back_to_the_same_number(amount: int) -> None:
    text = format_money(amount)
    assert int(text.replace(".", "")) == amount
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (0.15, 2, "0,15"),
        (2.675, 2, "2,68"),
        (1234567.891, 2, "1.234.567,89"),
        (1234567.891, 0, "1.234.568"),
        (Decimal("0.5"), 0, "1"),
        (-0.001, 2, "0,00"),
        (-1234.5, 1, "-1.234,5"),
        (7, 3, "7,000"),
    ],
)
def test_format_decimal_uses_comma_for_decimals(
    value: float | Decimal, places: int, text: str
) -> None:
    assert format_decimal(value, places) == text


def test_format_decimal_refuses_bad_input() -> None:
    with pytest.raises(TypeError):
        format_decimal("1.5", 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_decimal(1.5, -1)
    with pytest.raises(ValueError):
        format_decimal(float("nan"), 2)
