""".docx input: zip checks against bombs, then python-docx, read in reading order.

The zip is checked before anything is unpacked: a "zip bomb" (a tiny file that unpacks to
gigabytes) is refused from the sizes its directory declares — zipfile stops reading a
member at its declared size, so a lying directory cannot get past the check. Then:
tables are read cell by cell (the two-column header and the signature block are tables),
text boxes are read once (Word stores each twice), automatic list numbering is rendered
("1.", "a)", "-"), runs formatted as capitals are upper-cased, and runs in legacy fonts
(``.VnTime`` = TCVN3, ``VNI-Times`` = VNI) are converted to Unicode.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from thidua.plans.parsing.errors import ParseError
from thidua.plans.parsing.extracted import MB, SUPPORTED_HINT, Extracted
from thidua.plans.parsing.limits import Deadline
from thidua.vn.legacy import fix_legacy_text, is_legacy_font, tcvn3_to_unicode, vni_to_unicode

__all__ = ["read_zip_document"]

# Zip limits for .docx: a real plan unpacks to a few MB; images do not compress, text
# compresses about tenfold. A member far more compressed than that is a bomb.
_ZIP_MAX_MEMBERS = 3000
_ZIP_MAX_TOTAL = 120 * MB
_ZIP_MAX_RATIO = 120
_ZIP_RATIO_FLOOR = 2 * MB  # small members may compress well; ignore their ratio
_DOCX_MAX_XML = 40 * MB


def read_zip_document(data: bytes, deadline: Deadline) -> Extracted:
    """Check the zip for bombs and kind, then read it as .docx."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception as exc:  # zipfile raises several types on damaged archives
        raise ParseError(
            "corrupt", f"Không đọc được: tệp nén/.docx bị hỏng ({type(exc).__name__})."
        ) from exc
    if len(members) > _ZIP_MAX_MEMBERS:
        raise ParseError("zip_bomb", "Không đọc được: tệp .docx có quá nhiều thành phần.")
    total = sum(m.file_size for m in members)
    if total > _ZIP_MAX_TOTAL:
        raise ParseError(
            "zip_bomb",
            f"Không đọc được: tệp .docx giải nén ra {total / MB:.0f} MB, quá lớn "
            "(nghi là tệp độc hại).",
        )
    for m in members:
        if m.file_size > _ZIP_RATIO_FLOOR and m.file_size > _ZIP_MAX_RATIO * max(
            m.compress_size, 1
        ):
            raise ParseError(
                "zip_bomb",
                f"Không đọc được: thành phần {m.filename!r} nén bất thường "
                f"({m.file_size / MB:.0f} MB từ {m.compress_size} byte), nghi là tệp độc hại.",
            )
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        kind = "tệp nén"
        if "mimetype" in names:
            kind = "tệp OpenDocument (.odt/.ods)"
        elif any(n.startswith("xl/") for n in names):
            kind = "bảng tính Excel (.xlsx)"
        elif any(n.startswith("ppt/") for n in names):
            kind = "bản trình chiếu (.pptx)"
        raise ParseError(
            "unsupported_format",
            f"Không đọc được: đây là {kind}, không phải .docx. " + SUPPORTED_HINT,
        )
    if archive.getinfo("word/document.xml").file_size > _DOCX_MAX_XML:
        raise ParseError("too_large", "Không đọc được: nội dung .docx quá lớn.")
    deadline.check()
    return _read_docx(data, deadline)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TAG_T = _W + "t"
_TAG_P = _W + "p"
_TAG_R = _W + "r"
_TAG_TBL = _W + "tbl"


def _read_docx(data: bytes, deadline: Deadline) -> Extracted:
    """Open the checked archive with python-docx and read its body in order."""
    try:
        import docx  # python-docx; imported here so text and PDF input work without it
    except ImportError as exc:  # pragma: no cover - an install problem, not an input one
        raise ParseError("unsupported_format", "Thiếu thư viện python-docx để đọc .docx.") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _DocxStyles(document)
        numbering = _DocxNumbering(document, styles)
    except Exception as exc:  # python-docx/lxml raise many types on damaged files
        raise ParseError(
            "corrupt",
            f"Không đọc được: tệp .docx bị hỏng hoặc không phải Word ({type(exc).__name__}).",
        ) from exc
    reader = _DocxReader(styles, numbering, deadline)
    try:
        reader.walk(body)
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(
            "corrupt", f"Không đọc được nội dung .docx ({type(exc).__name__})."
        ) from exc
    text = "\n".join(reader.lines)
    notes: list[str] = []
    if reader.legacy_runs:
        notes.append(
            "Văn bản có đoạn gõ bằng phông chữ bảng mã cũ (TCVN3/VNI), đã chuyển sang Unicode."
        )
    text, legacy = fix_legacy_text(text)
    if legacy:
        notes.append(f"Văn bản gõ bằng bảng mã cũ {legacy.upper()}, đã chuyển sang Unicode.")
    if not text.strip():
        raise ParseError("empty", "Tệp .docx không có chữ nào để đọc.")
    encoding = legacy or (reader.legacy_encodings[0] if reader.legacy_encodings else None)
    return Extracted(text, "docx", encoding, notes)


