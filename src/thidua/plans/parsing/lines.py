"""Lines and paragraphs: the units every other part of the parser works on.

Text extraction leaves documents in two shapes: one line per paragraph with blank lines
between (Word → text), or paragraphs hard-wrapped at the page width (PDF, web pages), with
page breaks that leave gaps in the middle of a sentence. :func:`build_blocks` rebuilds the
paragraphs (*blocks*) from either shape by deciding, line by line, whether the next line
continues the paragraph. Every block remembers the line numbers it came from, which is
how each extracted field can name its source lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from thidua.plans.parsing.limits import MAX_BLOCK_CHARS, MAX_LINE_CHARS, MAX_LINES
from thidua.plans.parsing.textutil import fold, is_mostly_upper

__all__ = [
    "HEADING_KINDS",
    "Block",
    "Label",
    "Line",
    "build_blocks",
    "build_lines",
    "parse_label",
]


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the extracted text."""

    no: int  # 1-based number of the line in the extracted text
    raw: str  # as extracted (NFC, trimmed); tabs and runs of spaces kept for column splits
    text: str  # whitespace collapsed to single spaces
    fold: str  # :func:`fold` of ``text``: same length, for keyword matching
    gap: bool  # a blank line (or page number, page break) came right before it
    rule: bool  # a separator only: dashes, underscores, "|"


@dataclass(frozen=True, slots=True)
class Label:
    """The label that opens a numbered or bulleted paragraph."""

    kind: str  # part, upper, roman, article, arabic, letter, dash, plus, bullet, star
    text: str  # as printed ("I.", "1.1.", "a)"), bullets normalised to "-", "+", "•", "*"
    rank: int  # nesting order: a smaller rank contains larger ones


@dataclass(slots=True)
class Block:
    """A paragraph rebuilt from one or more lines."""

    start: int  # line number of the first line
    end: int  # line number of the last line
    text: str
    fold: str
    label: Label | None
    body: str  # text after the label
    body_fold: str
    lines: list[Line] = field(default_factory=list)


HEADING_KINDS = frozenset({"part", "upper", "roman", "article", "arabic"})

# Regular expressions, not str.translate: they skip the (usual) text without such
# characters several times faster.
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile("[\u00a0\u2002-\u200a\u202f\u3000]")
_NEWLINES_RE = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_PAGE_NUMBER_RE = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")
_RULE_RE = re.compile(r"^[\s\-_=*~.|–—…·•]+$")


def build_lines(text: str) -> tuple[list[Line], bool]:
    """Split ``text`` into non-blank :class:`Line` objects; say whether lines were dropped."""
    text = _SPACES_RE.sub(" ", _ZERO_WIDTH_RE.sub("", unicodedata.normalize("NFC", text)))
    raw_lines = _NEWLINES_RE.sub("\n", text).split("\n")
    truncated = len(raw_lines) > MAX_LINES
    lines: list[Line] = []
    gap = False
    for index, raw in enumerate(raw_lines[:MAX_LINES]):
        raw = raw[:MAX_LINE_CHARS].strip()
        collapsed = " ".join(raw.split())
        # A lone page number between paragraphs is a page break, not content.
        if not collapsed or _PAGE_NUMBER_RE.match(collapsed):
            gap = True
            continue
        lines.append(
            Line(
                no=index + 1,
                raw=raw,
                text=collapsed,
                fold=fold(collapsed),
                gap=gap,
                rule=bool(_RULE_RE.match(collapsed)),
            )
        )
        gap = False
    return lines, truncated


