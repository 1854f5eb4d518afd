"""Domain operations of the document register.

The public API other apps call (they hand over a context dict; documents knows nothing of
awards or movements):

- :func:`create_draft` — a draft in the register (issuer name valid on its date);
- :func:`update_draft` — the one way to change a draft; :func:`add_attachments`,
  :func:`remove_attachment` — its attached files; :func:`may_draft`, :func:`may_write` —
  who may (the Office and leadership; a unit head for the unit's own documents);
- :func:`issue` — number it in its series inside the transaction, render and keep its .docx;
- :func:`render_docx`, :func:`render_pdf` — the files (issued: frozen; draft: fresh);
- :func:`cancel`, :func:`replace`, :func:`revoke` — the end of a document's life; its number
  is never reused; a revocation names the issued decision that revokes (:func:`revoking_document`);
- :func:`register_incoming` — an incoming document (văn bản đến) with its arrival number;
- :func:`create_certificates`, :func:`render_certificate`, :func:`revoke_certificate`,
  :func:`start_certificate_batch` — Giấy khen of an issued decision, with verification codes;
- :func:`verify` — what a public verification code stands for;
- :func:`upload_template`, :func:`remove_template` — the Office's own templates;
- :func:`install_signing_certificate`, :func:`remove_signing_certificate` — the Office's
  PKCS#12 certificate; with one installed, :func:`issue` signs an award decision's PDF
  (PAdES) and :func:`verify` reports the signature;
- :func:`upload_emblem`, :func:`remove_emblem` — the Quốc huy printed on certificates.

Every operation validates, runs in a transaction and writes the action log.
"""

from __future__ import annotations

import datetime
import io
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.i18n import in_vietnamese
from thidua.core.storage import FileSaves, StorageFull, delete_after_commit, saving_files
from thidua.core.uploads import DOCX, XLSX, validate_upload
from thidua.orgs.models import Organisation, Role, Unit
from thidua.orgs.services import has_role, memberships_of, organisation_for_documents
from thidua.regulations.models import LegalRegime
from thidua.regulations.services import RuleMissing, ensure_defaults, regime_on
from thidua.vn import TYPE_ABBREVIATIONS, build_symbol, date_line, format_date, parse_symbol

from . import html_layout, pdf
from .catalog import spec_for
from .models import (
    HTML_SUFFIX,
    Attachment,
    Authority,
    Certificate,
    Document,
    DocumentSignature,
    DocumentTemplate,
    IncomingDocument,
    IssuerKind,
    JobStatus,
    NumberSeries,
    OrganisationSettings,
    Purpose,
    Recipient,
    RenderJob,
    SigningCertificate,
    Status,
)
from .qr import qr_png
from .rendering import (
    TemplateProblem,
    check_template,
    frame_context,
    own_template,
    prepare_content,
    render_bytes,
    template_bytes,
    template_data,
)

WRITER_ROLES = (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN)
INCOMING_SERIES = "ĐẾN"
GOLDEN_BOOK_SERIES = "SSV"
CODE_BYTES = 12  # 96 random bits: 16 URL-safe characters, unguessable


class DocumentError(ValueError):
    """A refused operation; the message (Vietnamese) says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Signer:
    """Who signs and how: ``Signer("Nguyễn Thị Thanh", "CHỦ TỊCH")`` signs directly;
    ``Signer("Trần Quốc Hùng", "PHÓ CHỦ TỊCH", "KT", principal_title="CHỦ TỊCH")``."""

    name: str
    title: str = ""
    authority: str = ""
    authority_body: str = ""
    principal_title: str = ""


def _require_writer(actor, organisation: Organisation) -> None:
    if actor is not None and not has_role(actor, organisation, *WRITER_ROLES):
        raise PermissionError("Chỉ Văn phòng và lãnh đạo UBND được thao tác trên sổ văn bản.")


# Who may write what. The ward's register — its number series, and whatever is issued in
# the name of the People's Committee or of its council — belongs to the Office and the
# leadership (WRITER_ROLES). A unit head (trưởng đơn vị) also drafts, edits, finalises and
# cancels their own unit's documents, made in the unit's name ("UBND PHƯỜNG MỘ LAO" over
# the unit's name): its Tờ trình, Báo cáo thành tích, Biên bản họp bình xét. Those take no
# number of the ward's register (IssuerKind.UNIT is unnumbered): the unit signs them and
# sends them to the Office. Such a document links its unit (Document.unit), so the right
# follows the unit through a renaming; issuer_short keeps the name printed when drafted.
UNIT_DOC_TYPES = ("TTr", "BC", "BB")


def units_headed(actor, organisation: Organisation) -> list:
    """The units of ``organisation`` whose head ``actor`` is."""
    return [
        m.unit
        for m in memberships_of(actor)
        if m.role == Role.UNIT_HEAD and m.unit.organisation_id == organisation.pk
    ]


def may_draft(
    actor, organisation: Organisation, issuer_kind: str, unit: Unit | None = None
) -> bool:
    if actor is None or has_role(actor, organisation, *WRITER_ROLES):
        return True
    return (
        issuer_kind == IssuerKind.UNIT
        and unit is not None
        and any(headed.pk == unit.pk for headed in units_headed(actor, organisation))
    )


def may_write(actor, document: Document) -> bool:
    """Whether ``actor`` may edit, issue or cancel ``document`` (see the rule above)."""
    if document.is_numbered:
        return actor is None or has_role(actor, document.organisation_id, *WRITER_ROLES)
    return may_draft(actor, document.organisation, document.issuer_kind, document.unit)


def _require_drafter(
    actor, organisation: Organisation, issuer_kind: str, unit: Unit | None
) -> None:
    if not may_draft(actor, organisation, issuer_kind, unit):
        raise PermissionError(
            "Chỉ Văn phòng, lãnh đạo UBND và trưởng đơn vị (với văn bản của đơn vị mình, "
            "không cấp số) được soạn văn bản."
        )


def _require_rights(actor, document: Document) -> None:
    if not may_write(actor, document):
        raise PermissionError(
            "Chỉ Văn phòng, lãnh đạo UBND hoặc trưởng đơn vị đứng tên văn bản được thao tác "
            "trên văn bản này."
        )


def _check_signer(signer: Signer) -> None:
    if signer.authority not in Authority.values:
        raise DocumentError(f"Thể thức ký “{signer.authority}” không hợp lệ.")
    if signer.authority in (Authority.TM, Authority.TM_KT) and not signer.authority_body.strip():
        raise DocumentError("Ký “TM.” cần ghi tập thể được thay mặt, ví dụ “ỦY BAN NHÂN DÂN”.")
    needs_principal = (Authority.TM_KT, Authority.KT, Authority.Q, Authority.TL, Authority.TUQ)
    if signer.authority in needs_principal and not signer.principal_title.strip():
        raise DocumentError(
            "Ký thay, quyền, thừa lệnh hoặc thừa ủy quyền cần ghi chức vụ người đứng đầu, "
            "ví dụ “CHỦ TỊCH”."
        )
    # Under "TM.", "KT.", "TL." and "TUQ." the signer's own title is a line of its own
    # (NĐ 30/2020 Phụ lục I): without it the block would print an empty line there.
    titled = (Authority.TM, Authority.TM_KT, Authority.KT, Authority.TL, Authority.TUQ)
    if signer.authority in titled and not signer.title.strip():
        raise DocumentError(
            "Ký “TM.”, “KT.”, “TL.” hoặc “TUQ.” cần ghi chức vụ của người ký (dòng dưới dòng "
            "thẩm quyền), ví dụ “PHÓ CHỦ TỊCH”, “CHÁNH VĂN PHÒNG”."
        )


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


@dataclass(frozen=True)
class FormNumber:
    """The official number of a report form under a regime ("Mẫu số 08") and whether it
    was confirmed in a public source — the templates page shows the Office what to check."""

    number: str
    confirmed: bool


def form_numbers_by_regime() -> dict[tuple[str, str], FormNumber]:
    """{(regime code, form key): FormNumber} for every numbered form of every regime."""
    ensure_defaults()
    return {
        (regime.code, key): FormNumber(number, f"form_numbers.{key}" not in regime.unconfirmed)
        for regime in LegalRegime.objects.all()
        for key, number in regime.form_numbers.items()
        if number
    }


def verify_url(code: str) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "") or "http://127.0.0.1:8000"
    return f"{base.rstrip('/')}/verify/{code}"


def issuer_lines(
    organisation: Organisation, issuer_kind: str, day: datetime.date, unit_name: str = ""
) -> tuple[str, str, str]:
    """(governing body, issuer name, short name) as printed for a document dated ``day``."""
    name = organisation.name_on(day)
    if issuer_kind == IssuerKind.COMMITTEE:
        return "", f"ỦY BAN NHÂN DÂN\n{name.upper()}", f"UBND {name}"
    if issuer_kind == IssuerKind.COUNCIL:
        return (
            f"UBND {name.upper()}",
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
            f"Hội đồng Thi đua - Khen thưởng {name}",
        )
    if not unit_name.strip():
        raise DocumentError(
            "Hãy ghi tên đơn vị ban hành (ví dụ “Bộ phận tiếp nhận và trả kết quả”)."
        )
    return f"UBND {name.upper()}", unit_name.strip().upper(), unit_name.strip()


def _check_date(organisation: Organisation, day: datetime.date) -> str:
    try:
        organisation_for_documents(organisation, day)
        return regime_on(day).code
    except (ValueError, RuleMissing) as exc:
        raise DocumentError(str(exc)) from exc


# --- numbering ------------------------------------------------------------------------------


def next_number(organisation: Organisation, series: str, year: int) -> int:
    """The next number of a series, inside the caller's transaction.

    The series row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
    transaction already holds the write lock from BEGIN IMMEDIATE), so concurrent
    issues queue here and each gets its own number. Numbers only grow.
    """
    NumberSeries.objects.get_or_create(organisation=organisation, series=series, year=year)
    row = NumberSeries.objects.select_for_update().get(
        organisation=organisation, series=series, year=year
    )
    row.last_number += 1
    row.save(update_fields=["last_number"])
    return row.last_number


# --- outgoing documents -----------------------------------------------------------------------


@transaction.atomic
@in_vietnamese
def create_draft(
    actor,
    organisation: Organisation,
    template_key: str,
    day: datetime.date,
    context: dict,
    *,
    summary: str,
    recipients: Iterable[tuple[str, str]] = (),
    signer: Signer | None = None,
    issuer_kind: str | None = None,
    doc_type: str | None = None,
    place: str | None = None,
    unit: Unit | None = None,
    attachments: Sequence = (),
) -> Document:
    """Put a draft in the register. ``context`` is the template's content (see catalog);
    ``unit`` is the issuer of a unit's own document (``issuer_kind="UNIT"``);
    ``attachments`` are uploaded files kept with it (checked by content)."""
    try:
        spec = spec_for(template_key)
    except ValueError as exc:
        raise DocumentError(str(exc)) from exc
    issuer_kind = issuer_kind or spec.issuer_kind
    if issuer_kind not in IssuerKind.values:
        raise DocumentError(f"Cơ quan ban hành “{issuer_kind}” không hợp lệ.")
    unit = _check_unit(organisation, issuer_kind, unit)
    _require_drafter(actor, organisation, issuer_kind, unit)
    if spec.certificate:
        raise DocumentError("Giấy khen được tạo từ quyết định khen thưởng, không tạo riêng.")
    doc_type = _check_type(doc_type or spec.doc_type, issuer_kind)
    summary = _check_summary(summary)
    recipients = _check_recipients(recipients)
    regime = _check_date(organisation, day)
    governing, issuer, short = issuer_lines(
        organisation, issuer_kind, day, unit.name if unit else ""
    )
    signer = signer or Signer("")
    _check_signer(signer)
    document = Document.objects.create(
        organisation=organisation,
        issuer_kind=issuer_kind,
        issuer_name=issuer,
        issuer_short=short,
        governing_body=governing,
        unit=unit,
        doc_type=doc_type,
        template_key=template_key,
        regime=regime,
        year=day.year,
        place=_check_place(place or organisation.place_name or organisation.name),
        date=day,
        summary=summary,
        context=context,
        signer_name=signer.name,
        signer_title=signer.title,
        authority=signer.authority,
        authority_body=signer.authority_body,
        principal_title=signer.principal_title,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _put_recipients(document, recipients)
    record(actor, "document.drafted", document, data={"template": template_key, "date": day})
    if attachments:
        _attach(actor, document, attachments)
    return document


def _check_unit(organisation: Organisation, issuer_kind: str, unit: Unit | None) -> Unit | None:
    """The issuing unit of a unit's own document; none for the committee or the council."""
    if issuer_kind != IssuerKind.UNIT:
        if unit is not None:
            raise DocumentError(
                "Văn bản của UBND hoặc Hội đồng không đứng tên một đơn vị; hãy bỏ chọn đơn vị."
            )
        return None
    if unit is None:
        raise DocumentError("Hãy chọn đơn vị ban hành (ví dụ “Bộ phận tiếp nhận và trả kết quả”).")
    if unit.organisation_id != organisation.pk:
        raise DocumentError(f"Đơn vị “{unit.name}” không thuộc {organisation.committee_name}.")
    return unit


