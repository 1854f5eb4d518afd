"""Helpers for the register tests: drafts of phường Mộ Lao made through the services."""

from __future__ import annotations

import datetime
import os
import shutil

import pytest

from thidua.documents import services
from thidua.documents.samples import _content

# CI installs LibreOffice and must run these tests: there a missing soffice fails
# instead of skipping (see .ci/run, which sets THIDUA_REQUIRE_BROWSER).
_REQUIRED = bool(os.environ.get("THIDUA_REQUIRE_BROWSER") or os.environ.get("CI"))
if _REQUIRED and shutil.which("soffice") is None:
    raise RuntimeError("LibreOffice (soffice) is required in CI for the PDF tests")
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@pytest.fixture
def make_draft(demo, user):
    """``make_draft("quyet_dinh_khen_thuong", date)`` — a draft with the sample content."""

    def make(key: str = "quyet_dinh_khen_thuong", day: datetime.date | None = None, **kw):
        regime = "R2013"
        if day is not None and day > datetime.date(2023, 12, 31):
            regime = "R2022a" if day <= datetime.date(2025, 6, 30) else "R2022b"
        content, sample_day, _n = _content(key, regime)
        summary = content.pop("summary")
        for frame_key in ("recipients", "signature_lines", "signer_name"):
            content.pop(frame_key, None)
        return services.create_draft(
            kw.pop("actor", user("vanphong")),
            kw.pop("organisation", demo["mo_lao"]),
            key,
            day or sample_day,
            content,
            summary=summary,
            recipients=kw.pop(
                "recipients",
                [("Như Điều 3", ""), ("UBND quận Hà Đông", "để b/c"), ("Lưu: VT, TĐKT", "")],
            ),
            signer=kw.pop("signer", services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH")),
            **kw,
        )

    return make


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order, whitespace collapsed.

    pypdf returns the text in content-stream order; LibreOffice draws the glyphs that
    fall in a second 8-bit font subset (most Vietnamese letters with two diacritics)
    in a separate run at the end of each line, so pypdf's text of "CỘNG HÒA" reads
    "C NG HÒA…Ộ". poppler's pdftotext orders by position, so it is used when present.
    """
    import subprocess
    import tempfile

    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            out = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
    else:
        import io

        from pypdf import PdfReader

        out = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(out.split())
