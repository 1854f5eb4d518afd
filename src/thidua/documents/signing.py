"""Digital signatures (PAdES) on issued documents, with the Office's own PKCS#12 certificate.

Pure functions over bytes: reading a PKCS#12 file, signing a PDF, checking the signatures of
a PDF, and keeping the file's password encrypted at rest. No network is used at any point:
the signature is PAdES B-B (no time-stamp authority, no revocation fetching), and trust is
judged only against the roots the server was given (``THIDUA_SIGNING_TRUST_ROOTS``, a PEM
file); an office's self-signed certificate is therefore reported as not verified by a
certification service provider, which is the truth.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

SIGNATURE_FIELD = "ChuKySoCoQuan"


class SigningError(ValueError):
    """The certificate or the signature cannot be used; the message says why, in Vietnamese."""


# --- the password, encrypted at rest ------------------------------------------------------------


def _fernet() -> Fernet:
    # The PKCS#12 password must be usable again at each issue, so it cannot be hashed; it
    # is encrypted with a key derived from SECRET_KEY (HKDF, its own "info" label so the
    # key is used for nothing else). A database dump alone then does not reveal it, and
    # the key needs no separate storage. Rotating SECRET_KEY means installing the
    # certificate again (the page says so when the password no longer decrypts).
    key = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"thidua.documents.signing-certificate-password",
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_password(password: str) -> str:
    return _fernet().encrypt(password.encode()).decode()


def decrypt_password(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SigningError(
            "Không giải mã được mật khẩu chứng thư số (khóa bí mật của máy chủ đã đổi). "
            "Hãy gỡ chứng thư và tải lên lại kèm mật khẩu."
        ) from exc


# --- the certificate -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateInfo:
    """What the settings page and the verification page show of a certificate."""

    subject: str  # the signer's name (CN)
    organisation: str  # O of the subject, may be empty
    issuer: str
    serial: str  # upper-case hexadecimal, as certificate viewers print it
    valid_from: datetime.datetime
    valid_until: datetime.datetime


def _name_part(name, oid) -> str:
    return ", ".join(str(a.value) for a in name.get_attributes_for_oid(oid))


def _describe(name) -> str:
    return _name_part(name, NameOID.COMMON_NAME) or name.rfc4514_string()


def describe_certificate(cert) -> CertificateInfo:
    """A ``cryptography`` certificate, described."""
    return CertificateInfo(
        subject=_describe(cert.subject),
        organisation=_name_part(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=_describe(cert.issuer),
        serial=format(cert.serial_number, "X"),
        valid_from=cert.not_valid_before_utc,
        valid_until=cert.not_valid_after_utc,
    )


def read_pkcs12(data: bytes, password: str, *, now: datetime.datetime) -> CertificateInfo:
    """Open a PKCS#12 file with its password and check it can sign now."""
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, password.encode() or None)
    except ValueError as exc:
        raise SigningError(
            "Không mở được tệp chứng thư số: sai mật khẩu, hoặc tệp không phải PKCS#12 "
            "(.p12, .pfx). Hãy kiểm tra mật khẩu và chọn đúng tệp do tổ chức cung cấp "
            "dịch vụ chứng thực cấp."
        ) from exc
    if key is None:
        raise SigningError(
            "Tệp chứng thư số không chứa khóa bí mật nên không ký được. Hãy xuất lại tệp "
            ".p12/.pfx kèm khóa bí mật."
        )
    if cert is None:
        raise SigningError("Tệp không chứa chứng thư số của người ký. Hãy xuất lại tệp .p12/.pfx.")
    info = describe_certificate(cert)
    if now < info.valid_from:
        raise SigningError(
            f"Chứng thư số chỉ có hiệu lực từ ngày {info.valid_from:%d/%m/%Y}; "
            "hãy tải lên khi chứng thư đã có hiệu lực."
        )
    if now > info.valid_until:
        raise SigningError(
            f"Chứng thư số đã hết hạn ngày {info.valid_until:%d/%m/%Y}. Hãy gia hạn với tổ "
            "chức cung cấp dịch vụ chứng thực rồi tải lên chứng thư mới."
        )
    return info


# --- signing and checking a PDF -------------------------------------------------------------------


def _outside_event_loop(function, *args, **kwargs):
    """Call one of pyHanko's synchronous functions. They call ``asyncio.run()``, which
    refuses to start in a thread whose event loop is running (an async caller, or the
    browser tests' Playwright): there, the call goes to a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sign_pdf(pdf: bytes, p12: bytes, password: str, *, reason: str, location: str) -> bytes:
    """The PDF with one PAdES (B-B) signature of the certificate's holder appended."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            p12, other_certs=[], passphrase=password.encode() or None
        )
    except ValueError as exc:
        raise SigningError(
            "Không mở được chứng thư số đã lưu; hãy gỡ và tải lên lại chứng thư số."
        ) from exc
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=reason,
        location=location,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        return _outside_event_loop(signers.sign_pdf, writer, meta, signer=signer).getvalue()
    except Exception as exc:  # pyhanko raises its own kinds (PdfError, SigningError…)
        raise SigningError(f"Không ký được tệp PDF ({type(exc).__name__}: {exc}).") from exc


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF as validated: whether the signed bytes are untouched
    (``intact``), the cryptographic signature is right (``valid``), and the signer's
    certificate chains to a trusted root (``trusted``)."""

    field: str
    certificate: CertificateInfo
    signed_at: datetime.datetime | None
    reason: str
    location: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool


def _trust_roots() -> list:
    from asn1crypto import pem, x509

    path = getattr(settings, "THIDUA_SIGNING_TRUST_ROOTS", "")
    if not path:
        return []
    roots = []
    for _kind, _headers, der in pem.unarmor(Path(path).read_bytes(), multiple=True):
        roots.append(x509.Certificate.load(der))
    return roots


def check_signatures(pdf: bytes) -> list[SignatureCheck]:
    """Validate every signature of a PDF, offline (no revocation or time-stamp fetching)."""
    from cryptography import x509 as pyca_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    checks = []
    for embedded in reader.embedded_signatures:
        context = ValidationContext(
            trust_roots=_trust_roots(), allow_fetching=False, revocation_mode="soft-fail"
        )
        status = _outside_event_loop(validate_pdf_signature, embedded, context)
        cert = pyca_x509.load_der_x509_certificate(status.signing_cert.dump())
        sig = embedded.sig_object
        checks.append(
            SignatureCheck(
                field=embedded.field_name,
                certificate=describe_certificate(cert),
                signed_at=status.signer_reported_dt,
                reason=str(sig.get("/Reason", "")),
                location=str(sig.get("/Location", "")),
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return checks