def _check_type(doc_type: str, issuer_kind: str) -> str:
    if doc_type not in TYPE_ABBREVIATIONS:
        raise DocumentError(f"Loại văn bản “{doc_type}” không có trong Phụ lục III NĐ 30/2020.")
    if issuer_kind == IssuerKind.UNIT and doc_type not in UNIT_DOC_TYPES:
        names = ", ".join(TYPE_ABBREVIATIONS[t] for t in UNIT_DOC_TYPES)
        raise DocumentError(
            f"Đơn vị chỉ đứng tên {names}; {TYPE_ABBREVIATIONS[doc_type]} do UBND hoặc "
            "Hội đồng ban hành. Hãy chọn lại loại văn bản hoặc cơ quan ban hành."
        )
    return doc_type


def _check_summary(summary: str) -> str:
    summary = " ".join(summary.split())
    if not summary:
        raise DocumentError("Hãy ghi trích yếu của văn bản.")
    if len(summary) > 500:
        raise DocumentError(f"Trích yếu dài {len(summary)} ký tự; hãy rút gọn còn tối đa 500.")
    return summary


def _check_place(place: str) -> str:
    place = place.strip()
    if not place or len(place) > 80:
        raise DocumentError("Hãy ghi địa danh (tối đa 80 ký tự), ví dụ “Mộ Lao”.")
    return place


