"""Pages of the document register, the template library, certificate printing and the
public verification page. Thin: rules live in services."""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.core.uploads import DOCX, validate_upload
from thidua.core.views import paginate
from thidua.orgs.models import Person, Role, Unit
from thidua.orgs.services import current_membership, has_role, organisations_where
from thidua.vn import TYPE_ABBREVIATIONS

from . import html_layout, pdf, queries, services
from .catalog import CERTIFICATE_KEYS, FRAME_KEYS, SPECS
from .forms import (
    REGIMES,
    BlankSettingsForm,
    CancelForm,
    DraftForm,
    EmblemForm,
    IncomingForm,
    ReplaceForm,
    SigningCertificateForm,
    TemplateUploadForm,
    recipients_text,
)
from .models import (
    HTML_SUFFIX,
    Attachment,
    Authority,
    Certificate,
    Document,
    DocumentTemplate,
    IncomingDocument,
    OrganisationSettings,
    RenderJob,
    SigningCertificate,
    Status,
)
from .qr import qr_png
from .rendering import builtin_template

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML_TYPE = "text/html; charset=utf-8"
# A ward issues a few hundred documents a year: the newest of the issuer fill the select.
REPLACEMENT_CHOICES = 300


def _can_write(user, organisation) -> bool:
    return has_role(user, organisation, *services.WRITER_ROLES)


def _require_write(user, organisation) -> None:
    if not _can_write(user, organisation):
        raise PermissionDenied("Chỉ Văn phòng và lãnh đạo UBND được thao tác trên sổ văn bản.")


def _writer_organisation(request: HttpRequest):
    """The organisation the user works in now, if they may write its register."""
    membership = current_membership(request)
    if membership and _can_write(request.user, membership.unit.organisation):
        return membership.unit.organisation
    own = organisations_where(request.user, *services.WRITER_ROLES)
    return own[0] if own else None


def _file(data: bytes, name: str, content_type: str) -> FileResponse:
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=name, content_type=content_type
    )


# --- register ------------------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    doc_type = request.GET.get("type", "")
    year = request.GET.get("year", "")
    q = request.GET.get("q", "").strip()[:100]
    documents = queries.filter_register(
        queries.register_for(request.user), status=status, doc_type=doc_type, year=year, q=q
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "page": paginate(request, documents),
            "statuses": Status.choices,
            "status": status,
            "doc_type": doc_type,
            "year": year,
            "q": q,
            "types": TYPE_ABBREVIATIONS.items(),
            "can_draft": _drafting_organisation(request) is not None,
        },
    )


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("organisation", "replaced_by"),
        pk=document_id,
    )
    certificates = list(document.certificates.all()[:200])
    jobs = list(document.render_jobs.all()[:5])
    formats = {}
    if certificates:
        formats = {
            "plain": services.certificate_format(document),
            "blank": services.certificate_format(document, blank=True),
        }
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "recipients": document.recipients.all(),
            "attachments": document.attachments.all(),
            "certificates": certificates,
            "certificate_formats": formats,
            "jobs": jobs,
            "can_write": _can_write(request.user, document.organisation),
            "can_edit": services.may_write(request.user, document),
            "cancel_form": CancelForm(),
            "replace_form": _replace_form(request.user, document),
            "replaces": list(document.replaces.all()),
            "spec": SPECS.get(document.template_key),
            "web_draft": document.template_key == services.FRAME_TEMPLATE
            and document.doc_type != SPECS[services.FRAME_TEMPLATE].doc_type,
        },
    )


@login_required
def document_docx(request: HttpRequest, document_id: int) -> FileResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    data = services.render_docx(document)
    return _file(data, services._file_name(document, "docx"), DOCX_TYPE)


@login_required
def document_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    try:
        data = services.render_pdf(document)
    except services.DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:detail", document_id=document.pk)
    return _file(data, services._file_name(document, "pdf"), "application/pdf")


