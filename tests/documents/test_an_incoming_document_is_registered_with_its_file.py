"""The Office enters the district's plan in the register of incoming documents (văn bản
đến) with its file; the ward's own users download the very same bytes, another ward and an
anonymous visitor do not."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter

from thidua.documents.models import IncomingDocument

pytestmark = pytest.mark.django_db


def district_plan_pdf() -> bytes:
    """A real one-page PDF standing for the scanned plan 60/KH-UBND of the district."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Kế hoạch 60/KH-UBND quận Hà Đông"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def download(client: Client, incoming: IncomingDocument):
    return client.get(f"/documents/incoming/{incoming.pk}/file/")


def test_the_office_registers_the_districts_plan_and_the_ward_downloads_the_same_file(
    client_as, demo
):
    data = district_plan_pdf()
    response = client_as("vanphong").post(
        "/documents/incoming/new/",
        {
            "received_on": "2024-02-21",
            "sender": "UBND quận Hà Đông",
            "their_symbol": "60/KH-UBND",
            "their_date": "2024-02-20",
            "doc_type": "",
            "summary": "Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2024",
            "file": SimpleUploadedFile("60-KH-UBND.pdf", data, content_type="application/pdf"),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/documents/incoming/"
    page = response.content.decode()
    assert "Đã vào sổ văn bản đến số 1 năm 2024" in page

    incoming = IncomingDocument.objects.get(organisation=demo["mo_lao"], year=2024)
    assert (incoming.arrival_number, incoming.received_on, incoming.their_date) == (
        1,
        datetime.date(2024, 2, 21),
        datetime.date(2024, 2, 20),
    )
    assert (incoming.sender, incoming.their_symbol, incoming.doc_type) == (
        "UBND quận Hà Đông",
        "60/KH-UBND",
        "KH",  # taken from the symbol when not chosen
    )
    assert incoming.recorded_by.username == "vanphong"
    with incoming.file.open("rb") as stored:
        assert stored.read() == data
    row = f'<a href="/documents/incoming/{incoming.pk}/file/">Tải</a>'
    assert "60/KH-UBND" in page and "21/02/2024" in page and row in page

    # The ward's own users: the Office, the Chairman and a staff member of a section.
    for username in ("vanphong", "chutich", "canbo"):
        got = download(client_as(username), incoming)
        assert got.status_code == 200, username
        assert b"".join(got.streaming_content) == data
        assert "60-KH-UBND" in got["Content-Disposition"]

    assert download(client_as("vanquan"), incoming).status_code == 404
    anonymous = download(Client(), incoming)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_a_file_that_is_not_a_pdf_or_word_document_is_refused_and_nothing_is_registered(
    client_as, demo
):
    response = client_as("vanphong").post(
        "/documents/incoming/new/",
        {
            "received_on": "2024-02-21",
            "sender": "UBND quận Hà Đông",
            "their_symbol": "60/KH-UBND",
            "their_date": "2024-02-20",
            "doc_type": "",
            "summary": "Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2024",
            # A script renamed .pdf: the type is read from the content, not the name.
            "file": SimpleUploadedFile(
                "60-KH-UBND.pdf", b"#!/bin/sh\necho hi\n", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="field-error"' in page and "PDF hoặc Word" in page
    assert not IncomingDocument.objects.filter(organisation=demo["mo_lao"], year=2024).exists()
