"""The sealed ballot box of a secret ballot.

While the box is open each ballot is stored in the database only as ciphertext
(AES-256-GCM, random nonce, no timestamp, padded to one length per meeting so that a
ballot with fewer marks — a member with a conflict — looks like any other). The key is
made when voting opens and kept only in the key store: Redis when the deployment has one
(shared by all app servers), otherwise files under ``VAR_DIR/ballot-keys`` (shared by the
worker processes of one machine). Neither is the database, so a database dump, a replica or
a backup taken during the meeting cannot be read; the key is destroyed when the box is
counted. See docs/adr/0701-council-secret-ballot.md for the threat model.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.filebased import FileBasedCache

KEY_TTL_SECONDS = 30 * 24 * 3600
NONCE_BYTES = 12
KEY_PREFIX = "thidua-ballot-key:"


class BoxUnreadable(RuntimeError):
    """The box's key is gone (key store emptied): the ballot must be held again."""


@cache
def _file_store() -> FileBasedCache:
    folder = settings.VAR_DIR / "ballot-keys"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return FileBasedCache(str(folder), {"TIMEOUT": KEY_TTL_SECONDS})


def key_store() -> BaseCache:
    """Where the keys live: a shared cache if configured, else files on this machine.

    The default in-process cache cannot serve: two gunicorn workers would each hold a
    different key (or none) for the same meeting.
    """
    if "ballots" in settings.CACHES:
        return caches["ballots"]
    if getattr(settings, "REDIS_URL", ""):
        return caches["default"]
    return _file_store()


def new_box_name() -> str:
    return secrets.token_hex(16)


def open_box(box: str) -> None:
    """Make the key of a new box."""
    key_store().set(KEY_PREFIX + box, AESGCM.generate_key(bit_length=256), KEY_TTL_SECONDS)


def _key(box: str) -> bytes:
    key = key_store().get(KEY_PREFIX + box)
    if key is None:
        raise BoxUnreadable(
            "Không đọc được hòm phiếu: khóa niêm phong đã mất (máy chủ bộ nhớ đệm đã bị xóa "
            "hoặc khởi động lại). Chủ trì cần cho bỏ phiếu lại."
        )
    return key


def destroy_box(box: str) -> None:
    key_store().delete(KEY_PREFIX + box)


def padded_length(candidate_count: int) -> int:
    """One plaintext length for every ballot of a meeting."""
    return 128 + 48 * candidate_count


def seal(box: str, choices: dict[int, str], receipt_digest: str, candidate_count: int) -> bytes:
    """Encrypt one ballot: ``{candidate_id: choice}`` and the voter's receipt digest."""
    plain = json.dumps(
        {"c": {str(k): v for k, v in sorted(choices.items())}, "r": receipt_digest},
        separators=(",", ":"),
    ).encode()
    length = padded_length(candidate_count)
    if len(plain) > length:
        raise ValueError("ballot larger than its padded length")
    plain = plain + b" " * (length - len(plain))
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(_key(box)).encrypt(nonce, plain, box.encode())


def unseal(box: str, sealed: bytes) -> tuple[dict[int, str], str]:
    key = _key(box)
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    data = json.loads(AESGCM(key).decrypt(nonce, body, box.encode()).decode().rstrip())
    return {int(k): v for k, v in data["c"].items()}, data["r"]


def new_receipt() -> str:
    """A receipt code the voter keeps: 12 characters in three groups, easy to read out."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def receipt_digest(box: str, receipt: str) -> str:
    normalised = receipt.strip().upper().replace(" ", "")
    return hashlib.sha256(f"{box}:{normalised}".encode()).hexdigest()
