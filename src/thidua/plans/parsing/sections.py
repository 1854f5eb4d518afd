"""The section tree of the body: I. → 1. → 1.1. → a) → - → + → •.

Labels nest by a fixed order of kinds (a paragraph labelled "1." closes any open "a)" or
"-" and opens under the nearest "I."), which is how Vietnamese administrative documents
are written. Paragraphs without a label belong to the nearest open *heading* (not to a
bullet): "1. Hình thức khen thưởng" / "Tặng Giấy khen …". The parser's other parts find
what they need by heading words ("Đối tượng", "Số lượng", "Hồ sơ"), so a plan that numbers
its sections differently is still understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from thidua.plans.parsing.lines import HEADING_KINDS, Block

__all__ = [
    "Node",
    "best_sections",
    "blocks_under",
    "build_tree",
    "find_sections",
    "iter_nodes",
    "node_span",
    "tree_to_json",
]


@dataclass(slots=True)
class Node:
    """A labelled or plain paragraph and the paragraphs under it."""

    block: Block
    children: list[Node] = field(default_factory=list)
    subjects: frozenset[str] | None = None  # computed once by :func:`find_sections`

    @property
    def label(self) -> str | None:
        """The label as printed, None for a plain paragraph."""
        return self.block.label.text if self.block.label else None

    @property
    def title(self) -> str:
        """The text after the label (the whole text of a plain paragraph)."""
        return self.block.body if self.block.label else self.block.text

    @property
    def title_fold(self) -> str:
        """The folded form of :attr:`title`."""
        return self.block.body_fold if self.block.label else self.block.fold

    @property
    def is_heading(self) -> bool:
        """True for a numbered heading (I., 1., 1.1., Điều 1., A.), not a bullet."""
        return self.block.label is not None and self.block.label.kind in HEADING_KINDS


def build_tree(blocks: list[Block]) -> list[Node]:
    """Nest ``blocks`` by their labels."""
    roots: list[Node] = []
    stack: list[Node] = []
    for block in blocks:
        node = Node(block)
        label = block.label
        if label is None:
            parent = next((n for n in reversed(stack) if n.is_heading), None)
            (parent.children if parent else roots).append(node)
            continue
        while (
            stack and stack[-1].block.label is not None and stack[-1].block.label.rank >= label.rank
        ):
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def iter_nodes(nodes: list[Node]) -> Iterator[Node]:
    """Every node of the forest ``nodes``, parents before children, in document order."""
    pending = list(reversed(nodes))
    while pending:
        node = pending.pop()
        yield node
        pending.extend(reversed(node.children))


def node_span(node: Node) -> tuple[int, int]:
    """First and last line of ``node`` and everything under it."""
    last = node.block.end
    for child in iter_nodes(node.children):
        last = max(last, child.block.end)
    return node.block.start, last


def tree_to_json(nodes: list[Node]) -> list[dict[str, Any]]:
    """The forest as ``{label, title, children}`` dictionaries (iteratively: no recursion)."""
    out: list[dict[str, Any]] = []
    pending: list[tuple[Node, list[dict[str, Any]]]] = [(n, out) for n in reversed(nodes)]
    while pending:
        node, target = pending.pop()
        entry: dict[str, Any] = {"label": node.label, "title": node.title, "children": []}
        target.append(entry)
        pending.extend((c, entry["children"]) for c in reversed(node.children))
    return out


# Words that name a section's subject, folded. A heading like "III. HÌNH THỨC, TIÊU CHUẨN,
# SỐ LƯỢNG, THỦ TỤC HỒ SƠ" names four subjects; "2. Tiêu chuẩn" names one and is preferred.
SUBJECTS: dict[str, re.Pattern[str]] = {
    "targets": re.compile(r"\bdoi tuong\b"),
    "awards": re.compile(r"\bhinh thuc\b|\bdanh hieu\b"),
    "reward": re.compile(r"\bkhen thuong\b"),
    "criteria": re.compile(r"\btieu chuan\b|\btieu chi\b|\bdieu kien\b"),
    "quotas": re.compile(r"\bso luong\b|\bco cau\b|\bchi tieu khen\b"),
    "dossier": re.compile(r"\bho so\b"),
    "timeline": re.compile(r"\bthoi gian\b|\btien do\b|\bthoi han\b"),
}


def _heading_text(node: Node) -> str:
    """The heading part of a title: "Số lượng: Bình xét …" → "so luong"."""
    title = node.title_fold
    colon = title.find(":", 0, 100)
    return title[:colon] if colon != -1 else title[:160]


def _heading_subjects(node: Node) -> frozenset[str]:
    """The subjects a heading names (computed once per node)."""
    if node.subjects is None:
        title = _heading_text(node)
        node.subjects = frozenset(name for name, regex in SUBJECTS.items() if regex.search(title))
    return node.subjects


def find_sections(nodes: list[Node], subject: str) -> list[Node]:
    """Headings about ``subject``, the most specific first (fewest other subjects named)."""
    found: list[tuple[int, int, Node]] = []
    for order, node in enumerate(iter_nodes(nodes)):
        if not node.is_heading or _heading_text(node).count(" ") > 20:
            continue
        subjects = _heading_subjects(node)
        if subject in subjects:
            found.append((len(subjects), order, node))
    found.sort(key=lambda item: (item[0], item[1]))
    return [node for _, _, node in found]


def best_sections(nodes: list[Node], subject: str) -> list[Node]:
    """The specific headings about ``subject``, in document order.

    "1. Danh hiệu thi đua" and "2. Hình thức khen thưởng" both count; a catch-all heading
    ("III. HÌNH THỨC, TIÊU CHUẨN, SỐ LƯỢNG, THỦ TỤC HỒ SƠ") only when nothing narrower does.
    """
    ranked: list[tuple[int, int, Node]] = []
    for order, node in enumerate(iter_nodes(nodes)):
        if node.is_heading and _heading_text(node).count(" ") <= 20:
            subjects = _heading_subjects(node)
            if subject in subjects:
                ranked.append((len(subjects), order, node))
    if not ranked:
        return []
    limit = max(2, min(count for count, _, _ in ranked))
    return [node for count, _, node in sorted(ranked, key=lambda r: r[1]) if count <= limit]


def blocks_under(sections: list[Node]) -> list[Block]:
    """The blocks of ``sections`` and of everything under them, each once, in order."""
    seen: set[int] = set()
    blocks: list[Block] = []
    for node in sections:
        for sub in iter_nodes([node]):
            if id(sub.block) not in seen:
                seen.add(id(sub.block))
                blocks.append(sub.block)
    blocks.sort(key=lambda b: b.start)
    return blocks
