"""Award forms and who gives them; target groups and criteria per target.

Award forms are read where the plan states them — the section headed "Hình thức khen
thưởng" (or "Danh hiệu …", or a "Khen thưởng" section when there is none) — in either
word order: "Tặng Giấy khen của Chủ tịch UBND phường" or "Chủ tịch UBND quận tặng Giấy
khen". "đề nghị Chủ tịch UBND tỉnh tặng Bằng khen" is a form the issuer only *proposes*.

Target groups ("Đối tượng thi đua") and criteria ("Tiêu chuẩn") are split into the
collective ("Tập thể: …", "Đối với tập thể: …") and the individual ("Cá nhân: …") and
reported in the text's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.plans.parsing.lines import Block
from thidua.plans.parsing.sections import (
    Node,
    best_sections,
    blocks_under,
    iter_nodes,
    node_span,
)
from thidua.plans.parsing.textutil import cut_org_phrase, normalise_org

__all__ = [
    "AwardForm",
    "TargetText",
    "award_scope",
    "find_award_forms",
    "split_by_target",
]

# Folded form name → the form's usual written name. Longest names first so that
# "tập thể lao động tiên tiến" is not read as "lao động tiên tiến".
_FORMS: dict[str, str] = {
    "chien si thi dua toan quoc": "Chiến sĩ thi đua toàn quốc",
    "chien si thi dua cap tinh": "Chiến sĩ thi đua cấp tỉnh",
    "chien si thi dua cap bo": "Chiến sĩ thi đua cấp bộ",
    "chien si thi dua co so": "Chiến sĩ thi đua cơ sở",
    "chien si thi dua": "Chiến sĩ thi đua",
    "tap the lao dong xuat sac": "Tập thể lao động xuất sắc",
    "tap the lao dong tien tien": "Tập thể lao động tiên tiến",
    "lao dong tien tien": "Lao động tiên tiến",
    "huan chuong lao dong hang nhat": "Huân chương Lao động hạng Nhất",
    "huan chuong lao dong hang nhi": "Huân chương Lao động hạng Nhì",
    "huan chuong lao dong hang ba": "Huân chương Lao động hạng Ba",
    "huan chuong lao dong": "Huân chương Lao động",
    "ky niem chuong": "Kỷ niệm chương",
    "co thi dua": "Cờ thi đua",
    "bang khen": "Bằng khen",
    "giay khen": "Giấy khen",
}
_FORM_RE = re.compile(
    r"(?<![a-z])("
    + "|".join(sorted(_FORMS, key=len, reverse=True)).replace(" ", r"\s+")
    + r")(?![a-z])"
)
# Offices and bodies that give awards (folded openings).
_AUTHORITY = (
    r"(?:chu tich nuoc|pho chu tich|chu tich|thu tuong chinh phu|thu tuong|bo truong|"
    r"tong giam doc|giam doc|ubnd|uy ban nhan dan|hoi dong|truong ban|cuc truong|"
    r"vu truong|hieu truong|ban thuong vu|ban chap hanh|chinh phu|tong lien doan|"
    r"thu truong)"
)
_BY_AFTER_RE = re.compile(r"\s+(?:cua|do)\s+(?=" + _AUTHORITY + r"(?![a-z]))")
_BY_BEFORE_RE = re.compile(
    r"(?<![a-z])(" + _AUTHORITY + r"(?![a-z])[^,;.:]{0,60}?)\s+(?:xet\s+)?(?:tang|trao|khen thuong)"
    r"(?:\s+thuong)?\s+(?:danh hieu\s+)?$"
)
_PROPOSE_RE = re.compile(r"\b(?:de nghi|de xuat|trinh)\b")
_GIVE_RE = re.compile(r"\b(?:tang|trao|khen thuong|xet tang|hinh thuc)\b")


@dataclass
class AwardForm:
    """A form of award the plan names."""

    form: str
    by: str | None
    proposed: bool
    start: int
    end: int


def award_scope(tree: list[Node], fallback: list[Block]) -> tuple[list[Block], bool]:
    """Blocks where the plan states its awards; second value False when guessing widely."""
    for subject in ("awards", "reward"):
        blocks = blocks_under(best_sections(tree, subject))
        if blocks:
            return blocks, True
    return fallback, False


def _clause_bounds(folded: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause (between ";" or sentence ends) around ``pos``."""
    start = max(folded.rfind(";", 0, pos), folded.rfind(". ", 0, pos)) + 1
    ends = [i for i in (folded.find(";", pos), folded.find(". ", pos)) if i != -1]
    return start, min(ends) if ends else len(folded)


