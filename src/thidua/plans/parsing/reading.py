"""Turn the bytes of an uploaded file into plain text, whatever the format.

The format is recognised from the content, never from the file name: offices rename
files freely (an RTF saved as ``.doc``, a text export named ``.docx``). Supported:

* **.docx** — :mod:`.docx_reader` (zip-bomb checks, tables, list numbering, legacy fonts);
* **PDF with a text layer** — :mod:`.pdf_reader`; a scan without text is refused with advice;
* **text** — UTF-8 (with or without BOM), UTF-16/32 (BOM or not), and the legacy TCVN3,
  VNI and Windows-1258 encodings, told apart by how Vietnamese the result reads;
* **HTML** (a plan saved from a web page) — tags stripped, blocks kept as lines.

Everything else (old binary .doc, RTF, images, archives, executables, random bytes) gets
a :class:`ParseError` naming what the file is and what to do.
"""

from __future__ import annotations

import codecs
import html
import html.parser
import re

from thidua.plans.parsing.docx_reader import read_zip_document
from thidua.plans.parsing.errors import ParseError
from thidua.plans.parsing.extracted import MB, SUPPORTED_HINT, Extracted
from thidua.plans.parsing.limits import MAX_INPUT_BYTES, Deadline
from thidua.plans.parsing.pdf_reader import read_pdf
from thidua.vn.legacy import decode_legacy_bytes, fix_legacy_text

__all__ = ["read_document"]

# --------------------------------------------------------------------------- entry point
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "unsupported_format",
        "tệp Word 97-2003 (.doc) hoặc Excel cũ chưa được hỗ trợ; hãy mở bằng Word và "
        "lưu lại thành .docx (hoặc xuất PDF)",
    ),
    (b"{\\rtf", "unsupported_format", "tệp RTF chưa được hỗ trợ; hãy lưu lại thành .docx"),
    (b"\x89PNG", "unsupported_format", "tệp là ảnh PNG, không có chữ để đọc"),
    (b"\xff\xd8\xff", "unsupported_format", "tệp là ảnh JPEG, không có chữ để đọc"),
    (b"GIF8", "unsupported_format", "tệp là ảnh GIF, không có chữ để đọc"),
    (b"II*\x00", "unsupported_format", "tệp là ảnh TIFF, không có chữ để đọc"),
    (b"MM\x00*", "unsupported_format", "tệp là ảnh TIFF, không có chữ để đọc"),
    (b"\x1f\x8b", "unsupported_format", "tệp nén gzip, không phải văn bản"),
    (b"7z\xbc\xaf\x27\x1c", "unsupported_format", "tệp nén 7z, không phải văn bản"),
    (b"Rar!", "unsupported_format", "tệp nén RAR, không phải văn bản"),
    (b"\x7fELF", "binary", "tệp chương trình, không phải văn bản"),
    (b"MZ", "binary", "tệp chương trình Windows, không phải văn bản"),
)


def read_document(data: bytes, filename: str | None, deadline: Deadline) -> Extracted:
    """Extract the text of ``data``; raise :class:`ParseError` if there is nothing to read."""
    if not data or not data.strip():
        raise ParseError("empty", "Tệp rỗng: không có nội dung để đọc.")
    if len(data) > MAX_INPUT_BYTES:
        raise ParseError(
            "too_large",
            f"Tệp quá lớn ({len(data) / MB:.1f} MB, giới hạn {MAX_INPUT_BYTES // MB} MB): "
            "một kế hoạch thường chỉ vài trăm KB; hãy bỏ ảnh hoặc phụ lục rồi thử lại.",
        )
    head = data[:1024]
    if b"%PDF-" in head:
        return read_pdf(data, deadline)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return read_zip_document(data, deadline)
    for magic, code, why in _MAGIC:
        if data.startswith(magic):
            raise ParseError(code, f"Không đọc được: {why}. {SUPPORTED_HINT}")
    extracted = _read_text(data)
    if _looks_like_html(extracted.text):
        extracted = Extracted(
            _html_to_text(extracted.text), "html", extracted.encoding, extracted.warnings
        )
    if not extracted.text.strip():
        raise ParseError("empty", "Tệp không có chữ nào để đọc.")
    return extracted


