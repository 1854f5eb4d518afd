"""QR codes for verification links, as PNG bytes (segno: pure Python, no Pillow)."""

from __future__ import annotations

import io

import segno


def qr_png(text: str, *, scale: int = 6) -> bytes:
    """A PNG of a QR code for ``text`` with error correction level M and a quiet zone."""
    code = segno.make_qr(text, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
