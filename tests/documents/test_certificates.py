"""Giấy khen: A4 landscape, red title lines, decision, số sổ vàng and a QR code; and a
print mode that puts only the variable text on a pre-printed blank."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, RGBColor

from thidua.documents import services
from thidua.documents.models import OrganisationSettings

RED = RGBColor(0xC0, 0x00, 0x00)


@pytest.fixture
def certificate(make_draft, user):
    decision = services.issue(
        user("vanphong"), make_draft("quyet_dinh_khen_thuong", datetime.date(2024, 12, 16))
    )
    return services.create_certificates(
        user("vanphong"),
        decision,
        [
            {
                "name": "Bộ phận tiếp nhận và trả kết quả",
                "detail": "UBND phường Mộ Lao",
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua",
                "collective": True,
            },
            {
                "name": "Bà Lê Thị Mai",
                "detail": "Công chức tiếp nhận hồ sơ",
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua",
            },
        ],
    )[1]


def all_text(doc) -> str:
    lines = [p.text for p in doc.paragraphs]

    def walk(tables) -> None:
        for table in tables:
            for cell in table._cells:
                lines.extend(p.text for p in cell.paragraphs)
                walk(cell.tables)  # the blank layout nests its bottom table

    walk(doc.tables)
    return "\n".join(lines)


def all_runs(doc):
    for paragraph in doc.paragraphs:
        yield from paragraph.runs
    for table in doc.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                yield from paragraph.runs


@pytest.mark.django_db
def test_the_certificate_is_landscape_with_red_titles_and_the_decision(certificate):
    doc = read_docx(io.BytesIO(services.render_certificate(certificate)))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1)
    red = {run.text for run in all_runs(doc) if run.font.color.rgb == RED}
    assert red == {"CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO", "GIẤY KHEN"}
    text = all_text(doc)
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TẶNG",
        "Bà Lê Thị Mai",
        "Quyết định số 01/QĐ-UBND",
        "ngày 16/12/2024",
        "Số sổ vàng: 02",
        "Mộ Lao, ngày 16 tháng 12 năm 2024",
        f"Mã xác minh: {certificate.verification_code}",
    ):
        assert line in text
    assert len(doc.inline_shapes) == 1  # the QR code


@pytest.mark.django_db
def test_the_blank_mode_prints_only_the_variable_text_shifted_as_calibrated(certificate):
    OrganisationSettings.objects.update_or_create(
        organisation=certificate.organisation,
        defaults={"blank_offset_top_mm": 4, "blank_offset_left_mm": -2},
    )
    doc = read_docx(io.BytesIO(services.render_certificate(certificate, blank=True)))
    text = all_text(doc)
    assert "Bà Lê Thị Mai" in text and "Số sổ vàng: 02" in text
    assert "GIẤY KHEN" not in text and "CỘNG HÒA" not in text and "TẶNG" not in text
    section = doc.sections[0]
    assert abs(section.top_margin - Mm(4)) < Mm(0.1)
    assert section.left_margin == 0  # never negative: clamped at the paper's edge


@pytest.mark.django_db
def test_certificates_are_only_made_from_an_issued_decision(make_draft, user):
    draft = make_draft("quyet_dinh_khen_thuong", datetime.date(2023, 12, 15))
    with pytest.raises(services.DocumentError, match="đã ban hành"):
        services.create_certificates(user("vanphong"), draft, [{"name": "A", "achievement": "B"}])


@pytest.mark.django_db
def test_verification_codes_are_unguessable_and_distinct(certificate):
    codes = {c.verification_code for c in certificate.decision.certificates.all()}
    codes.add(certificate.decision.verification_code)
    assert len(codes) == 3
    assert all(len(code) >= 16 for code in codes)
