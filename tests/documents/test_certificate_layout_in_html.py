"""The Office may lay its Giấy khen out in HTML instead of Word: the file is tried with the
full sample context before it is kept (a broken placeholder, a tag that reaches for code or
files, a reference to anything outside the file is refused, naming it), and certificates are
then printed straight to an A4 landscape PDF by WeasyPrint, one by one or as a batch."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from thidua.audit.models import ActionLog
from thidua.documents import html_layout, services
from thidua.documents.models import Document, DocumentTemplate, JobStatus, RenderJob

from .conftest import pdf_text

SAMPLE = (html_layout.HTML_DIR / "giay_khen.html").read_text(encoding="utf-8")
SAMPLE_BLANK = (html_layout.HTML_DIR / "giay_khen_phoi.html").read_text(encoding="utf-8")
A4_LANDSCAPE = (842, 595)  # points, rounded

needs_poppler_and_zbar = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg") and shutil.which("pdftotext")),
    reason="poppler-utils and zbar-tools are needed to read the printed certificate",
)


def html_file(text: str, name: str = "giay-khen.html") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/html")


def with_body(extra: str) -> str:
    """The sample layout with ``extra`` put just before </body>."""
    return SAMPLE.replace("</body>", f"{extra}\n</body>")


@pytest.fixture
def certificate(make_draft, user):
    decision = services.issue(None, make_draft("quyet_dinh_khen_thuong"))
    (cert,) = services.create_certificates(
        user("vanphong"),
        decision,
        [
            {
                "name": "Bà Lê Thị Mai",
                "detail": "Công chức Bộ phận tiếp nhận và trả kết quả",
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua",
            }
        ],
    )
    return cert


def upload(user, organisation, text: str, *, key: str = "giay_khen", regime: str = "R2013"):
    return services.upload_template(user("vanphong"), organisation, key, regime, html_file(text))


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(data)).pages
    ]


def image_count(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def scan_qr(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "giay-khen.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    return subprocess.run(
        ["zbarimg", "-q", "--raw", str(next(tmp_path.glob("p*.png")))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@needs_poppler_and_zbar
@pytest.mark.django_db
def test_with_the_sample_layout_uploaded_the_next_certificate_is_a_landscape_a4_pdf(
    client_as, certificate, demo, tmp_path
):
    office = client_as("vanphong")
    sample = office.get("/documents/templates/html-sample/?key=giay_khen")
    assert sample.status_code == 200
    assert b"".join(sample.streaming_content).decode("utf-8") == SAMPLE
    response = office.post(
        "/documents/templates/",
        {"key": "giay_khen", "regime": certificate.decision.regime, "file": html_file(SAMPLE)},
    )
    assert response.status_code == 302, response.content.decode()

    pdf_url = f"/documents/certificates/{certificate.pk}/pdf/"
    # No .docx exists for an HTML layout: the Word link gives way to the PDF.
    assert office.get(f"/documents/certificates/{certificate.pk}/docx/")["Location"] == pdf_url
    detail = office.get(f"/documents/{certificate.decision_id}/").content.decode()
    assert f'href="{pdf_url}">PDF</a>' in detail
    assert f'/documents/certificates/{certificate.pk}/docx/">Word</a>' not in detail

    response = office.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert page_sizes(data) == [A4_LANDSCAPE]
    text = pdf_text(data)
    assert "GIẤY KHEN" in text
    assert "Bà Lê Thị Mai" in text
    assert f"Quyết định số {certificate.decision.symbol}" in text
    assert "Số sổ vàng: 01" in text
    assert scan_qr(data, tmp_path) == services.verify_url(certificate.verification_code)
    assert ActionLog.objects.filter(action="template.uploaded", data__format="html").exists()


@pytest.mark.django_db
def test_a_batch_from_an_html_layout_is_printed_without_libreoffice(
    client_as, demo, user, monkeypatch, django_capture_on_commit_callbacks
):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    upload(user, demo["mo_lao"], SAMPLE, regime=decision.regime)
    # Were the .docx path taken, this "LibreOffice" would fail the job.
    monkeypatch.setenv("THIDUA_SOFFICE", "/bin/false")
    client = client_as("vanphong")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/documents/{decision.pk}/certificates/print/")
    job = RenderJob.objects.filter(document=decision).latest("created_at")
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 4, 4), job.message
    data = b"".join(client.get(f"/documents/jobs/{job.pk}/result/").streaming_content)
    assert page_sizes(data) == [A4_LANDSCAPE] * 4
    text = pdf_text(data)
    assert text.count("GIẤY KHEN") == 4
    for cert in decision.certificates.all():
        assert cert.awardee_name in text
    assert "Số sổ vàng: 04" in text


@pytest.mark.django_db
def test_an_unknown_placeholder_is_refused_by_name_and_nothing_changes(certificate, demo, user):
    upload(user, demo["mo_lao"], SAMPLE)
    kept = DocumentTemplate.objects.get(organisation=demo["mo_lao"], key="giay_khen")
    kept_file = kept.file.name
    for broken, name in [
        ("<p>{{ ten_nguoi_nhan }}</p>", "ten_nguoi_nhan"),
        # In a branch the sample without an emblem does not take: still found.
        ("{% if emblem %}<p>{{ quoc_huy }}</p>{% endif %}", "quoc_huy"),
        ("{% if not emblem %}<p>{{ khong_co }}</p>{% endif %}", "khong_co"),
        ("<p>{{ awardee_name.ho_ten }}</p>", "awardee_name.ho_ten"),
        ("{% if so_thu_tu > 3 %}x{% endif %}", "so_thu_tu"),
    ]:
        with pytest.raises(services.DocumentError, match=name.replace(".", r"\.")) as refused:
            upload(user, demo["mo_lao"], with_body(broken))
        assert "Trường" in str(refused.value)
    kept.refresh_from_db()
    assert kept.file.name == kept_file
    assert (
        DocumentTemplate.objects.filter(organisation=demo["mo_lao"], key="giay_khen").count() == 1
    )
    assert "Bà Lê Thị Mai" in pdf_text(services.render_certificate(certificate))


@pytest.mark.django_db
def test_tags_that_load_code_or_include_files_are_refused(demo, user):
    for tag in [
        "{% load static %}",
        '{% include "base.html" %}',
        '{% extends "base.html" %}',
        '{% ssi "/etc/passwd" %}',
        "{% debug %}",
        '{% url "documents:list" %}',
    ]:
        name = tag.split()[1]
        with pytest.raises(services.DocumentError, match=f"Thẻ {{% {name} %}}"):
            upload(user, demo["mo_lao"], with_body(tag))
    assert not DocumentTemplate.objects.filter(key="giay_khen").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_an_html_layout_in_utf8_is_refused(demo, user):
    office, ward = user("vanphong"), demo["mo_lao"]
    before = list(DocumentTemplate.objects.values_list("pk", "file"))
    png = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 16, 46)).save(png, "PNG")
    for data, message in [
        (b"Giay khen: {{ awardee_name }}", "không phải văn bản Word"),
        (png.getvalue(), "không phải văn bản Word"),
        (SAMPLE.encode("cp1258", errors="replace"), "UTF-8"),
        (b"", "rỗng"),
    ]:
        with pytest.raises(services.DocumentError, match=message):
            services.upload_template(
                office, ward, "giay_khen", "R2013", SimpleUploadedFile("a.html", data)
            )
    # A document other than a certificate is laid out in Word only.
    with pytest.raises(services.DocumentError, match="Chỉ Giấy khen dùng được bố cục HTML"):
        services.upload_template(office, ward, "giay_moi", "R2013", html_file(SAMPLE))
    assert list(DocumentTemplate.objects.values_list("pk", "file")) == before


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 — the name http.server calls
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    """A web server on loopback that records every request it gets."""
    _Recorder.hits = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Recorder.hits
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_nothing_outside_the_file_is_fetched_and_an_upload_that_asks_is_refused(
    certificate, demo, user, web_server, tmp_path
):
    base, hits = web_server
    picture = tmp_path / "logo.png"
    Image.new("RGB", (200, 200), (0, 0, 255)).save(picture, "PNG")
    references = [
        f'<img src="{base}/logo.png">',
        f'<link rel="stylesheet" href="{base}/style.css">',
        f"<style>body {{ background: url({base}/bg.png); }}</style>",
        f'<img src="{picture.as_uri()}">',
        '<img src="file:///etc/passwd">',
    ]
    for reference in references:
        with pytest.raises(services.DocumentError, match="ở ngoài tệp"):
            upload(user, demo["mo_lao"], with_body(reference))
    assert not DocumentTemplate.objects.filter(key="giay_khen").exists()

    # Printed all the same (a layout kept before this check, say): left out, never read.
    context = services.certificate_context(certificate)
    data = html_layout.render_pdf(with_body("\n".join(references)), context)
    assert hits == []
    assert image_count(data) == 1  # the QR code only: neither logo.png nor the server's
    assert "Bà Lê Thị Mai" in pdf_text(data)

    # An image embedded in the file is printed.
    embedded = html_layout.data_uri(picture.read_bytes())
    corner = "position: absolute; top: 12mm; left: 12mm; width: 15mm"
    upload(user, demo["mo_lao"], with_body(f'<img src="{embedded}" style="{corner}" alt="">'))
    data = services.render_certificate(certificate)
    assert page_sizes(data) == [A4_LANDSCAPE]
    assert image_count(data) == 2


@needs_poppler_and_zbar
@pytest.mark.django_db
def test_the_blank_layout_prints_only_the_text_shifted_by_the_offsets(certificate, demo, user):
    upload(user, demo["mo_lao"], SAMPLE_BLANK, key="giay_khen_phoi")
    assert services.certificate_format(certificate.decision, blank=True) == "pdf"
    assert services.certificate_format(certificate.decision) == "docx"

    def top_of_name() -> float:
        data = services.render_certificate(certificate, blank=True)
        assert page_sizes(data) == [A4_LANDSCAPE]
        text = pdf_text(data)
        assert "Bà Lê Thị Mai" in text and "GIẤY KHEN" not in text
        words = subprocess.run(
            ["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode("utf-8")
        return float(re.search(r'yMin="([\d.]+)"[^>]*>Mai<', words).group(1))

    before = top_of_name()
    services.update_blank_offsets(
        user("vanphong"), demo["mo_lao"], blank_offset_top_mm=10, blank_offset_left_mm=0
    )
    assert top_of_name() - before == pytest.approx(10 / 25.4 * 72, abs=0.5)  # 10 mm lower


@pytest.mark.django_db
def test_another_ward_can_neither_see_nor_replace_the_layout(client_as, certificate, demo, user):
    own = upload(user, demo["mo_lao"], SAMPLE)
    other = client_as("vanquan")
    assert other.get(f"/documents/templates/{own.pk}/file/").status_code == 404
    assert other.post(f"/documents/templates/{own.pk}/remove/").status_code == 404
    assert other.get(f"/documents/certificates/{certificate.pk}/pdf/").status_code == 404
    # Its own upload is its own: Mộ Lao's layout stays as it was.
    other.post(
        "/documents/templates/",
        {"key": "giay_khen", "regime": "R2013", "file": html_file(with_body("<p>Văn Quán</p>"))},
    )
    own.refresh_from_db()
    with own.file.open("rb") as handle:
        assert handle.read().decode("utf-8") == SAMPLE
    office = client_as("vanphong")
    response = office.get(f"/documents/templates/{own.pk}/file/")
    assert response["Content-Disposition"].endswith('R2013-giay_khen.html"')
    page = office.get("/documents/templates/").content.decode()
    assert "Mẫu riêng (HTML)" in page and "Bố cục HTML mẫu" in page


@pytest.mark.django_db
def test_going_back_to_the_word_template_gives_word_certificates_again(
    client_as, certificate, demo, user
):
    own = upload(user, demo["mo_lao"], SAMPLE)
    client_as("vanphong").post(f"/documents/templates/{own.pk}/remove/")
    assert services.certificate_format(certificate.decision) == "docx"
    assert services.render_certificate(certificate).startswith(b"PK")


@pytest.mark.django_db
def test_a_batch_reads_the_offices_layout_once_however_many_certificates(make_draft, demo, user):
    """The layout (and whether it is HTML) is the decision's: read once per batch, not once
    per certificate, so a batch's queries for it do not grow with its rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    office = user("vanphong")
    decision = services.issue(None, make_draft("quyet_dinh_khen_thuong"))
    upload(user, demo["mo_lao"], SAMPLE, regime=decision.regime)
    awardee = {"name": "Bà Lê Thị Mai", "achievement": "Đã có thành tích xuất sắc"}

    def template_reads() -> int:
        job = services.start_certificate_batch(office, decision)  # on_commit never runs here
        with CaptureQueriesContext(connection) as queries:
            services.run_certificate_batch(job.pk)
        job.refresh_from_db()
        assert (job.status, job.done) == (JobStatus.DONE, job.total), job.message
        return sum("documents_documenttemplate" in q["sql"] for q in queries.captured_queries)

    services.create_certificates(office, decision, [awardee])
    one = template_reads()
    services.create_certificates(office, decision, [awardee] * 5)
    assert template_reads() == one <= 2
