"""Legacy Vietnamese encodings — TCVN3 (ABC, TCVN 5712:1993) and VNI — to Unicode.

Documents typed before Unicode became the rule (around 2002 in government offices) still
circulate: plain-text exports, old Word files whose runs use the ``.VnTime`` (TCVN3) or
``VNI-Times`` (VNI) fonts. Such text arrives in one of two shapes:

* as **bytes** (a .txt file): decode with :func:`decode_tcvn3` / :func:`decode_vni`, or let
  :func:`decode_legacy_bytes` guess which encoding it is;
* as a **str** whose characters are the Windows-1252 reading of the legacy bytes — what Word
  stores for a run in a legacy font, or what a UTF-8 file holds after someone converted the
  bytes "as Latin": :func:`tcvn3_to_unicode`, :func:`vni_to_unicode`, or
  :func:`fix_legacy_text` to guess.

TCVN3 is a single-byte encoding. Its common "ABC" form has codes for the lower-case letters
only, plus Ă Â Ê Ô Ơ Ư Đ; capitals with tone marks were obtained by switching to the
matching capital font (``.VnTimeH``), which draws the *lower-case* codes as capitals. Once
the font is gone (plain text) that information is lost, so :func:`tcvn3_to_unicode` can
restore capitals with a heuristic (see ``caps``). The full TCVN 5712 table (VN1) also has
codes for the toned capitals; they are decoded too.

VNI is a two-byte scheme: a base letter followed by a mark character ("Vieät" = "Việt").

Everything here is standard library only and returns NFC text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = [
    "LegacyEncoding",
    "decode_legacy_bytes",
    "decode_tcvn3",
    "decode_vni",
    "detect_legacy",
    "encode_tcvn3",
    "encode_vni",
    "fix_legacy_text",
    "is_legacy_font",
    "tcvn3_to_unicode",
    "vietnamese_score",
    "vni_to_unicode",
]

LegacyEncoding = Literal["tcvn3", "vni"]
CapsMode = Literal["guess", "upper", "keep"]

# --------------------------------------------------------------------------- TCVN3 table
# Byte → Unicode for every byte that TCVN 5712:1993 (VN1, of which the ABC/VN3 set is the
# lower-case subset) maps away from Latin-1. Checked against glibc's TCVN5712-1 converter.
# 0xB0–0xB4 are combining tone marks in VN1; NFC composes them with the preceding letter.
_TCVN3_BYTES: dict[int, str] = {
    0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
    0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ",
    0x80: "À", 0x81: "Ả", 0x82: "Ã", 0x83: "Á", 0x84: "Ạ", 0x85: "Ặ", 0x86: "Ậ", 0x87: "È",
    0x88: "Ẻ", 0x89: "Ẽ", 0x8A: "É", 0x8B: "Ẹ", 0x8C: "Ệ", 0x8D: "Ì", 0x8E: "Ỉ", 0x8F: "Ĩ",
    0x90: "Í", 0x91: "Ị", 0x92: "Ò", 0x93: "Ỏ", 0x94: "Õ", 0x95: "Ó", 0x96: "Ọ", 0x97: "Ộ",
    0x98: "Ờ", 0x99: "Ở", 0x9A: "Ỡ", 0x9B: "Ớ", 0x9C: "Ợ", 0x9D: "Ù", 0x9E: "Ủ", 0x9F: "Ũ",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ",
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ",
    0xBD: "ẵ", 0xBE: "ắ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ",
    0xC5: "Ề", 0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è",
    0xCD: "Ể", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ",
    0xD5: "ế", 0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ",
    0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ",
    0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ",
    0xFE: "ỵ", 0xFF: "Ố",
}  # fmt: skip

# Bytes of the ABC set that stand for lower-case toned letters: a capital-font run
# (.VnTimeH) shows them as capitals, so they are the ones the capitals heuristic upper-cases.
_ABC_LOWER_TONED = frozenset(
    b for b, ch in _TCVN3_BYTES.items() if 0xA8 <= b <= 0xFE and ch.islower()
)


def _cp1252_char(byte: int) -> str | None:
    """The character Windows-1252 shows for ``byte`` (None for its five undefined bytes)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return None


def _build_tcvn3_str_table() -> dict[int, str]:
    """Translate table for a str holding TCVN3 bytes read as Windows-1252 or Latin-1."""
    table: dict[int, str] = {}
    for byte, uni in _TCVN3_BYTES.items():
        table[byte] = uni  # the Latin-1 reading (also covers C0 controls)
        cp = _cp1252_char(byte)
        if cp is not None:
            table[ord(cp)] = uni  # the Windows-1252 reading (differs for 0x80–0x9F)
    return table


