"""Document numbers, symbols and type names (NĐ 30/2020/NĐ-CP, Phụ lục III).

Kept inside the parser (not shared with :mod:`thidua.vn.symbols`) so that the parser's
core stays self-contained; the shapes are the same: "20/KH-UBND", "02-NQ/TU",
"91/2017/NĐ-CP", "06/2022/QH15", "1234/UBND-VP" (a công văn has no type abbreviation).
"""

from __future__ import annotations

import re

__all__ = [
    "DOC_KIND_RE",
    "DOC_KINDS",
    "SYMBOL_RE",
    "TYPE_ABBREVIATIONS",
    "TYPE_NAMES",
    "doc_type_from_symbol",
    "find_symbol",
]

#: Type abbreviations of Phụ lục III, plus those of normative documents met in legal bases.
_ABBREVIATIONS = """NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT
GNP PG PC PB SY TrS SL NĐ TT TTLT NQLT KL"""
TYPE_ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())

#: Printed type name (folded) → abbreviation, for the name line under the header.
TYPE_NAMES: dict[str, str] = {
    "ke hoach": "KH",
    "quyet dinh": "QĐ",
    "nghi quyet": "NQ",
    "chi thi": "CT",
    "quy che": "QC",
    "quy dinh": "QyĐ",
    "thong cao": "TC",
    "thong bao": "TB",
    "huong dan": "HD",
    "chuong trinh": "CTr",
    "phuong an": "PA",
    "de an": "ĐA",
    "du an": "DA",
    "bao cao": "BC",
    "bien ban": "BB",
    "to trinh": "TTr",
    "hop dong": "HĐ",
    "cong dien": "CĐ",
    "ban ghi nho": "BGN",
    "ban thoa thuan": "BTT",
    "giay uy quyen": "GUQ",
    "giay moi": "GM",
    "giay gioi thieu": "GGT",
    "giay nghi phep": "GNP",
    "phieu gui": "PG",
    "phieu chuyen": "PC",
    "phieu bao": "PB",
}

#: Kinds of document named in legal bases and references (folded → as written in text).
DOC_KINDS: dict[str, str] = {
    "hien phap": "Hiến pháp",
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "phap lenh": "Pháp lệnh",
    "nghi quyet lien tich": "Nghị quyết liên tịch",
    "nghi quyet": "Nghị quyết",
    "nghi dinh": "Nghị định",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "ke hoach": "Kế hoạch",
    "huong dan": "Hướng dẫn",
    "cong van": "Công văn",
    "van ban": "Văn bản",
    "chuong trinh": "Chương trình",
    "de an": "Đề án",
    "thong bao": "Thông báo",
    "ket luan": "Kết luận",
    "quy che": "Quy chế",
    "quy dinh": "Quy định",
    "bao cao": "Báo cáo",
    "to trinh": "Tờ trình",
    "bien ban": "Biên bản",
    "cong dien": "Công điện",
}
#: A document kind at a word boundary in folded text (longest names first).
DOC_KIND_RE = re.compile(
    r"(?<![a-z])("
    + "|".join(sorted(DOC_KINDS, key=len, reverse=True)).replace(" ", r"\s+")
    + r")(?![a-z])"
)

#: Number and symbol: digits, then "/"- or "-"-joined parts. Spaces are tolerated around
#: "/" only ("20 / KH-UBND"), so "1 - 2 tập thể" is never taken for a symbol.
SYMBOL_RE = re.compile(
    r"(?<![\w/])(\d{1,6}[A-Za-z]?(?:\s?/\s?[^\W_]+(?:[.&][^\W_]+)*|-[^\W_]+(?:[.&][^\W_]+)*)+)"
)


def find_symbol(text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """The first number-and-symbol in ``text[pos:endpos]`` that contains a letter."""
    end = len(text) if endpos is None else endpos
    for m in SYMBOL_RE.finditer(text, pos, end):
        if any(c.isalpha() for c in m.group(1)):
            return m
    return None


def doc_type_from_symbol(symbol: str) -> str | None:
    """The type abbreviation inside a symbol: "20/KH-UBND" → "KH"; None for a công văn."""
    parts = re.split(r"\s*[/-]\s*", symbol)[1:]
    for part in parts:
        if part in TYPE_ABBREVIATIONS:
            return part
    return None