def _check_recipients(recipients: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    checked = []
    for name, purpose in recipients:
        name = " ".join(name.split())
        if purpose not in Purpose.values:
            raise DocumentError(f"Mục đích “{purpose}” của nơi nhận “{name}” không hợp lệ.")
        if not name or len(name) > 300:
            raise DocumentError("Mỗi nơi nhận cần có tên, tối đa 300 ký tự.")
        checked.append((name, purpose))
    return checked


def _put_recipients(document: Document, recipients: list[tuple[str, str]]) -> None:
    Recipient.objects.bulk_create(
        Recipient(document=document, position=position, name=name, purpose=purpose)
        for position, (name, purpose) in enumerate(recipients)
    )


def body_blocks(text: str, previous: Sequence[dict] = ()) -> list[dict]:
    """The body as the templates take it, from text with one paragraph per line. A line
    keeps the kind (heading, italic…) of the paragraph at its place before; a new line
    written all in capitals ("I. MỤC ĐÍCH, YÊU CẦU") is a heading."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise DocumentError("Nội dung văn bản không được để trống; hãy ghi ít nhất một đoạn.")
    if any(len(line) > 4000 for line in lines):
        raise DocumentError("Mỗi đoạn tối đa 4.000 ký tự; hãy tách đoạn dài thành nhiều dòng.")
    blocks = []
    for index, line in enumerate(lines):
        if index < len(previous):
            kind = previous[index].get("kind", "para")
        else:
            kind = "heading" if line.isupper() else "para"
        blocks.append({"kind": kind, "text": line})
    return blocks


def body_text(context: dict) -> str:
    """The body of a document's content as editable text, one paragraph per line."""
    return "\n".join(block.get("text", "") for block in context.get("body", []))


# Drafts written on the web take the Kế hoạch template: it is the bare NĐ 30 frame (issuer,
# number, date line, the type's name from doc_type, summary, body, Nơi nhận, signature),
# so it lays out a document of any type.
FRAME_TEMPLATE = "ke_hoach"

# What update_draft may change; the issuer and the template stay (a new series or layout
# is a new document).
DRAFT_FIELDS = ("summary", "doc_type", "place", "date", "context", "recipients", "signer")


@transaction.atomic
@in_vietnamese
def update_draft(actor, document: Document, **changes) -> Document:
    """The one way to change a draft: ``summary``, ``doc_type``, ``place``, ``date``,
    ``context``, ``recipients`` (pairs of name and purpose, replacing the list) or
    ``signer`` (a :class:`Signer`). An issued document never changes: a change after
    issue is a new document that replaces it (:func:`replace`). The action log names
    the fields changed; nothing is written when nothing changed."""
    unknown = set(changes) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"update_draft cannot change {', '.join(sorted(unknown))}")
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    _require_rights(actor, doc)
    if doc.status != Status.DRAFT:
        raise DocumentError(
            f"Văn bản {doc.symbol or ''} đang ở trạng thái “{doc.get_status_display()}”, không "
            "sửa được: văn bản đã ban hành giữ nguyên như khi ký. Muốn thay đổi, hãy soạn "
            "văn bản mới thay thế văn bản này."
        )
    before = {
        "summary": doc.summary,
        "doc_type": doc.doc_type,
        "place": doc.place,
        "date": doc.date,
        "context": doc.context,
        "recipients": list(doc.recipients.values_list("name", "purpose")),
        "signer": Signer(
            doc.signer_name,
            doc.signer_title,
            doc.authority,
            doc.authority_body,
            doc.principal_title,
        ),
    }
    after = dict(before)
    if "summary" in changes:
        after["summary"] = _check_summary(changes["summary"])
    if "doc_type" in changes:
        after["doc_type"] = _check_type(changes["doc_type"], doc.issuer_kind)
    if "place" in changes:
        after["place"] = _check_place(changes["place"])
    if "context" in changes:
        if not isinstance(changes["context"], dict):
            raise DocumentError("Nội dung văn bản phải là một bộ dữ liệu (dict) theo mẫu.")
        after["context"] = changes["context"]
    if "recipients" in changes:
        after["recipients"] = _check_recipients(changes["recipients"])
    if "signer" in changes:
        _check_signer(changes["signer"])
        after["signer"] = changes["signer"]
    if "date" in changes:
        day = changes["date"]
        doc.regime = _check_date(doc.organisation, day)
        doc.governing_body, doc.issuer_name, doc.issuer_short = issuer_lines(
            doc.organisation, doc.issuer_kind, day, doc.issuer_short
        )
        after["date"] = day
    changed = [field for field in DRAFT_FIELDS if after[field] != before[field]]
    if not changed:
        return doc
    doc.summary, doc.doc_type, doc.place = after["summary"], after["doc_type"], after["place"]
    doc.date, doc.year, doc.context = after["date"], after["date"].year, after["context"]
    signer = after["signer"]
    doc.signer_name, doc.signer_title, doc.authority = signer.name, signer.title, signer.authority
    doc.authority_body, doc.principal_title = signer.authority_body, signer.principal_title
    doc.save()
    if "recipients" in changed:
        doc.recipients.all().delete()
        _put_recipients(doc, after["recipients"])
    short = {
        f: [str(before[f]), str(after[f])]
        for f in changed
        if f in ("summary", "doc_type", "place", "date")
    }
    record(actor, "document.updated", doc, data={"fields": changed, "changes": short})
    document.refresh_from_db()
    return doc


ATTACHMENT_KINDS = {"pdf", DOCX, XLSX, "ole", "png", "jpeg"}
ATTACHMENT_LABEL = "tệp PDF, Word, Excel hoặc ảnh (PNG, JPEG)"


def _attach(actor, doc: Document, uploads: Sequence) -> list[Attachment]:
    for uploaded in uploads:
        try:
            validate_upload(uploaded, ATTACHMENT_KINDS, ATTACHMENT_LABEL)
        except ValidationError as exc:
            name = getattr(uploaded, "name", "") or "tệp đính kèm"
            raise DocumentError(f"Tệp “{name}”: {' '.join(exc.messages)}") from exc
    added = []
    # A full disk: a clear message, the files saved so far go, the transaction rolls back.
    with saving_files() as files:
        for uploaded in uploads:
            name = (getattr(uploaded, "name", "") or "tep-dinh-kem")[-200:]
            attachment = Attachment(document=doc, name=name)
            _save_upload(files, attachment.file, name, uploaded)
            attachment.save()
            added.append(attachment)
    record(actor, "document.attached", doc, data={"files": [a.name for a in added]})
    return added


@transaction.atomic
def add_attachments(actor, document: Document, uploads: Sequence) -> list[Attachment]:
    """Attach files (annexes, scans) to a draft; all are checked before any is kept."""
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    _require_rights(actor, doc)
    if doc.status != Status.DRAFT:
        raise DocumentError("Chỉ đính kèm tệp vào văn bản còn là dự thảo.")
    return _attach(actor, doc, uploads)


@transaction.atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    doc = (
        Document.objects.select_for_update()
        .select_related("organisation")
        .get(pk=attachment.document_id)
    )
    _require_rights(actor, doc)
    if doc.status != Status.DRAFT:
        raise DocumentError("Văn bản đã ban hành giữ nguyên tệp đính kèm.")
    record(actor, "document.attachment_removed", doc, data={"file": attachment.name})
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    delete_after_commit(storage, name)


def _context(document: Document) -> dict:
    return {**prepare_content(document.template_key, document.context), **frame_context(document)}


def _render_fresh(document: Document) -> bytes:
    template = template_bytes(document.organisation_id, document.template_key, document.regime)
    try:
        return render_bytes(template, _context(document))
    except TemplateProblem as exc:
        raise DocumentError(f"Không tạo được tệp Word: {exc}") from exc