_TCVN3_STR_TABLE = _build_tcvn3_str_table()
_TCVN3_BYTE_TABLE: list[str] = [
    _TCVN3_BYTES.get(b, chr(b)) for b in range(256)
]  # a byte-indexed list decodes faster than a dict
# Characters (in their cp1252 reading) that only the ABC lower-case toned codes produce.
_ABC_LOWER_CHARS = frozenset(
    ch for b in _ABC_LOWER_TONED for ch in (chr(b), _cp1252_char(b) or chr(b))
)
# Characters that make a text look like TCVN3 read as cp1252: the ABC codes.
_TCVN3_MARKERS = frozenset(
    ch for b in range(0xA1, 0xFF) if b in _TCVN3_BYTES and not 0xB0 <= b <= 0xB4 for ch in (chr(b),)
)

_WORD_RE = re.compile(r"[^\W\d_]+")


def _restore_caps(line: str, converted: str) -> str:
    """Upper-case the words of ``converted`` that a capital font would have shown as capitals.

    ``line`` is the legacy text before conversion (same word boundaries). A word with
    lower-case toned codes is taken as written in a capital font when its plain ASCII
    letters are capitals and either there are two of them ("HO¹CH" → "HOẠCH") or a
    neighbouring word is in capitals ("Mé LAO" → "MỘ LAO"), or when the whole line has no
    ASCII lower-case letter and at least three ASCII capitals. The price: "Sè: 20/KH-UBND"
    becomes "SỐ: 20/KH-UBND", which changes nothing a reader or the parser relies on.
    """
    words = list(_WORD_RE.finditer(line))
    if not words:
        return converted
    has_ascii_lower = any("a" <= c <= "z" for c in line)
    ascii_upper = sum(1 for c in line if "A" <= c <= "Z")
    whole_line = not has_ascii_lower and ascii_upper >= 3

    def ascii_letters(word: str) -> list[str]:
        """The plain ASCII letters of ``word``."""
        return [c for c in word if "A" <= c <= "Z" or "a" <= c <= "z"]

    caps = []
    for m in words:
        letters = ascii_letters(m.group())
        caps.append(len(letters) >= 2 and all(c.isupper() for c in letters))
    out = list(converted)
    for i, m in enumerate(words):
        word = m.group()
        if not any(c in _ABC_LOWER_CHARS for c in word):
            continue
        letters = ascii_letters(word)
        upper_letters = bool(letters) and all(c.isupper() for c in letters)
        neighbour_caps = (i > 0 and caps[i - 1]) or (i + 1 < len(words) and caps[i + 1])
        if whole_line or caps[i] or (upper_letters and neighbour_caps):
            for j in range(m.start(), m.end()):
                out[j] = out[j].upper()
    return "".join(out)


def tcvn3_to_unicode(text: str, *, caps: CapsMode = "guess") -> str:
    """Convert text holding TCVN3 codes (read as Windows-1252/Latin-1) to Unicode NFC.

    ``caps``: ``"guess"`` restores capitals lost with the capital font (see
    :func:`_restore_caps`), ``"upper"`` upper-cases everything (the run was in a ``…H``
    capital font such as ``.VnTimeH``), ``"keep"`` converts code for code.

    >>> tcvn3_to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    'Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    if caps == "keep":
        converted = text.translate(_TCVN3_STR_TABLE)
    elif caps == "upper":
        converted = text.translate(_TCVN3_STR_TABLE).upper()
    else:
        # Convert line by line: the capitals heuristic looks at whole lines and the
        # translation keeps lengths except for the rare combining codes (0xB0–0xB4).
        parts = []
        for line in text.split("\n"):
            converted_line = line.translate(_TCVN3_STR_TABLE)
            if len(converted_line) == len(line):
                converted_line = _restore_caps(line, converted_line)
            parts.append(converted_line)
        converted = "\n".join(parts)
    return unicodedata.normalize("NFC", converted)


def decode_tcvn3(data: bytes, *, caps: CapsMode = "guess") -> str:
    """Decode TCVN3 (ABC / TCVN 5712) bytes to Unicode NFC.

    >>> decode_tcvn3(b"K\\xd5 HO\\xb9CH")
    'KẾ HOẠCH'
    """
    return tcvn3_to_unicode(data.decode("latin-1"), caps=caps)


def encode_tcvn3(text: str) -> bytes:
    """Encode Unicode text as TCVN3 the way ABC users typed it.

    Toned capitals have no code in the ABC set: like a ``.VnTimeH`` run, they are written
    with the lower-case codes. Characters TCVN3 cannot hold become ``?``. Meant for tests
    and for producing sample legacy files.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(ch)
        if code is None and ch.lower() != ch:
            code = _TCVN3_ENCODE.get(ch.lower()) if ch not in _ASCII else None
        if code is not None:
            out.append(code)
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            out.extend(b"?")
    return bytes(out)


