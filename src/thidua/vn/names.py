"""Vietnamese personal names: normalising, splitting and dictionary-style sorting.

Lists of people in Vietnamese administrative documents (danh sách đề nghị khen thưởng,
bảng chấm điểm, ...) are ordered by the given name (the last word), then by the family and
middle names. Python's default string order is wrong for this twice over: it compares code
points (so "Đ" lands after "Z" and "Á" after "Z" as well), and it compares whole names from
the family name onwards.

This module orders words the way a Vietnamese dictionary does:

1. compare the *letters* of the words, ignoring tones, in the Vietnamese alphabet
   a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
   (the foreign letters f j w z are slotted in at their Latin positions, digits come after
   all letters, and any other character after the digits, by code point);
2. only if the letters are identical everywhere, compare the tones in order
   ngang < huyền < hỏi < ngã < sắc < nặng.

Comparison is case-insensitive and independent of the Unicode normal form of the input.
"""

from __future__ import annotations

import unicodedata
from enum import IntEnum
from typing import TypeAlias

from thidua.vn.text import normalize_text

__all__ = [
    "ALPHABET",
    "LetterKey",
    "NameKey",
    "Tone",
    "WordKey",
    "name_sort_key",
    "normalize_name",
    "split_name",
    "word_sort_key",
]


class Tone(IntEnum):
    """The six Vietnamese tones, valued in dictionary order."""

    NGANG = 0  # no mark
    HUYEN = 1  # grave accent: à
    HOI = 2  # hook above: ả
    NGA = 3  # tilde: ã
    SAC = 4  # acute accent: á
    NANG = 5  # dot below: ạ


#: Letters in sort order: the 29 letters of the Vietnamese alphabet with f, j, w, z
#: inserted where Latin puts them (f after e/ê, j after i, w after v, z after y).
ALPHABET: tuple[str, ...] = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip

#: One letter of a word: (rank, letter). The rank decides; the letter text only breaks ties
#: between characters that are not in the alphabet (they all share one rank).
LetterKey: TypeAlias = tuple[int, str]
#: A word: its letters without tones, then its tones in order of appearance.
WordKey: TypeAlias = tuple[tuple[LetterKey, ...], tuple[int, ...]]
#: A full name: given name, then family and middle names, then the normalised name itself.
NameKey: TypeAlias = tuple[WordKey, tuple[WordKey, ...], str]

_LETTER_RANK: dict[str, int] = {letter: rank for rank, letter in enumerate(ALPHABET)}
_DIGIT_BASE_RANK = len(ALPHABET)
_OTHER_RANK = _DIGIT_BASE_RANK + 10

# Tone marks as they appear after NFD decomposition. The deprecated U+0340/U+0341 are
# canonically decomposed to U+0300/U+0301 by NFD, so they need no entry of their own.
_TONE_MARKS: dict[str, Tone] = {
    "\u0300": Tone.HUYEN,
    "\u0309": Tone.HOI,
    "\u0303": Tone.NGA,
    "\u0301": Tone.SAC,
    "\u0323": Tone.NANG,
}

# The Icelandic eth is a frequent stand-in for Đ in data converted from legacy encodings;
# it lower-cases to "ð", which we read as "đ" so such names sort where the user expects.
_LETTER_FIXES: dict[str, str] = {"ð": "đ", "ɖ": "đ"}


def _letter_key(letter: str) -> LetterKey:
    """Rank one letter (a base character plus its non-tone marks, in NFC)."""
    rank = _LETTER_RANK.get(letter)
    if rank is not None:
        return (rank, letter)
    if len(letter) == 1 and "0" <= letter <= "9":
        return (_DIGIT_BASE_RANK + int(letter), letter)
    return (_OTHER_RANK, letter)


def word_sort_key(word: str) -> WordKey:
    """Return a sort key for a single word in Vietnamese dictionary order.

    The key is ``(letters, tones)``: letters compare first (so "Án" < "Anh" because the
    letters "an" are a prefix of "anh"), and tones only when the letters are identical
    (so "An" < "Án"). The tones of a word are taken in order of appearance rather than
    by position, so the old and new tone placements "hoà" and "hòa" compare equal.

    >>> sorted(["Ân", "Ánh", "Ăn", "An", "Anh"], key=word_sort_key)
    ['An', 'Anh', 'Ánh', 'Ăn', 'Ân']
    """
    decomposed = unicodedata.normalize("NFD", word.strip().casefold())
    letters: list[LetterKey] = []
    tones: list[int] = []
    base: str | None = None
    marks: list[str] = []

    def flush() -> None:
        if base is not None:
            letter = unicodedata.normalize("NFC", base + "".join(marks))
            letters.append(_letter_key(_LETTER_FIXES.get(letter, letter)))

    for ch in decomposed:
        if unicodedata.combining(ch):
            tone = _TONE_MARKS.get(ch)
            if tone is not None:
                tones.append(int(tone))
            else:
                # Vowel marks (breve, circumflex, horn) make a different letter: a ă â are
                # three letters. Unknown marks are kept with their letter for the same reason.
                if base is None:
                    base = ""  # a stray mark at the start of the word: keep it, as a letter
                marks.append(ch)
            continue
        flush()
        base = ch
        marks = []
    flush()
    return (tuple(letters), tuple(tones))


def normalize_name(full_name: str) -> str:
    """Return the name in NFC with whitespace collapsed (case is left untouched).

    >>> normalize_name("  Nguyễn   Văn  An ")
    'Nguyễn Văn An'
    """
    return normalize_text(full_name)


def split_name(full_name: str) -> tuple[str, str]:
    """Split a full name into ``(family_and_middle, given)``.

    The given name is the last word. A single-word name has an empty family part and an
    empty name gives ``("", "")``. Both parts are normalised (NFC, single spaces).

    >>> split_name("Nguyễn Thị Minh Khai")
    ('Nguyễn Thị Minh', 'Khai')
    >>> split_name("Khai")
    ('', 'Khai')
    """
    words = normalize_name(full_name).split(" ")
    return (" ".join(words[:-1]), words[-1])


def name_sort_key(full_name: str) -> NameKey:
    """Return a key that sorts Vietnamese personal names the administrative way.

    Names order by given name (last word), then by the family and middle names word by
    word, each word compared with :func:`word_sort_key`. The last element of the key is the
    normalised name itself: it only matters when everything else is equal (names differing
    only in letter case or tone placement), and makes the order total and deterministic.

    >>> sorted(["Vũ Thị Đào", "Đỗ Văn Dũng", "Lê Văn Bình"], key=name_sort_key)
    ['Lê Văn Bình', 'Đỗ Văn Dũng', 'Vũ Thị Đào']
    """
    name = normalize_name(full_name)
    family, given = split_name(name)
    family_keys = tuple(word_sort_key(word) for word in family.split())
    return (word_sort_key(given), family_keys, name)
