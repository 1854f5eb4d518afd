"""Splitting and sorting Vietnamese personal names (thidua.vn.names)."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.vn import name_sort_key, normalize_name, split_name, word_sort_key

# Vietnamese alphabet with f j w z at their Latin positions: the order the key must follow.
LETTERS = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
VOWELS = set("aăâeêioôơuưy")
# Combining tone marks in tone order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def make_word(letters: list[int], tone: int) -> str:
    """Build a word from alphabet indices, putting the tone on its first vowel."""
    chars = [LETTERS[i] for i in letters]
    for position, char in enumerate(chars):
        if char in VOWELS:
            chars[position] = unicodedata.normalize("NFC", char + TONE_MARKS[tone])
            break
    return "".join(chars)


def sign(a: Any, b: Any) -> int:
    """-1, 0 or 1 as ``a`` sorts before, with or after ``b``."""
    return int(a > b) - int(a < b)


# A word together with the order it must have: its letter indices, then its tone.
word_specs = st.tuples(
    st.lists(st.integers(0, len(LETTERS) - 1), min_size=1, max_size=6),
    st.integers(0, len(TONE_MARKS) - 1),
).filter(lambda spec: spec[1] == 0 or any(LETTERS[i] in VOWELS for i in spec[0]))

vietnamese_word = st.sampled_from(
    ["An", "Ánh", "Anh", "Ăn", "Ân", "Bình", "Chi", "Dũng", "Đào", "Hoà", "Hòa", "Hoa", "Hỏa"]
    + ["Lan", "Lân", "Lăng", "Minh", "Nguyễn", "Trần", "Thị", "Văn", "Ưng", "Uyên", "Yến"]
    + ["Ngọc", "Phương", "Quỳnh", "Thủy", "Thuỷ", "Tuấn", "Đặng", "Đức", "Giang", "Huệ"]
)
names = st.lists(vietnamese_word, min_size=1, max_size=4).map(" ".join)


# --- Known orders -------------------------------------------------------------------------


def test_names_are_ordered_by_given_name_first() -> None:
    expected = [
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Lê Văn Bình",
        "Phạm Thị Chi",
        "Đỗ Văn Dũng",
        "Vũ Thị Đào",
    ]
    assert sorted(reversed(expected), key=name_sort_key) == expected


def test_letters_decide_before_tones() -> None:
    # a < ă < â are different letters; "Án" is a prefix of "Anh" once tones are ignored.
    expected = ["An", "Án", "Anh", "Ánh", "Ăn", "Ân"]
    assert sorted(reversed(expected), key=word_sort_key) == expected


def test_tone_order_is_ngang_huyen_hoi_nga_sac_nang() -> None:
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(expected), key=word_sort_key) == expected


def test_d_sorts_before_d_with_stroke_and_both_before_e() -> None:
    assert sorted(["Em", "Đông", "Dung"], key=word_sort_key) == ["Dung", "Đông", "Em"]


@pytest.mark.parametrize(("smaller", "larger"), list(zip(LETTERS, LETTERS[1:], strict=False)))
def test_each_letter_sorts_before_the_next_in_the_alphabet(smaller: str, larger: str) -> None:
    assert word_sort_key(smaller) < word_sort_key(larger)


def test_digits_sort_after_letters_and_in_numeric_order() -> None:
    assert sorted(["A2", "A1", "Az", "Ay"], key=word_sort_key) == ["Ay", "Az", "A1", "A2"]


def test_same_given_name_is_ordered_by_family_then_middle_name() -> None:
    expected = ["Đặng Thị Lan", "Đặng Văn Lan", "Lê Thị Lan", "Nguyễn Lan"]
    assert sorted(reversed(expected), key=name_sort_key) == expected


def test_a_shorter_family_part_sorts_first_when_it_is_a_prefix() -> None:
    assert name_sort_key("Lan") < name_sort_key("Nguyễn Lan") < name_sort_key("Nguyễn Thị Lan")


def test_sorting_ignores_case_and_extra_whitespace() -> None:
    assert name_sort_key("  nguyễn   VĂN an ")[:2] == name_sort_key("Nguyễn Văn An")[:2]
    assert name_sort_key("Nguyễn  Văn\tAn") == name_sort_key("Nguyễn Văn An")


def test_old_and_new_tone_placement_sort_together() -> None:
    assert word_sort_key("Hoà") == word_sort_key("Hòa")
    assert word_sort_key("Thuỷ") == word_sort_key("Thủy")


def test_eth_typed_for_d_with_stroke_sorts_as_d_with_stroke() -> None:
    assert word_sort_key("Ðào") == word_sort_key("Đào")


# --- Splitting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn Văn", "An")),
        ("Tôn Nữ Thị Minh Khai", ("Tôn Nữ Thị Minh", "Khai")),
        ("  Lê   Lợi ", ("Lê", "Lợi")),
        ("Khai", ("", "Khai")),
        ("", ("", "")),
    ],
)
def test_split_name_returns_family_and_middle_then_given(
    full_name: str, parts: tuple[str, str]
) -> None:
    assert split_name(full_name) == parts


def test_split_name_returns_nfc_text_for_nfd_input() -> None:
    family, given_name = split_name(nfd("Nguyễn Thị Ánh"))
    assert (family, given_name) == ("Nguyễn Thị", "Ánh")
    assert unicodedata.is_normalized("NFC", family + given_name)


def test_normalize_name_collapses_whitespace_and_composes() -> None:
    assert normalize_name(nfd("  Trần \u00a0 Thị  Ánh ")) == "Trần Thị Ánh"


# --- Properties ---------------------------------------------------------------------------


@given(word_specs, word_specs)
def test_word_order_follows_letters_then_tone(
    first: tuple[list[int], int], second: tuple[list[int], int]
) -> None:
    # The spec itself is the oracle: letter indices in alphabet order, then the tone.
    expected = sign(first, second)
    assert sign(word_sort_key(make_word(*first)), word_sort_key(make_word(*second))) == expected


@given(word_specs, word_specs, st.integers(0, 5), st.integers(0, 5))
def test_tones_never_override_a_letter_difference(
    first: tuple[list[int], int], second: tuple[list[int], int], tone1: int, tone2: int
) -> None:
    letters1, letters2 = first[0], second[0]
    if letters1 == letters2:
        return
    before = sign(word_sort_key(make_word(letters1, 0)), word_sort_key(make_word(letters2, 0)))
    after = sign(
        word_sort_key(make_word(letters1, tone1)), word_sort_key(make_word(letters2, tone2))
    )
    assert before == after == sign(letters1, letters2)


@given(names)
def test_name_key_is_the_same_for_nfc_and_nfd_input(name: str) -> None:
    assert name_sort_key(nfd(name)) == name_sort_key(unicodedata.normalize("NFC", name))


@given(names)
def test_name_key_ignores_case_except_as_a_last_tie_breaker(name: str) -> None:
    assert name_sort_key(name.upper())[:2] == name_sort_key(name.lower())[:2]


@given(st.lists(names, max_size=12), st.randoms(use_true_random=False))
def test_sorting_gives_one_order_whatever_the_input_order_and_form(
    people: list[str], rng: random.Random
) -> None:
    shuffled = [nfd(name) if index % 2 else name for index, name in enumerate(people)]
    rng.shuffle(shuffled)
    as_sorted = [normalize_name(name) for name in sorted(shuffled, key=name_sort_key)]
    assert as_sorted == [normalize_name(name) for name in sorted(people, key=name_sort_key)]


@given(names, names)
def test_equal_keys_mean_the_same_normalised_name(first: str, second: str) -> None:
    same_key = name_sort_key(first) == name_sort_key(nfd(second))
    assert same_key == (normalize_name(first) == normalize_name(second))


@given(names, names)
def test_the_given_name_decides_before_the_family_name(first: str, second: str) -> None:
    given1, given2 = split_name(first)[1], split_name(second)[1]
    if word_sort_key(given1) != word_sort_key(given2):
        assert sign(name_sort_key(first), name_sort_key(second)) == sign(
            word_sort_key(given1), word_sort_key(given2)
        )
