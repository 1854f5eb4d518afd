"""How many collectives and individuals may be awarded.

Forms read (folded text): "từ 1-2 tập thể" / "từ 01 đến 02 cá nhân" (min 1, max 2),
"01 tập thể" (exactly one), "không quá 03 cá nhân" / "tối đa …" / "nhiều nhất …" (max),
"ít nhất …" / "tối thiểu …" (min), a qualifier shared by a list — "tối đa 02 tập thể và
05 cá nhân" —, and shares: "không quá 10% tổng số cán bộ, công chức" (percent_max, the
target told by the people counted).

Only the issuer's own award is counted: a sentence that proposes an award to a higher
level ("đề nghị Chủ tịch UBND quận tặng Giấy khen cho 01 tập thể") has its own quota,
decided upstairs, and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.plans.parsing.lines import Block

__all__ = ["Quota", "find_quotas"]


@dataclass
class Quota:
    """A quota for one target group."""

    target: str  # "collective" | "individual"
    min: int | None
    max: int | None
    percent_max: float | int | None
    text: str
    start: int
    end: int


_WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_NUM = r"(?:\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
_QUAL = r"(?:khong\s+vuot\s+qua|khong\s+qua|toi\s+da|nhieu\s+nhat|toi\s+thieu|it\s+nhat|tu)"
_NOUN = r"(?:tap\s+the|ca\s+nhan)"
_COUNT_RE = re.compile(
    rf"(?<![a-z\d])(?:(?P<qual>{_QUAL})\s+)?(?P<a>{_NUM})(?:\s*(?:-|den|toi)\s*(?P<b>{_NUM}))?"
    rf"\s+(?P<noun>{_NOUN})(?![a-z])"
)
# "Tập thể: 02", "Cá nhân: không quá 05" — the target named first.
_LABELLED_RE = re.compile(
    rf"(?<![a-z])(?P<noun>{_NOUN})\s*:\s*(?:(?P<qual>{_QUAL})\s+)?(?P<a>{_NUM})"
    rf"(?:\s*(?:-|den|toi)\s*(?P<b>{_NUM}))?(?![\d/%.,]|\s*%)"
)
_PERCENT_RE = re.compile(
    rf"(?<![a-z\d])(?:(?P<qual>{_QUAL})\s+)?(?P<p>\d{{1,3}}(?:[.,]\d{{1,2}})?)\s*%"
    r"(?P<of>(?:(?!\d|\bkhong\b|\btoi da\b|\bnhieu nhat\b)[^;.]){0,60})"
)
_MAX_QUALS = frozenset({"khong vuot qua", "khong qua", "toi da", "nhieu nhat"})
_MIN_QUALS = frozenset({"toi thieu", "it nhat"})
_JOIN_RE = re.compile(r"^\s*(?:,|va|,\s*va|;)?\s*$")
_PROPOSAL_RE = re.compile(
    r"\bde nghi\b.{0,80}?(?:\btang\b|\bkhen thuong\b|bang khen|co thi dua|huan chuong|cap tren)"
)
_COLLECTIVE_WORDS = re.compile(r"\btap the\b|\bdon vi\b|\bco quan\b|\bphong\b|\bban\b|\bto\b")
_INDIVIDUAL_WORDS = re.compile(
    r"\bca nhan\b|\bcan bo\b|\bcong chuc\b|\bvien chuc\b|\bnguoi\b|\bdang vien\b|\bdoan vien\b"
)
_ITEM_TARGET_RE = re.compile(r"^(?:[-+•*]\s*|[a-z]\)\s*)?(?:doi voi\s+)?(tap the|ca nhan)\s*:")


def _number(folded: str, original: str) -> int | None:
    """A count written in digits ("02") or as a word ("hai")."""
    if folded.isdigit():
        return int(folded)
    return _WORD_NUMBERS.get(original.lower())


def find_quotas(blocks: list[Block]) -> list[Quota]:
    """Quotas stated in ``blocks`` for the issuer's own award."""
    quotas: list[Quota] = []
    seen: set[tuple[str, int | None, int | None, float | int | None]] = set()
    for block in blocks:
        item = _ITEM_TARGET_RE.match(block.fold)
        item_target = None
        if item:
            item_target = "collective" if item.group(1) == "tap the" else "individual"
        for c_start, c_end in _clauses(block.fold):
            clause = block.fold[c_start:c_end]
            if _PROPOSAL_RE.search(clause):
                continue
            for quota in _clause_quotas(block, c_start, c_end, item_target):
                key = (quota.target, quota.min, quota.max, quota.percent_max)
                if key not in seen:
                    seen.add(key)
                    quotas.append(quota)
    return quotas


