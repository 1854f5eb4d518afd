"""Upload validation: size and type checked by content, never by the file name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

XLSX = "xlsx"
DOCX = "docx"
PPTX = "pptx"
# Evidence (minh chứng) a unit attaches to a progress report: documents, scans, photos.
EVIDENCE_KINDS = {"pdf", "png", "jpeg", "gif", "webp", "ole", XLSX, DOCX, PPTX}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "ole": "application/octet-stream",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
EXTENSIONS = {"jpeg": "jpg", "ole": "doc"}


def sniff(data: bytes) -> str | None:
    """The type of a file from its first bytes (and, for Office files, its zip index)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Legacy Word/Excel (.doc, .xls): still what many offices send.
        return "ole"
    if data.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe")) or data[:4] in {
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
    }:
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
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        # A macro-enabled file (.docm, .xlsm) carries code that runs when opened.
        return "executable"
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    return None


def validate_upload(uploaded, allowed: set[str], label: str) -> str:
    """Raise a Vietnamese ValidationError unless ``uploaded`` is one of ``allowed`` kinds;
    return the kind found."""
    limit = settings.THIDUA_MAX_UPLOAD_BYTES
    if uploaded.size == 0:
        raise ValidationError(gettext("Tệp rỗng. Hãy chọn lại tệp."))
    if uploaded.size > limit:
        raise ValidationError(
            gettext("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": f"{uploaded.size / 1048576:.1f}", "limit": limit // 1048576}
        )
    kind = office_kind(uploaded)
    if kind is None:
        uploaded.seek(0)
        kind = sniff(uploaded.read(16))
        uploaded.seek(0)
    if kind == "executable":
        raise ValidationError(
            gettext(
                "Tệp là chương trình chạy được hoặc có macro, không được phép tải lên. "
                "Hãy chọn %(kind)s."
            )
            % {"kind": label}
        )
    if kind not in allowed:
        raise ValidationError(
            gettext("Tệp không phải %(kind)s. Hãy chọn đúng loại tệp.") % {"kind": label}
        )
    return kind
