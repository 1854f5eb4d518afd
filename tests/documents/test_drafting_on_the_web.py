"""The Office drafts any type of document on the web, edits it while a draft, previews
and issues it; bad input changes nothing; others are refused."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.conftest import needs_soffice
from thidua.documents.models import Attachment, Document, Status

pytestmark = pytest.mark.django_db

NOTICE = {
    "issuer": "UBND",
    "doc_type": "TB",
    "summary": "Về việc tổ chức Hội nghị sơ kết phong trào thi đua",
    "body": "I. THỜI GIAN, ĐỊA ĐIỂM\nVào 08 giờ ngày 20/11/2023 tại Hội trường UBND phường.",
    "place": "Mộ Lao",
    "date": "2023-11-10",
    "recipients": "- Các bộ phận chuyên môn (để t/h);\nUBND quận Hà Đông (để b/c)\nLưu: VT",
    "signer_name": "Nguyễn Thị Thanh",
    "signer_title": "chủ tịch",
    "authority": "TM",
    "authority_body": "ủy ban nhân dân",
    "principal_title": "",
}


def pdf_file(name="phu-luc.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n")


def test_the_office_drafts_a_notice_with_an_attachment(client_as):
    response = client_as("vanphong").post(
        "/documents/new/", {**NOTICE, "attachments": [pdf_file()]}, follow=True
    )
    document = Document.objects.get(summary=NOTICE["summary"])
    assert response.redirect_chain[-1][0] == f"/documents/{document.pk}/"
    assert (document.doc_type, document.status, document.number) == ("TB", Status.DRAFT, None)
    assert document.issuer_name == "ỦY BAN NHÂN DÂN\nPHƯỜNG MỘ LAO"
    assert document.signature_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert document.context["body"][0] == {"kind": "heading", "text": "I. THỜI GIAN, ĐỊA ĐIỂM"}
    assert list(document.recipients.values_list("name", "purpose")) == [
        ("Các bộ phận chuyên môn", "để t/h"),
        ("UBND quận Hà Đông", "để b/c"),
        ("Lưu: VT", ""),
    ]
    assert [a.name for a in document.attachments.all()] == ["phu-luc.pdf"]
    page = response.content.decode()
    assert "Sửa dự thảo" in page and "Xem trước" in page and "phu-luc.pdf" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"date": "2025-07-15"}, "đã chấm dứt hoạt động từ 30/06/2025"),
        ({"recipients": "UBND quận Hà Đông (để xem)"}, "không phải mục đích quen dùng"),
        ({"authority": "KT"}, "chức vụ người đứng đầu"),
        ({"summary": ""}, "This field is required|Trường này là bắt buộc"),
        (
            {"attachments": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")]},
            "chương trình chạy được",
        ),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client_as, change, message):
    count, files = Document.objects.count(), Attachment.objects.count()
    response = client_as("vanphong").post("/documents/new/", {**NOTICE, **change})
    assert response.status_code == 400
    assert re.search(message, response.content.decode())
    assert (Document.objects.count(), Attachment.objects.count()) == (count, files)


def test_the_office_edits_the_draft_and_cannot_edit_it_once_issued(client_as):
    client = client_as("vanphong")
    client.post("/documents/new/", NOTICE)
    document = Document.objects.get(summary=NOTICE["summary"])
    form = client.get(f"/documents/{document.pk}/edit/").content.decode()
    assert "Vào 08 giờ ngày 20/11/2023" in form and "UBND quận Hà Đông (để b/c)" in form
    edited = {**NOTICE, "summary": "Về việc lùi Hội nghị sơ kết", "doc_type": "GM"}
    client.post(f"/documents/{document.pk}/edit/", edited)
    document.refresh_from_db()
    assert (document.summary, document.doc_type) == ("Về việc lùi Hội nghị sơ kết", "GM")
    client.post(f"/documents/{document.pk}/issue/")
    document.refresh_from_db()
    assert document.status == Status.ISSUED and document.symbol == f"{document.number:02d}/GM-UBND"
    response = client.post(f"/documents/{document.pk}/edit/", {**edited, "summary": "Sửa"})
    assert response.status_code == 302
    assert Document.objects.get(pk=document.pk).summary == "Về việc lùi Hội nghị sơ kết"


def test_a_staff_member_may_not_draft(client_as):
    client = client_as("canbo")
    assert client.get("/documents/new/").status_code == 403
    assert client.post("/documents/new/", NOTICE).status_code == 403
    assert not Document.objects.filter(summary=NOTICE["summary"]).exists()


def test_a_unit_head_is_offered_only_the_own_unit_and_cannot_pick_the_ward(client_as):
    client = client_as("truongmotcua")
    form = client.get("/documents/new/").content.decode()
    assert "Bộ phận tiếp nhận và trả kết quả (văn bản của đơn vị, không số)" in form
    assert "UBND phường Mộ Lao (có số)" not in form
    response = client.post("/documents/new/", {**NOTICE, "doc_type": "BC"})
    assert response.status_code == 400  # "UBND" is not among the head's choices
    assert not Document.objects.filter(summary=NOTICE["summary"]).exists()


def test_another_wards_office_gets_404_on_the_drafts_pages(client_as, make_draft):
    draft = make_draft("giay_moi")
    attachment_owner = Attachment.objects.filter(document__organisation=draft.organisation)
    client = client_as("vanquan")
    assert client.get(f"/documents/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/documents/{draft.pk}/edit/", NOTICE).status_code == 404
    assert client.get(f"/documents/{draft.pk}/preview/").status_code == 404
    attachment = attachment_owner.first()
    assert client.get(f"/documents/attachments/{attachment.pk}/").status_code == 404
    assert client.post(f"/documents/attachments/{attachment.pk}/remove/").status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


@needs_soffice
def test_the_preview_shows_the_pages_of_the_pdf(client_as):
    client = client_as("vanphong")
    client.post("/documents/new/", NOTICE)
    document = Document.objects.get(summary=NOTICE["summary"])
    page = client.get(f"/documents/{document.pk}/preview/").content.decode()
    assert page.count('src="data:image/png;base64,') >= 1
    assert "Trang 1/" in page
