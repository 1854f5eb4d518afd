"""PDF input through pypdf: the text layer, page by page, within the time budget."""

from __future__ import annotations

import io
import logging
import time
import unicodedata
import warnings

from thidua.plans.parsing.errors import ParseError
from thidua.plans.parsing.extracted import Extracted
from thidua.plans.parsing.limits import Deadline
from thidua.vn.legacy import fix_legacy_text

__all__ = ["read_pdf"]

_PDF_MAX_PAGES = 300
_PDF_TIME_SHARE = 0.75  # of the deadline: leave time for the analysis after extraction


def read_pdf(data: bytes, deadline: Deadline) -> Extracted:
    """Extract the text layer of a PDF; refuse encrypted, damaged or image-only files."""
    try:
        from pypdf import PdfReader  # imported here: only PDF input needs it
    except ImportError as exc:  # pragma: no cover - an install problem, not an input one
        raise ParseError("unsupported_format", "Thiếu thư viện pypdf để đọc PDF.") from exc
    notes: list[str] = []
    pypdf_logger = logging.getLogger("pypdf")
    old_level = pypdf_logger.level
    # pypdf reports damaged-but-readable files through logging and warnings; the CLI's
    # stderr is for one line of error only, and the parser's own warnings say what matters.
    pypdf_logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = PdfReader(io.BytesIO(data), strict=False)
                if reader.is_encrypted:
                    try:
                        if not reader.decrypt(""):
                            raise ValueError("password")
                    except Exception as exc:
                        raise ParseError(
                            "encrypted",
                            "Không đọc được: PDF được đặt mật khẩu; hãy gửi bản không khoá.",
                        ) from exc
                pages = reader.pages
                count = len(pages)
            except ParseError:
                raise
            except Exception as exc:
                raise ParseError(
                    "corrupt", f"Không đọc được: tệp PDF bị hỏng ({type(exc).__name__})."
                ) from exc
            if count > _PDF_MAX_PAGES:
                notes.append(f"PDF có {count} trang; chỉ đọc {_PDF_MAX_PAGES} trang đầu.")
                count = _PDF_MAX_PAGES
            texts: list[str] = []
            budget_end = deadline.end - (1 - _PDF_TIME_SHARE) * deadline.seconds
            for index in range(count):
                if time.monotonic() > budget_end:
                    notes.append(f"PDF đọc quá lâu; chỉ đọc được {index}/{count} trang đầu.")
                    break
                try:
                    texts.append(pages[index].extract_text() or "")
                except Exception:
                    notes.append(f"Không đọc được chữ ở trang {index + 1} của PDF.")
    finally:
        pypdf_logger.setLevel(old_level)
    text = "\n\n".join(texts)
    if not text.strip():
        raise ParseError(
            "no_text_layer",
            "Không đọc được: PDF không có lớp chữ (có lẽ là bản scan); hãy nhận dạng chữ "
            "(OCR) hoặc gửi bản .docx.",
        )
    text = unicodedata.normalize("NFC", text)
    text, legacy = fix_legacy_text(text)
    if legacy:
        notes.append(f"Văn bản dùng bảng mã cũ {legacy.upper()}, đã chuyển sang Unicode.")
    return Extracted(text, "pdf", legacy, notes)