_ASCII = frozenset(chr(i) for i in range(128))
_TCVN3_ENCODE: dict[str, int] = {
    uni: b for b, uni in _TCVN3_BYTES.items() if 0xA1 <= b <= 0xFE and not 0xB0 <= b <= 0xB4
}
_TCVN3_ENCODE["ý"] = 0xFD  # the one letter whose TCVN3 code is its Latin-1 code
# Only the ABC set: drop the VN1 capitals that sit between the lower-case codes.
for _b, _uni in list(_TCVN3_BYTES.items()):
    if 0xA8 <= _b <= 0xFE and _uni.isupper():
        _TCVN3_ENCODE.pop(_uni, None)
del _b, _uni

# --------------------------------------------------------------------------- VNI table
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# VNI mark character (lower-case form) → (vowel modifier, tone) it adds to a base vowel.
_VNI_MARKS: dict[str, tuple[str, str]] = {
    "ù": ("", _ACUTE), "ø": ("", _GRAVE), "û": ("", _HOOK), "õ": ("", _TILDE), "ï": ("", _DOT),
    "â": (_CIRC, ""), "á": (_CIRC, _ACUTE), "à": (_CIRC, _GRAVE), "å": (_CIRC, _HOOK),
    "ã": (_CIRC, _TILDE), "ä": (_CIRC, _DOT),
    "ê": (_BREVE, ""), "é": (_BREVE, _ACUTE), "è": (_BREVE, _GRAVE), "ú": (_BREVE, _HOOK),
    "ü": (_BREVE, _TILDE), "ë": (_BREVE, _DOT),
}  # fmt: skip
# Letters VNI writes with one character of its own.
_VNI_SINGLE: dict[str, str] = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
}  # fmt: skip
# Which vowel modifiers each base vowel accepts (tone-only marks go with every vowel).
_VNI_BASES: dict[str, frozenset[str]] = {
    "a": frozenset({"", _CIRC, _BREVE}),
    "e": frozenset({"", _CIRC}),
    "o": frozenset({"", _CIRC}),
    "u": frozenset({""}),
    "y": frozenset({""}),
    "ơ": frozenset({""}),
    "ư": frozenset({""}),
}
_VNI_MARK_CHARS = "".join(_VNI_MARKS) + "".join(m.upper() for m in _VNI_MARKS)
_VNI_TONE_CHARS = "ùøûõïÙØÛÕÏ"
_VNI_RE = re.compile(
    rf"([aeouyAEOUY])([{_VNI_MARK_CHARS}])|([ôöÔÖ])([{_VNI_TONE_CHARS}])?|([ñÑæÆóÓòÒ])"
)


def _vni_compose(match: re.Match[str]) -> str:
    """Compose one VNI letter (base + mark, or a single-character letter)."""
    base, mark, horn_base, horn_tone, single = match.groups()
    if single:
        return _VNI_SINGLE[single]
    if horn_base:
        letter = _VNI_SINGLE[horn_base]
        if horn_tone:
            letter = unicodedata.normalize("NFC", letter + _VNI_MARKS[horn_tone.lower()][1])
        return letter
    modifier, tone = _VNI_MARKS[mark.lower()]
    if modifier not in _VNI_BASES[base.lower()]:
        return match.group(0)  # not a VNI pair (e.g. "uâ"): leave the text as it was
    return unicodedata.normalize("NFC", base + modifier + tone)


def vni_to_unicode(text: str) -> str:
    """Convert text holding VNI codes (read as Windows-1252) to Unicode NFC.

    >>> vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    """
    return unicodedata.normalize("NFC", _VNI_RE.sub(_vni_compose, text))


def decode_vni(data: bytes) -> str:
    """Decode VNI (VNI-Windows) bytes to Unicode NFC."""
    return vni_to_unicode(data.decode("cp1252", errors="replace"))


def _build_vni_encode() -> dict[str, str]:
    """Unicode letter → VNI spelling, derived from the decoding tables so both agree."""
    table: dict[str, str] = {}
    for base, modifiers in _VNI_BASES.items():
        if base in ("ơ", "ư"):
            base_vni = next(k for k, v in _VNI_SINGLE.items() if v == base)
        else:
            base_vni = base
        for mark, (modifier, tone) in _VNI_MARKS.items():
            if modifier not in modifiers or (base in ("ơ", "ư") and modifier):
                continue
            letter = unicodedata.normalize("NFC", base + modifier + tone)
            table[letter] = base_vni + mark
            table[letter.upper()] = base_vni.upper() + mark.upper()
    for vni, letter in _VNI_SINGLE.items():
        table.setdefault(letter, vni)
    table.update({"í": "í", "ì": "ì", "Í": "Í", "Ì": "Ì"})
    return table


_VNI_ENCODE = _build_vni_encode()


