"""The PAR fields (lĩnh vực CCHC) every ward's CCHC plan is organised by.

Nghị quyết 76/NQ-CP (master programme 2021-2030) names six reform areas; plans and the
PAR INDEX add the direction of CCHC (chỉ đạo, điều hành, tuyên truyền) in front.
Kept as reference rows so that the Office's annex headings ("I. CÔNG TÁC CHỈ ĐẠO,
ĐIỀU HÀNH") can be matched to them by name or by a known alias.
"""

from __future__ import annotations

import re

from thidua.vn import search_key

from .models import ParField

# code, name, aliases (search keys, ";"-separated)
PAR_FIELDS = [
    (
        "chi-dao",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "chi dao, dieu hanh;chi dao dieu hanh;cong tac chi dao;tuyen truyen;kiem tra cchc",
    ),
    (
        "the-che",
        "Cải cách thể chế",
        "the che;van ban quy pham phap luat;xay dung va thi hanh phap luat",
    ),
    ("tthc", "Cải cách thủ tục hành chính", "thu tuc hanh chinh;tthc;mot cua"),
    (
        "bo-may",
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "to chuc bo may;bo may hanh chinh;bo may",
    ),
    (
        "cong-vu",
        "Cải cách chế độ công vụ",
        "che do cong vu;cong vu;can bo, cong chuc;doi ngu can bo",
    ),
    ("tai-chinh", "Cải cách tài chính công", "tai chinh cong;tai chinh"),
    (
        "chinh-quyen-so",
        "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "chinh quyen dien tu;chinh quyen so;chuyen doi so;hien dai hoa hanh chinh",
    ),
]

_ROMAN = re.compile(r"^(?=[ivxlc]+\b)[ivxlc]+[.)]?\s*", re.IGNORECASE)


def ensure_par_fields() -> None:
    """Create the reference rows unless present (idempotent, no update of edited rows)."""
    if ParField.objects.count() >= len(PAR_FIELDS):
        return
    for position, (code, name, aliases) in enumerate(PAR_FIELDS):
        ParField.objects.get_or_create(
            code=code, defaults={"name": name, "aliases": aliases, "position": position}
        )


def is_roman(text: str) -> bool:
    return bool(re.fullmatch(r"[ivxlc]+[.)]?", text.strip(), re.IGNORECASE))


def match_par_field(text: str, fields: list[ParField]) -> ParField | None:
    """The field a heading or a "Lĩnh vực" cell names, or None."""
    key = _ROMAN.sub("", search_key(text)).strip(" .:")
    if not key:
        return None
    for field in fields:
        if key == search_key(field.name) or key == field.code:
            return field
    # The longest alias found wins, so "tài chính công" is not taken for "chính quyền".
    best: tuple[int, ParField] | None = None
    for field in fields:
        for alias in [search_key(field.name), *field.aliases.split(";")]:
            alias = alias.strip()
            if alias and alias in key and (best is None or len(alias) > best[0]):
                best = (len(alias), field)
    return best[1] if best else None
