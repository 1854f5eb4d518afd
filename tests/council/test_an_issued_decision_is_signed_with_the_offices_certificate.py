"""The council's award decision, issued by the Office after the Chairman approved it, is
signed digitally (PAdES) with the certificate the Office installed; the verification
code of the decision shows the signature."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.documents.conftest import needs_soffice
from tests.documents.pkcs12 import PASSWORD, SIGNER, make_p12
from thidua.council import decisions, disclosure
from thidua.documents import services as documents
from thidua.documents import signing

D = datetime.date


@needs_soffice
@pytest.mark.django_db
def test_the_chairmans_decision_is_issued_with_a_pades_signature(closed, user, demo, client):
    documents.install_signing_certificate(
        user("vanphong"),
        demo["mo_lao"],
        SimpleUploadedFile("van-phong.pfx", make_p12()),
        PASSWORD,
    )
    disclosure.publish(user("vanphong"), closed, D(2023, 12, 4))
    decision = decisions.draft_decision(user("vanphong"), closed, D(2023, 12, 15), user("chutich"))
    decisions.approve_decision(user("chutich"), decision)
    decision = decisions.issue_decision(user("vanphong"), decision, render=False)
    document = decision.document
    document.refresh_from_db()

    with document.pdf_file.open("rb") as handle:
        data = handle.read()
    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(signatures) == 1
    (check,) = signing.check_signatures(data)
    assert check.intact and check.valid
    assert check.certificate.subject == SIGNER
    assert check.location == "Mộ Lao"
    assert document.symbol in check.reason

    page = client.get(reverse("documents:verify", args=[document.verification_code]))
    html = page.content.decode()
    assert "Đã ký số" in html and SIGNER in html and check.certificate.serial in html