def encode_vni(text: str) -> bytes:
    """Encode Unicode text as VNI bytes (characters VNI cannot hold become ``?``)."""
    spelled = "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    return spelled.encode("cp1252", errors="replace")


# --------------------------------------------------------------------------- detection
# Frequent syllables of administrative Vietnamese. A correct decoding makes a large share
# of a text's words fall in this set; a wrong one (legacy codes read as Latin) does not.
_COMMON_SYLLABLES_TEXT = """của và các được người năm ngày thực hiện thi đua những trong với để
theo có không là đã này cơ quan đơn vị tổ chức nhân dân phường xã huyện tỉnh quận số kế hoạch
quyết định hành chính cải cách một cán bộ công tác việc về cho tại đến từ trên đồng thời nhiệm
vụ kết quả phong trào khen thưởng tập thể cá nhân chủ tịch ủy ban hội nghị thành phố điều nội
dung mục đích yêu cầu tiêu chuẩn hồ sơ đề nghị báo cáo giấy bằng nước việt nam cộng hòa hoà xã
hội nghĩa độc lập tự do hạnh phúc hướng dẫn ban chỉ đạo triển khai đảm bảo nâng cao hiệu quả
phát triển kinh tế xây dựng chất lượng thủ tục giải quyết trách nhiệm sở phòng văn bản luật
nghị tháng học sinh trường lớp gia đình những sẽ đang rằng như khi nếu hoặc cũng còn lại ra vào
lên xuống nhiều ít tốt xuất sắc mới cũ lớn nhỏ trước sau giữa đầu cuối chung riêng phải cần nên
muốn biết làm"""
_COMMON_SYLLABLES = frozenset(_COMMON_SYLLABLES_TEXT.split())


def vietnamese_score(text: str) -> float:
    """Share (0–1) of the words of ``text`` that are frequent Vietnamese syllables."""
    words = _WORD_RE.findall(text[:20000].lower())
    if not words:
        return 0.0
    hits = sum(1 for w in words if w in _COMMON_SYLLABLES)
    return hits / len(words)


_UNICODE_VIETNAMESE_RE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")


def detect_legacy(text: str) -> LegacyEncoding | None:
    """Tell whether ``text`` is TCVN3 or VNI read as Windows-1252, or neither.

    The test converts a sample both ways and keeps a conversion only when it makes
    clearly more of the words Vietnamese than the text as it is.
    """
    sample = text[:20000]
    # Letters that Windows-1252 cannot hold (ă đ ơ ư and the toned vowels of U+1EA0–U+1EF9)
    # only occur in real Unicode Vietnamese: a text with several of them is not legacy.
    if len(_UNICODE_VIETNAMESE_RE.findall(sample, 0, 4000)) >= 5:
        return None
    if not any(ch in _TCVN3_MARKERS or ch in _VNI_MARK_CHARS for ch in sample):
        return None
    base = vietnamese_score(sample)
    scores: dict[LegacyEncoding, float] = {
        "tcvn3": vietnamese_score(tcvn3_to_unicode(sample)),
        "vni": vietnamese_score(vni_to_unicode(sample)),
    }
    best: LegacyEncoding = max(scores, key=lambda k: scores[k])
    if scores[best] >= base + 0.08 and scores[best] >= 0.15:
        return best
    return None


def fix_legacy_text(text: str) -> tuple[str, LegacyEncoding | None]:
    """Convert ``text`` to Unicode when it is TCVN3/VNI read as Latin; say which it was."""
    encoding = detect_legacy(text)
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text), encoding
    if encoding == "vni":
        return vni_to_unicode(text), encoding
    return text, None


def decode_legacy_bytes(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes: TCVN3, VNI, Windows-1258 or Windows-1252, whichever reads best.

    Returns the text and the name of the encoding chosen.
    """
    sample = data[:20000]
    candidates: dict[str, str] = {
        "tcvn3": decode_tcvn3(sample),
        "vni": decode_vni(sample),
        "cp1258": unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace")),
    }
    scores = {name: vietnamese_score(txt) for name, txt in candidates.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 0.05:
        return data.decode("cp1252", errors="replace"), "cp1252"
    if best == "tcvn3":
        return decode_tcvn3(data), best
    if best == "vni":
        return decode_vni(data), best
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), best


def is_legacy_font(font: str | None) -> tuple[LegacyEncoding, bool] | None:
    """Map a Word font name to its legacy encoding and whether it is a capital font.

    ``.VnTime``/``.VnArial``… are TCVN3 (a trailing ``H`` marks the capital font),
    ``VNI-Times``/``VNI-Helve``… are VNI. Returns None for Unicode fonts.
    """
    if not font:
        return None
    name = font.strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.lower().startswith("vni-") or name.lower().startswith("vni "):
        return "vni", False
    return None
