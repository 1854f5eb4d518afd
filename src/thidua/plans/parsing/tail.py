"""The end of a document: recipients ("Nơi nhận") and the signature block.

NĐ 30/2020 puts them side by side — Nơi nhận bottom-left, the signature bottom-right —
so, like the header, extraction may give them column after column, interleaved line by
line, or on shared lines separated by spaces. Recipients are told by their "- " and by
coming after the "Nơi nhận:" label; everything else in the tail is the signature: the
authority line ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q.", "TL.", "TUQ."), the title
("CHỦ TỊCH", "PHÓ CHỦ TỊCH"), and the name ("Nguyễn Thị Thanh").

The tail starts at the first of: the "Nơi nhận" label, the signature's authority line,
a lone title line followed by a name; failing those, right after the closing "./.".
Annexes that follow the signature ("PHỤ LỤC …") are not part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.plans.parsing.lines import Line
from thidua.plans.parsing.patterns import TYPE_NAMES
from thidua.plans.parsing.textutil import admin_level_at, fold, is_mostly_upper

__all__ = ["Recipient", "Signer", "Tail", "find_tail"]

Span = tuple[int, int]


@dataclass
class Recipient:
    """One "Nơi nhận" entry."""

    text: str  # without the leading "- " and the final ";" or "."
    name: str
    purpose: str | None  # "để b/c", "để thực hiện", … as written, without the brackets
    line: int


@dataclass
class Signer:
    """Who signs, in what capacity."""

    name: str | None = None
    title: str | None = None
    mode: str | None = None  # "TM.", "KT.", "Q.", "TL.", "TUQ."
    authority: str | None = None  # what follows the mode: "ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class Tail:
    """Where the tail is and what it holds."""

    start: int  # index (into the line list) of the first tail line; the body ends before it
    end: int  # index where the tail ends (an annex, or the end of the document)
    recipients: list[Recipient] = field(default_factory=list)
    recipients_span: Span | None = None
    signer: Signer = field(default_factory=Signer)


_NOI_NHAN_RE = re.compile(r"^noi\s+nhan\b\s*:?\s*")
_MODE_RE = re.compile(r"^(TUQ|TM|KT|TL|Q)\s*\.\s*(?=\S)")
_ARCHIVE_RE = re.compile(r"luu\s*:|luu\s+(?:vt|hs|van thu)\b")
_MODE_ANYWHERE_RE = re.compile(r"(?<!\S)(?:TUQ|TM|KT|TL|Q)\s*\.")
_CLOSING_RE = re.compile(r"\.?\s*/\s*\.\s*$")
_ANNEX_RE = re.compile(r"^(?:phu luc|bieu mau|mau so)\b")
_COLUMN_SPLIT_RE = re.compile(r"\t+|\s{3,}|\s+\|\s+")
_BULLET_RE = re.compile(r"^[-–—•+*]\s*")
_SKIP_RE = re.compile(
    r"^[(\[]\s*(?:da ky|ky|ky ten|ky, ghi ro|ky va|dong dau|daky|chu ky|ky so)|^ky boi\b|^\[?daky"
)
# Offices and words that never occur in a person's name. Matched on the lower-cased text
# *with* its marks: folded, "trưởng" would be the name "Trương", "quận" the name "Quân",
# "phường" the name "Phương".
_POSITIONS = re.compile(
    r"(?<!\w)(?:chủ tịch|giám đốc|trưởng|phó|chánh văn phòng|chánh thanh tra|chánh án|bí thư|"
    r"thư ký|chủ nhiệm|ủy viên|uỷ viên|thành viên|thủ trưởng|kế toán|người lập|chủ tọa|"
    r"chủ toạ|tổng giám đốc)(?!\w)"
)
_NOT_NAME = re.compile(
    r"(?<!\w)(?:ủy ban|uỷ ban|ubnd|hđnd|hội đồng|nơi nhận|cộng hòa|cộng hoà|độc lập|nhân dân|"
    r"văn phòng|phường|quận|huyện|tỉnh|xã|thành phố|đã ký)(?!\w)"
)
_PURPOSE_RE = re.compile(r"\s*\(([^()]{1,60})\)\s*$")


_MODE_INSIDE_RE = re.compile(r"(?<=\S)\s+(?=(?:TUQ|TM|KT|TL|Q)\s*\.\s*[A-ZĐÀ-Ỹ])")


def _segments(line: Line) -> list[str]:
    """The column pieces of a tail line, also cut where single spaces join the columns."""
    out: list[str] = []
    for piece in _COLUMN_SPLIT_RE.split(line.raw):
        if not piece or not piece.strip():
            continue
        for part in _MODE_INSIDE_RE.split(" ".join(piece.split())):
            out.extend(_split_trailing_title(part))
    return out


def _split_trailing_title(text: str) -> list[str]:
    """Split "- Lưu: VT. CHỦ TỊCH" into the recipient and the signature's title (or name)."""
    if not _BULLET_RE.match(text):
        return [text]
    for cut in (m.end() for m in re.finditer(r"[.;]\s+", text)):
        rest = text[cut:]
        if rest and (_is_title_line(rest) or _is_name(rest)):
            return [text[:cut].strip(), rest.strip()]
    return [text]


