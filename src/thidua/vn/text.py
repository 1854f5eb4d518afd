"""Unicode helpers for Vietnamese text: normalisation, accent removal, search keys.

Vietnamese text reaches the application in two Unicode forms: NFC (one code point per
accented letter, what most keyboards produce) and NFD (base letter followed by combining
marks, what macOS file names and some legacy converters produce). The two look identical
but compare unequal, so everything here normalises before doing anything else.
"""

from __future__ import annotations

import unicodedata

__all__ = ["normalize_text", "search_key", "unaccent"]

# "đ" is a letter of its own, not "d" plus a mark, so NFD does not decompose it and the
# combining-mark stripping below would keep it. Map it explicitly. The Icelandic eth
# (U+00D0/U+00F0) and the African D (U+0189/U+0256) look the same and turn up in data
# converted from legacy encodings (TCVN3, VNI) or typed with the wrong keyboard layout.
_D_FOLD: dict[int, str] = {
    ord("Đ"): "D",
    ord("đ"): "d",
    ord("Ð"): "D",
    ord("ð"): "d",
    ord("Ɖ"): "D",
    ord("ɖ"): "d",
}


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with runs of whitespace collapsed to one space and trimmed.

    >>> normalize_text("  Nguyễn   Văn\\tAn ")
    'Nguyễn Văn An'
    """
    # split() with no argument splits on any Unicode whitespace (tabs, NBSP, newlines),
    # which is what copy-pasted names from Word/Excel contain.
    return " ".join(unicodedata.normalize("NFC", text).split())


def unaccent(text: str) -> str:
    """Remove every Vietnamese tone and vowel mark, and fold đ/Đ to d/D.

    Case, spacing and punctuation are kept. Works the same for NFC and NFD input.

    >>> unaccent("Nguyễn Thị Thanh")
    'Nguyen Thi Thanh'
    >>> unaccent("Đỗ Đức Ưng")
    'Do Duc Ung'
    """
    # Decompose so that every tone mark (huyền, hỏi, ngã, sắc, nặng) and vowel mark
    # (breve, circumflex, horn) becomes a separate combining character we can drop.
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Recompose so that any non-Vietnamese remnants stay in the canonical form.
    return unicodedata.normalize("NFC", stripped.translate(_D_FOLD))


def search_key(text: str) -> str:
    """Return a lower-case, unaccented, whitespace-collapsed key for accent-insensitive search.

    Users often type without diacritics ("nguyen thi thanh"); comparing search keys on both
    sides lets such a query find "Nguyễn Thị Thanh".

    >>> search_key("  Nguyễn  Thị THANH ")
    'nguyen thi thanh'
    """
    # casefold() rather than lower(): it is the Unicode-recommended caseless matching fold.
    return " ".join(unaccent(text).casefold().split())
