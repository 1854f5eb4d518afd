"""Pages of the document register, the template library, certificate printing and the
public verification page. Thin: rules live in services."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thidua.core.views import paginate
from thidua.orgs.services import current_membership, has_role, organisations_where

from . import queries, services
from .catalog import CERTIFICATE_KEYS, FRAME_KEYS, SPECS
from .forms import REGIMES, BlankSettingsForm, CancelForm, IncomingForm, TemplateUploadForm
from .models import (
    Certificate,
    Document,
    DocumentTemplate,
    IncomingDocument,
    RenderJob,
    Status,
)
from .qr import qr_png
from .rendering import builtin_template

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
    documents = queries.register_for(request.user)
    status = request.GET.get("status", "")
    doc_type = request.GET.get("type", "")
    year = request.GET.get("year", "")
    if status in Status.values:
        documents = documents.filter(status=status)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if year.isdigit():
        documents = documents.filter(year=int(year))
    return render(
        request,
        "documents/document_list.html",
        {
            "page": paginate(request, documents),
            "statuses": Status.choices,
            "status": status,
            "doc_type": doc_type,
            "year": year,
            "types": sorted({spec.doc_type for spec in SPECS.values() if spec.doc_type}),
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
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "recipients": document.recipients.all(),
            "certificates": certificates,
            "jobs": jobs,
            "can_write": _can_write(request.user, document.organisation),
            "cancel_form": CancelForm(),
            "spec": SPECS.get(document.template_key),
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
    _require_write(request.user, document.organisation)
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
    _require_write(request.user, document.organisation)
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


# --- certificates ---------------------------------------------------------------------------


@login_required
def certificate_docx(request: HttpRequest, certificate_id: int) -> FileResponse:
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related("decision"), pk=certificate_id
    )
    blank = request.GET.get("blank") == "1"
    data = services.render_certificate(certificate, blank=blank)
    name = f"giay-khen-{certificate.golden_book_number:03d}{'-phoi' if blank else ''}.docx"
    return _file(data, name, DOCX_TYPE)


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
                from thidua.core.uploads import DOCX, validate_upload

                validate_upload(uploaded, {"pdf", DOCX}, "tệp PDF hoặc Word (.docx)")
            incoming = services.register_incoming(
                request.user,
                organisation,
                **{k: v for k, v in form.cleaned_data.items() if k != "file"},
                file=uploaded,
            )
        except services.DocumentError as exc:
            form.add_error(None, str(exc))
        except Exception as exc:  # ValidationError from the upload check
            if not hasattr(exc, "messages"):
                raise
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
    rows = [
        (key, spec, [(code, own.get((key, code))) for code, _label in REGIMES])
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
def template_file(request: HttpRequest, documenttemplate_id: int) -> FileResponse:
    template = get_object_or_404(
        DocumentTemplate.objects.visible_to(request.user), pk=documenttemplate_id
    )
    return FileResponse(
        template.file.open("rb"),
        as_attachment=True,
        filename=f"{template.regime}-{template.key}.docx",
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