def _clauses(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a folded text, split at ";" and sentence ends."""
    spans = []
    start = 0
    for m in re.finditer(r";|\.(?:\s|$)", folded):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(folded):
        spans.append((start, len(folded)))
    return spans


def _count_quota(block: Block, m: re.Match[str], qual: str | None) -> Quota | None:
    """The quota of a count match ("từ 1-2 tập thể", "Cá nhân: không quá 05")."""
    text = block.text
    a = _number(m.group("a"), text[m.start("a") : m.end("a")])
    b = _number(m.group("b"), text[m.start("b") : m.end("b")]) if m.group("b") else None
    if a is None or (m.group("b") and b is None):
        return None
    qual_norm = re.sub(r"\s+", " ", qual) if qual else None
    if b is not None:
        low, high = a, b
    elif qual_norm in _MAX_QUALS:
        low, high = None, a
    elif qual_norm in _MIN_QUALS:
        low, high = a, None
    else:
        low = high = a
    target = "collective" if m.group("noun").startswith("tap") else "individual"
    return Quota(target, low, high, None, text[m.start() : m.end()], block.start, block.end)


def _clause_quotas(block: Block, c_start: int, c_end: int, item_target: str | None) -> list[Quota]:
    """The quotas of one clause, in order: counts, labelled counts and shares."""
    folded, text = block.fold, block.text
    found: list[tuple[int, Quota]] = []
    last_qual: str | None = None
    last_end = -1
    for m in _COUNT_RE.finditer(folded, c_start, c_end):
        qual = m.group("qual")
        if qual is None and last_qual and _JOIN_RE.match(folded[last_end : m.start()]):
            qual = last_qual  # "tối đa 02 tập thể và 05 cá nhân": the qualifier carries over
        quota = _count_quota(block, m, qual)
        if quota is None:
            continue
        found.append((m.start(), quota))
        last_qual, last_end = (re.sub(r"\s+", " ", qual) if qual else None), m.end()
    for m in _LABELLED_RE.finditer(folded, c_start, c_end):
        quota = _count_quota(block, m, m.group("qual"))
        if quota is not None:
            found.append((m.start(), quota))
    for m in _PERCENT_RE.finditer(folded, c_start, c_end):
        qual = m.group("qual")
        qual_norm = re.sub(r"\s+", " ", qual) if qual else None
        if qual_norm is not None and qual_norm not in _MAX_QUALS:
            continue
        of = m.group("of")
        # A share is a ceiling ("10% tổng số cán bộ"); without "không quá" it must at least
        # say whom it counts, so "đạt 100% hồ sơ đúng hạn" is not taken for a quota.
        if qual_norm is None and not (_INDIVIDUAL_WORDS.search(of) or _COLLECTIVE_WORDS.search(of)):
            continue
        # The people or units counted: whichever is named first after the share.
        individual = _INDIVIDUAL_WORDS.search(of)
        collective = _COLLECTIVE_WORDS.search(of)
        if individual and (not collective or individual.start() < collective.start()):
            target = "individual"
        elif collective:
            target = "collective"
        elif item_target:
            target = item_target
        else:
            continue
        raw = m.group("p").replace(",", ".")
        value: float | int = float(raw) if "." in raw else int(raw)
        end = m.end("p") + 1 + len(of.rstrip())
        found.append(
            (
                m.start(),
                Quota(target, None, None, value, text[m.start() : end], block.start, block.end),
            )
        )
    found.sort(key=lambda item: item[0])
    return [q for _, q in found]
