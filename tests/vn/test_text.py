"""Accent removal, normalisation and search keys (thidua.vn.text)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.vn import normalize_text, search_key, unaccent

# Every Vietnamese vowel in every tone, and đ, in lower and upper case.
VIETNAMESE_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
VIETNAMESE_ALPHABET = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "bcdghklmnpqrstvx "


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Thị Thanh", "Nguyen Thi Thanh"),
        ("Đỗ Đức Ưng", "Do Duc Ung"),
        ("Phường Mộ Lao, quận Hà Đông", "Phuong Mo Lao, quan Ha Dong"),
        ("THỦY ƯỚC ĐẶNG", "THUY UOC DANG"),
        ("Khen thưởng 2023 (đợt 1)", "Khen thuong 2023 (dot 1)"),
        ("already ascii", "already ascii"),
        ("", ""),
    ],
)
def test_unaccent_removes_tones_vowel_marks_and_the_stroke_of_d(text: str, expected: str) -> None:
    assert unaccent(text) == expected


def test_unaccent_maps_every_vietnamese_vowel_to_its_latin_base() -> None:
    expected = "a" * 18 + "e" * 12 + "i" * 6 + "o" * 18 + "u" * 12 + "y" * 6 + "d"
    assert unaccent(VIETNAMESE_LETTERS) == expected
    assert unaccent(VIETNAMESE_LETTERS.upper()) == expected.upper()


def test_unaccent_handles_nfd_input() -> None:
    assert unaccent(nfd("Nguyễn Thị Thanh Đào")) == "Nguyen Thi Thanh Dao"


def test_unaccent_folds_eth_typed_in_place_of_d_with_stroke() -> None:
    assert unaccent("Ðào ðức") == "Dao duc"


def test_search_key_is_lower_case_unaccented_and_collapsed() -> None:
    assert search_key("  Nguyễn  Thị\tTHANH \n") == "nguyen thi thanh"
    assert search_key(nfd("ĐOÀN Thanh Niên")) == "doan thanh nien"


def test_search_key_lets_an_unaccented_query_find_an_accented_name() -> None:
    assert search_key("nguyen thi") in search_key("Nguyễn Thị Thanh Hương")


def test_normalize_text_composes_and_collapses_whitespace() -> None:
    result = normalize_text(nfd("  Ủy ban\u00a0nhân   dân "))
    assert result == "Ủy ban nhân dân"
    assert unicodedata.is_normalized("NFC", result)


@given(st.text(alphabet=VIETNAMESE_ALPHABET))
def test_unaccent_of_vietnamese_text_is_pure_ascii(text: str) -> None:
    assert unaccent(text).isascii()
    assert unaccent(nfd(text)).isascii()


@given(st.text(alphabet=VIETNAMESE_ALPHABET))
def test_unaccent_keeps_the_length_of_nfc_text(text: str) -> None:
    # One output letter per input letter: nothing dropped, nothing doubled.
    assert len(unaccent(text)) == len(unicodedata.normalize("NFC", text))


@given(st.text())
def test_unaccent_is_idempotent_and_form_independent(text: str) -> None:
    once = unaccent(text)
    assert unaccent(once) == once
    assert unaccent(nfd(text)) == unaccent(unicodedata.normalize("NFC", text))


@given(st.text(alphabet=VIETNAMESE_ALPHABET))
def test_search_key_is_the_same_for_any_case_and_form(text: str) -> None:
    assert search_key(text.upper()) == search_key(nfd(text.lower()))
