"""A self-signed signing certificate as an office would export it (PKCS#12), made with
``cryptography`` for the tests: no certificate file is shipped."""

from __future__ import annotations

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = "Mat-khau-VP-2023"
SIGNER = "Nguyễn Thị Thanh"


def make_p12(
    *, days_valid: int = 365, starts_days_ago: int = 1, password: str = PASSWORD, cn=SIGNER
) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND phường Mộ Lao"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    start = now - datetime.timedelta(days=starts_days_ago)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days_valid))
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"van-phong", key, cert, None, serialization.BestAvailableEncryption(password.encode())
    )
