"""A batch of certificates is rendered by a background job into one PDF to print."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from thidua.documents.models import Document, JobStatus, RenderJob

from .conftest import needs_soffice, pdf_text


@needs_soffice
@pytest.mark.django_db
def test_printing_all_certificates_of_a_decision_gives_one_landscape_pdf(
    client_as, demo, django_capture_on_commit_callbacks
):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    client = client_as("vanphong")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/documents/{decision.pk}/certificates/print/")
    job = RenderJob.objects.filter(document=decision).latest("created_at")
    assert response["Location"] == f"/documents/jobs/{job.pk}/"
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 4, 4), job.message
    data = b"".join(client.get(f"/documents/jobs/{job.pk}/result/"))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 4
    assert all(float(p.mediabox[2]) > float(p.mediabox[3]) for p in reader.pages)
    last = decision.certificates.order_by("golden_book_number").last()
    assert last.awardee_name in pdf_text(data) and "Số sổ vàng: 04" in pdf_text(data)
    assert client_as("vanquan").get(f"/documents/jobs/{job.pk}/result/").status_code == 404
