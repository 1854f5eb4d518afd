"""Certificate layouts the Office writes in HTML (a Django template), printed by WeasyPrint.

The Office may lay its Giấy khen out in HTML instead of Word. The file comes from outside
the software, so it is held on a short leash:

- it runs in an engine of its own with no template loaders and no tag libraries, and only
  the built-in tags that shape text (if, for, with…) are accepted: nothing can load code,
  include or extend another file, or print the context (``{% debug %}``);
- every placeholder must exist: Django prints an unknown variable as a blank, which would
  put a certificate without the awardee's name in front of the Chairman, so a lookup of an
  unknown name is an error that names it, like the .docx templates' StrictUndefined;
- WeasyPrint reads nothing but ``data:`` URIs (the QR code, the Office's emblem, images
  embedded in the file): the network and the server's files are never reached.
"""

from __future__ import annotations

import base64
import functools
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Lexer, TokenType

from .rendering import TemplateProblem, unknown_field_message
from .template_build import TEMPLATE_DIR

HTML_DIR = TEMPLATE_DIR / "html"
# Without an @page rule of its own the layout prints like the built-in certificate.
DEFAULT_PAGE_CSS = "@page { size: A4 landscape; margin: 10mm; }"
# The tags that only shape the text. Refused among others: load (code), include, extends
# and ssi (other files), debug (prints the context), url and csrf_token (the site's).
ALLOWED_TAGS = frozenset(
    {
        "if",
        "elif",
        "else",
        "endif",
        "for",
        "empty",
        "endfor",
        "with",
        "endwith",
        "comment",
        "endcomment",
        "spaceless",
        "endspaceless",
        "autoescape",
        "endautoescape",
        "filter",
        "endfilter",
        "firstof",
        "cycle",
        "resetcycle",
        "ifchanged",
        "endifchanged",
        "now",
        "templatetag",
        "verbatim",
        "endverbatim",
        "widthratio",
        "regroup",
        "lorem",
    }
)
# string_if_invalid: what Django prints for a failed attribute lookup (awardee_name.ho);
# characters of the private use area, which no certificate text contains.
_INVALID = "\ue000%s\ue001"
_INVALID_RE = re.compile("\ue000([^\ue001]*)\ue001")
_HTML_RE = re.compile(r"<\s*(!doctype\s+html|html|head|body)\b", re.IGNORECASE)

logger = logging.getLogger(__name__)


class _UnknownPlaceholder(Exception):  # noqa: N818 — not an error class of the API
    """Raised by the context for a name it does not hold. Not a KeyError: Django's
    variable lookup swallows those and prints a blank."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class _StrictContext(Context):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Also noted: the operators of {% if %} (not, ==, >…) swallow every exception.
        self.unknown: list[str] = []

    def __getitem__(self, key):
        for layer in reversed(self.dicts):
            if key in layer:
                return layer[key]
        self.unknown.append(key)
        raise _UnknownPlaceholder(key)


@functools.cache
def _engine() -> Engine:
    return Engine(loaders=[], libraries={}, autoescape=True, string_if_invalid=_INVALID)


def sample_layout(key: str) -> Path | None:
    """The HTML layout shipped as a starting point for ``key``, if there is one."""
    path = HTML_DIR / f"{key}.html"
    return path if path.exists() else None


def looks_like_html(data: bytes) -> bool:
    """Whether uploaded bytes are an HTML page (by content, never by the file name)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<") or b"\x00" in head:
        return False
    return bool(_HTML_RE.search(head.decode("utf-8", errors="replace")))


