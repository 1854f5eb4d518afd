"""The PDF, made by LibreOffice from the same .docx, says the same thing on A4 pages."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader

from thidua.documents import services

from .conftest import needs_soffice, pdf_text


@needs_soffice
@pytest.mark.django_db
def test_the_decisions_pdf_has_its_number_date_signature_and_annex(make_draft, user):
    decision = services.issue(
        user("vanphong"), make_draft("quyet_dinh_khen_thuong", datetime.date(2024, 12, 16))
    )
    data = services.render_pdf(decision)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    # pypdf reads numbers and the letters of the first font subset in order.
    raw = " ".join(page.extract_text() for page in reader.pages)
    assert "01/QĐ-UBND" in raw and "2.140.000" in raw and "Nguy" in raw
    flat = pdf_text(data)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/QĐ-UBND",
        "Mộ Lao, ngày 16 tháng 12 năm 2024",
        "QUYẾT ĐỊNH",
        "Nơi nhận:",
        "Nguyễn Thị Thanh",
        "Bằng chữ: Hai triệu một trăm bốn mươi nghìn đồng",
    ):
        assert expected in flat, expected
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("LiberationSerif" in f or "TimesNewRoman" in f for f in fonts), fonts
    decision.refresh_from_db()
    assert decision.pdf_file  # kept: the next download is the same file


@needs_soffice
@pytest.mark.django_db
def test_the_certificates_pdf_is_landscape(make_draft, user):
    decision = services.issue(
        user("vanphong"), make_draft("quyet_dinh_khen_thuong", datetime.date(2024, 12, 16))
    )
    (certificate,) = services.create_certificates(
        user("vanphong"), decision, [{"name": "Bà Lê Thị Mai", "achievement": "Xuất sắc"}]
    )
    from thidua.documents.pdf import docx_to_pdf

    reader = PdfReader(io.BytesIO(docx_to_pdf(services.render_certificate(certificate))))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height
    assert "GIẤY KHEN" in pdf_text(docx_to_pdf(services.render_certificate(certificate)))