def _is_name(text: str) -> bool:
    """A person's name: 2–6 capitalised words of letters only ("Nguyễn Thị Thanh")."""
    words = text.split()
    if not 2 <= len(words) <= 6 or len(text) > 50:
        return False
    for word in words:
        if not word[0].isupper() or not word.replace("-", "").isalpha():
            return False
        rest = word[1:]
        if rest and not (rest.islower() or rest.isupper()):
            return False
    lowered = text.lower()
    return not (_POSITIONS.search(lowered) or _NOT_NAME.search(lowered))


def _is_title_line(text: str) -> bool:
    """A lone position in capitals ("CHỦ TỊCH", "PHÓ GIÁM ĐỐC")."""
    return (
        is_mostly_upper(text)
        and text.count(" ") <= 7
        and bool(_POSITIONS.search(text.lower()))
        and not _MODE_RE.match(text)
    )


def find_tail(lines: list[Line], body_start: int) -> Tail:
    """Locate the tail after ``body_start`` and read recipients and signer from it."""
    n = len(lines)
    noi_nhan = next((i for i in range(body_start, n) if _NOI_NHAN_RE.match(lines[i].fold)), None)
    mode = next(
        (
            i
            for i in range(body_start, n)
            if _MODE_ANYWHERE_RE.search(lines[i].text)
            and lines[i].text.count(" ") <= 16
            and any(_MODE_RE.match(seg) for seg in _segments(lines[i]))
        ),
        None,
    )
    lone_title = None
    search_from = max(body_start, n - 25)
    for i in range(search_from, n):
        if _is_title_line(lines[i].text) and any(
            _is_name(lines[j].text) for j in range(i + 1, min(n, i + 5))
        ):
            lone_title = i
            break
    candidates = [i for i in (noi_nhan, mode, lone_title) if i is not None]
    if candidates:
        start = min(candidates)
    else:
        closing = next(
            (i for i in range(n - 1, body_start - 1, -1) if _CLOSING_RE.search(lines[i].text)),
            None,
        )
        start = closing + 1 if closing is not None else n
    # An annex after the signature — "PHỤ LỤC …", or the plan a decision issues ("KẾ
    # HOẠCH (Ban hành kèm theo Quyết định số …)") — is not part of the tail.
    end = next(
        (
            i
            for i in range(start + 1, n)
            if is_mostly_upper(lines[i].text[:12], 0.8)
            and (_ANNEX_RE.match(lines[i].fold) or lines[i].fold.rstrip(" :") in TYPE_NAMES)
        ),
        n,
    )
    tail = Tail(start=start, end=end)
    _read_tail(lines[start:end], tail)
    return tail


