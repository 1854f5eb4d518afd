"""Rendering .docx from templates (docxtpl) and checking templates the Office uploads.

The pure part — :func:`render_bytes`, :func:`check_template`, :func:`prepare_content` —
needs no database, so the samples command and the benchmark use it directly; the
register's part (:func:`frame_context`, :func:`template_bytes`) reads the models.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from thidua.vn import amount_in_words, date_line, format_date, format_money

from .catalog import SPECS, spec_for
from .template_build import TEMPLATE_DIR

CLOSING = "./."
QR_WIDTH_MM = 24
EMBLEM_HEIGHT_MM = 22


class TemplateProblem(ValueError):
    """A template cannot be used; the message (Vietnamese) names the broken placeholder."""


def _environment() -> jinja2.Environment:
    # StrictUndefined: a misspelt placeholder is an error naming it, never a silent blank.
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters["money"] = lambda value: format_money(int(value))
    env.filters["words"] = lambda value: amount_in_words(int(value))
    env.filters["vn_date"] = format_date
    return env


@functools.lru_cache(maxsize=128)
def builtin_template(key: str, regime: str) -> bytes:
    path = TEMPLATE_DIR / regime / f"{key}.docx"
    if not path.exists():
        raise TemplateProblem(f"Không có mẫu “{key}” cho chế độ pháp lý {regime}.")
    return path.read_bytes()


def _with_closing(blocks: list, field: str = "text") -> list:
    """The list with its last paragraph ending in "./." (NĐ 30/2020: the body ends so)."""
    if not blocks:
        return blocks
    blocks = list(blocks)
    last = blocks[-1]
    if isinstance(last, dict):
        text = str(last.get(field, "")).rstrip()
        if not text.endswith(CLOSING):
            text = text.rstrip(" .;,") + CLOSING
        blocks[-1] = {**last, field: text}
    return blocks


def _money_rows(annex: dict) -> dict:
    """Fill amount_text, total_text and total_words of a decision's annex from integers."""
    annex = dict(annex)
    rows = []
    total = 0
    for row in annex.get("rows", []):
        row = dict(row)
        amount = row.get("amount")
        if isinstance(amount, int) and not isinstance(amount, bool):
            total += amount
            row.setdefault("amount_text", format_money(amount))
        row.setdefault("amount_text", "")
        rows.append(row)
    annex["rows"] = rows
    annex.setdefault("total", total)
    annex.setdefault("total_text", format_money(int(annex["total"])))
    annex.setdefault("total_words", amount_in_words(int(annex["total"])))
    return annex


def prepare_content(key: str, content: dict[str, Any]) -> dict[str, Any]:
    """Normalise a caller's content: closing mark, money in figures and words."""
    spec = spec_for(key)
    content = copy.deepcopy(content)
    if spec.closing and isinstance(content.get(spec.closing), list):
        content[spec.closing] = _with_closing(content[spec.closing])
    # A decision's annex and a report's list of awardees: amounts in figures, total in words.
    for key in ("annex", "awards"):
        if isinstance(content.get(key), dict):
            content[key] = _money_rows(content[key])
    return content


def render_bytes(
    template: bytes,
    context: dict[str, Any],
    *,
    offset_mm: tuple[int, int] | None = None,
) -> bytes:
    """Render a .docx template with ``context``. ``qr_png`` (bytes) becomes the ``qr`` image,
    ``emblem_png`` (bytes or None) the ``emblem`` image of a certificate.

    ``offset_mm`` (top, left) shifts the whole page, for printing on pre-printed blanks.
    Raises :class:`TemplateProblem` naming the placeholder that fails.
    """
    try:
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateProblem("Tệp không phải văn bản Word (.docx) đọc được.") from exc
    ctx = dict(context)
    png = ctx.pop("qr_png", None)
    if png is not None:
        ctx["qr"] = InlineImage(tpl, io.BytesIO(png), width=Mm(QR_WIDTH_MM))
    if "emblem_png" in ctx:
        # Certificates only: the Office's Quốc huy, or "" so the layout leaves it out.
        emblem = ctx.pop("emblem_png")
        ctx["emblem"] = (
            InlineImage(tpl, io.BytesIO(emblem), height=Mm(EMBLEM_HEIGHT_MM)) if emblem else ""
        )
    try:
        tpl.render(ctx, _environment(), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"Thẻ mẫu sai cú pháp: {exc.message}. Hãy sửa thẻ {{{{ … }}}} hoặc {{% … %}} đó "
            "trong Word (gõ liền một lần, không định dạng giữa chừng)."
        ) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(_undefined_message(str(exc))) from exc
    except (TypeError, AttributeError) as exc:
        raise TemplateProblem(f"Trường trong mẫu dùng sai kiểu dữ liệu: {exc}.") from exc
    if offset_mm and any(offset_mm):
        for section in tpl.docx.sections:
            section.top_margin = max(0, section.top_margin + Mm(offset_mm[0]))
            section.left_margin = max(0, section.left_margin + Mm(offset_mm[1]))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def unknown_field_message(name: str, where: str = "tệp Word") -> str:
    return (
        f"Trường “{name}” không có trong dữ liệu của mẫu này. Hãy sửa hoặc xóa "
        f"thẻ {{{{ {name} }}}} trong {where}; các trường dùng được có trong "
        "danh sách trên trang Mẫu văn bản."
    )


