"""An issued decision, read back with python-docx, has the form of Nghị định 30/2020."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from thidua.documents import services

MM = Mm(1)


def close(length, mm: float) -> bool:
    return abs(length - Mm(mm)) < MM


@pytest.fixture
def decision(make_draft, user):
    return services.issue(
        user("vanphong"), make_draft("quyet_dinh_khen_thuong", datetime.date(2024, 12, 16))
    )


def texts(doc) -> list[str]:
    found = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


@pytest.mark.django_db
def test_the_page_is_a4_portrait_with_the_decrees_margins_and_font(decision):
    doc = read_docx(io.BytesIO(services.render_docx(decision)))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert close(section.page_width, 210) and close(section.page_height, 297)
    assert 20 <= section.top_margin / MM <= 25 and 20 <= section.bottom_margin / MM <= 25
    assert 30 <= section.left_margin / MM <= 35 and 15 <= section.right_margin / MM <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    font_table = zipfile.ZipFile(io.BytesIO(services.render_docx(decision))).read(
        "word/fontTable.xml"
    )
    assert b'w:altName w:val="Liberation Serif"' in font_table


@pytest.mark.django_db
def test_the_header_shows_the_issuer_the_national_motto_number_and_date_line(decision):
    doc = read_docx(io.BytesIO(services.render_docx(decision)))
    header = doc.tables[0]
    left, right = header.rows[0].cells
    issuer = [p for p in left.paragraphs if p.text.strip()][0]
    assert issuer.text == "ỦY BAN NHÂN DÂN\nPHƯỜNG MỘ LAO"
    assert all(run.bold for run in issuer.runs if run.text.strip())
    right_texts = [p.text for p in right.paragraphs if p.text.strip()]
    assert right_texts == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, date_cell = header.rows[1].cells
    assert number.text.strip() == "Số: 01/QĐ-UBND"
    date_paragraph = [p for p in date_cell.paragraphs if p.text.strip()][0]
    assert date_paragraph.text == "Mộ Lao, ngày 16 tháng 12 năm 2024"
    assert all(run.italic for run in date_paragraph.runs)


@pytest.mark.django_db
def test_the_type_name_summary_body_closing_and_money_in_words_are_there(decision):
    doc = read_docx(io.BytesIO(services.render_docx(decision)))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    type_name = next(p for p in paragraphs if p.text == "QUYẾT ĐỊNH")
    assert type_name.runs[0].bold
    assert any(p.text.startswith("Về việc tặng Giấy khen") for p in paragraphs)
    assert any(p.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO" for p in paragraphs)
    last_article = [p.text for p in paragraphs if p.text.startswith("Điều ")][-1]
    assert last_article.endswith("thi hành Quyết định này./.")
    all_text = "\n".join(texts(doc))
    # R2022a, base salary 2.340.000 đ: individual 0,15 → 360.000; collective 0,3 → 710.000.
    assert "Bằng chữ: Hai triệu một trăm bốn mươi nghìn đồng" in all_text
    assert "(Kèm theo Quyết định số 01/QĐ-UBND ngày 16/12/2024" in all_text


@pytest.mark.django_db
def test_noi_nhan_and_the_signature_block_follow_the_decree(decision):
    doc = read_docx(io.BytesIO(services.render_docx(decision)))
    block = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    left, right = block.rows[0].cells
    label = next(p for p in left.paragraphs if p.text == "Nơi nhận:")
    assert label.runs[0].bold and label.runs[0].italic and label.runs[0].font.size == Pt(12)
    entries = [p for p in left.paragraphs if p.text.startswith("- ")]
    assert [p.text for p in entries] == [
        "- Như Điều 3;",
        "- UBND quận Hà Đông (để b/c);",
        "- Lưu: VT, TĐKT.",
    ]
    assert all(p.runs[0].font.size == Pt(11) for p in entries)
    signature = [p.text for p in right.paragraphs if p.text.strip()]
    assert signature == ["CHỦ TỊCH", "Nguyễn Thị Thanh"]


@pytest.mark.django_db
def test_a_deputy_signs_kt_and_a_plan_is_signed_on_behalf_of_the_committee(make_draft, user):
    deputy = make_draft(
        "quyet_dinh_khen_thuong",
        datetime.date(2024, 12, 16),
        signer=services.Signer("Trần Quốc Hùng", "PHÓ CHỦ TỊCH", "KT", principal_title="CHỦ TỊCH"),
    )
    plan = make_draft(
        "ke_hoach",
        datetime.date(2024, 2, 28),
        signer=services.Signer(
            "Nguyễn Thị Thanh", "CHỦ TỊCH", "TM", authority_body="ỦY BAN NHÂN DÂN"
        ),
    )
    assert deputy.signature_lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert plan.signature_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    text = "\n".join(texts(read_docx(io.BytesIO(services.render_docx(plan)))))
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in text or (
        "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    )
    assert "Số:         /KH-UBND" in text  # a draft leaves the number blank


@pytest.mark.django_db
def test_the_landscape_annex_of_a_proposal_keeps_the_decrees_margins(make_draft):
    """NĐ 30/2020 Phụ lục I gives one set of margins and no other for pages laid across
    the width: the Danh sách trích ngang keeps left 30-35 mm, and its table fits inside."""
    doc = read_docx(io.BytesIO(services.render_docx(make_draft("to_trinh"))))
    annex = doc.sections[1]
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert close(annex.page_width, 297) and close(annex.page_height, 210)
    assert 20 <= annex.top_margin / MM <= 25 and 20 <= annex.bottom_margin / MM <= 25
    assert 30 <= annex.left_margin / MM <= 35 and 15 <= annex.right_margin / MM <= 20
    headings = [" ".join(cell.text for cell in t.rows[0].cells) for t in doc.tables]
    table = doc.tables[next(i for i, text in enumerate(headings) if "Tóm tắt thành tích" in text)]
    width = sum(column.width for column in table.columns)
    assert width <= annex.page_width - annex.left_margin - annex.right_margin


@pytest.mark.django_db
def test_page_numbers_start_on_page_two(decision):
    doc = read_docx(io.BytesIO(services.render_docx(decision)))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert 'w:instr="PAGE"' in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


@pytest.mark.django_db
def test_an_issued_document_keeps_its_file_even_if_the_template_changes(decision):
    kept = services.render_docx(decision)
    decision.refresh_from_db()
    assert decision.docx_file
    assert services.render_docx(decision) == kept
