import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from thidua.indexes import sipas
from thidua.indexes.models import SipasDesk


@pytest.mark.django_db
def test_one_a4_poster_per_active_desk_with_a_link_that_resolves_to_it(client_as, demo):
    response = client_as("vanphong").get("/indexes/sipas/desks/posters.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    desks = list(SipasDesk.objects.filter(organisation=demo["mo_lao"]).order_by("position"))
    assert len(reader.pages) == len(desks) == 3
    for page, desk in zip(reader.pages, desks, strict=True):
        text = page.extract_text()
        assert desk.name in text and "UBND PHƯỜNG MỘ LAO" in text
        token = re.search(r"/indexes/s/([^/\s]+)/", text).group(1)
        assert sipas.resolve(token).desk == desk
        assert round(float(page.mediabox.width)) == 595


@pytest.mark.django_db
def test_another_wards_user_gets_404_for_a_desk_poster(client_as, desk):
    client = client_as("vanquan")
    assert client.get(f"/indexes/sipas/desks/{desk.pk}/poster.pdf").status_code == 404
    assert client.get(f"/indexes/sipas/desks/{desk.pk}/").status_code == 404
    assert client.post(f"/indexes/sipas/desks/{desk.pk}/toggle/").status_code == 404


@pytest.mark.django_db
def test_the_desk_page_shows_the_qr_code_inline(client_as, desk):
    html = client_as("vanphong").get(f"/indexes/sipas/desks/{desk.pk}/").content.decode()
    assert "<svg" in html and "Mã QR khảo sát" in html


@pytest.mark.django_db
def test_the_office_adds_a_desk_and_a_duplicate_name_is_refused(client_as, demo):
    client = client_as("vanphong")
    client.post("/indexes/sipas/desks/", {"name": "Quầy số 4 - Địa chính"})
    assert SipasDesk.objects.filter(organisation=demo["mo_lao"], name="Quầy số 4 - Địa chính")
    again = client.post("/indexes/sipas/desks/", {"name": "quầy số 4 - địa chính"})
    assert "Đã có quầy" in again.content.decode()
    assert client_as("canbo").post("/indexes/sipas/desks/", {"name": "X"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.skipif(
    not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
    reason="zbar-tools and poppler-utils are needed to scan the printed code",
)
def test_the_printed_code_scans_back_to_the_desk_link(client_as, desk, tmp_path):
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(client_as("vanphong").get(f"/indexes/sipas/desks/{desk.pk}/poster.pdf").content)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(tmp_path / "p")], check=True)
    scanned = subprocess.run(
        ["zbarimg", "-q", "--raw", str(next(tmp_path.glob("p*.png")))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    token = scanned.split("/indexes/s/")[1].strip("/")
    assert sipas.resolve(token).desk == desk
