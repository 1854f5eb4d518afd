"""PAdES: the Office installs its PKCS#12 certificate on the document settings page; an
award decision issued afterwards has a signed PDF, read back here with pyHanko, and its
verification page shows the signature. Certificates are made inside the test."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thidua.audit.models import ActionLog
from thidua.documents import services, signing
from thidua.documents.models import Document, DocumentSignature, SigningCertificate

from .conftest import needs_soffice
from .pkcs12 import PASSWORD, SIGNER, make_p12


def upload(client, own_pk: int, data: bytes, password: str = PASSWORD):
    return client.post(
        reverse("documents:signing_install", kwargs={"organisationsettings_id": own_pk}),
        {
            "certificate-file": SimpleUploadedFile("van-phong.p12", data),
            "certificate-password": password,
        },
    )


@pytest.fixture
def own(demo):
    return services.settings_for(demo["mo_lao"])


@pytest.mark.django_db
def test_the_office_installs_its_certificate_and_the_password_is_kept_encrypted(
    own, client_as, demo
):
    data = make_p12()
    response = upload(client_as("vanphong"), own.pk, data)
    assert response.status_code == 302
    cert = SigningCertificate.objects.get(organisation=demo["mo_lao"])
    assert cert.subject == SIGNER
    assert cert.subject_organisation == "UBND phường Mộ Lao"
    assert PASSWORD not in cert.password_encrypted
    assert signing.decrypt_password(cert.password_encrypted) == PASSWORD
    with cert.file.open("rb") as handle:
        assert handle.read() == data
    assert ActionLog.objects.filter(action="signing_certificate.installed").exists()
    page = client_as("vanphong").get(
        reverse("documents:settings", kwargs={"organisationsettings_id": own.pk})
    )
    html = page.content.decode()
    assert SIGNER in html and cert.serial in html and PASSWORD not in html
    assert f"đến {timezone.localtime(cert.valid_until):%d/%m/%Y}" in html


@pytest.mark.django_db
def test_only_the_office_of_that_ward_may_install_or_remove_it(own, client_as, demo):
    assert upload(client_as("truongmotcua"), own.pk, make_p12()).status_code == 403
    assert upload(client_as("vanquan"), own.pk, make_p12()).status_code == 404
    assert not SigningCertificate.objects.exists()
    upload(client_as("vanphong"), own.pk, make_p12())
    remove = reverse("documents:signing_remove", kwargs={"organisationsettings_id": own.pk})
    assert client_as("vanquan").post(remove).status_code == 404
    assert client_as("truongmotcua").post(remove).status_code == 403
    assert SigningCertificate.objects.filter(organisation=demo["mo_lao"]).exists()
    assert client_as("vanphong").post(remove).status_code == 302
    assert not SigningCertificate.objects.exists()
    assert ActionLog.objects.filter(action="signing_certificate.removed").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "password", "message"),
    [
        (make_p12(), "sai-mat-khau", "sai mật khẩu"),
        (make_p12(days_valid=30, starts_days_ago=60), PASSWORD, "đã hết hạn"),
        (make_p12(starts_days_ago=-10), PASSWORD, "chỉ có hiệu lực từ ngày"),
        (b"%PDF-1.7 khong phai chung thu", PASSWORD, "không phải PKCS#12"),
    ],
    ids=["wrong-password", "expired", "not-yet-valid", "not-pkcs12"],
)
def test_a_certificate_that_cannot_sign_is_refused_and_nothing_is_stored(
    own, client_as, data, password, message
):
    response = upload(client_as("vanphong"), own.pk, data, password)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SigningCertificate.objects.exists()
    assert not ActionLog.objects.filter(action="signing_certificate.installed").exists()


def issue_decision(make_draft) -> Document:
    draft = make_draft("quyet_dinh_khen_thuong")
    return services.issue(None, draft)


def read_back(document: Document):
    from pyhanko.pdf_utils.reader import PdfFileReader

    with document.pdf_file.open("rb") as handle:
        data = handle.read()
    return data, PdfFileReader(io.BytesIO(data)).embedded_signatures


@needs_soffice
@pytest.mark.django_db
def test_an_issued_decision_is_signed_and_its_verification_page_shows_it(
    own, client_as, make_draft, client
):
    upload(client_as("vanphong"), own.pk, make_p12())
    decision = issue_decision(make_draft)
    data, signatures = read_back(decision)
    assert len(signatures) == 1
    (check,) = signing.check_signatures(data)
    assert check.intact and check.valid and check.covers_whole_file
    assert not check.trusted  # self-signed: no certification service provider vouches for it
    assert check.certificate.subject == SIGNER
    assert check.reason == f"Ban hành Quyết định số {decision.symbol}"
    cached = DocumentSignature.objects.get(document=decision)
    assert (cached.signer_name, cached.intact, cached.trusted) == (SIGNER, True, False)
    assert cached.serial == check.certificate.serial
    # The file the register hands out is that signed file.
    assert services.render_pdf(decision) == data

    html = client.get(reverse("documents:verify", args=[decision.verification_code])).content
    html = html.decode()
    assert "Đã ký số" in html and SIGNER in html and "UBND phường Mộ Lao" in html
    assert cached.serial in html
    assert "nội dung tệp PDF không bị thay đổi sau khi ký" in html
    assert "chưa được xác thực bởi tổ chức cung cấp dịch vụ chứng thực" in html

    tampered = data.replace(b"/Producer", b"/Producex", 1)
    assert tampered != data
    assert not signing.check_signatures(tampered)[0].intact


@needs_soffice
@pytest.mark.django_db
def test_without_a_certificate_the_decision_is_unsigned_and_the_page_says_nothing_of_it(
    make_draft, client
):
    decision = issue_decision(make_draft)
    assert not decision.pdf_file
    assert not DocumentSignature.objects.exists()
    _data, signatures = read_back_rendered(decision)
    assert signatures == []
    html = client.get(reverse("documents:verify", args=[decision.verification_code])).content
    assert "ký số" not in html.decode().lower()


def read_back_rendered(document: Document):
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = services.render_pdf(document)
    return data, list(PdfFileReader(io.BytesIO(data)).embedded_signatures)


@pytest.mark.django_db(transaction=True)
def test_a_certificate_expired_since_it_was_installed_stops_the_issue_cleanly(
    own, client_as, make_draft
):
    upload(client_as("vanphong"), own.pk, make_p12())
    SigningCertificate.objects.update(
        valid_until=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    draft = make_draft("quyet_dinh_khen_thuong")
    with pytest.raises(services.DocumentError, match="đã hết hạn ngày 01/01/2020"):
        services.issue(None, draft)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number is None
    assert not draft.docx_file and not draft.pdf_file
    assert not DocumentSignature.objects.exists()