def _read_tail(lines: list[Line], tail: Tail) -> None:
    """Sort the tail into recipients (after "Nơi nhận:") and signature lines."""
    signature: list[tuple[str, int]] = []
    in_recipients = False
    for line in lines:
        for seg in _segments(line):
            folded = fold(seg)
            label = _NOI_NHAN_RE.match(folded)
            if label:
                in_recipients = True
                rest = seg[label.end() :].strip()
                for part in re.split(r"(?:^|\s)[-–•+]\s+", rest):
                    if part.strip():
                        _add_recipient(tail, part, line.no)
                continue
            if (
                in_recipients
                and not _MODE_RE.match(seg)
                and (
                    _BULLET_RE.match(seg)
                    # Entries typed without "- " still end in ";" (the last one is "Lưu: …").
                    or (seg.endswith(";") and not is_mostly_upper(seg))
                    or _ARCHIVE_RE.match(folded)
                )
            ):
                _add_recipient(tail, seg, line.no)
                continue
            if in_recipients and tail.recipients and seg[:1].islower():
                last = tail.recipients[-1]
                _replace_last(tail, f"{last.text} {seg}", last.line)
                continue
            signature.append((seg, line.no))
    if tail.recipients:
        tail.recipients_span = (tail.recipients[0].line, tail.recipients[-1].line)
    _read_signer(signature, tail.signer)


def _clean_recipient(text: str) -> str:
    """A recipient without its "- " and its final ";" or "." (or "./.")."""
    text = _BULLET_RE.sub("", text.strip(), count=1).strip()
    text = re.sub(r"\s*\.?\s*/\s*\.\s*$", "", text)  # a final "./." on the last entry
    return text.rstrip(" ;.,").strip()


def _split_purpose(text: str) -> tuple[str, str | None]:
    """ "UBND quận (để b/c)" → ("UBND quận", "để b/c")."""
    m = _PURPOSE_RE.search(text)
    if m and m.start() > 0:
        return text[: m.start()].strip(), m.group(1).strip()
    return text, None


def _add_recipient(tail: Tail, raw: str, line: int) -> None:
    """Add one recipient entry."""
    text = _clean_recipient(raw)
    if not text:
        return
    name, purpose = _split_purpose(text)
    tail.recipients.append(Recipient(text, name, purpose, line))


def _replace_last(tail: Tail, raw: str, line: int) -> None:
    """Replace the last recipient (it continued on the next line)."""
    tail.recipients.pop()
    _add_recipient(tail, raw, line)


def _read_signer(segments: list[tuple[str, int]], signer: Signer) -> None:
    """Mode and authority, title and name from the signature lines."""
    useful = [(s, no) for s, no in segments if not _SKIP_RE.match(fold(s)) and s.strip("._…")]
    mode_at = next((k for k, (s, _) in enumerate(useful) if _MODE_RE.match(s)), None)
    name_at = None
    for k in range(len(useful) - 1, -1, -1):
        text = useful[k][0]
        if _is_name(text) and (not is_mostly_upper(text) or not _is_title_line(text)):
            name_at = k
            break
    if name_at is not None:
        signer.name = useful[name_at][0]
        signer.spans["name"] = (useful[name_at][1], useful[name_at][1])
    title_from = 0
    if mode_at is not None and (name_at is None or mode_at < name_at):
        seg, no = useful[mode_at]
        m = _MODE_RE.match(seg)
        assert m is not None
        signer.mode = f"{m.group(1)}."
        authority = seg[m.end() :].strip()
        title_from = mode_at + 1
        # "TM. ỦY BAN NHÂN DÂN" / "PHƯỜNG MỘ LAO": the authority continues on the next line.
        if title_from < len(useful) and title_from != name_at:
            nxt = useful[title_from][0]
            if admin_level_at(nxt.lower().split(), 0):
                authority = f"{authority} {nxt}"
                title_from += 1
        signer.authority = authority
        signer.spans["mode"] = (no, no)
    stop = name_at if name_at is not None else len(useful)
    titles: list[tuple[str, int]] = []
    for k in range(title_from, stop):
        seg, no = useful[k]
        if _MODE_RE.match(seg):
            continue
        if is_mostly_upper(seg) and not titles and _is_title_line(seg):
            titles.append((seg, no))
        elif titles and is_mostly_upper(seg) and not _is_title_line(seg):
            # "PHÓ CHỦ TỊCH" / "THƯỜNG TRỰC": the title runs on. A second position
            # ("CHỦ TỊCH" / "CHỦ TỊCH UBND PHƯỜNG") is a concurrent office, not part of it.
            titles.append((seg, no))
            break
        elif titles:
            break
    if titles:
        signer.title = " ".join(t for t, _ in titles)
        signer.spans["title"] = (titles[0][1], titles[-1][1])
