"""The dossier for a proposal: the documents required, copies, deadline, where to send it.

Read from the section headed "Hồ sơ …". Each item under it is one required document as
written ("Tờ trình đề nghị khen thưởng."); an item that only says where or by when to
send ("Hồ sơ gửi về UBND phường (qua Văn phòng UBND) để tổng hợp …", "… trước ngày
15/11/2024") gives the destination or the deadline instead. An item ending in ":" with
items under it ("Hồ sơ gồm:") is a container, not a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.plans.parsing.dates import find_dates
from thidua.plans.parsing.lines import Block
from thidua.plans.parsing.sections import Node, find_sections, iter_nodes
from thidua.plans.parsing.textutil import fold

__all__ = ["Dossier", "DossierItem", "find_dossier"]


@dataclass
class DossierItem:
    """One document of the dossier."""

    text: str
    copies: int | None
    start: int
    end: int


@dataclass
class Dossier:
    """What a proposal must contain, where it goes and by when."""

    items: list[DossierItem] = field(default_factory=list)
    destination: str | None = None
    destination_span: tuple[int, int] | None = None
    deadline: str | None = None
    deadline_span: tuple[int, int] | None = None


_META_START_RE = re.compile(
    r"(?:[-+•]\s*)?(?:ho so\s+(?:de nghi\s+\S+(?:\s+\S+)?\s+)?(?:gui|nop|chuyen)|"
    r"gui ho so|nop ho so|"
    r"cac (?:don vi|tap the|bo phan)[^.;]{0,40}?\s+(?:gui|nop)|thoi gian|thoi han|han nop|"
    r"dia diem|noi nhan ho so|so luong ho so)"
)
_SEND_RE = re.compile(
    r"\b(?:gui|nop|chuyen)\s+(?:(?:ban\s+dang\s+ky|ho\s+so)\b[^.;()]{0,60}?\s+)?"
    r"(?:ve|toi|den|cho|tai|qua)\s+"
)
_DEADLINE_RE = re.compile(r"\b(?:truoc ngay|cham nhat|han cuoi|han chot|truoc)\b")
_DEST_STOP_RE = re.compile(
    r"\s+(?:de|truoc|cham nhat|trong|theo|khi|sau khi|han|truoc ngay)\b|[,;]|\.(?:\s|$)"
)
_COPIES_RE = re.compile(
    r"\(?\s*(?:gom\s+)?(?P<n>\d{1,2}|mot|hai|ba|bon|nam)\s+(?:ban|bo)(?:\s+chinh)?\s*\)?(?![a-z])"
)
_COPY_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}


def _is_meta(folded: str) -> bool:
    """True for an item that says where or by when to send, not which document."""
    return bool(_META_START_RE.match(folded)) or bool(
        "ho so" in folded[:40] and _SEND_RE.search(folded)
    )


def _copies(folded: str) -> int | None:
    """Number of copies an item asks for ("(02 bản)", "01 bộ"), if it says."""
    m = _COPIES_RE.search(folded)
    if not m:
        return None
    n = m.group("n")
    return int(n) if n.isdigit() else _COPY_WORDS.get(n)


def _read_meta(block: Block, dossier: Dossier) -> None:
    """Take the destination and the deadline from a where-and-when item."""
    folded = block.fold
    send = _SEND_RE.search(folded)
    if send and dossier.destination is None:
        stop = _DEST_STOP_RE.search(folded, send.end())
        dest = block.text[send.end() : stop.start() if stop else len(folded)].strip()
        if dest:
            dossier.destination = dest
            dossier.destination_span = (block.start, block.end)
    deadline = _DEADLINE_RE.search(folded)
    if deadline and dossier.deadline is None:
        for hit in find_dates(folded[deadline.end() :]):
            if hit.precision == "day" and hit.value and hit.start <= 12:
                dossier.deadline = hit.value
                dossier.deadline_span = (block.start, block.end)
            break


def find_dossier(tree: list[Node], body: list[Block]) -> Dossier:
    """The dossier the plan asks for."""
    dossier = Dossier()
    sections = find_sections(tree, "dossier")
    if sections:
        section = sections[0]
        _items_from(section, dossier)
        if ":" in section.title and not dossier.items:
            _inline_items(section.block, section.title.split(":", 1)[1], dossier)
    else:
        # No dossier heading: a bulleted "Hồ sơ … gồm:" list anywhere in the body.
        for node in iter_nodes(tree):
            if node.title_fold.startswith("ho so") and node.title.endswith(":") and node.children:
                _items_from(node, dossier)
                break
    if dossier.destination is None or dossier.deadline is None:
        for block in body:
            if "ho so" in block.fold and (
                _SEND_RE.search(block.fold) or _DEADLINE_RE.search(block.fold)
            ):
                _read_meta(block, dossier)
    return dossier


def _items_from(section: Node, dossier: Dossier) -> None:
    """The documents listed under ``section``, containers opened, meta items read."""
    pending = list(section.children)
    while pending:
        node = pending.pop(0)
        block = node.block
        if _is_meta(node.title_fold):
            _read_meta(block, dossier)
            continue
        if node.children and node.title.rstrip().endswith(":"):
            pending[0:0] = node.children  # a container ("Hồ sơ gồm:"): its items count
            continue
        text = node.title.strip()
        if text:
            dossier.items.append(
                DossierItem(text, _copies(node.title_fold), block.start, block.end)
            )
        if node.children:
            pending[0:0] = [c for c in node.children if _is_meta(c.title_fold)]


def _inline_items(block: Block, rest: str, dossier: Dossier) -> None:
    """ "Hồ sơ gồm: Tờ trình; Biên bản; Báo cáo thành tích." — items separated by ";"."""
    parts = [p.strip() for p in rest.split(";")]
    for part in parts:
        if part and not _is_meta(fold(part)) and not fold(part).startswith("gom"):
            dossier.items.append(DossierItem(part, _copies(fold(part)), block.start, block.end))
