"""The Office uploads the Quốc huy image it uses (none ships with the software): checked by
content and size; a plain-paper certificate then carries it at the top, and without it the
certificate keeps its layout with the QR code as its only image."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx
from PIL import Image
from pypdf import PdfReader

from thidua.audit.models import ActionLog
from thidua.documents import pdf, services
from thidua.documents.models import OrganisationSettings

from .conftest import needs_soffice

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">'
    b'<circle cx="100" cy="100" r="95" fill="#c8102e"/></svg>'
)


def png(size: int = 300) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (200, 16, 46)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def own(demo):
    return services.settings_for(demo["mo_lao"])


def upload(client, own_pk: int, name: str, data: bytes):
    return client.post(
        reverse("documents:emblem_upload", kwargs={"organisationsettings_id": own_pk}),
        {"emblem-file": SimpleUploadedFile(name, data)},
    )


@pytest.fixture
def certificate(make_draft, user):
    decision = services.issue(None, make_draft("quyet_dinh_khen_thuong"))
    (cert,) = services.create_certificates(
        user("vanphong"),
        decision,
        [{"name": "Bà Lê Thị Mai", "achievement": "Đã có thành tích xuất sắc"}],
    )
    return cert


def pictures(docx: bytes) -> int:
    return len(Docx(io.BytesIO(docx)).inline_shapes)


@pytest.mark.django_db
def test_with_an_uploaded_png_the_certificate_shows_the_emblem(own, client_as, certificate):
    assert pictures(services.render_certificate(certificate)) == 1  # the QR code only
    response = upload(client_as("vanphong"), own.pk, "quoc-huy.png", png())
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.emblem_name == "quoc-huy.png"
    assert ActionLog.objects.filter(action="documents.emblem_uploaded").exists()
    docx = services.render_certificate(certificate)
    assert pictures(docx) == 2
    first = Docx(io.BytesIO(docx)).paragraphs[0]
    assert first._p.xpath(".//pic:pic"), "the emblem opens the page"
    # A certificate printed on a pre-printed blank never adds one: the blank has it.
    assert pictures(services.render_certificate(certificate, blank=True)) == 1
    image = client_as("vanphong").get(
        reverse("documents:emblem_image", kwargs={"organisationsettings_id": own.pk})
    )
    assert image["Content-Type"] == "image/png"
    assert client_as("vanquan").get(image.wsgi_request.path).status_code == 404


@needs_soffice
@pytest.mark.django_db
def test_the_certificate_pdf_has_the_emblem_image_only_when_uploaded(own, user, certificate):
    def images(docx: bytes) -> int:
        reader = PdfReader(io.BytesIO(pdf.docx_to_pdf(docx)))
        return sum(len(page.images) for page in reader.pages), len(reader.pages)

    assert images(services.render_certificate(certificate)) == (1, 1)
    services.upload_emblem(user("vanphong"), own.organisation, SimpleUploadedFile("q.png", png()))
    assert images(services.render_certificate(certificate)) == (2, 1)


@pytest.mark.django_db
def test_an_svg_is_drawn_to_png_and_never_kept_as_svg(own, user):
    services.upload_emblem(user("vanphong"), own.organisation, SimpleUploadedFile("q.svg", SVG))
    own.refresh_from_db()
    with own.emblem.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"\x89PNG") and own.emblem.name.endswith(".png")
    assert Image.open(io.BytesIO(data)).size[0] == 800


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("quoc-huy.png", b"GIF89a" + b"\0" * 200, "không phải ảnh PNG, JPEG hoặc SVG"),
        ("quoc-huy.png", png(40), "quá nhỏ"),
        ("quoc-huy.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 500, "bị hỏng"),
        ("quoc-huy.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024), "giới hạn là 2 MB"),
        ("quoc-huy.svg", b"<svg><circle r='oops'", "Không đọc được tệp SVG"),
    ],
    ids=["gif", "too-small", "broken-png", "too-large", "broken-svg"],
)
def test_an_unusable_image_is_refused_with_a_message(own, client_as, name, data, message):
    response = upload(client_as("vanphong"), own.pk, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OrganisationSettings.objects.get(pk=own.pk).emblem


@pytest.mark.django_db
def test_only_the_office_of_that_ward_changes_the_emblem(own, client_as, user):
    assert upload(client_as("truongmotcua"), own.pk, "q.png", png()).status_code == 403
    assert upload(client_as("vanquan"), own.pk, "q.png", png()).status_code == 404
    services.upload_emblem(user("vanphong"), own.organisation, SimpleUploadedFile("q.png", png()))
    remove = reverse("documents:emblem_remove", kwargs={"organisationsettings_id": own.pk})
    assert client_as("vanquan").post(remove).status_code == 404
    assert client_as("vanphong").post(remove).status_code == 302
    assert not OrganisationSettings.objects.get(pk=own.pk).emblem
    assert ActionLog.objects.filter(action="documents.emblem_removed").exists()