class _DocxStyles:
    """Fonts, capitals and list numbering that paragraph and character styles carry."""

    def __init__(self, document: Any) -> None:
        self.font: dict[str, str | None] = {}
        self.caps: dict[str, bool] = {}
        self.num: dict[str, tuple[str, int]] = {}
        self.based_on: dict[str, str] = {}
        self.default_font: str | None = None
        try:
            root = document.styles.element
        except Exception:
            return
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        if defaults is not None:
            self.default_font = defaults.get(_W + "ascii") or defaults.get(_W + "hAnsi")
        for style in root.iterchildren(_W + "style"):
            sid = style.get(_W + "styleId")
            if not sid:
                continue
            based = style.find(_W + "basedOn")
            if based is not None and based.get(_W + "val"):
                self.based_on[sid] = based.get(_W + "val")
            fonts = style.find(f"{_W}rPr/{_W}rFonts")
            if fonts is not None:
                self.font[sid] = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
            caps = style.find(f"{_W}rPr/{_W}caps")
            if caps is not None:
                self.caps[sid] = caps.get(_W + "val", "true") not in ("0", "false", "off")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None and num_id.get(_W + "val"):
                    level = _int(ilvl.get(_W + "val") if ilvl is not None else "0")
                    self.num[sid] = (num_id.get(_W + "val"), level)

    def lookup(self, sid: str | None, table: dict[str, Any]) -> Any:
        """Follow the ``basedOn`` chain of ``sid`` until ``table`` has a value."""
        seen = 0
        while sid and seen < 20:  # a cycle in basedOn must not hang the reader
            if sid in table:
                return table[sid]
            sid = self.based_on.get(sid)
            seen += 1
        return None


def _int(value: str | None, default: int = 0) -> int:
    """An attribute value as an integer, ``default`` when missing or malformed."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    """Roman numeral of ``n`` (for "upperRoman" list levels)."""
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Letter label of ``n`` as Word writes it: a … z, aa … zz."""
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


