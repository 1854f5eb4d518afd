"""Upload validation: size and type checked by content, never by the file name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

XLSX = "xlsx"
DOCX = "docx"


def sniff(data: bytes) -> str | None:
    """The type of a file from its first bytes (and, for Office files, its zip index)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"MZ") or data.startswith(b"\x7fELF") or data.startswith(b"#!"):
        return "executable"
    return None


def office_kind(uploaded) -> str | None:
    """ "xlsx" or "docx" for a well-formed Office Open XML file, else None."""
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    if head != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return None


def validate_upload(uploaded, allowed: set[str], label: str) -> None:
    """Raise a Vietnamese ValidationError unless ``uploaded`` is one of ``allowed`` kinds."""
    limit = settings.THIDUA_MAX_UPLOAD_BYTES
    if uploaded.size == 0:
        raise ValidationError("Tệp rỗng. Hãy chọn lại tệp.")
    if uploaded.size > limit:
        raise ValidationError(
            f"Tệp quá lớn ({uploaded.size / 1048576:.1f} MB); giới hạn là {limit // 1048576} MB."
        )
    kind = office_kind(uploaded)
    if kind is None:
        uploaded.seek(0)
        kind = sniff(uploaded.read(16))
        uploaded.seek(0)
    if kind not in allowed:
        raise ValidationError(f"Tệp không phải {label}. Hãy chọn đúng loại tệp.")
