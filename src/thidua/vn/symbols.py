"""Document numbers and symbols ("Số, ký hiệu") of Nghị định 30/2020/NĐ-CP.

Shapes handled (Phụ lục I, mục 3 of NĐ 30/2020 and the rules for normative documents):

* typed document: ``số/TYPE-ISSUER`` — "20/KH-UBND", "03/BB-HĐTĐKT";
* công văn (no type abbreviation): ``số/ISSUER-UNIT`` — "1234/UBND-VP", where the part
  after the issuer names the drafting unit or the field, stored in ``extra``;
* normative document: ``số/năm/TYPE-ISSUER`` — "91/2017/NĐ-CP", or ``số/năm/ISSUER`` for
  laws and resolutions of the National Assembly — "06/2022/QH15".

Numbers below 10 are written with a leading zero ("05/QĐ-UBND"), as in NĐ 30/2020.
Joint documents name several issuers separated by hyphens ("04/2021/TTLT-BNV-BTC"): the
issuer of a typed document is everything after the type abbreviation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "NORMATIVE_TYPE_ABBREVIATIONS",
    "OFFICIAL_LETTER",
    "TYPE_ABBREVIATIONS",
    "DocumentSymbol",
    "build_symbol",
    "document_type_name",
    "find_symbols",
    "parse_symbol",
]

#: Abbreviations of the administrative document types of Phụ lục III, NĐ 30/2020.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}

#: The one administrative type without an abbreviation: its symbol is ISSUER-UNIT.
OFFICIAL_LETTER = "Công văn"

#: Type abbreviations of normative documents (văn bản quy phạm pháp luật) that are not in
#: Phụ lục III but occur in the legal bases cited by commendation documents. Laws and
#: ordinances have no type abbreviation at all ("06/2022/QH15").
NORMATIVE_TYPE_ABBREVIATIONS: dict[str, str] = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "L": "Lệnh",
}

# Every abbreviation that marks the first part of a symbol as a document type.
_ALL_TYPES: dict[str, str] = {**TYPE_ABBREVIATIONS, **NORMATIVE_TYPE_ABBREVIATIONS}

# One hyphen-separated part: a letter followed by letters or digits ([^\W_] is a Unicode
# letter or digit; the leading [^\W\d_] forbids a digit, so dates never look like symbols).
_PART = r"[^\W\d_][^\W_]*"
_SYMBOL_RE = re.compile(rf"(?P<number>\d+)/(?:(?P<year>\d{{4}})/)?(?P<rest>{_PART}(?:-{_PART})*)")
# In running text: not glued to a preceding word, digit, slash or dot ("a60/..", "1/20/..").
_SYMBOL_IN_TEXT_RE = re.compile(rf"(?<![\w/.])\d+/(?:\d{{4}}/)?{_PART}(?:-{_PART})*")
_PREFIX_RE = re.compile(r"^số\s*[:.]?\s*", re.IGNORECASE)
_SPACED_SEPARATOR_RE = re.compile(r"\s*([/-])\s*")
# Dashes people type (or word processors substitute) in place of the ASCII hyphen.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


def _invalid(text: object) -> ValueError:
    return ValueError(f"Số, ký hiệu không hợp lệ: {text!r}")


def _is_abbreviation(part: str) -> bool:
    """Tell whether ``part`` looks like an abbreviation (KH, UBND, QH15, TTg, HĐTĐKT).

    Requiring two capitals (unless it is a known type such as "L") keeps ordinary words
    like "Tổng" in "3/Tổng" from being taken for a symbol in running text.
    """
    if not re.fullmatch(_PART, part) or not part[0].isupper():
        return False
    return part in _ALL_TYPES or sum(ch.isupper() for ch in part) >= 2


def _is_compound(text: str) -> bool:
    """Tell whether ``text`` is one or more abbreviations joined by hyphens."""
    return all(_is_abbreviation(part) for part in text.split("-"))


@dataclass(frozen=True, slots=True)
class DocumentSymbol:
    """The parsed "số, ký hiệu" of a document.

    ``type_abbr`` is None for a công văn and for laws ("06/2022/QH15"); ``year`` is set
    only for normative documents; ``extra`` is the drafting unit or field of a công văn
    ("VP" in "1234/UBND-VP").
    """

    number: int
    type_abbr: str | None
    issuer_abbr: str
    year: int | None = None
    extra: str | None = None

    def __post_init__(self) -> None:
        # Validate here so that every DocumentSymbol formats to a string that parses back
        # to the same value; in particular the parts must not be ambiguous.
        if isinstance(self.number, bool) or not isinstance(self.number, int) or self.number < 1:
            raise ValueError(f"Số văn bản phải là số nguyên dương: {self.number!r}")
        if self.year is not None and (
            isinstance(self.year, bool)
            or not isinstance(self.year, int)
            or not 1000 <= self.year <= 9999
        ):
            raise ValueError(f"Năm ban hành phải có bốn chữ số: {self.year!r}")
        if self.type_abbr is not None:
            if self.type_abbr not in _ALL_TYPES:
                raise ValueError(f"Chữ viết tắt tên loại văn bản không hợp lệ: {self.type_abbr!r}")
            if self.extra is not None:
                raise ValueError("Văn bản có tên loại không có phần ký hiệu đơn vị soạn thảo")
            if not isinstance(self.issuer_abbr, str) or not _is_compound(self.issuer_abbr):
                raise ValueError(
                    f"Chữ viết tắt cơ quan ban hành không hợp lệ: {self.issuer_abbr!r}"
                )
        else:
            # Without a type the issuer must be a single part that is not itself a type
            # abbreviation, or "12/UBND-VP" and "12/KH-UBND" could not be told apart.
            if (
                not isinstance(self.issuer_abbr, str)
                or not _is_abbreviation(self.issuer_abbr)
                or self.issuer_abbr in _ALL_TYPES
            ):
                raise ValueError(
                    f"Chữ viết tắt cơ quan ban hành không hợp lệ: {self.issuer_abbr!r}"
                )
            if self.extra is not None and (
                not isinstance(self.extra, str) or not _is_compound(self.extra)
            ):
                raise ValueError(f"Ký hiệu đơn vị soạn thảo không hợp lệ: {self.extra!r}")

    @property
    def type_name(self) -> str | None:
        """The Vietnamese name of the document type; "Công văn" for an untyped symbol
        without a year, None for a law-like symbol ("06/2022/QH15")."""
        if self.type_abbr is None and self.year is not None:
            return None
        return document_type_name(self.type_abbr)

    def __str__(self) -> str:
        """The symbol as written after "Số:" in the document."""
        parts = [f"{self.number:02d}"]
        if self.year is not None:
            parts.append(str(self.year))
        tail = [self.type_abbr, self.issuer_abbr, self.extra]
        parts.append("-".join(part for part in tail if part is not None))
        return "/".join(parts)


def document_type_name(type_abbr: str | None) -> str:
    """Return the type name for an abbreviation; None means a công văn.

    >>> document_type_name("KH")
    'Kế hoạch'
    >>> document_type_name(None)
    'Công văn'
    """
    if type_abbr is None:
        return OFFICIAL_LETTER
    try:
        return _ALL_TYPES[unicodedata.normalize("NFC", type_abbr)]
    except KeyError:
        raise ValueError(f"Chữ viết tắt tên loại văn bản không hợp lệ: {type_abbr!r}") from None


def build_symbol(
    number: int,
    type_abbr: str | None,
    issuer_abbr: str,
    year: int | None = None,
    *,
    extra: str | None = None,
) -> str:
    """Return the "số, ký hiệu" of a document.

    >>> build_symbol(20, "KH", "UBND")
    '20/KH-UBND'
    >>> build_symbol(5, "QĐ", "UBND")
    '05/QĐ-UBND'
    >>> build_symbol(91, "NĐ", "CP", 2017)
    '91/2017/NĐ-CP'
    >>> build_symbol(1234, None, "UBND", extra="VP")
    '1234/UBND-VP'
    """

    def nfc(value: str | None) -> str | None:
        return None if value is None else unicodedata.normalize("NFC", value.strip())

    symbol = DocumentSymbol(number, nfc(type_abbr), nfc(issuer_abbr) or "", year, nfc(extra))
    return str(symbol)


def parse_symbol(text: str) -> DocumentSymbol:
    """Parse a "số, ký hiệu" such as "Số: 20/KH-UBND" or "91/2017/NĐ-CP".

    A leading "Số:"/"Số", surrounding spaces, spaces around "/" and "-", typographic
    dashes and NFD input are tolerated. Anything else raises ValueError.

    >>> parse_symbol("Số: 05/QĐ-UBND")
    DocumentSymbol(number=5, type_abbr='QĐ', issuer_abbr='UBND', year=None, extra=None)
    >>> parse_symbol("1234/UBND-VP")
    DocumentSymbol(number=1234, type_abbr=None, issuer_abbr='UBND', year=None, extra='VP')
    """
    if not isinstance(text, str):
        raise TypeError(f"Số, ký hiệu phải là chuỗi, nhận được {type(text).__name__}")
    cleaned = unicodedata.normalize("NFC", text).translate(_DASHES).strip()
    cleaned = _PREFIX_RE.sub("", cleaned)
    cleaned = _SPACED_SEPARATOR_RE.sub(r"\1", cleaned)
    match = _SYMBOL_RE.fullmatch(cleaned)
    if match is None:
        raise _invalid(text)
    number = int(match["number"])
    year = int(match["year"]) if match["year"] else None
    first, _, rest = match["rest"].partition("-")
    try:
        if first in _ALL_TYPES:
            if not rest:
                raise _invalid(text)  # a type with no issuer: "12/KH"
            return DocumentSymbol(number, first, rest, year)
        return DocumentSymbol(number, None, first, year, rest or None)
    except ValueError:
        raise _invalid(text) from None


def find_symbols(text: str) -> list[str]:
    """Return every document symbol in running text, in order, as written (in NFC).

    >>> find_symbols("Thực hiện kế hoạch số 60/KH-UBND ngày 20/02/2023 của UBND huyện")
    ['60/KH-UBND']
    """
    found: list[str] = []
    for match in _SYMBOL_IN_TEXT_RE.finditer(unicodedata.normalize("NFC", text)):
        candidate = match.group()
        # A symbol may run straight into a hyphenated word ("60/KH-UBND-Về việc" is rare but
        # happens in pasted text); drop trailing parts until what is left parses.
        while True:
            try:
                parse_symbol(candidate)
            except ValueError:
                head, sep, _ = candidate.rpartition("-")
                if not sep:
                    break
                candidate = head
            else:
                found.append(candidate)
                break
    return found