# --------------------------------------------------------------------------- labels
_ROMAN_VALID = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")
_PART_RE = re.compile(r"^phan\s+(?:[ivxl]{1,6}|\d{1,2}|thu\s+\w+)\b\s*[.:\-]?\s*")
_ARTICLE_RE = re.compile(r"^dieu\s+\d{1,3}\s*[.:]\s*")
_ROMAN_RE = re.compile(r"^([IVXL]{1,6})\s*[.:)\-–]\s*(?=\S)")
_UPPER_RE = re.compile(r"^([A-HJ-UW-ZĐ])\s*[.)]\s+(?=\S)")
_ARABIC_RE = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){0,4})(?![\d%,])(?:(\.|\))\s*|\s+)(?=[^\W\d_]|[\"“(])"
)
_LETTER_RE = re.compile(r"^([a-zđ])\s*\)\s*(?=\S)|^([a-zđ])\.\s+(?=[^\W\d_])")
_DASH_RE = re.compile(r"^[-–—‒−]\s*(?=[^\s\-–—])")
_PLUS_RE = re.compile(r"^\+\s*(?=\S)")
_BULLET_RE = re.compile(r"^[•●○◦▪■□►▸➢➤✓✔❖♦·]\s*(?=\S)")
_STAR_RE = re.compile(r"^\*\s*(?=[^\s*])")

_FIXED_RANKS = {"part": 0, "upper": 1, "roman": 2, "article": 3, "letter": 9, "dash": 10}
_BULLET_RANKS = {"plus": 11, "bullet": 12, "star": 13}


def parse_label(text: str, folded: str) -> tuple[Label | None, int]:
    """Recognise the label opening ``text``; return it and where the rest of the text starts."""
    m = _PART_RE.match(folded)
    if m:
        return Label("part", text[: m.end()].strip(), _FIXED_RANKS["part"]), m.end()
    m = _ARTICLE_RE.match(folded)
    if m:
        return Label("article", text[: m.end()].strip(), _FIXED_RANKS["article"]), m.end()
    m = _ROMAN_RE.match(text)
    if m and _ROMAN_VALID.match(m.group(1)):
        return Label("roman", text[: m.end()].strip(), _FIXED_RANKS["roman"]), m.end()
    m = _UPPER_RE.match(text)
    if m:
        return Label("upper", text[: m.end()].strip(), _FIXED_RANKS["upper"]), m.end()
    m = _ARABIC_RE.match(text)
    if m:
        number, closer = m.group(1), m.group(2)
        depth = number.count(".") + 1
        # "1 Mục đích" without a dot is not a label, "1.1 Mục tiêu" is.
        if closer or depth > 1:
            return Label("arabic", text[: m.end()].strip(), 3 + depth), m.end()
    m = _LETTER_RE.match(text)
    if m:
        return Label("letter", text[: m.end()].strip(), _FIXED_RANKS["letter"]), m.end()
    for regex, kind, shown in (
        (_DASH_RE, "dash", "-"),
        (_PLUS_RE, "plus", "+"),
        (_BULLET_RE, "bullet", "•"),
        (_STAR_RE, "star", "*"),
    ):
        m = regex.match(text)
        if m:
            rank = _FIXED_RANKS.get(kind) or _BULLET_RANKS[kind]
            return Label(kind, shown, rank), m.end()
    return None, 0


# --------------------------------------------------------------------------- paragraphs
# Paragraph openers that never continue the previous line.
_OPENERS = (
    "can cu ",
    "thuc hien ",
    "noi nhan",
    "kinh gui",
    "tren day ",
    "quyet dinh:",
    "tm. ",
    "kt. ",
    "tl. ",
    "tuq. ",
    "q. ",
)
# A line ending in one of these words is unfinished: the next line continues it.
_CONNECTOR_WORDS = """cua va ve so ngay theo tai cho voi cac nhung trong de den tu la duoc bang
hoac tren thuoc nam thang kem gom nhu nham giua vao khi neu thi ma o hay cung da se dang phai
can co khong mot hai ba nay do nhat cung nguoi tap the ca nhan"""
_CONNECTORS = frozenset(_CONNECTOR_WORDS.split())
_TERMINAL = (".", ";", ":", "!", "?")


def _last_word(folded: str) -> str:
    """The last word of a folded line."""
    tail = folded.rstrip()[-20:].split()
    return tail[-1] if tail else ""


def _continues(
    prev: Line, prev_label: Label | None, prev_words: int, line: Line, label: Label | None
) -> bool:
    """Decide whether ``line`` (opening with ``label``) continues the paragraph ``prev`` ends."""
    if line.rule or prev.rule:
        return False
    if label is not None or line.fold.startswith(_OPENERS):
        return False
    if prev.text.endswith(_TERMINAL):
        return False
    if prev.text.endswith(","):
        return True
    next_upper = is_mostly_upper(line.text)
    prev_upper = is_mostly_upper(prev.text)
    # A heading in capitals and the sentence-case paragraph beside it are apart, even when
    # the heading ends in what looks like a connector ("… THỰC HIỆN NGAY").
    if next_upper != prev_upper and (next_upper or line.text[0].isupper()):
        return False
    if _last_word(prev.fold) in _CONNECTORS:
        return True
    first = line.text[0]
    if first.islower() or first.isdigit() or first in "(\"'“‘[":
        return True
    if prev_label is not None and prev_label.kind in HEADING_KINDS and prev_words <= 14:
        return False  # a short heading; the paragraph under it starts on the next line
    return not line.gap


def build_blocks(lines: list[Line]) -> list[Block]:
    """Join ``lines`` into paragraphs; rule lines end a paragraph and are dropped."""
    blocks: list[Block] = []
    current: list[Line] = []
    size = 0

    def flush() -> None:
        """Close the paragraph being built."""
        if not current:
            return
        text = " ".join(ln.text for ln in current)
        folded = " ".join(ln.fold for ln in current)
        label, rest = parse_label(text, folded)
        blocks.append(
            Block(
                start=current[0].no,
                end=current[-1].no,
                text=text,
                fold=folded,
                label=label,
                body=text[rest:].strip(),
                body_fold=folded[rest:].strip(),
                lines=list(current),
            )
        )

    label: Label | None = None
    words = 0
    for line in lines:
        if line.rule:
            flush()
            current, size = [], 0
            continue
        line_label, _ = parse_label(line.text, line.fold)
        if (
            current
            and size < MAX_BLOCK_CHARS
            and _continues(current[-1], label, words, line, line_label)
        ):
            current.append(line)
            size += len(line.text) + 1
            words += line.text.count(" ") + 1
            continue
        flush()
        current, size = [line], len(line.text)
        label = line_label
        words = line.text.count(" ") + 1
    flush()
    return blocks