# --------------------------------------------------------------------------- plain text
# Control bytes that never occur in text. TCVN3 uses some C0 codes for toned capitals
# (0x01, 0x02, 0x04–0x06, 0x11–0x17), so those are not counted against a file.
_BINARY_BYTES = bytes([0, 3, 7, 8, 0x0E, 0x0F, 0x10, *range(0x18, 0x20), 0x7F])


def _binary_share(sample: bytes) -> float:
    """Share of bytes in ``sample`` that only binary data contains."""
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _BINARY_BYTES))) / len(sample)


def _utf16_without_bom(sample: bytes) -> str | None:
    """Guess UTF-16 without BOM from where the zero bytes fall (ASCII has a zero high byte)."""
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    if odd_zero > 0.25 * half and even_zero < 0.05 * half:
        return "utf-16-le"
    if even_zero > 0.25 * half and odd_zero < 0.05 * half:
        return "utf-16-be"
    return None


def _read_text(data: bytes) -> Extracted:
    """Decode a text file: BOM first, then UTF-16 by shape, UTF-8, then legacy encodings."""
    notes: list[str] = []
    for bom, codec_name, label in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ):
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec_name, errors="replace")
            return _finish_text(text, label, notes)
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return _finish_text(data.decode(utf16, errors="replace"), "utf-16", notes)
    if _binary_share(data[:65536]) > 0.01:
        raise ParseError(
            "binary",
            f"Không đọc được: tệp chứa dữ liệu nhị phân, không phải văn bản. {SUPPORTED_HINT}",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = decode_legacy_bytes(data)
        if encoding in ("tcvn3", "vni"):
            notes.append(
                f"Tệp dùng bảng mã cũ {encoding.upper()}, đã chuyển sang Unicode: "
                "nên đối chiếu chữ hoa có dấu với bản gốc."
            )
        return _finish_text(text, encoding, notes)
    return _finish_text(text, "utf-8", notes)


_NOISE_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _finish_text(text: str, encoding: str, notes: list[str]) -> Extracted:
    """Convert legacy text hidden in a Unicode file, and refuse text that is mostly noise."""
    fixed, legacy = fix_legacy_text(text)
    if legacy:
        notes.append(
            f"Văn bản gõ bằng bảng mã cũ {legacy.upper()} (lưu dưới dạng {encoding}), "
            "đã chuyển sang Unicode."
        )
        encoding = f"{legacy} ({encoding})"
    sample = fixed[:65536]
    if sample:
        bad = len(_NOISE_RE.findall(sample))
        if bad / len(sample) > 0.05:
            raise ParseError(
                "binary",
                "Không đọc được: nội dung không phải chữ (sai định dạng hoặc tệp hỏng). "
                + SUPPORTED_HINT,
            )
    return Extracted(fixed, "txt", encoding, notes)


# --------------------------------------------------------------------------- HTML
def _looks_like_html(text: str) -> bool:
    """True when the text opens like a web page."""
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


class _HTMLText(html.parser.HTMLParser):
    """Collect the visible text of an HTML page, one line per block element."""

    _BLOCKS = frozenset(
        ["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"]
        + ["section", "article", "header", "footer", "blockquote", "pre", "title"]
    )
    _SKIP = frozenset(["script", "style", "head", "noscript", "template"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a line (block element) or a cell (tab), or start skipping."""
        if tag in self._SKIP:
            self.skip_depth += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        """Close a line, or stop skipping."""
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep visible text; source line breaks inside a block are spaces."""
        if not self.skip_depth:
            self.parts.append(data.replace("\n", " "))


def _html_to_text(markup: str) -> str:
    """Visible text of a web page, one line per block element."""
    parser = _HTMLText()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; anything it still rejects is plain text
        return html.unescape(re.sub(r"<[^>]{0,2000}>", " ", markup))
    return "".join(parser.parts)
