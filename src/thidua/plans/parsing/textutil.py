"""Small text helpers shared by the parser: accent folding, case tests, organisation names.

The parser matches Vietnamese keywords on a *folded* copy of each line: lower case, tone
and vowel marks removed, đ → d. Folding is done character for character, so the folded
string has exactly the length of the original and a match position in one is the same
position in the other — the parser finds "ngay 28 thang 02" in the fold and slices the
text as written from the original. Folding also makes the parser indifferent to old/new
tone placement ("hoà"/"hòa") and to text typed without marks.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ADMIN_LEVELS",
    "admin_level_at",
    "cut_org_phrase",
    "fold",
    "is_mostly_upper",
    "normalise_org",
    "org_title_case",
    "strip_outer_punct",
]


def _build_fold_table() -> dict[int, str]:
    """Map each Latin letter with marks to its bare lower-case letter (one char for one)."""
    table: dict[int, str] = {}
    ranges = [range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00)]
    for rng in ranges:
        for code in rng:
            ch = chr(code)
            base = unicodedata.normalize("NFD", ch)[0].lower()
            if len(base) == 1 and base != ch:
                table[code] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    # Dashes and quotes vary between typists; fold them so patterns need only one form.
    for dash in "–—‒":
        table[ord(dash)] = "-"
    for quote in "“”„«»":
        table[ord(quote)] = '"'
    for quote in "‘’‚":
        table[ord(quote)] = "'"
    return table


# A list indexed by code point translates about twice as fast as a dict; characters past
# its end raise IndexError inside str.translate, which leaves them unchanged.
_FOLD_TABLE: list[str] = [chr(code) for code in range(0x2100)]
for _code, _folded in _build_fold_table().items():
    if _code < len(_FOLD_TABLE):
        _FOLD_TABLE[_code] = _folded
del _code, _folded


def fold(text: str) -> str:
    """Lower-case, mark-free copy of ``text`` with exactly the same length.

    >>> fold("Mộ Lao, ngày 28 tháng 02 năm 2023")
    'mo lao, ngay 28 thang 02 nam 2023'
    """
    return text.translate(_FOLD_TABLE)


def is_mostly_upper(text: str, threshold: float = 0.9) -> bool:
    """True when at least ``threshold`` of the letters (and at least two) are capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= threshold


def strip_outer_punct(text: str) -> str:
    """Trim spaces and a trailing ``;``/``,`` (not a final full stop: it is part of the text)."""
    return text.strip().rstrip(";,").strip()


# --------------------------------------------------------------------------- org names
# Administrative levels, longest first so "thị xã" wins over "xã". Compared with the
# lower-cased words *with* their marks: folded, "quận" would match "quản" (Quản lý) and
# "tỉnh" would match "tính".
ADMIN_LEVELS: tuple[str, ...] = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "tỉnh",
    "quận",
    "huyện",
    "phường",
    "xã",
    "tp.",
    "tp",
)


def admin_level_at(lowered: list[str], i: int) -> int:
    """Words in the administrative level that starts at word ``i`` of ``lowered`` (0 if none).

    "xã hội" (society) is not a commune.
    """
    for level in ADMIN_LEVELS:
        parts = level.split()
        n = len(parts)
        if lowered[i : i + n] == parts:
            if level == "xã" and i + 1 < len(lowered) and lowered[i + 1].startswith("hội"):
                return 0
            return n
    return 0


# Words that open the name of a body ("Sở …", "Hội đồng …"): the word after them starts
# the body's own name and is capitalised ("Sở Thông tin …", "Ban Chấp hành …"). One-word
# types count only at the start of a name: inside it, "hội" is "Xã hội", "trường" is
# "thị trường".
_ORG_TYPES: tuple[str, ...] = (
    "uy ban mat tran to quoc",
    "mat tran to quoc",
    "hoi dong",
    "van phong",
    "tong cuc",
    "chi cuc",
    "trung tam",
    "dang bo",
    "dang uy",
    "chi bo",
    "cong an",
    "thanh tra",
    "kho bac",
    "benh vien",
    "lien doan",
    "chinh phu",
    "quoc hoi",
    "uy ban",
)
_ORG_TYPES_FIRST: tuple[str, ...] = (
    "truong",
    "phong",
    "cuc",
    "vien",
    "ban",
    "so",
    "bo",
    "vu",
    "hoi",
    "doan",
)
# Party committees named after their territory: the place name follows directly.
_PARTY_COMMITTEES = ("tinh uy", "thanh uy", "quan uy", "huyen uy", "thi uy")

_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ng|nh|ch|[cmnpt])?$"
)


def _is_acronym(word: str) -> bool:
    """An all-capital token that cannot be a Vietnamese syllable ("UBND", "TĐKT", "MTTQ")."""
    letters = "".join(c for c in word if c.isalpha())
    if len(letters) < 2 or not letters.isupper():
        return False
    return _SYLLABLE_RE.match(fold(letters)) is None


def _match_phrase(folded_words: list[str], i: int, phrases: tuple[str, ...]) -> int:
    """Number of words of the longest phrase in ``phrases`` starting at word ``i`` (0 if none)."""
    best = 0
    for phrase in phrases:
        parts = phrase.split()
        n = len(parts)
        if folded_words[i : i + n] == parts and n > best:
            best = n
    return best