def decode_layout(data: bytes) -> str:
    """The layout's text, or TemplateProblem when it is not HTML written in UTF-8."""
    if not looks_like_html(data):
        raise TemplateProblem(
            "Tệp không phải trang HTML (cần có thẻ <html> hoặc <body>). Hãy lưu bố cục dạng "
            ".html, hoặc tải lên tệp Word (.docx)."
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise TemplateProblem(
            "Tệp HTML không viết bằng bảng mã UTF-8. Hãy lưu lại với bảng mã UTF-8 "
            "(trong trình soạn thảo: Save with Encoding → UTF-8)."
        ) from exc


def _check_tags(source: str) -> None:
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        name = (token.contents.split() or [""])[0]
        if name not in ALLOWED_TAGS:
            raise TemplateProblem(
                f"Thẻ {{% {name} %}} (dòng {token.lineno}) không được dùng trong bố cục Giấy "
                "khen: bố cục không được nạp thư viện hay chèn tệp khác. Hãy xóa thẻ đó; các "
                "thẻ dùng được: if, for, with, firstof, now, cycle, comment, spaceless."
            )


def render_html(source: str, context: dict[str, Any]) -> str:
    """The layout filled with ``context``; TemplateProblem names a broken placeholder."""
    _check_tags(source)
    try:
        template = _engine().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"Thẻ trong bố cục HTML sai cú pháp ({exc}). Hãy sửa thẻ {{{{ … }}}} hoặc {{% … %}} đó."
        ) from exc
    strict = _StrictContext(context)
    try:
        html = template.render(strict)
    except _UnknownPlaceholder as exc:
        raise TemplateProblem(unknown_field_message(exc.name, "tệp HTML")) from exc
    if strict.unknown:
        raise TemplateProblem(unknown_field_message(strict.unknown[0], "tệp HTML"))
    missing = _INVALID_RE.search(html)
    if missing:
        raise TemplateProblem(unknown_field_message(missing.group(1), "tệp HTML"))
    return html


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def certificate_context(context: dict[str, Any]) -> dict[str, Any]:
    """The certificate's context for HTML: the QR code and the emblem become data: URIs
    (``<img src="{{ qr }}">``); the emblem is "" when the Office has none."""
    ctx = dict(context)
    png = ctx.pop("qr_png", None)
    if png is not None:
        ctx["qr"] = data_uri(png)
    if "emblem_png" in ctx:
        emblem = ctx.pop("emblem_png")
        ctx["emblem"] = data_uri(emblem) if emblem else ""
    return ctx


def _data_only_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class DataOnlyFetcher(URLFetcher):
        """Answers data: URIs itself and refuses every other URL (http, file, ftp…),
        remembering them so that an upload can be refused naming one."""

        def __init__(self):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if not url.lower().startswith("data:"):
                self.refused.append(url)
                raise ValueError(f"external resource refused: {url}")
            # Decoded here, not through urllib's opener, so no handler can reach out.
            meta, _, payload = url[5:].partition(",")
            body = unquote_to_bytes(payload)
            if meta.lower().endswith(";base64"):
                body = base64.b64decode(body)
                meta = meta[: -len(";base64")]
            return URLFetcherResponse(url, body, {"Content-Type": meta or "text/plain"})

    return DataOnlyFetcher()


def html_to_pdf(
    html: str, *, offset_mm: tuple[int, int] | None = None, strict: bool = False
) -> bytes:
    """A PDF of filled HTML (A4 landscape unless the layout sets its @page).

    ``offset_mm`` (top, left) shifts the print, for pre-printed blanks. ``strict`` (the
    upload check) refuses a layout that refers to anything outside the file; otherwise
    such a reference is left out of the print, never fetched."""
    from weasyprint import CSS, HTML

    fetcher = _data_only_fetcher()
    sheets = [CSS(string=DEFAULT_PAGE_CSS, url_fetcher=fetcher)]
    if offset_mm and any(offset_mm):
        top, left = offset_mm
        sheets.append(
            CSS(
                string="body { position: relative !important; "
                f"top: {int(top)}mm !important; left: {int(left)}mm !important; }}",
                url_fetcher=fetcher,
            )
        )
    try:
        pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=sheets)
    except Exception as exc:  # WeasyPrint raises many kinds on a broken page
        raise TemplateProblem(f"Không dựng được trang PDF từ bố cục HTML: {exc}.") from exc
    if fetcher.refused:
        if strict:
            raise TemplateProblem(
                f"Bố cục dẫn tới “{fetcher.refused[0][:200]}” ở ngoài tệp. Phần mềm không tải "
                "gì từ mạng hay từ máy chủ: hãy nhúng ảnh vào tệp (data: URI) hoặc bỏ đi; mã QR "
                "và Quốc huy có sẵn trong {{ qr }} và {{ emblem }}."
            )
        logger.warning("certificate layout: left out %s", ", ".join(fetcher.refused[:5]))
    return pdf


def render_pdf(
    source: str, context: dict[str, Any], *, offset_mm: tuple[int, int] | None = None
) -> bytes:
    """A certificate printed from an HTML layout and the certificate's context."""
    return html_to_pdf(render_html(source, certificate_context(context)), offset_mm=offset_mm)


def check_layout(data: bytes, key: str, regime: str) -> str:
    """Try an uploaded layout with the full sample context, with and without an emblem
    (the two branches a layout usually has); return its text or raise TemplateProblem."""
    from .samples import sample_context

    source = decode_layout(data)
    sample = sample_context(key, regime)
    # Any PNG stands in for the Office's emblem: only the branch taken matters here.
    for emblem in (sample["qr_png"], None):
        context = certificate_context({**sample, "emblem_png": emblem})
        html_to_pdf(render_html(source, context), strict=True)
    return source
