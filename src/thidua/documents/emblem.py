"""The national emblem (Quốc huy) image an Office uploads for its plain-paper certificates.

No licensed image ships with the software, so each Office provides the one it uses. The
file is checked by its content (PNG, JPEG or SVG), its size and its pixels, and kept in a
form Word can embed: PNG and JPEG as they are, SVG drawn to a PNG here — which also means
the original SVG (which may hold scripts) is never served back to a browser.
"""

from __future__ import annotations

import io

EMBLEM_MAX_BYTES = 2 * 1024 * 1024
MIN_PIXELS, MAX_PIXELS = 100, 6000
SVG_RENDER_PIXELS = 800  # drawn this wide: sharp at the 2 cm it is printed at


class EmblemProblem(ValueError):
    """The image cannot be used; the message says why, in Vietnamese."""


def _is_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    return text.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head.lower()


def _svg_to_png(data: bytes) -> bytes:
    import cairosvg

    try:
        # unsafe=False (the default, spelt out): no external files or URLs are read and
        # XML entities are refused, so an uploaded SVG cannot reach the server's files.
        return cairosvg.svg2png(bytestring=data, output_width=SVG_RENDER_PIXELS, unsafe=False)
    except Exception as exc:  # cairosvg raises many kinds for a malformed drawing
        raise EmblemProblem(
            "Không đọc được tệp SVG (bản vẽ hỏng hoặc không phải SVG). Hãy xuất lại tệp, "
            "hoặc dùng ảnh PNG/JPEG."
        ) from exc


def normalise(data: bytes) -> tuple[bytes, str]:
    """(image bytes, extension "png" or "jpg") ready for the certificate, or EmblemProblem."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise EmblemProblem("Tệp rỗng. Hãy chọn lại ảnh Quốc huy.")
    if len(data) > EMBLEM_MAX_BYTES:
        raise EmblemProblem(
            f"Ảnh quá lớn ({len(data) / 1048576:.1f} MB); giới hạn là "
            f"{EMBLEM_MAX_BYTES // 1048576} MB. Hãy giảm kích thước ảnh."
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        image_bytes, ext = data, "png"
    elif data.startswith(b"\xff\xd8\xff"):
        image_bytes, ext = data, "jpg"
    elif _is_svg(data[:512]):
        image_bytes, ext = _svg_to_png(data), "png"
    else:
        raise EmblemProblem("Tệp không phải ảnh PNG, JPEG hoặc SVG. Hãy chọn đúng loại tệp.")
    try:
        with Image.open(io.BytesIO(image_bytes)) as image:
            image.verify()
        with Image.open(io.BytesIO(image_bytes)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise EmblemProblem("Ảnh bị hỏng, không mở được. Hãy lưu lại ảnh rồi tải lên.") from exc
    if min(width, height) < MIN_PIXELS:
        raise EmblemProblem(
            f"Ảnh quá nhỏ ({width}×{height} điểm ảnh) để in rõ; hãy dùng ảnh từ "
            f"{MIN_PIXELS}×{MIN_PIXELS} điểm ảnh trở lên."
        )
    if max(width, height) > MAX_PIXELS:
        raise EmblemProblem(
            f"Ảnh quá lớn ({width}×{height} điểm ảnh); hãy thu nhỏ xuống dưới "
            f"{MAX_PIXELS} điểm ảnh mỗi chiều."
        )
    return image_bytes, ext