def find_award_forms(blocks: list[Block], wide: bool) -> list[AwardForm]:
    """Award forms named in ``blocks``; with ``wide``, only in sentences that give awards."""
    found: list[AwardForm] = []
    for block in blocks:
        folded = block.fold
        for m in _FORM_RE.finditer(folded):
            c_start, c_end = _clause_bounds(folded, m.start())
            clause_before = folded[c_start : m.start()]
            if wide and not _GIVE_RE.search(clause_before):
                continue
            form = _FORMS[re.sub(r"\s+", " ", m.group(1))]
            by: str | None = None
            after = _BY_AFTER_RE.match(folded, m.end(), c_end)
            if after:
                by = cut_org_phrase(block.text[after.end() : min(c_end, after.end() + 300)])
            else:
                before = _BY_BEFORE_RE.search(folded, max(c_start, m.start() - 90), m.start())
                if before:
                    by = cut_org_phrase(block.text[before.start(1) : before.end(1)])
            proposed = bool(_PROPOSE_RE.search(clause_before))
            found.append(
                AwardForm(form, normalise_org(by) if by else None, proposed, block.start, block.end)
            )
    return _dedupe(found)


def _dedupe(forms: list[AwardForm]) -> list[AwardForm]:
    """One entry per (form, giver); drop a giver-less entry when the giver is known elsewhere."""
    with_giver = {f.form for f in forms if f.by}
    seen: set[tuple[str, str | None]] = set()
    out: list[AwardForm] = []
    for f in forms:
        if f.by is None and f.form in with_giver:
            continue
        key = (f.form, f.by)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# --------------------------------------------------------------------------- targets
@dataclass
class TargetText:
    """What a section says for the collective and for the individual."""

    collective: str | None = None
    individual: str | None = None
    collective_span: tuple[int, int] | None = None
    individual_span: tuple[int, int] | None = None


_TARGET_RE = re.compile(
    r"(?:(?:khen thuong|doi voi|danh cho|ve)\s+)?(?:cac\s+)?(?P<t>tap the|ca nhan)"
    r"\s*(?P<sep>:|-\s|\.\s|$)"
)
_MENTIONS_COLLECTIVE = re.compile(
    r"\btap the\b|\bdon vi\b|\bco quan\b|\bcac (?:phong|ban|bo phan|to)\b|\bbo phan\b"
)
_MENTIONS_INDIVIDUAL = re.compile(
    r"\bca nhan\b|\bcan bo\b|\bcong chuc\b|\bvien chuc\b|\bnguoi lao dong\b"
)


def _children_text(node: Node) -> str:
    """The items under ``node``, one per line, as written (labels included)."""
    return "\n".join(child.block.text for child in node.children)


def split_by_target(section: Node, *, fill_both: bool) -> TargetText:
    """Split the content of ``section`` into the collective's and the individual's part.

    ``fill_both``: when the section makes no such split, give its whole content to both
    (criteria that apply to everyone); otherwise give it to the targets it mentions.
    """
    result = TargetText()
    for node in iter_nodes(section.children):
        m = _TARGET_RE.match(node.title_fold)
        if not m:
            continue
        value = node.title[m.end() :].strip()
        if not value and node.children:
            value = _children_text(node)
        if not value:
            continue
        span = (
            node_span(node)
            if not node.title[m.end() :].strip()
            else (node.block.start, node.block.end)
        )
        if m.group("t") == "tap the" and result.collective is None:
            result.collective, result.collective_span = value, span
        elif m.group("t") == "ca nhan" and result.individual is None:
            result.individual, result.individual_span = value, span
    if result.collective is not None or result.individual is not None:
        return result
    # No "Tập thể:"/"Cá nhân:" split: the heading's own text after ":" or the body under it.
    own = section.title.split(":", 1)[1].strip() if ":" in section.title else ""
    content = own or _children_text(section)
    if not content:
        return result
    span = node_span(section)
    content_fold = (
        section.title_fold.split(":", 1)[1]
        if own
        else "\n".join(c.block.fold for c in section.children)
    )
    collective = bool(_MENTIONS_COLLECTIVE.search(content_fold))
    individual = bool(_MENTIONS_INDIVIDUAL.search(content_fold))
    if fill_both or (collective and individual) or not (collective or individual):
        if fill_both or (collective and individual):
            result.collective = result.individual = content
            result.collective_span = result.individual_span = span
        return result
    if collective:
        result.collective, result.collective_span = content, span
    else:
        result.individual, result.individual_span = content, span
    return result