def _undefined_message(text: str) -> str:
    match = re.search(r"'([^']+)' is undefined", text)
    if match:
        return unknown_field_message(match.group(1))
    match = re.search(r"has no attribute '([^']+)'", text)
    if match:
        return (
            f"Trường con “{match.group(1)}” không có trong dữ liệu của mẫu này. Hãy sửa thẻ "
            f"có “.{match.group(1)}” trong tệp Word."
        )
    return f"Mẫu dùng một trường không có trong dữ liệu: {text}."


def check_template(data: bytes, key: str, regime: str) -> None:
    """Try a template with the full sample context of its key; raise TemplateProblem."""
    from .samples import sample_context

    if not data.startswith(b"PK"):
        raise TemplateProblem("Tệp không phải văn bản Word (.docx). Hãy lưu lại dạng .docx.")
    render_bytes(data, sample_context(key, regime))


def frame_context(document) -> dict[str, Any]:
    """The frame of a registered document: issuer lines, number, date line, recipients,
    signature — everything NĐ 30 fixes, from the register's fields."""
    from thidua.regulations.models import LegalRegime

    spec = SPECS.get(document.template_key)
    regime = LegalRegime.objects.filter(code=document.regime).first()
    form_numbers = regime.form_numbers if regime else {}
    if document.is_numbered:
        number = f"{document.number:02d}" if document.number else " " * 8
        number_symbol = document.symbol or f"{number}/{document.doc_type}-{document.issuer_kind}"
        number_line = f"Số: {number_symbol}"
    else:
        number_symbol = number_line = ""
    lines = []
    archive = "Lưu: VT"
    for recipient in document.recipients.all():
        if recipient.name.lower().startswith("lưu"):
            archive = recipient.name
            continue
        suffix = f" ({recipient.purpose})" if recipient.purpose else ""
        lines.append(f"- {recipient.name}{suffix};")
    lines.append(f"- {archive.rstrip(' .;')}.")
    return {
        "governing_body": document.governing_body,
        "issuer_name": document.issuer_name,
        "issuer_short": document.issuer_short,
        "number_line": number_line,
        "number_symbol": number_symbol,
        "date_line": date_line(document.place, document.date),
        "date_short": format_date(document.date),
        "type_name": document.type_name.upper(),
        "summary": document.summary,
        "recipients": lines,
        "signature_lines": document.signature_lines,
        "signer_name": document.signer_name,
        "form_number": form_numbers.get(spec.form_number_key or "", "") if spec else "",
        "decree": regime.decree if regime else "",
    }


def own_template(organisation_id: int | None, key: str, regime: str):
    """The Office's own version of a template (a DocumentTemplate), or None."""
    from .models import DocumentTemplate

    if organisation_id is None:
        return None
    return DocumentTemplate.objects.filter(
        organisation_id=organisation_id, key=key, regime=regime
    ).first()


def template_data(own, key: str, regime: str) -> bytes:
    """The bytes of ``own`` (see :func:`own_template`), or of the built-in without one."""
    if own is None:
        return builtin_template(key, regime)
    with own.file.open("rb") as handle:
        return handle.read()


def template_bytes(organisation_id: int | None, key: str, regime: str) -> bytes:
    """The Office's own version of a template if it uploaded one, else the built-in."""
    return template_data(own_template(organisation_id, key, regime), key, regime)


def compose_docx(documents: list[bytes]) -> bytes:
    """Join rendered documents of one template into one .docx, each on its own page(s).

    Used to print a batch of certificates with a single LibreOffice start. Each joined
    document keeps its own section (page size, margins); images (the QR codes) are
    copied into the result.
    """
    import copy as _copy

    from docx import Document as load
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    base = load(io.BytesIO(documents[0]))
    body = base.element.body
    final = body.find(qn("w:sectPr"))
    for data in documents[1:]:
        # Close the previous section with a tiny paragraph carrying its properties.
        closing = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "20")
        spacing.set(qn("w:lineRule"), "exact")
        ppr.append(spacing)
        ppr.append(_copy.deepcopy(final))
        closing.append(ppr)
        final.addprevious(closing)
        other = load(io.BytesIO(data))
        for element in list(other.element.body):
            if element.tag == qn("w:sectPr"):
                continue
            for blip in element.iter(qn("a:blip")):
                rid = blip.get(qn("r:embed"))
                blob = other.part.related_parts[rid].blob
                new_rid, _image = base.part.get_or_add_image(io.BytesIO(blob))
                blip.set(qn("r:embed"), new_rid)
            final.addprevious(element)
    for number, doc_pr in enumerate(body.iter(qn("wp:docPr")), start=1):
        doc_pr.set("id", str(number))
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()
