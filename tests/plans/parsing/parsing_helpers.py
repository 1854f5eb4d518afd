"""Shared helpers for the plan-parser tests: fixture paths and writers of test documents.

Test documents in other formats are generated from the text fixtures at run time, so every
format is checked against the same expected values: .docx through python-docx (with the
two-column header as a table, automatic list numbering, legacy fonts), PDF through a tiny
hand-written PDF writer (a Type 0 font with a ToUnicode map, so Vietnamese text survives
extraction without embedding a font program), and the legacy encodings through
:mod:`thidua.vn.legacy`.
"""

from __future__ import annotations

import io
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
#: Copies of shared/seed and shared/examples, so the tests run wherever the repo is cloned;
#: test_parse_examples checks them against shared/ when it is there.
SEED = FIXTURES / "seed_20_kh_ubnd_mo_lao.txt"
EXAMPLE_THAIBINH = FIXTURES / "example_thaibinh_161_2023_partial.txt"
EXAMPLE_TUYENQUANG = FIXTURES / "example_tuyenquang_154_2022_partial.txt"
SHARED_CANDIDATES = (HERE.parents[2].parent / "shared", Path("/work/shared"))


def fixture(name: str) -> Path:
    """Path of a text fixture."""
    return FIXTURES / name


def fixture_text(name: str) -> str:
    """Text of a fixture."""
    return fixture(name).read_text(encoding="utf-8")


def seed_text() -> str:
    """Text of the seed plan 20/KH-UBND."""
    return SEED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- .docx
def make_docx(
    paragraphs: list[str],
    *,
    header_left: list[str] | None = None,
    header_right: list[str] | None = None,
    recipients: list[str] | None = None,
    signature: list[str] | None = None,
    font: str | Callable[[str], str] | None = None,
    list_styles: dict[int, str] | None = None,
) -> bytes:
    """A .docx laid out like a real plan.

    ``header_left``/``header_right`` become the two cells of the header table and
    ``recipients``/``signature`` those of the closing table, as offices lay them out.
    ``list_styles`` maps a paragraph index to a Word list style ("List Number", "List
    Bullet"): the label is then drawn by Word's numbering, not present in the text.
    ``font`` sets every run's font (".VnTime" for TCVN3 text, "VNI-Times" for VNI), or is a
    function of the run's text that returns the font.
    """
    import docx

    document = docx.Document()

    def add_runs(paragraph, text: str) -> None:
        run = paragraph.add_run(text)
        if font:
            run.font.name = font(text) if callable(font) else font

    def fill_cell(cell, lines: list[str]) -> None:
        cell.paragraphs[0].text = ""
        add_runs(cell.paragraphs[0], lines[0] if lines else "")
        for line in lines[1:]:
            add_runs(cell.add_paragraph(), line)

    if header_left is not None or header_right is not None:
        table = document.add_table(rows=1, cols=2)
        fill_cell(table.cell(0, 0), header_left or [])
        fill_cell(table.cell(0, 1), header_right or [])
    for index, text in enumerate(paragraphs):
        style = (list_styles or {}).get(index)
        paragraph = document.add_paragraph(style=style) if style else document.add_paragraph()
        add_runs(paragraph, text)
    if recipients is not None or signature is not None:
        table = document.add_table(rows=1, cols=2)
        fill_cell(table.cell(0, 0), recipients or [])
        fill_cell(table.cell(0, 1), signature or [])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_from_text(text: str) -> bytes:
    """A .docx with one paragraph per line of ``text``."""
    return make_docx(text.split("\n"))


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: letters with their vowel marks precomposed, the tone
    as a combining mark ("ộ" = "ô" + U+0323)."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        tone = "".join(c for c in parts if c in tones)
        out += (base + tone).encode("cp1258", errors="replace")
    return bytes(out)


# --------------------------------------------------------------------------- PDF
def make_pdf(lines: list[str], lines_per_page: int = 50) -> bytes:
    """A PDF whose text layer holds ``lines`` (any Unicode), one per text line.

    Each character gets a CID of a Type 0 font, and the font's ToUnicode map gives it
    back: exactly what text extraction reads. No font program is embedded, so viewers
    draw nothing useful, but the text layer is real.
    """
    pages = [lines[i : i + lines_per_page] for i in range(0, max(len(lines), 1), lines_per_page)]
    return make_pdf_pages(
        [[(40, 800 - 14 * row, line) for row, line in enumerate(page)] for page in pages]
    )


def make_pdf_pages(pages: list[list[tuple[int, int, str]]]) -> bytes:
    """A PDF whose pages hold text placed at (x, y): two columns side by side, like a print."""
    chars = sorted({ch for page in pages for _, _, text in page for ch in text} | {" "})
    cid = {ch: index + 1 for index, ch in enumerate(chars)}

    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        packed = zlib.compress(data)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
        return head + packed + b"\nendstream"

    catalog = add(b"")  # filled in once the page tree number is known
    pages_obj = add(b"")
    bfchars = [f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars if ord(ch) <= 0xFFFF]
    blocks = []
    for i in range(0, len(bfchars), 100):
        chunk = bfchars[i : i + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode()
    to_unicode = add(stream(cmap))
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 500 /CIDToGIDMap /Identity >>"
    )
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H "
        f"/DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>".encode()
    )
    page_ids = []
    for page_items in pages:
        ops = []
        for x, y, text in page_items:
            glyphs = "".join(f"{cid[c]:04X}" for c in text)
            ops.append(f"BT /F1 11 Tf 1 0 0 1 {x} {y} Tm <{glyphs}> Tj ET")
        content = add(stream("\n".join(ops).encode()))
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


# --------------------------------------------------------------------------- big plans
def long_plan(pages: int) -> str:
    """A plan of about ``pages`` A4 pages: the seed's header and closing around many sections."""
    seed = seed_text().split("\n")
    head, body_end = seed[:12], seed[84:]
    sections: list[str] = []
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for s in range(pages):
        sections.append(f"{romans[s % 10]}. NỘI DUNG THI ĐUA PHẦN {s + 1}")
        for n in range(1, 5):
            sections.append(f"{n}. Nhiệm vụ cải cách hành chính số {n} của phần {s + 1}")
            for _ in range(3):
                sections.append(
                    "- Thi đua triển khai toàn diện, đồng bộ, có hiệu quả các nội dung cải cách "
                    "hành chính theo kế hoạch số 17/KH-UBND ngày 16/02/2023 của UBND phường, "
                    "phấn đấu hoàn thành sớm các chỉ tiêu được giao; nâng cao chất lượng phục "
                    "vụ người dân, tổ chức."
                )
    return "\n".join(head + sections + seed[12:84] + body_end)