@transaction.atomic
@in_vietnamese
def issue(
    actor,
    document: Document,
    *,
    day: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Document:
    """Issue a draft (after signing): number it in its series and year, keep its .docx.

    The number is taken inside this transaction, so it is never given twice, and it
    stays with the document even if it is later cancelled. ``at`` is the moment recorded
    as issued: now, except for a past year replayed by the demo.
    """
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    _require_rights(actor, doc)
    if doc.status != Status.DRAFT:
        raise DocumentError(
            f"Văn bản này đã ở trạng thái “{doc.get_status_display()}”, không ban hành lại được."
        )
    if day is not None and day != doc.date:
        doc.regime = _check_date(doc.organisation, day)
        doc.date, doc.year = day, day.year
        doc.governing_body, doc.issuer_name, doc.issuer_short = issuer_lines(
            doc.organisation, doc.issuer_kind, day, doc.issuer_short
        )
    else:
        _check_date(doc.organisation, doc.date)
    mark_issued(doc, at=at or timezone.now())
    data = _render_fresh(doc)
    # A full disk or a failed signature: the files saved so far go, the transaction rolls back.
    with saving_files() as files:
        _save_upload(files, doc.docx_file, _file_name(doc, "docx"), ContentFile(data))
        doc.save(update_fields=["docx_file"])
        if doc.doc_type == "QĐ":
            _sign_decision(actor, doc, data, files)
    record(actor, "document.issued", doc, data={"symbol": doc.symbol, "date": doc.date})
    document.refresh_from_db()
    return doc


def mark_issued(doc: Document, *, at: datetime.datetime, code: str | None = None) -> None:
    """Give a locked draft the next number of its series (issuer × year) and its symbol,
    and mark it issued at ``at``; a decision gets its verification code (``code`` only
    for synthetic data, which must come out the same every time; else a random one)."""
    if doc.is_numbered:
        doc.number = next_number(doc.organisation, doc.issuer_kind, doc.year)
        doc.symbol = build_symbol(doc.number, doc.doc_type, doc.issuer_kind)
    doc.status = Status.ISSUED
    doc.issued_at = at
    if doc.doc_type == "QĐ":
        doc.verification_code = code or new_code()
    doc.save()


@transaction.atomic
def import_issued(
    actor, document: Document, number: int, *, at: datetime.datetime | None = None
) -> Document:
    """Enter a document issued before the register was used, under its own number
    (e.g. the plan 20/KH-UBND of 28/02/2023). The series moves past that number.
    ``at``: when it was issued on paper, if known; else the moment it is entered."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    _require_writer(actor, doc.organisation)
    if doc.status != Status.DRAFT:
        raise DocumentError("Chỉ nhập số cho văn bản chưa ban hành.")
    taken = Document.objects.filter(
        organisation=doc.organisation, issuer_kind=doc.issuer_kind, year=doc.year, number=number
    ).exists()
    if taken:
        raise DocumentError(f"Số {number:02d} đã có trong sổ năm {doc.year}; hãy kiểm tra lại.")
    NumberSeries.objects.get_or_create(
        organisation=doc.organisation, series=doc.issuer_kind, year=doc.year
    )
    row = NumberSeries.objects.select_for_update().get(
        organisation=doc.organisation, series=doc.issuer_kind, year=doc.year
    )
    row.last_number = max(row.last_number, number)
    row.save(update_fields=["last_number"])
    doc.number = number
    doc.symbol = build_symbol(number, doc.doc_type, doc.issuer_kind)
    doc.status = Status.ISSUED
    doc.issued_at = at or timezone.now()
    if doc.doc_type == "QĐ":
        doc.verification_code = new_code()
    doc.save()
    record(actor, "document.imported", doc, data={"symbol": doc.symbol})
    return doc


def _file_name(document: Document, ext: str) -> str:
    symbol = (document.symbol or f"du-thao-{document.pk}").replace("/", "-")
    return f"{symbol}.{ext}"


@in_vietnamese
def render_docx(document: Document) -> bytes:
    """The .docx: the kept file once issued (it never changes), a fresh render for drafts."""
    if document.status != Status.DRAFT and document.docx_file:
        with document.docx_file.open("rb") as handle:
            return handle.read()
    return _render_fresh(document)


@in_vietnamese
def render_pdf(document: Document) -> bytes:
    """The PDF converted from the .docx by LibreOffice; kept once made for an issued one."""
    if document.status != Status.DRAFT and document.pdf_file:
        with document.pdf_file.open("rb") as handle:
            return handle.read()
    try:
        data = pdf.docx_to_pdf(render_docx(document), name=f"doc-{document.pk}")
    except pdf.PdfUnavailable as exc:
        raise DocumentError(str(exc)) from exc
    if document.status != Status.DRAFT:
        document.pdf_file.save(_file_name(document, "pdf"), ContentFile(data), save=False)
        Document.objects.filter(pk=document.pk).update(pdf_file=document.pdf_file.name)
    return data


@transaction.atomic
def cancel(actor, document: Document, reason: str) -> Document:
    """Cancel an issued document or a draft. Its number stays used: never given again."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    _require_rights(actor, doc)
    if not reason.strip():
        raise DocumentError("Hãy ghi lý do hủy văn bản.")
    if doc.status not in (Status.ISSUED, Status.DRAFT):
        raise DocumentError(f"Văn bản đang “{doc.get_status_display()}”, không hủy được nữa.")
    doc.status = Status.CANCELLED
    doc.cancel_reason = reason.strip()[:500]
    doc.save(update_fields=["status", "cancel_reason"])
    record(actor, "document.cancelled", doc, data={"reason": doc.cancel_reason})
    return doc


def _issued_since(document: Document, **same):
    """The organisation's other issued documents dated on or after ``document``, newest
    first, narrowed by ``same`` — the choices a replacement or a revocation offers."""
    return (
        Document.objects.filter(
            organisation_id=document.organisation_id,
            status=Status.ISSUED,
            date__gte=document.date,
            **same,
        )
        .exclude(pk=document.pk)
        .order_by("-date", "-number", "-id")
    )


def choice_label(document: Document) -> str:
    """“15/QĐ-UBND ngày 20/12/2023 — Về việc thu hồi …”, as a select offers a document of
    the register (a unit's own documents have no number: their date and summary name them)."""
    summary = document.summary if len(document.summary) <= 90 else document.summary[:89] + "…"
    return f"{document.symbol or 'Văn bản'} ngày {format_date(document.date)} — {summary}"


def replacement_choices(document: Document):
    """The documents that may replace ``document`` (see :func:`replace`): issued ones of
    the same issuer, dated on or after it, newest first."""
    return _issued_since(document, issuer_kind=document.issuer_kind, unit_id=document.unit_id)


def revoking_choices(revoked: Document):
    """The decisions that may revoke ``revoked`` or one of its certificates (see
    :func:`revoking_document`): the organisation's other issued Quyết định, newest first."""
    return _issued_since(revoked, doc_type="QĐ")


def _titled(document: Document) -> str:
    """“Văn bản 05/QĐ-UBND ngày 12/03/2024” (a draft: “Dự thảo …”), as messages name it."""
    if document.status == Status.DRAFT:
        return f"Dự thảo “{document.summary[:60]}”"
    # A unit's own documents take no number: their summary names them.
    name = document.symbol or f"“{document.summary[:60]}”"
    return f"Văn bản {name} ngày {format_date(document.date)}"


@transaction.atomic
def replace(actor, old: Document, new: Document | None, reason: str) -> Document:
    """Mark the issued ``old`` as replaced by ``new``: another issued document of the same
    issuer (organisation, issuer kind and unit), not dated before it, for ``reason``.
    ``old`` keeps its number; its page and the register then point to ``new``. The same
    people may do it as may cancel ``old``."""
    doc = Document.objects.select_for_update().get(pk=old.pk)
    _require_rights(actor, doc)
    if doc.status != Status.ISSUED:
        raise DocumentError(
            f"Văn bản đang ở trạng thái “{doc.get_status_display()}”: chỉ văn bản đã ban hành "
            "mới được thay thế."
        )
    if new is None:
        raise DocumentError("Hãy chọn văn bản thay thế trong sổ văn bản đi.")
    new = Document.objects.select_for_update().get(pk=new.pk)
    if new.pk == doc.pk:
        raise DocumentError(
            f"{_titled(doc)} không thể tự thay thế chính nó; hãy chọn văn bản mới đã ban "
            "hành để thay thế."
        )
    same_issuer = (new.organisation_id, new.issuer_kind, new.unit_id) == (
        doc.organisation_id,
        doc.issuer_kind,
        doc.unit_id,
    )
    if not same_issuer:
        raise DocumentError(
            f"Văn bản thay thế phải do {doc.issuer_short} ban hành như văn bản được thay thế. "
            f"{_titled(new)} là của {new.issuer_short}; hãy chọn văn bản khác."
        )
    if new.status != Status.ISSUED:
        raise DocumentError(
            f"{_titled(new)} đang ở trạng thái “{new.get_status_display()}”: chỉ "
            "văn bản đã ban hành (cấp số) mới thay thế được văn bản khác; hãy ban hành nó trước."
        )
    if new.date < doc.date:
        raise DocumentError(
            f"{_titled(new)} có trước văn bản được thay thế (ngày "
            f"{format_date(doc.date)}); hãy chọn văn bản ban hành từ ngày đó."
        )
    if not reason.strip():
        raise DocumentError("Hãy ghi lý do thay thế văn bản.")
    doc.status = Status.REPLACED
    doc.replaced_by = new
    doc.cancel_reason = reason.strip()[:500]
    doc.save(update_fields=["status", "replaced_by", "cancel_reason"])
    record(actor, "document.replaced", doc, data={"by": new.symbol, "reason": doc.cancel_reason})
    return doc


def revoking_document(revoked: Document, by: Document | None) -> Document:
    """``by`` read afresh (and locked) once it is fit to revoke ``revoked`` or one of its
    certificates: an issued Quyết định of the same register, another one, not dated
    before it. Refused with a message otherwise."""
    if by is None:
        raise DocumentError("Hãy chọn quyết định thu hồi trong sổ văn bản đi.")
    by = Document.objects.select_for_update().get(pk=by.pk)
    if by.organisation_id != revoked.organisation_id:
        raise DocumentError(
            f"Quyết định thu hồi phải là văn bản trong sổ văn bản đi của {revoked.issuer_short}."
        )
    if by.pk == revoked.pk:
        raise DocumentError(
            f"Quyết định {revoked.symbol} không thể tự thu hồi chính nó; hãy chọn quyết định "
            "thu hồi khác."
        )
    name = by.symbol or "đã chọn"
    if by.doc_type != "QĐ":
        raise DocumentError(
            f"Văn bản thu hồi phải là một Quyết định (QĐ); văn bản {name} là {by.type_name}."
        )
    if by.status != Status.ISSUED:
        raise DocumentError(
            f"Quyết định {name} đang ở trạng thái “{by.get_status_display()}”: chỉ dùng quyết "
            "định đã ban hành (cấp số) để thu hồi; hãy ban hành nó trước."
        )
    if by.date < revoked.date:
        raise DocumentError(
            f"Quyết định {by.symbol} ngày {format_date(by.date)} có trước quyết định bị thu hồi "
            f"(ngày {format_date(revoked.date)}); hãy chọn quyết định ban hành từ ngày đó."
        )
    return by


@transaction.atomic
def revoke(actor, document: Document, by: Document, reason: str) -> Document:
    """Mark the issued ``document`` revoked by the issued decision ``by`` (see
    :func:`revoking_document`), for ``reason``. Its number stays used."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    _require_rights(actor, doc)
    if doc.status != Status.ISSUED:
        raise DocumentError(
            f"Văn bản đang “{doc.get_status_display()}”; chỉ thu hồi văn bản đã ban hành."
        )
    if not reason.strip():
        raise DocumentError("Hãy ghi lý do thu hồi văn bản.")
    by = revoking_document(doc, by)
    doc.status = Status.REVOKED
    doc.revoked_by = by
    doc.cancel_reason = reason.strip()[:500]
    doc.save(update_fields=["status", "revoked_by", "cancel_reason"])
    record(actor, "document.revoked", doc, data={"by": by.symbol, "reason": doc.cancel_reason})
    return doc


# --- incoming documents -----------------------------------------------------------------------


@transaction.atomic
def register_incoming(
    actor,
    organisation: Organisation,
    *,
    received_on: datetime.date,
    sender: str,
    their_symbol: str,
    their_date: datetime.date,
    summary: str,
    doc_type: str = "",
    file=None,
) -> IncomingDocument:
    """Enter an incoming document with the next arrival number of the year."""
    _require_writer(actor, organisation)
    try:
        parsed = parse_symbol(their_symbol)
    except ValueError as exc:
        raise DocumentError(
            f"Số, ký hiệu “{their_symbol}” không đúng dạng; ghi như “60/KH-UBND”."
        ) from exc
    if their_date > received_on:
        raise DocumentError("Ngày văn bản không thể sau ngày đến; hãy kiểm tra lại hai ngày.")
    if not sender.strip() or not summary.strip():
        raise DocumentError("Hãy ghi nơi gửi và trích yếu.")
    incoming = IncomingDocument(
        organisation=organisation,
        arrival_number=next_number(organisation, INCOMING_SERIES, received_on.year),
        year=received_on.year,
        received_on=received_on,
        sender=sender.strip(),
        their_symbol=str(parsed),
        their_date=their_date,
        doc_type=doc_type or (parsed.type_abbr if parsed.type_abbr in TYPE_ABBREVIATIONS else ""),
        summary=summary.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # A full disk: a clear message, no partial file, and the transaction rolls back.
    with saving_files() as files:
        if file is not None:
            _save_upload(files, incoming.file, getattr(file, "name", "van-ban-den"), file)
        incoming.save()
        record(actor, "incoming.registered", incoming, data={"number": incoming.arrival_number})
    return incoming


def _save_upload(files: FileSaves, field_file, name: str, content) -> None:
    try:
        files.save(field_file, name, content)
    except StorageFull as exc:
        raise DocumentError(" ".join(exc.messages)) from exc


# --- templates ----------------------------------------------------------------------------------


@transaction.atomic
def upload_template(actor, organisation: Organisation, key: str, regime: str, uploaded):
    """Replace a built-in template with the Office's own, after trying it with a full
    sample context. Refused (nothing saved) with a message naming the broken placeholder.

    A .docx for any template; for a certificate also an HTML layout (see html_layout.py),
    told apart by content, which is then printed to PDF by WeasyPrint."""
    _require_writer(actor, organisation)
    try:
        spec = spec_for(key)
    except ValueError as exc:
        raise DocumentError(str(exc)) from exc
    if regime not in {"R2013", "R2022a", "R2022b"}:
        raise DocumentError(
            f"Chế độ pháp lý “{regime}” không có mẫu trong phần mềm; hãy chọn R2013, R2022a "
            "hoặc R2022b."
            if regime
            else "Hãy chọn chế độ pháp lý của mẫu."
        )
    label = "văn bản Word (.docx)"
    if spec.certificate:
        label = "văn bản Word (.docx) hoặc bố cục HTML (.html, UTF-8)"
    try:
        # None: a type the sniffer does not know, such as text; HTML is told apart below.
        kind = validate_upload(uploaded, {DOCX, None}, label)
    except ValidationError as exc:  # keep the one Vietnamese message
        raise DocumentError(" ".join(exc.messages)) from exc
    uploaded.seek(0)
    data = uploaded.read()
    is_html = kind is None and html_layout.looks_like_html(data)
    if is_html and not spec.certificate:
        raise DocumentError(
            f"Chỉ Giấy khen dùng được bố cục HTML; mẫu “{spec.name}” cần tệp Word (.docx)."
        )
    if kind is None and not is_html:
        raise DocumentError(f"Tệp không phải {label}. Hãy chọn đúng loại tệp.")
    try:
        if is_html:
            html_layout.check_layout(data, key, regime)
        else:
            check_template(data, key, regime)
    except TemplateProblem as exc:
        raise DocumentError(f"Mẫu chưa dùng được: {exc}") from exc
    template, _ = DocumentTemplate.objects.select_for_update().get_or_create(
        organisation=organisation, key=key, regime=regime
    )
    replaced = template.file.name
    ext = HTML_SUFFIX if is_html else ".docx"
    with saving_files() as files:
        _save_upload(
            files, template.file, f"{organisation.code}-{regime}-{key}{ext}", ContentFile(data)
        )
        template.original_name = getattr(uploaded, "name", "")[:200]
        template.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
        template.save()
        record(
            actor,
            "template.uploaded",
            template,
            data={"key": key, "regime": regime, "format": "html" if is_html else "docx"},
        )
    delete_after_commit(template.file.storage, replaced)
    return template


@transaction.atomic
def remove_template(actor, template: DocumentTemplate) -> None:
    """Go back to the built-in template."""
    _require_writer(actor, template.organisation)
    record(actor, "template.removed", template, data={"key": template.key})
    template.file.delete(save=False)
    template.delete()


# --- certificates ---------------------------------------------------------------------------------


def settings_for(organisation: Organisation) -> OrganisationSettings:
    found, _ = OrganisationSettings.objects.get_or_create(organisation=organisation)
    return found


@transaction.atomic
@in_vietnamese
def create_certificates(actor, decision: Document, awardees: Sequence[dict]) -> list[Certificate]:
    """Certificates (Giấy khen) of an issued decision, one per awardee dict:
    ``{"name", "detail", "achievement", "form"="Giấy khen", "collective"=False}``.
    Số sổ vàng: the ordinal within the decision, or the running register if the
    organisation keeps one."""
    decision = Document.objects.select_for_update().get(pk=decision.pk)
    _require_writer(actor, decision.organisation)
    if decision.doc_type != "QĐ" or decision.status != Status.ISSUED:
        raise DocumentError("Chỉ tạo Giấy khen từ quyết định khen thưởng đã ban hành.")
    running = settings_for(decision.organisation).running_golden_book
    start = decision.certificates.count()
    created = []
    for index, awardee in enumerate(awardees, start=start + 1):
        if not awardee.get("name") or not awardee.get("achievement"):
            raise DocumentError(f"Người thứ {index}: thiếu tên hoặc thành tích.")
        number = (
            next_number(decision.organisation, GOLDEN_BOOK_SERIES, decision.year)
            if running
            else index
        )
        created.append(
            Certificate.objects.create(
                organisation=decision.organisation,
                decision=decision,
                golden_book_number=number,
                award_form=awardee.get("form", "Giấy khen"),
                awardee_name=awardee["name"],
                awardee_detail=awardee.get("detail", ""),
                achievement=awardee["achievement"],
                is_collective=bool(awardee.get("collective", False)),
                verification_code=new_code(),
            )
        )
    record(actor, "certificate.created", decision, data={"count": len(created)})
    return created


def certificate_context(certificate: Certificate) -> dict:
    decision = certificate.decision
    name = decision.organisation.name_on(decision.date)
    url = verify_url(certificate.verification_code)
    return {
        "awarding_title": decision.context.get(
            "authority_line", f"CHỦ TỊCH ỦY BAN NHÂN DÂN {name.upper()}"
        ),
        "awardee_name": certificate.awardee_name,
        "awardee_detail": certificate.awardee_detail,
        "achievement": certificate.achievement,
        "decision_symbol": decision.symbol,
        "decision_date": format_date(decision.date),
        "golden_book": f"{certificate.golden_book_number:02d}",
        "qr_png": qr_png(url),
        "verification_code": certificate.verification_code,
        "verify_url": url,
        "date_line": date_line(decision.place, decision.date),
        "signature_lines": decision.signature_lines,
        "signer_name": decision.signer_name,
        "emblem_png": _emblem_bytes(decision.organisation),
    }


def _certificate_key(blank: bool) -> str:
    return "giay_khen_phoi" if blank else "giay_khen"


@dataclass(frozen=True)
class CertificateLayout:
    """What every certificate of one decision is printed with, read once for a batch: the
    template (the Office's own or the built-in), whether it is an HTML layout, and the
    printer's offset for pre-printed blanks."""

    template: bytes
    html: bool
    offset_mm: tuple[int, int] | None


def certificate_layout(decision: Document, *, blank: bool = False) -> CertificateLayout:
    key = _certificate_key(blank)
    offset = None
    if blank:
        own = settings_for(decision.organisation)
        offset = (own.blank_offset_top_mm, own.blank_offset_left_mm)
    own = own_template(decision.organisation_id, key, decision.regime)
    return CertificateLayout(
        template_data(own, key, decision.regime), own is not None and own.is_html, offset
    )


def certificate_format(decision: Document, *, blank: bool = False) -> str:
    """The file a certificate of ``decision`` comes as: "docx" from a Word template, or
    "pdf" when the Office laid the certificate out in HTML (there is then no .docx)."""
    own = own_template(decision.organisation_id, _certificate_key(blank), decision.regime)
    return "pdf" if own is not None and own.is_html else "docx"


@in_vietnamese
def render_certificate(
    certificate: Certificate, *, blank: bool = False, layout: CertificateLayout | None = None
) -> bytes:
    """The certificate's file (see :func:`certificate_format`): on plain paper, or only the
    text for a pre-printed blank. A .docx from a Word template; a PDF from an HTML layout.
    ``layout``: the decision's, when the caller prints many (see :func:`certificate_layout`)."""
    layout = layout or certificate_layout(certificate.decision, blank=blank)
    try:
        if layout.html:
            source = html_layout.decode_layout(layout.template)
            return html_layout.render_pdf(
                source, certificate_context(certificate), offset_mm=layout.offset_mm
            )
        return render_bytes(
            layout.template, certificate_context(certificate), offset_mm=layout.offset_mm
        )
    except TemplateProblem as exc:
        raise DocumentError(f"Không tạo được Giấy khen: {exc}") from exc


@in_vietnamese
def render_certificate_pdf(certificate: Certificate, *, blank: bool = False) -> bytes:
    """The certificate as a PDF: printed directly from an HTML layout, or the .docx
    converted by LibreOffice."""
    layout = certificate_layout(certificate.decision, blank=blank)
    data = render_certificate(certificate, blank=blank, layout=layout)
    if layout.html:
        return data
    try:
        return pdf.docx_to_pdf(data, name=f"giay-khen-{certificate.pk}")
    except pdf.PdfUnavailable as exc:
        raise DocumentError(str(exc)) from exc


@transaction.atomic
def revoke_certificate(
    actor, certificate: Certificate, reason: str, *, by: Document
) -> Certificate:
    """Revoke a Giấy khen by the issued decision ``by`` (see :func:`revoking_document`);
    its verification page then says so, with the reason and that decision."""
    cert = Certificate.objects.select_for_update().select_related("decision").get(pk=certificate.pk)
    _require_writer(actor, cert.organisation)
    if cert.revoked:
        raise DocumentError("Giấy khen này đã bị thu hồi.")
    if not reason.strip():
        raise DocumentError("Hãy ghi lý do thu hồi Giấy khen.")
    by = revoking_document(cert.decision, by)
    cert.revoked = True
    cert.revoked_reason = reason.strip()[:500]
    cert.revoked_by = by
    cert.save(update_fields=["revoked", "revoked_reason", "revoked_by"])
    record(
        actor, "certificate.revoked", cert, data={"reason": cert.revoked_reason, "by": by.symbol}
    )
    return cert


def start_certificate_batch(actor, decision: Document, *, blank: bool = False) -> RenderJob:
    """Queue the rendering of all certificates of a decision as one background job."""
    from . import tasks

    _require_writer(actor, decision.organisation)
    total = decision.certificates.count()
    if total == 0:
        raise DocumentError("Quyết định chưa có Giấy khen nào để in.")
    with transaction.atomic():
        job = RenderJob.objects.create(
            organisation=decision.organisation,
            kind="certificates",
            document=decision,
            blank_mode=blank,
            total=total,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(actor, "certificates.batch_started", decision, data={"job": job.pk})
        job_id = job.pk
        transaction.on_commit(lambda: tasks.render_certificates(job_id))
    return job


BATCH_PART = 25  # certificates per joined .docx: enough parts to use every core
MAX_ATTEMPTS = 3  # runs of one job before it is given up as failed
# Jobs still queued this long after their last hand-over are taken to have lost their
# queue message (e.g. a queue server restarted without persistence) and are re-queued.
LOST_QUEUED_SECONDS = 30 * 60
INTERRUPTED_MESSAGE = (
    "Việc tạo Giấy khen bị gián đoạn {attempts} lần (máy chủ dừng giữa chừng); "
    "hãy bấm “In tất cả Giấy khen (PDF)” để tạo lại."
)


def _stale_seconds() -> int:
    return max(2, int(getattr(settings, "THIDUA_JOB_STALE_SECONDS", 120)))


def claim_job(job_id: int) -> bool:
    """Take a job to run it, atomically: one queued, or one running whose consumer has
    gone silent. False when another consumer holds it, or it is finished — so a job
    queued twice (a retry, a sweep) still runs once at a time."""
    from datetime import timedelta

    from django.db.models import F, Q

    now = timezone.now()
    silent = now - timedelta(seconds=_stale_seconds())
    taken = (
        RenderJob.objects.filter(pk=job_id, attempts__lt=MAX_ATTEMPTS)
        .filter(
            Q(status=JobStatus.QUEUED)
            | Q(status=JobStatus.RUNNING, heartbeat_at__lt=silent)
            | Q(status=JobStatus.RUNNING, heartbeat_at__isnull=True)
        )
        .update(
            status=JobStatus.RUNNING,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            done=0,
            message="",
        )
    )
    return taken == 1


def _beat(job_id: int, **fields) -> None:
    RenderJob.objects.filter(pk=job_id).update(heartbeat_at=timezone.now(), **fields)


def sweep_interrupted_jobs() -> list[int]:
    """Re-queue the jobs whose consumer died (SIGKILL, power loss): running with a silent
    heartbeat, or queued long ago and never taken. A job interrupted MAX_ATTEMPTS times
    is marked failed with a message telling the Office to start it again. Safe to run
    from several consumers at once: each job is moved by one conditional UPDATE."""
    from datetime import timedelta

    from django.db.models import Q

    from . import tasks

    now = timezone.now()
    silent = now - timedelta(seconds=_stale_seconds())
    lost = now - timedelta(seconds=LOST_QUEUED_SECONDS)
    candidates = RenderJob.objects.filter(
        Q(status=JobStatus.RUNNING, heartbeat_at__lt=silent)
        | Q(status=JobStatus.RUNNING, heartbeat_at__isnull=True)
        | Q(status=JobStatus.QUEUED, heartbeat_at__lt=lost)
        | Q(status=JobStatus.QUEUED, heartbeat_at__isnull=True, created_at__lt=lost)
    ).values_list("pk", "status", "heartbeat_at", "attempts")
    requeued = []
    for pk, status, heartbeat, attempts in candidates:
        unchanged = RenderJob.objects.filter(pk=pk, status=status, heartbeat_at=heartbeat)
        if heartbeat is None:
            unchanged = RenderJob.objects.filter(pk=pk, status=status, heartbeat_at__isnull=True)
        if attempts >= MAX_ATTEMPTS:
            unchanged.update(
                status=JobStatus.FAILED,
                message=INTERRUPTED_MESSAGE.format(attempts=attempts),
                finished_at=now,
            )
            continue
        if unchanged.update(status=JobStatus.QUEUED, heartbeat_at=now):
            tasks.render_certificates(pk)
            requeued.append(pk)
    return requeued


def _merge_pdfs(parts: list) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(part)
    merged = io.BytesIO()
    writer.write(merged)
    return merged.getvalue()


def _docx_batch_to_pdf(job_id: int, rendered: list[bytes]) -> bytes:
    """One PDF of many certificate .docx: joined into a few parts, converted in parallel."""
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
    from pathlib import Path
    from tempfile import TemporaryDirectory

    from .rendering import compose_docx

    beat_every = _stale_seconds() / 4
    parts_count = max(1, min(os.cpu_count() or 1, -(-len(rendered) // BATCH_PART)))
    size = -(-len(rendered) // parts_count)
    with TemporaryDirectory(prefix="thidua-batch-") as tmp:
        folder = Path(tmp)
        paths = []
        for index in range(parts_count):
            path = folder / f"part-{index:02d}.docx"
            path.write_bytes(compose_docx(rendered[index * size : (index + 1) * size]))
            paths.append(path)
        with ThreadPoolExecutor(max_workers=parts_count) as pool:
            futures = [
                pool.submit(lambda p: pdf.convert_files([p], folder / "pdf", processes=1)[0], p)
                for p in paths
            ]
            # LibreOffice may take minutes on a big batch: keep beating meanwhile
            # (from this thread, on this thread's database connection).
            while True:
                finished, pending = wait(futures, beat_every, FIRST_EXCEPTION)
                if not pending or any(f.exception() for f in finished):
                    break
                _beat(job_id)
            pdfs = [future.result() for future in futures]
        return _merge_pdfs([str(part) for part in pdfs])


def run_certificate_batch(job_id: int) -> None:
    """Render every certificate of the job's decision and keep one merged PDF for
    printing. From Word templates: the .docx are joined into a few parts (one LibreOffice
    start per part, the parts on all cores in parallel); from an HTML layout each
    certificate is already a PDF. Progress: certificates rendered, then the conversion.

    The job may run again after its consumer was killed (see sweep_interrupted_jobs):
    it only reads the certificates (their numbers were given when they were created) and
    its one output file is written atomically, so a second run repeats nothing."""
    if not claim_job(job_id):
        return  # finished, or running in another consumer that is still alive
    job = RenderJob.objects.select_related("document").get(pk=job_id)
    certificates = list(
        job.document.certificates.select_related("decision__organisation", "organisation")
    )
    try:
        layout = certificate_layout(job.document, blank=job.blank_mode)
        printed = layout.html
        rendered = []
        for index, cert in enumerate(certificates, start=1):
            rendered.append(render_certificate(cert, blank=job.blank_mode, layout=layout))
            if index % 5 == 0 or index == len(certificates):
                # Rendering is the first half of the work the user waits for (all of it
                # when an HTML layout prints each certificate straight to PDF).
                _beat(job_id, done=index if printed else index // 2)
        if printed:
            merged = _merge_pdfs([io.BytesIO(part) for part in rendered])
        else:
            _beat(job_id, message="Đang chuyển sang PDF…")
            merged = _docx_batch_to_pdf(job_id, rendered)
        job.refresh_from_db()
        symbol = job.document.symbol.replace("/", "-")
        job.result.save(f"giay-khen-{symbol}.pdf", ContentFile(merged), save=False)
        job.status = JobStatus.DONE
        job.done = job.total
        job.message = f"Đã tạo {len(rendered)} Giấy khen."
    except (pdf.PdfUnavailable, DocumentError) as exc:
        job.refresh_from_db()
        job.status = JobStatus.FAILED
        job.message = str(exc)[:500]
    except Exception:
        # Unexpected (the database restarting, a full disk): hand the job back so that
        # the task's retry (documents/tasks.py) can claim it again, then let it fail.
        RenderJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            status=JobStatus.QUEUED, heartbeat_at=timezone.now()
        )
        raise
    job.finished_at = timezone.now()
    job.heartbeat_at = job.finished_at
    job.save()


# --- verification -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revocation:
    """By which decision, and why, a certificate or a decision was revoked. ``symbol`` is
    empty only for a revocation entered before it was linked to the register."""

    reason: str
    symbol: str = ""
    date: datetime.date | None = None


def _out_of_force(what: str, decision: Document) -> str:
    """“Quyết định … đã được thay thế bằng Quyết định số …” — a reader holding a replaced
    decision's certificate learns which decision now stands, not just that this one fell."""
    text = f"{what} {decision.get_status_display().lower()}"
    newer = decision.replaced_by if decision.status == Status.REPLACED else None
    if newer is not None:
        text += f" bằng Quyết định số {newer.symbol} ngày {format_date(newer.date)}"
    return text


def _revocation(reason: str, by: Document | None) -> Revocation:
    if by is None:
        return Revocation(reason)
    return Revocation(reason, by.symbol, by.date)


@dataclass(frozen=True)
class VerifiedAward:
    """One line of a decision's page: what was awarded to whom, and whether this award
    alone was revoked later (while the decision stands, or before it was revoked)."""

    awardee: str
    detail: str
    collective: bool
    award_form: str
    revocation: Revocation | None = None


@dataclass(frozen=True)
class Verification:
    """What a public verification code stands for — only what the certificate shows."""

    kind: str  # "certificate" or "decision"
    awardee: str
    detail: str
    award_form: str
    achievement: str
    decision_symbol: str
    decision_date: datetime.date
    issuer: str
    valid: bool
    status_text: str
    # The decision's digital signature (PAdES), when it was signed at issue.
    signature: DocumentSignature | None = None
    signer: str = ""
    # The revocation of this certificate or decision, if any.
    revocation: Revocation | None = None
    # A decision's page: the awards it made, in the order of the golden book.
    awards: tuple[VerifiedAward, ...] = ()

    @property
    def grouped(self) -> list[tuple[str, list[VerifiedAward]]]:
        """The awards under “Tập thể” and “Cá nhân”, as the decision's annex lists them."""
        return [
            ("Tập thể", [a for a in self.awards if a.collective]),
            ("Cá nhân", [a for a in self.awards if not a.collective]),
        ]


def _signer(document: Document) -> str:
    """“KT. CHỦ TỊCH / PHÓ CHỦ TỊCH — Trần Quốc Hùng”, as the decision is signed."""
    lines = " / ".join(line for line in document.signature_lines if line)
    return " — ".join(part for part in (lines, document.signer_name) if part)


def _decision_awards(document: Document) -> tuple[VerifiedAward, ...]:
    """The decision's certificates as lines; a line revoked by the same decision that
    revoked the whole decision is not marked again (the page says it once, above)."""
    lines = []
    for cert in document.certificates.select_related("revoked_by").order_by("golden_book_number"):
        alone = cert.revoked and not (
            document.status == Status.REVOKED and cert.revoked_by_id == document.revoked_by_id
        )
        lines.append(
            VerifiedAward(
                cert.awardee_name,
                cert.awardee_detail,
                cert.is_collective,
                cert.award_form,
                _revocation(cert.revoked_reason, cert.revoked_by) if alone else None,
            )
        )
    return tuple(lines)


def verify(code: str) -> Verification | None:
    """Look a code up; None for an unknown code (the page then answers 404)."""
    if not code or len(code) > 40:
        return None
    cert = (
        Certificate.objects.select_related(
            "decision__revoked_by", "decision__replaced_by", "revoked_by"
        )
        .filter(verification_code=code)
        .first()
    )
    if cert is not None:
        decision = cert.decision
        valid = not cert.revoked and decision.status == Status.ISSUED
        revocation = None
        if cert.revoked:
            status_text = "Giấy khen đã bị thu hồi"
            revocation = _revocation(cert.revoked_reason, cert.revoked_by)
        elif decision.status != Status.ISSUED:
            status_text = _out_of_force("Quyết định khen thưởng", decision)
            if decision.status == Status.REVOKED:
                revocation = _revocation(decision.cancel_reason, decision.revoked_by)
        else:
            status_text = "Còn hiệu lực"
        return Verification(
            "certificate",
            cert.awardee_name,
            cert.awardee_detail,
            cert.award_form,
            cert.achievement,
            decision.symbol,
            decision.date,
            decision.issuer_short,
            valid,
            status_text,
            signer=_signer(decision),
            revocation=revocation,
        )
    decision = (
        Document.objects.select_related("digital_signature", "revoked_by", "replaced_by")
        .filter(verification_code=code)
        .first()
    )
    if decision is None:
        return None
    valid = decision.status == Status.ISSUED
    revoked = decision.status == Status.REVOKED
    return Verification(
        "decision",
        "",
        "",
        decision.type_name,
        decision.summary,
        decision.symbol,
        decision.date,
        decision.issuer_short,
        valid,
        "Còn hiệu lực" if valid else _out_of_force("Quyết định", decision),
        getattr(decision, "digital_signature", None),
        signer=_signer(decision),
        revocation=_revocation(decision.cancel_reason, decision.revoked_by) if revoked else None,
        awards=_decision_awards(decision),
    )


@transaction.atomic
def update_blank_offsets(
    actor, organisation: Organisation, *, blank_offset_top_mm: int, blank_offset_left_mm: int
) -> OrganisationSettings:
    """Shift the text printed on pre-printed certificate blanks (calibration of a printer)."""
    _require_writer(actor, organisation)
    if not (-30 <= blank_offset_top_mm <= 30 and -30 <= blank_offset_left_mm <= 30):
        raise DocumentError("Độ dịch phải trong khoảng -30 đến 30 mm.")
    own = settings_for(organisation)
    own.blank_offset_top_mm = blank_offset_top_mm
    own.blank_offset_left_mm = blank_offset_left_mm
    own.save()
    record(
        actor,
        "documents.settings_changed",
        organisation,
        data={"top": blank_offset_top_mm, "left": blank_offset_left_mm},
    )
    return own


# --- digital signature (PAdES) and the national emblem -------------------------------------------

CERTIFICATE_FILE_MAX_BYTES = 256 * 1024  # a PKCS#12 file is a few kilobytes


@transaction.atomic
def install_signing_certificate(
    actor, organisation: Organisation, uploaded, password: str
) -> SigningCertificate:
    """Install (or replace) the Office's signing certificate: a PKCS#12 file that opens
    with ``password``, holds a private key and a certificate valid now. Refused with a
    message, nothing stored, otherwise. The password is kept encrypted."""
    from . import signing

    _require_writer(actor, organisation)
    if uploaded.size > CERTIFICATE_FILE_MAX_BYTES:
        raise DocumentError(
            "Tệp quá lớn để là một chứng thư số (.p12, .pfx chỉ vài KB). Hãy chọn đúng tệp."
        )
    data = uploaded.read()
    try:
        info = signing.read_pkcs12(data, password, now=timezone.now())
    except signing.SigningError as exc:
        raise DocumentError(str(exc)) from exc
    cert = SigningCertificate.objects.select_for_update().filter(organisation=organisation).first()
    replaced = cert.file.name if cert is not None else ""
    cert = cert or SigningCertificate(organisation=organisation)
    with saving_files() as files:
        _save_upload(files, cert.file, "chung-thu-so.p12", ContentFile(data))
        cert.password_encrypted = signing.encrypt_password(password)
        cert.subject = info.subject[:300]
        cert.subject_organisation = info.organisation[:300]
        cert.issuer = info.issuer[:300]
        cert.serial = info.serial[:80]
        cert.valid_from, cert.valid_until = info.valid_from, info.valid_until
        cert.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
        cert.save()
        record(
            actor,
            "signing_certificate.installed",
            cert,
            data={"subject": cert.subject, "serial": cert.serial, "until": cert.valid_until},
        )
    delete_after_commit(cert.file.storage, replaced)
    return cert


@transaction.atomic
def remove_signing_certificate(actor, certificate: SigningCertificate) -> None:
    """Remove the certificate: decisions issued from now on are not signed digitally.
    Documents already signed keep their signature."""
    _require_writer(actor, certificate.organisation)
    record(
        actor,
        "signing_certificate.removed",
        certificate,
        data={"subject": certificate.subject, "serial": certificate.serial},
    )
    name, storage = certificate.file.name, certificate.file.storage
    certificate.delete()
    delete_after_commit(storage, name)


def _sign_decision(actor, doc: Document, docx: bytes, files: FileSaves) -> None:
    """Sign an award decision's PDF (PAdES B-B) if its organisation installed a signing
    certificate, keep the signed PDF as the document's PDF, and cache the validation of
    the signed file for the verification page. Any failure raises DocumentError, so the
    caller's transaction and ``saving_files`` undo the whole issue."""
    from . import signing

    cert = SigningCertificate.objects.filter(organisation_id=doc.organisation_id).first()
    if cert is None:
        return
    if timezone.now() > cert.valid_until:
        raise DocumentError(
            f"Chứng thư số của cơ quan đã hết hạn ngày {timezone.localtime(cert.valid_until):%d/%m/%Y}"
            "; quyết định chưa được ban hành. Hãy tải lên chứng thư mới (mục Thiết lập của "
            "Sổ văn bản), hoặc gỡ chứng thư để ban hành không ký số."
        )
    reason = f"Ban hành {doc.type_name} số {doc.symbol}"
    try:
        with cert.file.open("rb") as handle:
            p12 = handle.read()
        password = signing.decrypt_password(cert.password_encrypted)
        unsigned = pdf.docx_to_pdf(docx, name=f"doc-{doc.pk}")
        signed = signing.sign_pdf(unsigned, p12, password, reason=reason, location=doc.place)
        (check,) = signing.check_signatures(signed)
    except (pdf.PdfUnavailable, signing.SigningError, OSError) as exc:
        raise DocumentError(f"Chưa ký số được quyết định nên chưa ban hành: {exc}") from exc
    if not (check.intact and check.valid and check.covers_whole_file):
        raise DocumentError(
            "Chữ ký số vừa tạo không kiểm tra được là hợp lệ nên quyết định chưa ban hành. "
            "Hãy tải lên lại chứng thư số rồi ban hành lại."
        )
    _save_upload(files, doc.pdf_file, _file_name(doc, "pdf"), ContentFile(signed))
    doc.save(update_fields=["pdf_file"])
    info = check.certificate
    DocumentSignature.objects.create(
        document=doc,
        signer_name=info.subject[:300],
        signer_organisation=info.organisation[:300],
        issuer=info.issuer[:300],
        serial=info.serial[:80],
        valid_from=info.valid_from,
        valid_until=info.valid_until,
        signed_at=check.signed_at or timezone.now(),
        reason=check.reason[:300],
        location=check.location[:300],
        intact=check.intact,
        trusted=check.trusted,
    )
    record(actor, "document.signed", doc, data={"serial": info.serial, "signer": info.subject})


@transaction.atomic
def upload_emblem(actor, organisation: Organisation, uploaded) -> OrganisationSettings:
    """Keep the Office's Quốc huy image for its plain-paper certificates (PNG, JPEG or
    SVG, checked by content; see documents/emblem.py)."""
    from .emblem import EMBLEM_MAX_BYTES, EmblemProblem, normalise

    _require_writer(actor, organisation)
    if uploaded.size > EMBLEM_MAX_BYTES:
        raise DocumentError(
            f"Ảnh quá lớn ({uploaded.size / 1048576:.1f} MB); giới hạn là "
            f"{EMBLEM_MAX_BYTES // 1048576} MB. Hãy giảm kích thước ảnh."
        )
    try:
        image, ext = normalise(uploaded.read())
    except EmblemProblem as exc:
        raise DocumentError(str(exc)) from exc
    own = OrganisationSettings.objects.select_for_update().get(pk=settings_for(organisation).pk)
    replaced = own.emblem.name
    with saving_files() as files:
        _save_upload(files, own.emblem, f"quoc-huy.{ext}", ContentFile(image))
        own.emblem_name = getattr(uploaded, "name", "")[:200]
        own.save(update_fields=["emblem", "emblem_name"])
        record(actor, "documents.emblem_uploaded", organisation, data={"file": own.emblem_name})
    delete_after_commit(own.emblem.storage, replaced)
    return own


@transaction.atomic
def remove_emblem(actor, organisation: Organisation) -> None:
    """Certificates go back to the layout without the emblem."""
    _require_writer(actor, organisation)
    own = OrganisationSettings.objects.select_for_update().get(pk=settings_for(organisation).pk)
    if not own.emblem:
        return
    name, storage = own.emblem.name, own.emblem.storage
    own.emblem, own.emblem_name = "", ""
    own.save(update_fields=["emblem", "emblem_name"])
    record(actor, "documents.emblem_removed", organisation)
    delete_after_commit(storage, name)


def _emblem_bytes(organisation: Organisation) -> bytes | None:
    own = OrganisationSettings.objects.filter(organisation=organisation).only("emblem").first()
    if own is None or not own.emblem:
        return None
    with own.emblem.open("rb") as handle:
        return handle.read()
