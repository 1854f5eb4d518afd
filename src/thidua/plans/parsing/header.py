"""The header of an administrative document: issuer, number, place and date, type, title.

NĐ 30/2020 lays the header out in two columns — issuer and number on the left, Quốc hiệu,
Tiêu ngữ and place/date on the right — and text extraction leaves them in any order:
column after column (Word tables), row after row, interleaved line by line, or two
columns on one line separated by spaces. So the header is read as a bag of *segments*
(pieces of lines), each recognised by its own shape, never by its position:

* Quốc hiệu / Tiêu ngữ — "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc";
* number — "Số: 20/KH-UBND";
* place and date — "Mộ Lao, ngày 28 tháng 02 năm 2023" (also split over two lines);
* issuer — the remaining capital-letter lines, grouped into names ("ỦY BAN NHÂN DÂN" +
  "PHƯỜNG MỘ LAO" is one name; "UBND TỈNH PHÚ THỌ" + "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" are the
  governing body and the issuer).

Then the type name line ("KẾ HOẠCH") and the title under it, up to the first line of the
body ("Căn cứ…", "Thực hiện…", a section heading, a rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.plans.parsing.dates import find_dates
from thidua.plans.parsing.lines import HEADING_KINDS, Line, parse_label
from thidua.plans.parsing.patterns import (
    DOC_KIND_RE,
    TYPE_NAMES,
    doc_type_from_symbol,
    find_symbol,
)
from thidua.plans.parsing.textutil import admin_level_at, fold, is_mostly_upper, normalise_org

__all__ = ["Header", "Span", "parse_header"]

Span = tuple[int, int]

_HEADER_WINDOW = 80  # the header never runs longer than this many lines

_QUOC_HIEU_RE = re.compile(
    r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|"
    r"cong\s*hoa\s+xa\s+hoi|chu\s+nghia\s+viet\s+nam|"
    # Party documents print this where State documents print the Quốc hiệu.
    r"dang\s+cong\s+san\s+viet\s+nam"
)
_TIEU_NGU_RE = re.compile(r"doc\s*lap\s*[-,]?\s*tu\s*do\s*[-,]?\s*hanh\s*phuc")
_NUMBER_RE = re.compile(r"(?<![a-z])so\s*[:.]\s*|(?<![a-z])so\s+(?=\d)")
_BLANK_NUMBER_RE = re.compile(r"^so\s*[:.]?\s*[._…\s]*/\s*(?=[^\W_])")
_PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^\W\d_][^\d,;:]{1,60}?)\s*,\s*(?P<rest>ngay\b.*|\d{1,2}\s*[/.\-].*)$"
)
_DATE_ONLY_RE = re.compile(r"ngay\s+\d{1,2}\s*(?:thang|[/.-])[^,;]*\d{4}\s*$")
_BLANK_DATE_RE = re.compile(r"ngay\s*[._…\s]*thang\s*[\d._…\s]*nam\s*(\d{4})?")
_VV_RE = re.compile(r"^(?:v/v|v\.v|ve viec)\b")
_COLUMN_SPLIT_RE = re.compile(r"\t+|\s{3,}|\s+\|\s+|^\|\s*|\s*\|$")
# Lines that always open the body.
_BODY_OPENERS = (
    "can cu",
    "kinh gui",
    "xet de nghi",
    "theo de nghi",
    "hom nay",
    "vao hoi",
)
# Lines that open the body when they name a document ("Thực hiện Kế hoạch số …"); without
# one they may be a title ("Thực hiện phong trào thi đua …", "Triển khai …").
_BASIS_OPENER_RE = re.compile(
    r"(?:tiep tuc\s+)?(?:thuc hien|trien khai)(?:\s+thuc hien)?\s+(?:(?:y kien\s+)?chi dao\b|"
    r"(?:cac\s+)?(?:" + DOC_KIND_RE.pattern.replace("(?<![a-z])", "") + r")[^.;]{0,60}?\bso\b)"
)
# Further openers that end a title once it has a line ("Để …", "Nhằm …", "Ngày …").
_TITLE_STOPS = (
    "theo ",
    "de ",
    "nham ",
    "tren co so",
    "ngay ",
    "xet ",
)
# The tail of a document with no body: "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN".
_TAIL_RE = re.compile(r"(?i:n[ơo]i\s+nh[ậa]n)\b|(?:TUQ|TM|KT|TL|Q)\s*\.\s*\S")
_YEAR_OPENER_RE = re.compile(r"nam\s+(?:19|20)\d\d\s*,")
# A capital line after the title that names the signing authority of a decision
# ("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO") starts the body, not the title.
_AUTHORITY_STARTS = (
    "chu tich",
    "pho chu tich",
    "uy ban nhan dan",
    "ubnd",
    "giam doc",
    "truong ban",
    "truong phong",
    "bo truong",
    "thu tuong",
    "hoi dong",
    "ban thuong vu",
    "chanh van phong",
)
_ORG_STARTS = (
    "uy ban",
    "ubnd",
    "hdnd",
    "hoi dong",
    "so ",
    "phong ",
    "ban ",
    "bo ",
    "cuc ",
    "tong cuc",
    "chi cuc",
    "van phong",
    "trung tam",
    "dang uy",
    "dang bo",
    "thanh uy",
    "tinh uy",
    "quan uy",
    "huyen uy",
    "cong an",
    "truong ",
    "vien ",
    "mat tran",
    "chinh phu",
    "quoc hoi",
)


@dataclass
class Header:
    """What the header says, each value with the lines it came from."""

    number: str | None = None
    doc_type: str | None = None
    type_name: str | None = None
    issuer: str | None = None
    governing_body: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    has_quoc_hieu: bool = False
    body_start: int = 0  # index (into the line list) of the first body line
    header_lines: set[int] = field(default_factory=set)  # indices of recognised header lines
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Segment:
    """A piece of a header line: one column, or one fixed phrase of it."""

    text: str
    fold: str
    line: int  # line number
    index: int  # index of the line in the list


_BLANK_GAP_RE = re.compile(
    r"(S[ốỐoO]\s*:?)\s{2,}(?=[._…]*\s*/)|(ng[àa]y)\s{2,}(?=th[áa]ng)", re.IGNORECASE
)
_MARK_RE = re.compile(r"^(?:du thao|khan|thuong khan|hoa toc|mat|toi mat|tuyet mat)\b")


def _split_segments(line: Line, index: int) -> list[_Segment]:
    """Cut a header line into its column pieces and at the header's fixed phrases."""
    # A draft leaves blanks ("Số:      /KH-UBND", "ngày      tháng 3"): not a column gap.
    raw = _BLANK_GAP_RE.sub(lambda m: f"{m.group(1) or m.group(2)} ", line.raw)
    pieces = [p for p in _COLUMN_SPLIT_RE.split(raw) if p and p.strip()]
    segments: list[_Segment] = []
    for piece in pieces:
        text = " ".join(piece.split())
        folded = fold(text)
        cuts = {0, len(text)}
        for regex in (_QUOC_HIEU_RE, _TIEU_NGU_RE, _NUMBER_RE):
            for m in regex.finditer(folded):
                cuts.add(m.start())
                if regex is not _NUMBER_RE:
                    cuts.add(m.end())
                else:
                    symbol = find_symbol(text, m.end(), min(len(text), m.end() + 40))
                    if symbol and symbol.start() - m.end() <= 2:
                        cuts.add(symbol.end())
        ordered = sorted(cuts)
        for a, b in zip(ordered, ordered[1:], strict=False):
            chunk = text[a:b].strip(" ,;|")
            if chunk:
                start = a + (len(text[a:b]) - len(text[a:b].lstrip(" ,;|")))
                segments.append(_Segment(chunk, folded[start : start + len(chunk)], line.no, index))
    return segments


