"""The QR code printed on a Giấy khen, scanned from the PDF as a phone would see it, leads
to the certificate's own public verification page, which names the awardee."""

from __future__ import annotations

import os
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from tests.documents.conftest import needs_soffice
from thidua.documents import pdf, services
from thidua.documents.models import Certificate

TOOLS = ("pdftoppm", "zbarimg")
if (os.environ.get("THIDUA_REQUIRE_BROWSER") or os.environ.get("CI")) and not all(
    shutil.which(tool) for tool in TOOLS
):
    raise RuntimeError("poppler-utils and zbar-tools are required in CI to scan the QR code")
needs_scanner = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS),
    reason="poppler-utils (pdftoppm) and zbar-tools (zbarimg) are needed to scan the code",
)


@needs_soffice
@needs_scanner
@pytest.mark.django_db
def test_the_scanned_code_is_the_certificates_verification_url(demo, tmp_path):
    certificate = (
        Certificate.objects.filter(organisation=demo["mo_lao"], revoked=False)
        .select_related("decision")
        .first()
    )
    data = services.render_certificate_pdf(certificate)
    assert data.startswith(b"%PDF")
    pages = pdf.pages_as_png(data, dpi=150)
    assert len(pages) == 1  # one certificate, one landscape page
    image = tmp_path / "giay-khen.png"
    image.write_bytes(pages[0])
    scanned = subprocess.run(
        ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=True
    ).stdout.splitlines()

    url = services.verify_url(certificate.verification_code)
    assert scanned == [url]
    path = urlsplit(url).path
    assert path == f"/verify/{certificate.verification_code}"

    cache.clear()  # the page is cached per code; read it afresh
    response = Client().get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert certificate.awardee_name in page
    assert certificate.decision.symbol in page