class _DocxNumbering:
    """Render Word's automatic list labels ("1.", "1.1.", "a)", "-") as text."""

    def __init__(self, document: Any, styles: _DocxStyles) -> None:
        self.styles = styles
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is auto-numbered
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for absnum in root.iterchildren(_W + "abstractNum"):
            aid = absnum.get(_W + "abstractNumId")
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in absnum.iterchildren(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"))
                fmt_el = lvl.find(_W + "numFmt")
                text_el = lvl.find(_W + "lvlText")
                start_el = lvl.find(_W + "start")
                levels[ilvl] = (
                    fmt_el.get(_W + "val", "decimal") if fmt_el is not None else "decimal",
                    text_el.get(_W + "val", "") if text_el is not None else "",
                    _int(start_el.get(_W + "val") if start_el is not None else "1", 1),
                )
            if aid is not None:
                abstract[aid] = levels
        for num in root.iterchildren(_W + "num"):
            num_id = num.get(_W + "numId")
            ref = num.find(_W + "abstractNumId")
            if num_id is None or ref is None:
                continue
            levels = dict(abstract.get(ref.get(_W + "val", ""), {}))
            for override in num.iterchildren(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                ilvl = _int(override.get(_W + "ilvl"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(_W + "val"), 1))
            self.levels[num_id] = levels

    def label(self, paragraph: Any) -> str:
        """The label Word would draw before ``paragraph``, or "" if it is not in a list."""
        ppr = paragraph.find(_W + "pPr")
        num_id: str | None = None
        ilvl = 0
        if ppr is not None:
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                nid = num_pr.find(_W + "numId")
                lvl = num_pr.find(_W + "ilvl")
                num_id = nid.get(_W + "val") if nid is not None else None
                ilvl = _int(lvl.get(_W + "val")) if lvl is not None else 0
            if num_id is None:
                style = ppr.find(_W + "pStyle")
                found = self.styles.lookup(
                    style.get(_W + "val") if style is not None else None, self.styles.num
                )
                if found:
                    num_id, ilvl = found
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return _bullet_glyph(text)
        if fmt == "none":
            return ""

        def render(match: re.Match[str]) -> str:
            """Counter of the level that a ``%n`` placeholder refers to, in its format."""
            level = int(match.group(1)) - 1
            if not 0 <= level < 9:
                return ""
            lfmt, _, lstart = levels.get(level, ("decimal", "", 1))
            value = counters[level] or lstart
            if lfmt in ("lowerLetter",):
                return _letters(value)
            if lfmt in ("upperLetter",):
                return _letters(value).upper()
            if lfmt == "lowerRoman":
                return _roman(value).lower()
            if lfmt == "upperRoman":
                return _roman(value)
            if lfmt == "decimalZero":
                return f"{value:02d}"
            return str(value)

        return re.sub(r"%(\d)", render, text)


def _bullet_glyph(text: str) -> str:
    """Plain-text form of a bullet: dashes and pluses stay, every other glyph becomes •."""
    glyph = text.strip()[:1]
    if glyph in ("-", "–", "—", "‒", "−"):
        return "-"
    if glyph == "+":
        return "+"
    if glyph == "*":
        return "*"
    return "•"


class _DocxReader:
    """Walk the body of a .docx in reading order and collect its lines of text."""

    def __init__(self, styles: _DocxStyles, numbering: _DocxNumbering, deadline: Deadline) -> None:
        self.styles = styles
        self.numbering = numbering
        self.deadline = deadline
        self.lines: list[str] = []
        self.legacy_runs = 0
        self.legacy_encodings: list[str] = []
        self._count = 0

    def walk(self, element: Any) -> None:
        """Read the block-level children of ``element`` (body, cell, text box) in order."""
        for child in element.iterchildren():
            tag = child.tag
            if tag == _TAG_P:
                self._paragraph(child)
            elif tag == _TAG_TBL:
                # Row by row, cell by cell: the header table gives the issuer column, then
                # the Quốc hiệu column — the order text extraction of a print also gives.
                for row in child.iterchildren(_W + "tr"):
                    for cell in row.iterchildren(_W + "tc"):
                        self.walk(cell)
            elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins"):
                self.walk(child)
            self._count += 1
            if self._count % 200 == 0:
                self.deadline.check()

    def _paragraph(self, paragraph: Any) -> None:
        """Add the lines of one paragraph (its list label first), then its text boxes."""
        ppr = paragraph.find(_W + "pPr")
        pstyle = None
        if ppr is not None:
            style_el = ppr.find(_W + "pStyle")
            pstyle = style_el.get(_W + "val") if style_el is not None else None
        parts: list[str] = []
        boxes: list[Any] = []
        self._inline(paragraph, pstyle, parts, boxes)
        text = "".join(parts)
        label = self.numbering.label(paragraph)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        self.lines.extend(text.split("\n"))
        for box in boxes:
            self.walk(box)

    def _inline(self, element: Any, pstyle: str | None, parts: list[str], boxes: list[Any]) -> None:
        """Collect the visible text of the runs under ``element``."""
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments and processing instructions
            if tag == _TAG_R:
                self._run(child, pstyle, parts, boxes)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self._inline(choice, pstyle, parts, boxes)
            elif tag in (_W + "del", _W + "moveFrom", _W + "pPr"):
                continue  # deleted revisions and properties hold no visible text
            else:
                self._inline(child, pstyle, parts, boxes)

    def _run(self, run: Any, pstyle: str | None, parts: list[str], boxes: list[Any]) -> None:
        """Text of one run, converted from a legacy font and upper-cased when so formatted."""
        rpr = run.find(_W + "rPr")
        font = None
        caps = None
        rstyle = None
        if rpr is not None:
            fonts = rpr.find(_W + "rFonts")
            if fonts is not None:
                font = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
            caps_el = rpr.find(_W + "caps")
            if caps_el is not None:
                caps = caps_el.get(_W + "val", "true") not in ("0", "false", "off")
            style_el = rpr.find(_W + "rStyle")
            rstyle = style_el.get(_W + "val") if style_el is not None else None
        if font is None:
            font = (
                self.styles.lookup(rstyle, self.styles.font)
                or self.styles.lookup(pstyle, self.styles.font)
                or self.styles.default_font
            )
        if caps is None:
            caps = bool(
                self.styles.lookup(rstyle, self.styles.caps)
                or self.styles.lookup(pstyle, self.styles.caps)
            )
        chunk: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == _TAG_T:
                chunk.append(child.text or "")
            elif tag == _W + "tab":
                chunk.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                chunk.append("\n")
            elif tag == _W + "noBreakHyphen":
                chunk.append("-")
            elif isinstance(tag, str):
                boxes.extend(_text_boxes(child))
        text = "".join(chunk)
        legacy = is_legacy_font(font)
        if legacy and text:
            self.legacy_runs += 1
            encoding, capital_font = legacy
            if encoding not in self.legacy_encodings:
                self.legacy_encodings.append(encoding)
            if encoding == "tcvn3":
                text = tcvn3_to_unicode(text, caps="upper" if capital_font else "keep")
            else:
                text = vni_to_unicode(text)
        if caps:
            text = text.upper()
        parts.append(text)


def _text_boxes(element: Any) -> list[Any]:
    """The outermost text boxes inside a drawing, reading only one of Word's alternatives."""
    if element.tag == _W + "txbxContent":
        return [element]
    if element.tag == _MC + "AlternateContent":
        choice = element.find(_MC + "Choice")
        return _text_boxes(choice) if choice is not None else []
    found: list[Any] = []
    for child in element.iterchildren():
        if isinstance(child.tag, str):
            found.extend(_text_boxes(child))
    return found