def _type_at(line: Line) -> tuple[str, int] | None:
    """If ``line`` opens with a document type name in capitals, return it and its length."""
    folded = line.fold
    for name in sorted(TYPE_NAMES, key=len, reverse=True):
        if folded.startswith(name) and (
            len(folded) == len(name) or not folded[len(name)].isalpha()
        ):
            printed = line.text[: len(name)]
            if is_mostly_upper(printed, 1.0):
                return printed, len(name)
    return None


def _is_body_start(line: Line) -> bool:
    """True for the first line of a body: a legal basis, a salutation or a section heading."""
    if line.fold.startswith(_BODY_OPENERS) or _BASIS_OPENER_RE.match(line.fold):
        return True
    label, rest = parse_label(line.text, line.fold)
    return bool(label and label.kind in HEADING_KINDS and label.kind != "upper" and rest)


def parse_header(lines: list[Line]) -> Header:
    """Read the header from the first lines of a document."""
    header = Header()
    window = lines[:_HEADER_WINDOW]
    first_body = next((i for i, ln in enumerate(window) if _is_body_start(ln)), len(window))
    type_index: int | None = None
    type_rest = 0
    for i in range(first_body):
        found = _type_at(window[i])
        if found:
            type_index = i
            header.type_name, type_rest = found
            header.spans["type_name"] = (window[i].no, window[i].no)
            break
    zone_end = type_index if type_index is not None else first_body
    segments: list[_Segment] = []
    for i in range(zone_end):
        segments.extend(_split_segments(window[i], i))
    issuer_segments = _classify(segments, header)
    if type_index is not None:
        header.body_start = _read_title(window, type_index, type_rest, first_body, header)
    else:
        # No type name: the header ends with the last line it is recognised by (number,
        # date, Quốc hiệu, "V/v …"); without any, there is no header at all.
        recognised = [s.index for s in segments if s.index in header.header_lines]
        header.body_start = max(recognised) + 1 if recognised else 0
        issuer_segments = [s for s in issuer_segments if s.index < header.body_start]
    _read_issuer(issuer_segments, header)
    if header.number and not header.doc_type:
        header.doc_type = doc_type_from_symbol(header.number)
    if header.doc_type is None and header.type_name:
        header.doc_type = TYPE_NAMES.get(fold(header.type_name))
    if header.number and header.type_name:
        from_symbol = doc_type_from_symbol(header.number)
        from_name = TYPE_NAMES.get(fold(header.type_name))
        if from_symbol and from_name and from_symbol != from_name:
            header.warnings.append(
                f'Ký hiệu "{header.number}" ({from_symbol}) không khớp tên loại văn bản '
                f'"{header.type_name}" ({from_name}).'
            )
    return header


