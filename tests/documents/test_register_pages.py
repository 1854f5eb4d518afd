"""The register's pages: list, detail, issue, cancel, downloads, incoming, print jobs."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.documents.models import Document, IncomingDocument, JobStatus, RenderJob


@pytest.mark.django_db
def test_the_office_sees_the_register_of_its_ward(client_as):
    page = client_as("vanphong").get("/documents/").content.decode()
    assert "98/QĐ-UBND" in page and "20/KH-UBND" in page and "(chưa cấp số)" in page


@pytest.mark.django_db
def test_the_register_page_query_count_does_not_grow_with_rows(
    client_as, make_draft, django_assert_max_num_queries
):
    for day in range(1, 26):
        make_draft("giay_moi", datetime.date(2024, 3, day))
    client = client_as("vanphong")
    with django_assert_max_num_queries(12):
        response = client.get("/documents/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_office_issues_a_draft_from_its_page(client_as, make_draft):
    draft = make_draft("giay_moi", datetime.date(2024, 3, 1))
    response = client_as("vanphong").post(f"/documents/{draft.pk}/issue/", follow=True)
    assert "Đã ban hành văn bản số 01/GM-UBND" in response.content.decode()
    assert Document.objects.get(pk=draft.pk).symbol == "01/GM-UBND"


@pytest.mark.django_db
def test_a_staff_member_cannot_issue(client_as, make_draft):
    draft = make_draft("giay_moi", datetime.date(2024, 3, 1))
    assert client_as("canbo").post(f"/documents/{draft.pk}/issue/").status_code == 403
    assert Document.objects.get(pk=draft.pk).number is None


@pytest.mark.django_db
def test_cancelling_needs_a_reason(client_as, demo):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="20/KH-UBND")
    client = client_as("vanphong")
    response = client.post(f"/documents/{decision.pk}/cancel/", {"reason": ""}, follow=True)
    assert "Hãy ghi lý do hủy văn bản." in response.content.decode()
    assert Document.objects.get(pk=decision.pk).status == "issued"
    client.post(f"/documents/{decision.pk}/cancel/", {"reason": "Ban hành nhầm"})
    assert Document.objects.get(pk=decision.pk).status == "cancelled"


@pytest.mark.django_db
def test_the_docx_downloads(client_as, demo):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    response = client_as("vanphong").get(f"/documents/{decision.pk}/docx/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert (
        "98-QĐ-UBND.docx" in response["Content-Disposition"]
        or "98" in response["Content-Disposition"]
    )


@pytest.mark.django_db
def test_another_wards_user_gets_404_on_every_page_of_a_mo_lao_document(client_as, demo):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    client = client_as("vanquan")
    for suffix in ("", "docx/", "pdf/", "qr.png"):
        assert client.get(f"/documents/{decision.pk}/{suffix}").status_code == 404
    assert client.post(f"/documents/{decision.pk}/issue/").status_code == 404
    assert "98/QĐ-UBND" not in client.get("/documents/").content.decode()


@pytest.mark.django_db
def test_the_office_registers_an_incoming_document(client_as, demo):
    response = client_as("vanphong").post(
        "/documents/incoming/new/",
        {
            "received_on": "2024-02-21",
            "sender": "UBND quận Hà Đông",
            "their_symbol": "60/KH-UBND",
            "their_date": "2024-02-20",
            "summary": "Phong trào thi đua năm 2024",
            "file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        },
        follow=True,
    )
    assert "Đã vào sổ văn bản đến số 1 năm 2024" in response.content.decode()
    incoming = IncomingDocument.objects.get(organisation=demo["mo_lao"], year=2024)
    assert client_as("vanquan").get(f"/documents/incoming/{incoming.pk}/file/").status_code == 404


@pytest.mark.django_db
def test_a_bad_symbol_is_explained_and_nothing_is_saved(client_as, demo):
    before = IncomingDocument.objects.count()
    response = client_as("vanphong").post(
        "/documents/incoming/new/",
        {
            "received_on": "2024-02-21",
            "sender": "UBND quận Hà Đông",
            "their_symbol": "kế hoạch 60",
            "their_date": "2024-02-20",
            "summary": "Phong trào",
        },
    )
    assert "ghi như “60/KH-UBND”" in response.content.decode()
    assert IncomingDocument.objects.count() == before


@pytest.mark.django_db
def test_the_progress_page_polls_every_second_while_the_job_runs(client_as, demo):
    job = RenderJob.objects.filter(organisation=demo["mo_lao"]).first()
    RenderJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=1)
    client = client_as("vanphong")
    page = client.get(f"/documents/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "1/4" in page
    partial = client.get(f"/documents/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith("<section") and "every 1s" in partial
    RenderJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=4)
    assert "every 1s" not in client.get(f"/documents/jobs/{job.pk}/").content.decode()
    assert client_as("vanquan").get(f"/documents/jobs/{job.pk}/").status_code == 404
