"""Legal bases ("Căn cứ …") and the documents a plan carries out ("Thực hiện …").

Only the paragraphs that open the body count: documents named later (in criteria, in the
dossier) are mentions, not references. A basis paragraph may name several documents,
separated by ";" ("Thực hiện Kế hoạch số 60/KH-UBND …; Kế hoạch số 17/KH-UBND …, UBND
phường … xây dựng kế hoạch …") or coordinated by "và"/","; a document named inside the
description of another ("… thực hiện Nghị quyết của Ban Chấp hành …") is not a basis.

For each: kind, number and symbol as printed, date (ISO), issuer as written in short form;
null for what the text does not say. Malformed dates are left null; the warning is issued
by :func:`malformed_date_warnings`, which also covers dates in the rest of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.plans.parsing.dates import find_dates
from thidua.plans.parsing.lines import Block
from thidua.plans.parsing.patterns import DOC_KIND_RE, DOC_KINDS, find_symbol
from thidua.plans.parsing.textutil import cut_org_phrase, normalise_org

__all__ = [
    "Reference",
    "is_basis_block",
    "malformed_date_warnings",
    "parse_references",
]

_OPENER_RE = re.compile(
    r"\s*(?:can cu(?:\s+vao)?|tiep tuc thuc hien|thuc hien|trien khai(?:\s+thuc hien)?|"
    r"de (?:trien khai|thuc hien)(?:\s+thuc hien)?|nham (?:trien khai|thuc hien)|"
    r"tren co so|theo)\s*[:,]?\s+"
)
_DIRECTED_RE = re.compile(r"(?:y kien\s+)?chi dao\s+cua\s+(?P<by>.{2,120}?)\s+(?:tai|theo)\s+")
_FILLER_RE = re.compile(r"(?:noi dung|tinh than|cac|quy dinh tai|theo)\s+")
_COORDINATION_RE = re.compile(r"(?:,|;|\bva|,\s*va)\s*(?:cac\s+)?$")
_SO_RE = re.compile(r"\bso\s*:?\s*")
_OF_RE = re.compile(r"\s+cua\s+")
_MAIN_CLAUSE_RE = re.compile(
    r",\s+(?:ubnd|uy ban nhan dan|hoi dong|so|phong|ban|van phong|dang uy)\b[^,;]{0,80}?\s"
    r"(?:xay dung|ban hanh|trien khai|phat dong)\b"
)


@dataclass
class Reference:
    """One document a plan builds on."""

    number: str | None
    kind: str | None
    date: str | None
    issuer: str | None
    text: str
    start: int
    end: int


def is_basis_block(block: Block) -> bool:
    """True for a paragraph that states legal bases or the documents being carried out."""
    return bool(_OPENER_RE.match(block.fold + " "))


def _clauses(block: Block) -> list[tuple[int, int]]:
    """(start, end) offsets of the ";"-separated clauses of a block."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r";", block.fold):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(block.fold)))
    return spans


def parse_references(blocks: list[Block]) -> list[Reference]:
    """The references stated by the basis paragraphs ``blocks``, in order."""
    refs: list[Reference] = []
    for block in blocks:
        for c_start, c_end in _clauses(block):
            refs.extend(_clause_references(block, c_start, c_end))
    return refs


def _clause_references(block: Block, c_start: int, c_end: int) -> list[Reference]:
    """The references named by one ";"-clause of a basis paragraph."""
    folded = block.fold
    pos = c_start + (len(folded[c_start:c_end]) - len(folded[c_start:c_end].lstrip()))
    m = _OPENER_RE.match(folded, pos, c_end)
    if m:
        pos = m.end()
    issuer_hint: str | None = None
    directed = _DIRECTED_RE.match(folded, pos, c_end)
    if directed:
        issuer_hint = (
            normalise_org(cut_org_phrase(block.text[directed.start("by") : directed.end("by")]))
            or None
        )
        pos = directed.end()
    filler = _FILLER_RE.match(folded, pos, c_end)
    if filler:
        pos = filler.end()
    first = DOC_KIND_RE.match(folded, pos, c_end)
    if not first:
        return []
    # The documents of this clause: the first, and any later one joined to the previous
    # by "," / "và" right after its number or date (not one named in its description).
    starts = [first]
    for kind in DOC_KIND_RE.finditer(folded, first.end(), c_end):
        before = folded[max(c_start, kind.start() - 12) : kind.start()].rstrip()
        if not _COORDINATION_RE.search(before):
            continue
        # "…, và Hướng dẫn số 03/HD-…": a numbered document joined by "và"/"," is a basis
        # of its own even after the previous one's description; an unnumbered one only
        # right after the previous number or date ("Luật A ngày …, Luật B …").
        so = _SO_RE.match(folded, kind.end() + 1, c_end)
        symbol = find_symbol(block.text, so.end() if so else kind.end(), c_end)
        numbered = symbol is not None and symbol.start() - (so.end() if so else kind.end()) <= 2
        prev_core = _core_end(block, starts[-1], kind.start())
        if numbered or (prev_core is not None and kind.start() - prev_core <= 8):
            starts.append(kind)
    refs: list[Reference] = []
    for index, kind in enumerate(starts):
        seg_end = starts[index + 1].start() if index + 1 < len(starts) else c_end
        refs.append(_one_reference(block, kind, seg_end))
    # "Kế hoạch số 12 … và Kế hoạch số 15 … của UBND quận": the issuer named once at the
    # end belongs to every document of the group.
    last_issuer = refs[-1].issuer if refs else None
    for ref in refs:
        if ref.issuer is None:
            ref.issuer = last_issuer if len(refs) > 1 else None
        if ref.issuer is None and issuer_hint:
            ref.issuer = issuer_hint
    return refs