def _classify(segments: list[_Segment], header: Header) -> list[_Segment]:
    """Recognise the fixed parts of the header; return the segments left for the issuer."""
    rest: list[_Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        folded = seg.fold
        if not seg.text.strip("-_=*.|~–— "):
            i += 1
            continue
        if _QUOC_HIEU_RE.match(folded) or _TIEU_NGU_RE.match(folded):
            header.has_quoc_hieu = True
            header.header_lines.add(seg.index)
            i += 1
            continue
        if _NUMBER_RE.match(folded) and header.number is None and "number" not in header.spans:
            header.header_lines.add(seg.index)
            _read_number(seg, header)
            i += 1
            continue
        m = _PLACE_DATE_RE.match(folded)
        if m and header.date is None and "date" not in header.spans:
            used = _read_place_date(segments, i, header)
            header.header_lines.update(s.index for s in segments[i : i + used])
            i += used
            continue
        if _DATE_ONLY_RE.match(folded) and "date" not in header.spans:
            # "Ngày 05 tháng 3 năm 2024" without a place.
            hits = [h for h in find_dates(folded) if h.precision == "day"]
            header.spans["date"] = (seg.line, seg.line)
            header.header_lines.add(seg.index)
            if hits and hits[0].value:
                header.date = hits[0].value
            else:
                header.warnings.append(
                    f'Ngày ban hành không hợp lệ, để trống: "{seg.text}" (dòng {seg.line}).'
                )
            i += 1
            continue
        if _MARK_RE.match(folded) and is_mostly_upper(seg.text):
            if folded.startswith("du thao"):
                header.warnings.append(f'Văn bản ghi là dự thảo: "{seg.text}" (dòng {seg.line}).')
            i += 1
            continue
        if _VV_RE.match(folded) and header.title is None:
            # "V/v đăng ký thi đua cải cách" / "hành chính năm 2024": the subject of a letter
            # wraps onto lower-case lines.
            parts, last, start_index = [seg.text], seg.line, i
            while i + 1 < len(segments) and segments[i + 1].text[:1].islower():
                i += 1
                parts.append(segments[i].text)
                last = segments[i].line
            header.title = " ".join(parts)
            header.spans["title"] = (seg.line, last)
            header.header_lines.update(s.index for s in segments[start_index : i + 1])
            i += 1
            continue
        rest.append(seg)
        i += 1
    return rest


def _read_number(seg: _Segment, header: Header) -> None:
    """Read "Số: 20/KH-UBND"; warn about a blank or unreadable number."""
    m = _NUMBER_RE.match(seg.fold)
    assert m is not None
    symbol = find_symbol(seg.text, m.end(), min(len(seg.text), m.end() + 40))
    header.spans["number"] = (seg.line, seg.line)
    if symbol and symbol.start() - m.end() <= 2:
        header.number = re.sub(r"\s*/\s*", "/", symbol.group(1))
        return
    blank = _BLANK_NUMBER_RE.match(seg.fold)
    if blank:
        symbol_text = seg.text[blank.end() :].split()[0] if seg.text[blank.end() :].split() else ""
        header.doc_type = doc_type_from_symbol("0/" + symbol_text) if symbol_text else None
        header.warnings.append(
            f'Số văn bản để trống: "{seg.text}" (dòng {seg.line}) — có lẽ là bản dự thảo.'
        )
        return
    header.warnings.append(f'Không đọc được số, ký hiệu: "{seg.text}" (dòng {seg.line}).')


def _read_place_date(segments: list[_Segment], i: int, header: Header) -> int:
    """Read "Place, ngày …" possibly continued on the next segments; return segments used."""
    seg = segments[i]
    text, folded = seg.text, seg.fold
    used = 1
    first_line = last_line = seg.line
    # "Thái Bình, ngày" / "11 tháng 12 năm 2023": pull in the rest of the date.
    while used < 3 and i + used < len(segments) and not _has_year(folded):
        nxt = segments[i + used]
        if not re.match(r"^(?:\d|thang|nam|ngay)", nxt.fold):
            break
        text = f"{text} {nxt.text}"
        folded = f"{folded} {nxt.fold}"
        last_line = nxt.line
        used += 1
    m = _PLACE_DATE_RE.match(folded)
    if not m:
        return used
    place = text[: m.end("place")].strip()
    header.place = place
    header.spans["place"] = (first_line, first_line)
    header.spans["date"] = (first_line, last_line)
    rest_fold = folded[m.start("rest") :]
    rest_text = text[m.start("rest") :]
    hits = [h for h in find_dates(rest_fold) if h.precision == "day"]
    if hits and hits[0].value:
        header.date = hits[0].value
    elif _BLANK_DATE_RE.match(rest_fold) and not hits:
        header.warnings.append(
            f'Ngày ban hành để trống: "{text}" (dòng {first_line}) — có lẽ là bản dự thảo.'
        )
    else:
        header.warnings.append(
            f'Ngày ban hành không hợp lệ, để trống: "{rest_text}" (dòng {first_line}).'
        )
    return used


def _has_year(folded: str) -> bool:
    """True when the (folded) date text already has its year."""
    return bool(re.search(r"\d{4}\s*$|nam\s+\d{4}", folded))


def _read_title(
    window: list[Line], type_index: int, type_rest: int, first_body: int, header: Header
) -> int:
    """Collect the title lines under the type name; return the index where the body starts."""
    parts: list[str] = []
    first_no = last_no = None
    type_line = window[type_index]
    same_line = type_line.text[type_rest:].strip(" :-–")
    if same_line:
        parts.append(same_line)
        first_no = last_no = type_line.no
    i = type_index + 1
    limit = min(len(window), first_body if first_body > type_index else len(window))
    upper_title: bool | None = is_mostly_upper(same_line) if same_line else None
    while i < limit and len(parts) < 6:
        line = window[i]
        folded = line.fold
        if line.rule:
            if parts:
                i += 1
                break
            i += 1
            continue
        if _QUOC_HIEU_RE.match(folded) or _TIEU_NGU_RE.match(folded):
            header.has_quoc_hieu = True
            i += 1
            continue
        if _PLACE_DATE_RE.match(folded) and "date" not in header.spans:
            segs = [_Segment(line.text, folded, line.no, i)]
            if i + 1 < len(window):
                segs.append(
                    _Segment(window[i + 1].text, window[i + 1].fold, window[i + 1].no, i + 1)
                )
            used = _read_place_date(segs, 0, header)
            i += used
            continue
        if _NUMBER_RE.match(folded) and "number" not in header.spans:
            _read_number(_Segment(line.text, folded, line.no, i), header)
            i += 1
            continue
        if _is_body_start(line) or _YEAR_OPENER_RE.match(folded) or _TAIL_RE.match(line.text):
            break
        if parts and (folded.startswith(_TITLE_STOPS) or line.text.startswith("(")):
            break
        upper = is_mostly_upper(line.text)
        if parts and upper and folded.startswith(_AUTHORITY_STARTS) and not upper_title:
            break
        if parts and upper_title is not None and upper != upper_title and len(line.text) > 60:
            break
        if parts and (line.text.endswith((".", ":", ";")) and not upper):
            break
        if line.text.count(" ") > 40:
            break
        parts.append(line.text)
        if upper_title is None:
            upper_title = upper
        if first_no is None:
            first_no = line.no
        last_no = line.no
        i += 1
    if parts:
        header.title = " ".join(parts)
        assert first_no is not None and last_no is not None
        header.spans["title"] = (first_no, last_no)
    return i


def _has_locality(text: str) -> bool:
    """True when an administrative level appears after the first word ("UBND phường X")."""
    lowered = text.lower().split()
    return any(admin_level_at(lowered, k) for k in range(1, len(lowered)))


def _starts_with_admin(text: str) -> bool:
    """True when ``text`` opens with an administrative level ("PHƯỜNG …")."""
    return admin_level_at(text.lower().split(), 0) > 0


def _read_issuer(segments: list[_Segment], header: Header) -> None:
    """Group the leftover capital-letter segments into names: governing body, issuer."""
    names: list[list[_Segment]] = []
    for seg in segments:
        if not is_mostly_upper(seg.text, 0.6) or seg.text.count(" ") > 14:
            continue
        if seg.text.startswith(("(", "[")):
            continue
        if names:
            prev_text = " ".join(s.text for s in names[-1])
            prev_fold = fold(prev_text)
            prev_last = prev_fold.split()[-1] if prev_fold.split() else ""
            joins = (
                prev_last in ("va", "-", "cua")
                or seg.fold.startswith(("va ", "- ", "-"))
                or (_starts_with_admin(seg.text) and not _has_locality(prev_text))
                or not seg.fold.startswith(_ORG_STARTS)
            )
            if joins:
                names[-1].append(seg)
                continue
        names.append([seg])
    if not names:
        return
    issuer_parts = names[-1]
    issuer_raw = " ".join(s.text for s in issuer_parts)
    issuer = normalise_org(issuer_raw)
    header.spans["issuer"] = (issuer_parts[0].line, issuer_parts[-1].line)
    if len(names) >= 2:
        gov_parts = names[-2]
        governing = normalise_org(" ".join(s.text for s in gov_parts))
        header.governing_body = governing
        header.spans["governing_body"] = (gov_parts[0].line, gov_parts[-1].line)
        if not _has_locality(issuer):
            locality = _locality(governing)
            if locality:
                issuer = f"{issuer} {locality}"
    header.issuer = issuer


def _locality(name: str) -> str | None:
    """The "tỉnh Phú Thọ" part of "UBND tỉnh Phú Thọ"."""
    words = name.split()
    lowered = [w.lower() for w in words]
    for k in range(1, len(words)):
        if admin_level_at(lowered, k):
            return " ".join(words[k:])
    return None