def org_title_case(name: str) -> str:
    """Write an organisation name printed in capitals the way running text writes it.

    >>> org_title_case("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH PHÚ THỌ")
    'Sở Thông tin và Truyền thông tỉnh Phú Thọ'
    >>> org_title_case("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG PHƯỜNG MỘ LAO")
    'Hội đồng Thi đua - Khen thưởng phường Mộ Lao'
    >>> org_title_case("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH")
    'Ban Chấp hành Đảng bộ tỉnh'
    """
    words = name.split()
    folded = [fold(w) for w in words]
    lowered = [w.lower() for w in words]
    out: list[str] = []
    state = "body"  # "body": the type and function words; "place": a proper place name
    capitalise_next = True
    i = 0
    while i < len(words):
        word = words[i]
        n = _match_phrase(folded, i, _PARTY_COMMITTEES)
        if n:
            out.append(
                " ".join(
                    w.capitalize() if k == 0 else w.lower() for k, w in enumerate(words[i : i + n])
                )
            )
            state = "place"
            i += n
            continue
        n = admin_level_at(lowered, i) if i > 0 else 0
        if n:
            out.append(" ".join(lowered[i : i + n]).replace("tp", "TP"))
            state = "place"
            i += n
            continue
        if _is_acronym(word):
            out.append(word)
            capitalise_next = False
            i += 1
            continue
        if word in ("-", "–", "—", ","):
            out.append("-" if word != "," else ",")
            capitalise_next = state == "body"
            i += 1
            continue
        if state == "place":
            out.append(word.capitalize())
            i += 1
            continue
        n = _match_phrase(folded, i, _ORG_TYPES) or (
            _match_phrase(folded, i, _ORG_TYPES_FIRST) if i == 0 else 0
        )
        if n:
            out.append(
                " ".join(
                    w.capitalize() if k == 0 else w.lower() for k, w in enumerate(words[i : i + n])
                )
            )
            capitalise_next = True
            i += n
            continue
        if folded[i] == "va":
            out.append(word.lower())
            capitalise_next = True
            i += 1
            continue
        out.append(word.capitalize() if capitalise_next else word.lower())
        capitalise_next = False
        i += 1
    return " ".join(out)


_UBND_RE = re.compile(r"\b(?:u[yỷ] ban nhan dan)\b")
_HDND_RE = re.compile(r"\bhoi dong nhan dan\b")
_SPACES_RE = re.compile(r"\s+")
_DASH_RE = re.compile(r"\s*[–—‒]\s*|\s+-\s*|\s*-\s+")


def normalise_org(name: str) -> str:
    """Short, running-text form of an organisation name.

    "ỦY BAN NHÂN DÂN" / "Ủy ban nhân dân" become "UBND" (and HĐND likewise), dashes between
    words become " - ", and a name printed in capitals gets running-text case.

    >>> normalise_org("ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO")
    'UBND phường Mộ Lao'
    >>> normalise_org("Ủy ban nhân dân tỉnh")
    'UBND tỉnh'
    """
    text = _SPACES_RE.sub(" ", name).strip()
    text = _DASH_RE.sub(" - ", text)
    folded = fold(text)
    # Replace right to left so earlier match positions stay valid.
    for regex, short in ((_UBND_RE, "UBND"), (_HDND_RE, "HĐND")):
        for m in reversed(list(regex.finditer(folded))):
            text = text[: m.start()] + short + text[m.end() :]
            folded = folded[: m.start()] + short.lower() + folded[m.end() :]
    if is_mostly_upper(text.replace("UBND", "").replace("HĐND", "") or "x", 0.9):
        text = org_title_case(text)
    return text.strip(" ,;:")


# Words that end an organisation or office named in running text: "của UBND quận Hà Đông
# về …", "Giấy khen của Chủ tịch UBND phường cho …". Only lower-case occurrences count, so
# "Hội đồng Thi đua - Khen thưởng" keeps its capitalised "Khen".
_ORG_STOP_TEXT = """về v/v giao tại trên đối nhằm để năm giai ngày số kèm theo gửi cho đến từ
trong khi với có là được thi khen tặng xét đạt các những như đã sẽ qua bằng trước sau hoặc
nay này đó"""
_ORG_STOP_WORDS = frozenset(_ORG_STOP_TEXT.split())
# Verbs of two words whose first word also occurs in names ("ban" in "Ủy ban").
_ORG_STOP_PAIRS_TEXT = """ban_hành phê_duyệt quy_định hướng_dẫn thực_hiện triển_khai tổ_chức
phát_động sửa_đổi bổ_sung công_bố kiện_toàn thành_lập đẩy_mạnh tăng_cường nâng_cao đánh_giá
xây_dựng chỉ_đạo thành_tích"""
_ORG_STOP_PAIRS = frozenset(pair.replace("_", " ") for pair in _ORG_STOP_PAIRS_TEXT.split())
_PHRASE_END_RE = re.compile(r"[,;:.()\[\]\"“”]|\s-\s*$")


def cut_org_phrase(text: str, max_words: int = 12) -> str:
    """The organisation or office name that opens ``text``, cut before the rest of the sentence.

    >>> cut_org_phrase("UBND quận Hà Đông về tổ chức phong trào thi đua")
    'UBND quận Hà Đông'
    >>> cut_org_phrase("Ban Chấp hành Đảng bộ tỉnh (khóa XVII) về chuyển đổi số")
    'Ban Chấp hành Đảng bộ tỉnh'
    """
    words: list[str] = []
    for raw in text.split()[: max_words + 1]:
        cut = _PHRASE_END_RE.search(raw)
        word = raw[: cut.start()] if cut else raw
        lower = word.lower()
        if (
            words
            and lower == word
            and (lower in _ORG_STOP_WORDS or f"{words[-1].lower()} {lower}" in _ORG_STOP_PAIRS)
        ):
            if f"{words[-1].lower()} {lower}" in _ORG_STOP_PAIRS:
                words.pop()
            break
        if word:
            words.append(word)
        if cut or len(words) >= max_words:
            break
    while words and words[-1].lower() in ("và", "-", "của"):
        words.pop()
    return " ".join(words)