def _core_end(block: Block, kind: re.Match[str], limit: int) -> int | None:
    """Where the number (and date) of the document opened by ``kind`` end."""
    folded = block.fold
    end = None
    so = _SO_RE.search(folded, kind.end(), min(limit, kind.end() + 120))
    if so:
        symbol = find_symbol(block.text, so.end(), min(limit, so.end() + 40))
        if symbol and symbol.start() - so.end() <= 2:
            end = symbol.end()
    search_from = end if end is not None else kind.end()
    for hit in find_dates(folded[search_from : min(limit, search_from + 60)]):
        if hit.start <= 12:
            end = search_from + hit.end
        break
    return end


def _one_reference(block: Block, kind: re.Match[str], seg_end: int) -> Reference:
    """Kind, number, date and issuer of the document that ``kind`` opens."""
    folded = block.fold
    text = block.text
    kind_name = DOC_KINDS.get(re.sub(r"\s+", " ", kind.group(1)))
    number: str | None = None
    cursor = kind.end()
    # "Luật Thi đua, khen thưởng số 06/2022/QH15": the number may follow the name.
    so = _SO_RE.search(folded, kind.end(), min(seg_end, kind.end() + 120))
    if so:
        symbol = find_symbol(text, so.end(), min(seg_end, so.end() + 40))
        if symbol and symbol.start() - so.end() <= 2:
            number = re.sub(r"\s*/\s*", "/", symbol.group(1))
            cursor = symbol.end()
    if number is None:
        symbol = find_symbol(text, kind.end(), min(seg_end, kind.end() + 15))
        if symbol:
            number = re.sub(r"\s*/\s*", "/", symbol.group(1))
            cursor = symbol.end()
    date: str | None = None
    for hit in find_dates(folded[cursor : min(seg_end, cursor + 160)]):
        if hit.precision != "day":
            continue
        # The document's own date follows its number (or its name, for a law).
        if hit.start <= (12 if number else 120):
            date = hit.value
            cursor = cursor + hit.end
        break
    issuer: str | None = None
    of = _OF_RE.match(folded, cursor, seg_end) or _OF_RE.search(
        folded, cursor, min(seg_end, cursor + 6)
    )
    if of:
        name = cut_org_phrase(text[of.end() : min(seg_end, of.end() + 300)])
        issuer = normalise_org(name) if name else None
    # The clause may run on into the plan's own main clause (", UBND phường … xây dựng kế
    # hoạch … như sau:"), which is not part of the reference.
    main = _MAIN_CLAUSE_RE.search(folded, cursor, seg_end)
    text_end = main.start() if main else seg_end
    return Reference(
        number=number,
        kind=kind_name,
        date=date,
        issuer=issuer,
        text=text[kind.start() : text_end].strip(" ,;.:"),
        start=block.start,
        end=block.end,
    )


def _quote_start(folded: str, hit_start: int) -> int:
    """Where to start quoting a malformed date: the document it belongs to, if any."""
    clause_start = max(folded.rfind(";", 0, hit_start), folded.rfind(". ", 0, hit_start)) + 1
    best = None
    for kind in DOC_KIND_RE.finditer(folded, max(clause_start, hit_start - 100), hit_start):
        best = kind.start()
    if best is not None:
        return best
    start = max(clause_start, hit_start - 40)
    space = folded.find(" ", start, hit_start)
    return space + 1 if start > clause_start and space != -1 else start


def malformed_date_warnings(blocks: list[Block]) -> list[str]:
    """A warning, quoting the text, for every date after "ngày" that cannot be read."""
    warnings: list[str] = []
    for block in blocks:
        if "ngay" not in block.fold and "thang" not in block.fold:
            continue  # a malformed date is always introduced by "ngày" or "tháng"
        for hit in find_dates(block.fold):
            if not hit.malformed:
                continue
            quote = block.text[_quote_start(block.fold, hit.start) : hit.end].strip()
            quote = quote.lstrip("-+•*–— ")
            line = _line_of(block, hit.start)
            warnings.append(f'Ngày viết sai, không lấy được ngày: "{quote}" (dòng {line}).')
    return warnings


def _line_of(block: Block, offset: int) -> int:
    """Line number of the character at ``offset`` in the block's joined text."""
    consumed = 0
    for line in block.lines:
        consumed += len(line.text) + 1
        if offset < consumed:
            return line.no
    return block.end