@login_required
def document_qr(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    if not document.verification_code:
        raise Http404
    png = qr_png(services.verify_url(document.verification_code))
    return HttpResponse(png, content_type="image/png")


@login_required
@require_POST
def document_issue(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    _require_rights(request.user, document)
    try:
        document = services.issue(request.user, document)
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ban hành văn bản số {document.symbol or '(không số)'}.")
    return redirect("documents:detail", document_id=document.pk)


@login_required
@require_POST
def document_cancel(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    _require_rights(request.user, document)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do hủy văn bản.")
    else:
        try:
            services.cancel(request.user, document, form.cleaned_data["reason"])
        except services.DocumentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã hủy văn bản; số của văn bản không được cấp lại.")
    return redirect("documents:detail", document_id=document.pk)


def _replace_form(user, document: Document) -> ReplaceForm | None:
    """The form on an issued document's page for those who may replace it."""
    if document.status != Status.ISSUED or not services.may_write(user, document):
        return None
    choices = [
        (d.pk, services.choice_label(d))
        for d in services.replacement_choices(document)[:REPLACEMENT_CHOICES]
    ]
    return ReplaceForm(choices=choices)


@login_required
@require_POST
def document_replace(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    _require_rights(request.user, document)
    form = ReplaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy chọn văn bản thay thế trong danh sách và ghi lý do.")
        return redirect("documents:detail", document_id=document.pk)
    chosen = form.cleaned_data["by"]
    # Another ward's document is not in this user's register: as if none was chosen.
    new = Document.objects.visible_to(request.user).filter(pk=chosen).first() if chosen else None
    try:
        document = services.replace(request.user, document, new, form.cleaned_data["reason"])
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Đã ghi văn bản {document.symbol or document.summary[:60]} được thay thế bởi "
            f"văn bản {new.symbol or new.summary[:60]}.",
        )
    return redirect("documents:detail", document_id=document.pk)


# --- drafting on the web -----------------------------------------------------------------------


def _require_rights(user, document: Document) -> None:
    if not services.may_write(user, document):
        raise PermissionDenied(
            "Chỉ Văn phòng, lãnh đạo UBND hoặc trưởng đơn vị đứng tên văn bản được thao tác "
            "trên văn bản này."
        )


def _drafting_organisation(request: HttpRequest):
    """Where the user drafts: the organisation they work in now, if they may draft there
    (the Office, the leadership, a unit head), else the first where they may."""
    roles = (*services.WRITER_ROLES, Role.UNIT_HEAD)
    membership = current_membership(request)
    if membership and has_role(request.user, membership.unit.organisation, *roles):
        return membership.unit.organisation
    own = organisations_where(request.user, *roles)
    return own[0] if own else None


def _issuers(user, organisation) -> dict[str, tuple[str, str, Unit | None]]:
    """The issuers the user may draft for: choice value → (label, issuer kind, unit)."""
    issuers = {}
    if has_role(user, organisation, *services.WRITER_ROLES):
        issuers["UBND"] = (f"{organisation.committee_name} (có số)", "UBND", None)
        issuers["HĐTĐKT"] = ("Hội đồng Thi đua - Khen thưởng (có số)", "HĐTĐKT", None)
        units = Unit.objects.filter(organisation=organisation).order_by("sort_name")
    else:
        units = services.units_headed(user, organisation)
    for unit in units:
        issuers[f"unit:{unit.pk}"] = (
            f"{unit.name} (văn bản của đơn vị, không số)",
            "UNIT",
            unit,
        )
    return issuers


def _draft_page(request, form, organisation, document=None) -> HttpResponse:
    people = Person.objects.filter(organisation=organisation, is_active=True).order_by("sort_name")
    return render(
        request,
        "documents/draft_form.html",
        {"form": form, "organisation": organisation, "document": document, "people": people},
        status=400 if form.errors else 200,
    )


def _new_draft_initial(user, organisation) -> dict:
    today = timezone.localdate()
    initial = {
        "doc_type": "TB",
        "place": organisation.place_name or organisation.name,
        # A ward merged away keeps its register for the documents of its own days.
        "date": min(today, organisation.valid_to) if organisation.valid_to else today,
        "recipients": "Lưu: VT",
    }
    if has_role(user, organisation, *services.WRITER_ROLES):
        return {
            **initial,
            "authority": Authority.TM,
            "authority_body": "ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
        }
    person = getattr(user, "person", None)
    return {
        **initial,
        "doc_type": "BC",
        "signer_name": person.full_name if person else "",
        "signer_title": person.position.upper() if person else "",
    }


@login_required
def draft_new(request: HttpRequest) -> HttpResponse:
    organisation = _drafting_organisation(request)
    if organisation is None:
        raise PermissionDenied("Chỉ Văn phòng, lãnh đạo UBND và trưởng đơn vị được soạn văn bản.")
    issuers = _issuers(request.user, organisation)
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        issuers=[(value, label) for value, (label, _k, _u) in issuers.items()],
        initial=_new_draft_initial(request.user, organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _label, issuer_kind, unit = issuers[data["issuer"]]
        try:
            document = services.create_draft(
                request.user,
                organisation,
                services.FRAME_TEMPLATE,
                data["date"],
                {"body": services.body_blocks(data["body"])},
                summary=data["summary"],
                recipients=data["recipients"],
                signer=form.signer(),
                issuer_kind=issuer_kind,
                doc_type=data["doc_type"],
                place=data["place"],
                unit=unit,
                attachments=data["attachments"],
            )
        except services.DocumentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu dự thảo; hãy xem trước rồi ban hành.")
            return redirect("documents:detail", document_id=document.pk)
    return _draft_page(request, form, organisation)


@login_required
def draft_edit(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("organisation"), pk=document_id
    )
    _require_rights(request.user, document)
    if document.status != Status.DRAFT:
        messages.error(
            request,
            "Văn bản đã ban hành không sửa được; muốn thay đổi, hãy soạn văn bản mới thay thế.",
        )
        return redirect("documents:detail", document_id=document.pk)
    # A draft written on the web takes its layout from its body alone, so its type may
    # change; one made by a movement step (a Tờ trình with its list…) keeps its type.
    free = document.template_key == services.FRAME_TEMPLATE
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        type_editable=free,
        initial={
            "doc_type": document.doc_type,
            "summary": document.summary,
            "body": services.body_text(document.context),
            "place": document.place,
            "date": document.date,
            "recipients": recipients_text(document.recipients.all()),
            "signer_name": document.signer_name,
            "signer_title": document.signer_title,
            "authority": document.authority,
            "authority_body": document.authority_body,
            "principal_title": document.principal_title,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                blocks = services.body_blocks(
                    data["body"], () if free else document.context.get("body", [])
                )
                changes = {
                    "summary": data["summary"],
                    "place": data["place"],
                    "date": data["date"],
                    "recipients": data["recipients"],
                    "signer": form.signer(),
                    "context": {**document.context, "body": blocks},
                }
                if free:
                    changes["doc_type"] = data["doc_type"]
                services.update_draft(request.user, document, **changes)
                if data["attachments"]:
                    services.add_attachments(request.user, document, data["attachments"])
        except services.DocumentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("documents:detail", document_id=document.pk)
    return _draft_page(request, form, document.organisation, document)


@login_required
def document_preview(request: HttpRequest, document_id: int) -> HttpResponse:
    """The document's PDF drawn page by page: what will be printed, on any screen."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    pages, problem = [], ""
    try:
        pages = [
            base64.b64encode(png).decode("ascii")
            for png in pdf.pages_as_png(services.render_pdf(document), dpi=100)
        ]
    except (services.DocumentError, pdf.PdfUnavailable) as exc:
        problem = str(exc)
    return render(
        request,
        "documents/document_preview.html",
        {"document": document, "pages": pages, "problem": problem},
    )


@login_required
def attachment_file(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=attachment_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment.objects.visible_to(request.user).select_related("document__organisation"),
        pk=attachment_id,
    )
    _require_rights(request.user, attachment.document)
    try:
        services.remove_attachment(request.user, attachment)
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã bỏ tệp đính kèm “{attachment.name}”.")
    return redirect("documents:detail", document_id=attachment.document_id)


# --- certificates ---------------------------------------------------------------------------


def _certificate_name(certificate: Certificate, blank: bool, ext: str) -> str:
    return f"giay-khen-{certificate.golden_book_number:03d}{'-phoi' if blank else ''}.{ext}"


@login_required
def certificate_docx(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related("decision"), pk=certificate_id
    )
    blank = request.GET.get("blank") == "1"
    if services.certificate_format(certificate.decision, blank=blank) == "pdf":
        # The Office lays this certificate out in HTML: there is no .docx, only the PDF.
        url = reverse("documents:certificate_pdf", kwargs={"certificate_id": certificate.pk})
        return redirect(f"{url}?blank=1" if blank else url)
    data = services.render_certificate(certificate, blank=blank)
    return _file(data, _certificate_name(certificate, blank, "docx"), DOCX_TYPE)


@login_required
def certificate_pdf(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related("decision"), pk=certificate_id
    )
    blank = request.GET.get("blank") == "1"
    try:
        data = services.render_certificate_pdf(certificate, blank=blank)
    except services.DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:detail", document_id=certificate.decision_id)
    return _file(data, _certificate_name(certificate, blank, "pdf"), "application/pdf")


@login_required
@require_POST
def certificate_batch(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    _require_write(request.user, document.organisation)
    try:
        job = services.start_certificate_batch(
            request.user, document, blank=request.POST.get("blank") == "1"
        )
    except services.DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:detail", document_id=document.pk)
    return redirect("documents:job", renderjob_id=job.pk)


@login_required
def job_detail(request: HttpRequest, renderjob_id: int) -> HttpResponse:
    job = get_object_or_404(
        RenderJob.objects.visible_to(request.user).select_related("document"), pk=renderjob_id
    )
    template = "documents/_job_status.html" if request.htmx else "documents/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_result(request: HttpRequest, renderjob_id: int) -> FileResponse:
    job = get_object_or_404(RenderJob.objects.visible_to(request.user), pk=renderjob_id)
    if not job.result:
        raise Http404("Chưa có kết quả.")
    return FileResponse(
        job.result.open("rb"), as_attachment=True, filename=job.result.name.split("/")[-1]
    )


# --- incoming -----------------------------------------------------------------------------


@login_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "documents/incoming_list.html",
        {
            "page": paginate(request, queries.incoming_for(request.user)),
            "can_write": _writer_organisation(request) is not None,
        },
    )


@login_required
def incoming_new(request: HttpRequest) -> HttpResponse:
    organisation = _writer_organisation(request)
    if organisation is None:
        raise PermissionDenied("Chỉ Văn phòng được vào sổ văn bản đến.")
    form = IncomingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data.get("file")
        try:
            if uploaded is not None:
                validate_upload(uploaded, {"pdf", DOCX}, "tệp PDF hoặc Word (.docx)")
            incoming = services.register_incoming(
                request.user,
                organisation,
                **{k: v for k, v in form.cleaned_data.items() if k != "file"},
                file=uploaded,
            )
        except services.DocumentError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:  # the upload check: type by content, size
            form.add_error("file", exc.messages[0])
        else:
            messages.success(
                request, f"Đã vào sổ văn bản đến số {incoming.arrival_number} năm {incoming.year}."
            )
            return redirect("documents:incoming_list")
    return render(
        request, "documents/incoming_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def incoming_file(request: HttpRequest, incomingdocument_id: int) -> FileResponse:
    incoming = get_object_or_404(
        IncomingDocument.objects.visible_to(request.user), pk=incomingdocument_id
    )
    if not incoming.file:
        raise Http404("Văn bản này không có tệp.")
    return FileResponse(
        incoming.file.open("rb"), as_attachment=True, filename=incoming.file.name.split("/")[-1]
    )


# --- templates ------------------------------------------------------------------------------


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    organisation = _writer_organisation(request)
    if organisation is None:
        raise PermissionDenied("Chỉ Văn phòng và lãnh đạo UBND quản lý mẫu văn bản.")
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_template(
                request.user,
                organisation,
                form.cleaned_data["key"],
                form.cleaned_data["regime"],
                form.cleaned_data["file"],
            )
        except services.DocumentError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, "Đã thay mẫu; văn bản tạo từ nay dùng mẫu mới.")
            return redirect("documents:templates")
    own = {
        (t.key, t.regime): t
        for t in DocumentTemplate.objects.filter(organisation=organisation).select_related(
            "uploaded_by"
        )
    }
    form_numbers = services.form_numbers_by_regime()
    rows = [
        (
            key,
            spec,
            [
                (code, own.get((key, code)), form_numbers.get((code, spec.form_number_key)))
                for code, _label in REGIMES
            ],
            spec.certificate and html_layout.sample_layout(key) is not None,
        )
        for key, spec in SPECS.items()
    ]
    own_settings = services.settings_for(organisation)
    return render(
        request,
        "documents/template_list.html",
        {
            "rows": rows,
            "regimes": REGIMES,
            "form": form,
            "organisation": organisation,
            "frame_keys": FRAME_KEYS,
            "certificate_keys": CERTIFICATE_KEYS,
            "blank_form": BlankSettingsForm(
                initial={
                    "blank_offset_top_mm": own_settings.blank_offset_top_mm,
                    "blank_offset_left_mm": own_settings.blank_offset_left_mm,
                }
            ),
        },
    )


@login_required
def template_builtin(request: HttpRequest) -> FileResponse:
    key, regime = request.GET.get("key", ""), request.GET.get("regime", "")
    if key not in SPECS or regime not in dict(REGIMES):
        raise Http404("Không có mẫu này.")
    return _file(builtin_template(key, regime), f"{regime}-{key}.docx", DOCX_TYPE)


@login_required
def template_html_sample(request: HttpRequest) -> FileResponse:
    """The HTML certificate layout shipped as a starting point (the same for every regime)."""
    key = request.GET.get("key", "")
    path = html_layout.sample_layout(key) if key in SPECS and SPECS[key].certificate else None
    if path is None:
        raise Http404("Không có bố cục HTML mẫu này.")
    return _file(path.read_bytes(), f"{key}.html", HTML_TYPE)


@login_required
def template_file(request: HttpRequest, documenttemplate_id: int) -> FileResponse:
    template = get_object_or_404(
        DocumentTemplate.objects.visible_to(request.user), pk=documenttemplate_id
    )
    return FileResponse(
        template.file.open("rb"),
        as_attachment=True,
        filename=f"{template.regime}-{template.key}{HTML_SUFFIX if template.is_html else '.docx'}",
        content_type=HTML_TYPE if template.is_html else DOCX_TYPE,
    )


@login_required
@require_POST
def template_remove(request: HttpRequest, documenttemplate_id: int) -> HttpResponse:
    template = get_object_or_404(
        DocumentTemplate.objects.visible_to(request.user), pk=documenttemplate_id
    )
    _require_write(request.user, template.organisation)
    services.remove_template(request.user, template)
    messages.success(request, "Đã quay lại dùng mẫu có sẵn.")
    return redirect("documents:templates")


@login_required
@require_POST
def blank_settings(request: HttpRequest) -> HttpResponse:
    organisation = _writer_organisation(request)
    if organisation is None:
        raise PermissionDenied
    form = BlankSettingsForm(request.POST)
    if form.is_valid():
        services.update_blank_offsets(request.user, organisation, **form.cleaned_data)
        messages.success(request, "Đã lưu độ dịch khi in lên phôi Giấy khen.")
    else:
        messages.error(request, "Độ dịch phải là số nguyên từ -30 đến 30 mm.")
    return redirect("documents:templates")


# --- public verification -------------------------------------------------------------------------


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_limited(request: HttpRequest) -> bool:
    """At most VERIFY_RATE_LIMIT lookups per minute per address (cache-based), so that
    nobody can walk the code space; a scanned QR code is one lookup."""
    limit = getattr(settings, "VERIFY_RATE_LIMIT", 30)
    key = f"thidua:verify:{_client_ip(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > limit


def verify(request: HttpRequest, code: str) -> HttpResponse:
    if _rate_limited(request):
        response = render(request, "documents/verify_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    result = services.verify(code)
    if result is None:
        raise Http404
    return render(request, "documents/verify.html", {"result": result})


# --- document settings: signing certificate and national emblem ----------------------------------


def _own_settings(request: HttpRequest, organisationsettings_id: int):
    """The settings row named in the URL: 404 for another ward, 403 unless the user may
    write that organisation's register (the Office, the Chairman, a vice-chairman)."""
    own = get_object_or_404(
        OrganisationSettings.objects.visible_to(request.user).select_related("organisation"),
        pk=organisationsettings_id,
    )
    _require_write(request.user, own.organisation)
    return own


@login_required
def settings_home(request: HttpRequest) -> HttpResponse:
    organisation = _writer_organisation(request)
    if organisation is None:
        raise PermissionDenied("Chỉ Văn phòng và lãnh đạo UBND quản lý thiết lập văn bản.")
    own = services.settings_for(organisation)
    return redirect("documents:settings", organisationsettings_id=own.pk)


def _settings_page(request, own, *, certificate_form=None, emblem_form=None, status=200):
    organisation = own.organisation
    return render(
        request,
        "documents/settings.html",
        {
            "own": own,
            "organisation": organisation,
            "certificate": SigningCertificate.objects.filter(organisation=organisation).first(),
            "certificate_form": certificate_form or SigningCertificateForm(),
            "emblem_form": emblem_form or EmblemForm(),
        },
        status=status,
    )


@login_required
def document_settings(request: HttpRequest, organisationsettings_id: int) -> HttpResponse:
    return _settings_page(request, _own_settings(request, organisationsettings_id))


def _settings_upload(request, organisationsettings_id: int, form_class, save, done: str):
    """Both uploads of the settings page: the form, the service, its message or the page
    again (400) with the form's error under the file field."""
    own = _own_settings(request, organisationsettings_id)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            save(own.organisation, form.cleaned_data)
        except services.DocumentError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, done)
            return redirect("documents:settings", organisationsettings_id=own.pk)
    return _settings_page(request, own, status=400, **{f"{form.prefix}_form": form})


@login_required
@require_POST
def signing_certificate_install(request: HttpRequest, organisationsettings_id: int) -> HttpResponse:
    return _settings_upload(
        request,
        organisationsettings_id,
        SigningCertificateForm,
        lambda organisation, data: services.install_signing_certificate(
            request.user, organisation, data["file"], data["password"]
        ),
        "Đã cài chứng thư số; quyết định khen thưởng ban hành từ nay được ký số.",
    )


@login_required
@require_POST
def signing_certificate_remove(request: HttpRequest, organisationsettings_id: int) -> HttpResponse:
    own = _own_settings(request, organisationsettings_id)
    certificate = get_object_or_404(SigningCertificate, organisation=own.organisation)
    services.remove_signing_certificate(request.user, certificate)
    messages.success(request, "Đã gỡ chứng thư số; quyết định ban hành từ nay không được ký số.")
    return redirect("documents:settings", organisationsettings_id=own.pk)


@login_required
@require_POST
def emblem_upload(request: HttpRequest, organisationsettings_id: int) -> HttpResponse:
    return _settings_upload(
        request,
        organisationsettings_id,
        EmblemForm,
        lambda organisation, data: services.upload_emblem(request.user, organisation, data["file"]),
        "Đã lưu ảnh Quốc huy; Giấy khen in trên giấy trắng có ảnh này.",
    )


@login_required
@require_POST
def emblem_remove(request: HttpRequest, organisationsettings_id: int) -> HttpResponse:
    own = _own_settings(request, organisationsettings_id)
    services.remove_emblem(request.user, own.organisation)
    messages.success(request, "Đã bỏ ảnh Quốc huy khỏi Giấy khen.")
    return redirect("documents:settings", organisationsettings_id=own.pk)


@login_required
def emblem_image(request: HttpRequest, organisationsettings_id: int) -> HttpResponse:
    own = get_object_or_404(
        OrganisationSettings.objects.visible_to(request.user), pk=organisationsettings_id
    )
    if not own.emblem:
        raise Http404("Chưa có ảnh Quốc huy.")
    kind = "image/png" if own.emblem.name.endswith(".png") else "image/jpeg"
    response = FileResponse(own.emblem.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, no-store"
    return response
