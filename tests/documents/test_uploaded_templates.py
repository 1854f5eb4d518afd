"""The Office can replace a template; a broken one is refused naming the placeholder."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as read_docx

from thidua.documents import services
from thidua.documents.models import DocumentTemplate
from thidua.documents.rendering import builtin_template

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def edited(extra: str) -> SimpleUploadedFile:
    doc = read_docx(io.BytesIO(builtin_template("giay_moi", "R2013")))
    doc.add_paragraph(extra)
    buffer = io.BytesIO()
    doc.save(buffer)
    return SimpleUploadedFile("giay-moi.docx", buffer.getvalue(), content_type=DOCX)


@pytest.mark.django_db
def test_an_edited_template_is_accepted_and_used(demo, user, make_draft):
    services.upload_template(
        user("vanphong"),
        demo["mo_lao"],
        "giay_moi",
        "R2013",
        edited("Ghi chú riêng: {{ summary }}"),
    )
    document = make_draft("giay_moi")
    text = "\n".join(
        p.text for p in read_docx(io.BytesIO(services.render_docx(document))).paragraphs
    )
    assert "Ghi chú riêng: Họp Hội đồng Thi đua - Khen thưởng phường" in text


@pytest.mark.django_db
def test_an_unknown_placeholder_is_refused_by_name_and_nothing_is_saved(demo, user):
    before = DocumentTemplate.objects.count()
    with pytest.raises(services.DocumentError, match="ten_nguoi_nhan"):
        services.upload_template(
            user("vanphong"), demo["mo_lao"], "giay_moi", "R2013", edited("{{ ten_nguoi_nhan }}")
        )
    assert DocumentTemplate.objects.count() == before


@pytest.mark.django_db
def test_a_broken_tag_and_a_non_word_file_are_refused(demo, user):
    with pytest.raises(services.DocumentError, match="cú pháp"):
        services.upload_template(
            user("vanphong"), demo["mo_lao"], "giay_moi", "R2013", edited("{{ summary ")
        )
    with pytest.raises(services.DocumentError, match="Word"):
        services.upload_template(
            user("vanphong"),
            demo["mo_lao"],
            "giay_moi",
            "R2013",
            SimpleUploadedFile("a.docx", b"not a word file", content_type=DOCX),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "regime, message",
    [
        (
            "R2030",
            "Chế độ pháp lý “R2030” không có mẫu trong phần mềm; hãy chọn R2013, R2022a "
            "hoặc R2022b.",
        ),
        ("", "Hãy chọn chế độ pháp lý của mẫu."),
    ],
)
def test_an_unknown_or_missing_regime_is_refused_and_nothing_is_saved(demo, user, regime, message):
    before = DocumentTemplate.objects.count()
    with pytest.raises(services.DocumentError) as refusal:
        services.upload_template(
            user("vanphong"), demo["mo_lao"], "giay_moi", regime, edited("Ghi chú riêng")
        )
    assert str(refusal.value) == message
    assert DocumentTemplate.objects.count() == before


@pytest.mark.django_db
def test_the_upload_page_shows_the_refusal(client_as):
    client = client_as("vanphong")
    response = client.post(
        "/documents/templates/",
        {"key": "giay_moi", "regime": "R2013", "file": edited("{{ sai_truong }}")},
    )
    assert response.status_code == 200
    assert "sai_truong" in response.content.decode()


@pytest.mark.django_db
def test_another_wards_user_gets_404_on_a_template_of_mo_lao(client_as, demo):
    own = DocumentTemplate.objects.filter(organisation=demo["mo_lao"]).first()
    assert client_as("vanquan").get(f"/documents/templates/{own.pk}/file/").status_code == 404


def test_the_templates_page_shows_each_regimes_form_number_and_what_is_unconfirmed(client_as):
    page = client_as("vanphong").get("/documents/templates/").content.decode()
    row = next(r for r in page.split("<tr>") if "Báo cáo thành tích" in r and "chuyên đề" in r)
    cells = row.split("<td>")[2:]  # R2013, R2022a, R2022b
    assert len(cells) == 3
    assert "Mẫu số 07" in cells[0] and "chưa xác minh" not in cells[0]
    assert "Mẫu số 08" in cells[1] and "chưa xác minh" in cells[1]
    assert "Mẫu số 08" in cells[2] and "chưa xác minh" in cells[2]
