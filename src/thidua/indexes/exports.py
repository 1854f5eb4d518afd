"""Files made from the indexes: the SIPAS result workbook and printable QR posters."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .queries import SipasIndex
from .stats import Rate

HEADER_FILL = PatternFill("solid", fgColor="EEF1F5")


def _rate_row(rate: Rate) -> list:
    def pct(value: float | None):
        return round(value, 2) if value is not None else None

    return [
        rate.label,
        pct(rate.percent),
        rate.respondents,
        rate.answers or None,
        pct(rate.low),
        pct(rate.high),
    ]


RATE_HEADERS = [
    "Nội dung",
    "% hài lòng",
    "Số người trả lời",
    "Số câu trả lời",
    "Cận dưới KTC 95%",
    "Cận trên KTC 95%",
]


def _sheet(workbook: Workbook, title: str, rows: list[list], headers: list[str]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 60
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 16
    sheet.freeze_panes = "A2"


def sipas_workbook(index: SipasIndex) -> bytes:
    """The index with all its breakdowns, one sheet each."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Tổng hợp"
    org = index.organisation
    summary.append([f"Chỉ số hài lòng (SIPAS) — {org.committee_name}"])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([f"Từ {index.start:%d/%m/%Y} đến {index.end:%d/%m/%Y}"])
    if index.questionnaire:
        summary.append([f"Mẫu phiếu: {index.questionnaire}"])
    summary.append([])
    summary.append(RATE_HEADERS)
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    summary.append(_rate_row(index.overall))
    for factor in index.factors:
        summary.append(_rate_row(factor))
    summary.append([])
    summary.append(["Số phiếu bị loại", index.rejected_total])
    summary.column_dimensions["A"].width = 60
    for letter in "BCDEF":
        summary.column_dimensions[letter].width = 16

    criteria = [_rate_row(c) for f in index.factors for c in f.children]
    _sheet(workbook, "Theo tiêu chí", criteria, RATE_HEADERS)
    _sheet(workbook, "Theo quầy", [_rate_row(r) for r in index.desks], RATE_HEADERS)
    _sheet(workbook, "Theo cán bộ", [_rate_row(r) for r in index.staff], RATE_HEADERS)
    _sheet(workbook, "Theo thủ tục", [_rate_row(r) for r in index.procedures], RATE_HEADERS)
    _sheet(workbook, "Theo tháng", [_rate_row(r) for r in index.months], RATE_HEADERS)
    _sheet(workbook, "Theo hình thức", [_rate_row(r) for r in index.channels], RATE_HEADERS)
    _sheet(
        workbook,
        "Phiếu bị loại",
        [[label, count] for _, label, count in index.rejections],
        ["Lý do", "Số phiếu"],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- QR posters --------------------------------------------------------------------------

# DejaVu Sans first: Debian's fonts-liberation 1.x lacks the stacked Vietnamese vowels
# (ầ, ớ, ự); Liberation 2 has them.
FONT_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
]
VIETNAMESE_PROBE = "ầớựỹĐ"


def _fonts() -> tuple[str, str]:
    """A TrueType font that has every Vietnamese letter."""
    if "PosterRegular" in pdfmetrics.getRegisteredFontNames():
        return "PosterRegular", "PosterBold"
    for regular, bold in FONT_CANDIDATES:
        if not (Path(regular).exists() and Path(bold).exists()):
            continue
        font = TTFont("PosterRegular", regular)
        if all(ord(ch) in font.face.charToGlyph for ch in VIETNAMESE_PROBE):
            pdfmetrics.registerFont(font)
            pdfmetrics.registerFont(TTFont("PosterBold", bold))
            return "PosterRegular", "PosterBold"
    raise RuntimeError(
        "Thiếu phông chữ có đủ dấu tiếng Việt (gói fonts-dejavu-core) để in áp phích."
    )


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _draw_qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector squares, so it stays sharp at any print size."""
    qr = segno.make(url, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    count = len(matrix)
    module = size / (count + 8)  # quiet zone of 4 modules each side
    pdf.setFillColorRGB(0, 0, 0)
    # One rectangle per run of dark modules: separate squares leave hairline seams in
    # some viewers and printers, which can break scanning.
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 5) * module
        col = 0
        while col < count:
            if not row[col]:
                col += 1
                continue
            start = col
            while col < count and row[col]:
                col += 1
            pdf.rect(
                x + (start + 4) * module,
                top,
                (col - start) * module,
                module * 1.01,
                stroke=0,
                fill=1,
            )


def posters_pdf(posters: list[dict]) -> bytes:
    """One A4 page per desk. ``posters`` items: committee, desk, description, url."""
    regular, bold = _fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("Mã QR khảo sát sự hài lòng")
    width, height = A4
    margin = 50
    for poster in posters:
        y = height - 80
        pdf.setFillColorRGB(0.70, 0.09, 0.11)
        pdf.setFont(bold, 16)
        pdf.drawCentredString(width / 2, y, poster["committee"].upper())
        y -= 44
        pdf.setFont(bold, 26)
        for line in _wrap(
            "Ông/Bà hài lòng với sự phục vụ của chúng tôi?", bold, 26, width - 2 * margin
        ):
            pdf.drawCentredString(width / 2, y, line)
            y -= 32
        pdf.setFillColorRGB(0.1, 0.14, 0.19)
        pdf.setFont(regular, 15)
        for line in _wrap(
            "Quét mã QR bằng camera điện thoại để đánh giá. Không cần đăng nhập, không hỏi "
            "họ tên hay số điện thoại. Mất khoảng 2 phút.",
            regular,
            15,
            width - 2 * margin,
        ):
            pdf.drawCentredString(width / 2, y, line)
            y -= 20
        size = 300
        _draw_qr(pdf, poster["url"], (width - size) / 2, y - size - 10, size)
        y -= size + 40
        pdf.setFont(bold, 22)
        pdf.drawCentredString(width / 2, y, poster["desk"])
        y -= 26
        if poster.get("description"):
            pdf.setFont(regular, 14)
            for line in _wrap(poster["description"], regular, 14, width - 2 * margin):
                pdf.drawCentredString(width / 2, y, line)
                y -= 18
        pdf.setFont(regular, 8)
        for line in _wrap(poster["url"], regular, 8, width - 2 * margin):
            pdf.drawCentredString(width / 2, 50, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
