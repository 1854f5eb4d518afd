"""Nomination pages: the movement's nominations, proposing from the ranking, the dossier
and the Office's review, registration, the consolidated list and the eligibility records.
Thin: the services decide and log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.audit.services import record
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_response_bytes
from thidua.core.uploads import CONTENT_TYPES
from thidua.core.views import paginate
from thidua.documents import services as documents
from thidua.movements.models import Movement, Quota, Target
from thidua.orgs.models import Person, Unit
from thidua.scoring.services import compute_ranking

from . import records as records_service
from . import registrations, services
from .exports import consolidated_workbook
from .forms import (
    EditDocumentForm,
    ImportForm,
    ProposeForm,
    ReasonForm,
    RecordForm,
    RegistrationForm,
    UploadForm,
)
from .models import (
    AwardRecord,
    ConductRecord,
    Dossier,
    DossierFile,
    FileKind,
    Nomination,
    NominationStatus,
    QualityRating,
)
from .queries import consolidated, dossiers_with_parts, nominations_of

DOCX_TYPE = CONTENT_TYPES["docx"]


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _movement(request: HttpRequest, movement_id: int) -> Movement:
    return get_object_or_404(
        Movement.objects.visible_to(request.user).select_related("organisation", "plan"),
        pk=movement_id,
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    movements = (
        Movement.objects.visible_to(request.user)
        .select_related("organisation")
        .annotate(
            nomination_count=Count(
                "nominations", filter=~Q(nominations__status=NominationStatus.WITHDRAWN)
            ),
            accepted_count=Count(
                "nominations", filter=Q(nominations__status=NominationStatus.ACCEPTED)
            ),
        )
        .order_by("-year", "title")
    )
    return render(request, "nominations/index.html", {"page": paginate(request, movements)})


@login_required
def movement_nominations(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    nominations = list(nominations_of(movement))
    dossiers = list(dossiers_with_parts(request.user).filter(movement=movement))
    for dossier in dossiers:
        dossier.missing = services.missing_items(dossier)
        dossier.overdue = services.appraisal_overdue(dossier)
    quotas = []
    for quota in Quota.objects.filter(movement=movement).select_related("award_form"):
        active = [
            n
            for n in nominations
            if n.target == quota.target
            and n.status not in services.INACTIVE
            and (quota.award_form_id is None or n.award_form_id == quota.award_form_id)
        ]
        quotas.append(
            {
                "quota": quota,
                "proposed": len(active),
                "accepted": sum(1 for n in active if n.status == NominationStatus.ACCEPTED),
            }
        )
    return render(
        request,
        "nominations/movement.html",
        {
            "movement": movement,
            "nominations": nominations,
            "dossiers": dossiers,
            "quotas": quotas,
            "can_propose": bool(services.proposing_units(request.user, movement)),
            "is_office": services.is_office(request.user, movement.organisation_id),
        },
    )


@login_required
def propose(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Propose from the scorecard ranking: the ranking of the chosen target group, with
    a proposal form on each row the user may propose."""
    movement = _movement(request, movement_id)
    target = request.GET.get("target") or request.POST.get("target") or Target.COLLECTIVE
    if target not in Target.values:
        raise Http404
    units = services.proposing_units(request.user, movement)
    if not units:
        messages.error(
            request, "Chỉ trưởng đơn vị hoặc Văn phòng UBND được lập đề nghị khen thưởng."
        )
        return redirect("nominations:movement", movement_id=movement.pk)
    award_forms = list(movement.award_forms.all())
    allowed = services.candidates_for(request.user, movement, target)
    model = Unit if target == Target.COLLECTIVE else Person
    allowed_ids = set(
        model.objects.filter(allowed, organisation_id=movement.organisation_id).values_list(
            "pk", flat=True
        )
    )
    proposed = {
        (n.unit_id if target == Target.COLLECTIVE else n.person_id): n
        for n in Nomination.objects.filter(movement=movement, target=target).exclude(
            status__in=services.INACTIVE
        )
    }
    form = ProposeForm(award_forms=award_forms, units=units)
    if request.method == "POST":
        form = ProposeForm(request.POST, award_forms=award_forms, units=units)
        if form.is_valid():
            try:
                nomination = services.propose(
                    request.user,
                    movement,
                    award_form=next(
                        f for f in award_forms if f.pk == form.cleaned_data["award_form"]
                    ),
                    target=target,
                    subject_id=form.cleaned_data["subject"],
                    proposing_unit=next(
                        u for u in units if u.pk == form.cleaned_data["proposing_unit"]
                    ),
                    achievement_summary=form.cleaned_data["achievement_summary"],
                )
            except ValidationError as exc:
                messages.error(request, _errors(exc))
            except PermissionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    f"Đã đề nghị {nomination.candidate_name}. Hãy hoàn thiện hồ sơ rồi gửi Văn phòng.",
                )
                return redirect("nominations:dossier", dossier_id=nomination.dossier_id)
        else:
            messages.error(request, "Hãy chọn hình thức khen thưởng và đơn vị đề nghị.")
    ranking = compute_ranking(movement, target)
    rows = [r for r in ranking.rows if r.subject.pk in allowed_ids]
    for row in rows:
        row.nomination = proposed.get(row.subject.pk)
    return render(
        request,
        "nominations/propose.html",
        {
            "movement": movement,
            "target": target,
            "target_label": Target(target).label,
            "rows": rows,
            "form": form,
            "award_forms": award_forms,
            "units": units,
        },
    )


def _nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.visible_to(request.user).select_related(
            "movement__organisation",
            "award_form",
            "unit",
            "person__unit",
            "proposing_unit",
            "dossier",
            "proposed_by",
        ),
        pk=nomination_id,
    )


@login_required
def nomination_detail(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    return render(
        request,
        "nominations/nomination_detail.html",
        {
            "nomination": nomination,
            "events": nomination.events.select_related("actor__person"),
            "can_edit": nomination.dossier is not None
            and services.can_edit(request.user, nomination.dossier),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def nomination_recheck(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    if not (nomination.dossier and services.can_edit(request.user, nomination.dossier)):
        raise Http404
    result = services.recheck(request.user, nomination)
    if result.eligible:
        messages.success(request, "Đã kiểm tra lại: đủ điều kiện đề nghị.")
    else:
        messages.error(request, result.message())
    return redirect("nominations:detail", nomination_id=nomination.pk)


@login_required
@require_POST
def nomination_withdraw(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do rút đề nghị.")
        return redirect("nominations:detail", nomination_id=nomination.pk)
    try:
        services.withdraw(request.user, nomination, form.cleaned_data["reason"])
    except (ValidationError, PermissionError) as exc:
        messages.error(request, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "Đã rút đề nghị.")
    return redirect("nominations:detail", nomination_id=nomination.pk)


# --- the dossier ---------------------------------------------------------------------------------


def _dossier(request: HttpRequest, dossier_id: int) -> Dossier:
    return get_object_or_404(dossiers_with_parts(request.user), pk=dossier_id)


@login_required
def dossier_detail(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    states = services.item_states(dossier)
    nominations = services.active_nominations(dossier)
    can_edit = services.can_edit(request.user, dossier) and dossier.is_editable
    return render(
        request,
        "nominations/dossier.html",
        {
            "dossier": dossier,
            "movement": dossier.movement,
            "states": states,
            "missing": [s for s in states if not s.present],
            "nominations": nominations,
            "withdrawn": [n for n in dossier.nominations.all() if n.status in services.INACTIVE],
            "events": dossier.events.select_related("actor__person"),
            "can_edit": can_edit,
            "can_read_files": services.can_read_files(request.user, dossier),
            "is_office": services.is_office(request.user, dossier.movement.organisation_id),
            "overdue": services.appraisal_overdue(dossier),
            "upload_form": UploadForm(
                items=dossier.movement.dossier_items.all(), nominations=nominations
            ),
            "reason_form": ReasonForm(),
        },
    )


def _dossier_action(request: HttpRequest, dossier_id: int, action, success: str) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    try:
        action(dossier)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except PermissionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("nominations:dossier", dossier_id=dossier.pk)


@login_required
@require_POST
def dossier_generate(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _dossier_action(
        request,
        dossier_id,
        lambda d: services.generate_documents(request.user, d),
        "Đã tạo các văn bản của hồ sơ từ dữ liệu của hệ thống. Hãy xem, sửa nếu cần, in và ký.",
    )


@login_required
@require_POST
def dossier_submit(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _dossier_action(
        request,
        dossier_id,
        lambda d: services.submit(request.user, d),
        "Đã gửi hồ sơ đến Văn phòng UBND.",
    )


@login_required
@require_POST
def dossier_receive(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _dossier_action(
        request,
        dossier_id,
        lambda d: services.receive(request.user, d),
        "Đã tiếp nhận hồ sơ; hạn thẩm định được tính theo ngày làm việc.",
    )


@login_required
@require_POST
def dossier_return(request: HttpRequest, dossier_id: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    return _dossier_action(
        request,
        dossier_id,
        lambda d: services.return_dossier(request.user, d, reason),
        "Đã trả lại hồ sơ để đơn vị bổ sung.",
    )


@login_required
@require_POST
def dossier_accept(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _dossier_action(
        request,
        dossier_id,
        lambda d: services.accept(request.user, d),
        "Đã tiếp nhận hồ sơ hợp lệ; các đề nghị được đưa vào danh sách trình Hội đồng.",
    )


@login_required
@require_POST
def dossier_upload(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    items = list(dossier.movement.dossier_items.all())
    nominations = services.active_nominations(dossier)
    form = UploadForm(request.POST, request.FILES, items=items, nominations=nominations)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("nominations:dossier", dossier_id=dossier.pk)
    item = next(i for i in items if i.pk == form.cleaned_data["item"])
    nomination = next((n for n in nominations if n.pk == form.cleaned_data["nomination"]), None)
    return _dossier_action(
        request,
        dossier_id,
        lambda d: services.upload_scan(
            request.user, d, item, form.cleaned_data["file"], nomination
        ),
        f"Đã tải lên bản scan “{item.name}”.",
    )


def _file(request: HttpRequest, dossierfile_id: int) -> DossierFile:
    return get_object_or_404(
        DossierFile.objects.visible_to(request.user).select_related(
            "dossier__movement__organisation",
            "dossier__proposing_unit",
            "item",
            "document",
            "nomination__unit",
            "nomination__person",
        ),
        pk=dossierfile_id,
    )


@login_required
def file_download(request: HttpRequest, dossierfile_id: int) -> HttpResponse:
    dossier_file = _file(request, dossierfile_id)
    dossier = dossier_file.dossier
    if not services.can_read_files(request.user, dossier):
        raise Http404
    if dossier_file.kind == FileKind.GENERATED:
        data = documents.render_docx(dossier_file.document)
        response = HttpResponse(data, content_type=DOCX_TYPE)
        name = f"ho-so-{dossier.pk}-{dossier_file.pk}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        try:
            handle = dossier_file.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=dossier_file.content_kind not in {"pdf", "png", "jpeg"},
            filename=dossier_file.original_name,
            content_type=CONTENT_TYPES.get(dossier_file.content_kind, "application/octet-stream"),
        )
    # Who read which dossier file is part of the record an inspection asks for.
    record(
        request.user,
        "dossier.file_downloaded",
        dossier,
        organisation=dossier.movement.organisation,
        data={"file": dossier_file.original_name, "item": dossier_file.item.name},
    )
    return response


@login_required
def file_edit(request: HttpRequest, dossierfile_id: int) -> HttpResponse:
    dossier_file = _file(request, dossierfile_id)
    dossier = dossier_file.dossier
    if dossier_file.kind != FileKind.GENERATED or not services.can_edit(request.user, dossier):
        raise Http404
    form = EditDocumentForm(initial={"text": services.body_text(dossier_file)})
    if request.method == "POST":
        form = EditDocumentForm(request.POST)
        if form.is_valid():
            try:
                services.edit_document(request.user, dossier_file, form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error("text", _errors(exc))
            else:
                messages.success(request, "Đã lưu nội dung văn bản.")
                return redirect("nominations:dossier", dossier_id=dossier.pk)
    return render(
        request,
        "nominations/file_edit.html",
        {"dossier_file": dossier_file, "dossier": dossier, "form": form},
    )


@login_required
@require_POST
def file_remove(request: HttpRequest, dossierfile_id: int) -> HttpResponse:
    dossier_file = _file(request, dossierfile_id)
    dossier_id = dossier_file.dossier_id
    try:
        services.remove_file(request.user, dossier_file)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except PermissionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã xóa tệp khỏi hồ sơ.")
    return redirect("nominations:dossier", dossier_id=dossier_id)


# --- registration, consolidated list ---------------------------------------------------------------


@login_required
def registration_list(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    choices = registrations.registrable(request.user, movement)
    form = RegistrationForm(units=choices[Target.COLLECTIVE], people=choices[Target.INDIVIDUAL])
    if request.method == "POST":
        form = RegistrationForm(
            request.POST, units=choices[Target.COLLECTIVE], people=choices[Target.INDIVIDUAL]
        )
        if form.is_valid():
            data = form.cleaned_data
            target = data["target"]
            pool = choices[target]
            pick = data["unit"] if target == Target.COLLECTIVE else data["person"]
            subject = next((s for s in pool if s.pk == pick), None)
            if subject is None:
                form.add_error(
                    "unit" if target == Target.COLLECTIVE else "person",
                    "Hãy chọn tập thể hoặc cá nhân đăng ký (trong danh sách bạn được đăng ký).",
                )
            else:
                try:
                    registrations.register(request.user, movement, target, subject, data["pledges"])
                except ValidationError as exc:
                    form.add_error("pledges", _errors(exc))
                except PermissionError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, "Đã ghi nhận đăng ký thi đua.")
                    return redirect("nominations:registrations", movement_id=movement.pk)
    rows = registrations.overview(movement)
    return render(
        request,
        "nominations/registrations.html",
        {
            "movement": movement,
            "deadline": registrations.deadline_of(movement),
            "collective_rows": rows[Target.COLLECTIVE],
            "individual_rows": rows[Target.INDIVIDUAL],
            "registered_units": sum(1 for r in rows[Target.COLLECTIVE] if r.registration),
            "registered_people": sum(1 for r in rows[Target.INDIVIDUAL] if r.registration),
            "form": form,
            "can_register": bool(choices[Target.COLLECTIVE] or choices[Target.INDIVIDUAL]),
            "is_office": services.is_office(request.user, movement.organisation_id),
        },
    )


def _xlsx(book, name: str) -> HttpResponse:
    response = HttpResponse(xlsx_response_bytes(book), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def registration_export(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    record(request.user, "registration.exported", movement, organisation=movement.organisation)
    return _xlsx(registrations.workbook(movement), f"dang-ky-thi-dua-{movement.year}.xlsx")


@login_required
def consolidated_list(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    groups = consolidated(movement)
    return render(
        request,
        "nominations/consolidated.html",
        {
            "movement": movement,
            "collectives": groups["collective"],
            "individuals": groups["individual"],
        },
    )


@login_required
def consolidated_export(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = _movement(request, movement_id)
    record(
        request.user,
        "nominations.consolidated_exported",
        movement,
        organisation=movement.organisation,
    )
    return _xlsx(consolidated_workbook(movement), f"danh-sach-trinh-hoi-dong-{movement.year}.xlsx")


# --- eligibility records ---------------------------------------------------------------------------


def _office_organisation(request: HttpRequest):
    from thidua.orgs.services import organisations_where

    found = organisations_where(request.user, *services.OFFICE_ROLES)
    return found[0] if found else None


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    organisation = _office_organisation(request)
    kind = request.GET.get("kind", records_service.QUALITY)
    if kind not in records_service.KINDS:
        kind = records_service.QUALITY
    model = records_service.MODELS[kind]
    rows = (
        model.objects.visible_to(request.user)
        .select_related("person__unit", "unit")
        .order_by(model._meta.ordering[0], "unit__sort_name", "person__sort_name", "id")
    )
    query = request.GET.get("q", "").strip()
    if query:
        from thidua.vn import search_key

        people = Person.objects.visible_to(request.user)
        for word in search_key(query).split():
            people = people.filter(search_text__contains=word)
        rows = rows.filter(Q(person__in=people) | Q(unit__name__icontains=query))
    people = units = []
    if organisation is not None:
        people = list(Person.objects.filter(organisation=organisation, is_active=True))
        units = list(Unit.objects.filter(organisation=organisation))
    form = RecordForm(
        people=people, units=units, initial={"kind": kind, "signs_of_violation": True}
    )
    if request.method == "POST":
        if organisation is None:
            raise Http404
        form = RecordForm(request.POST, people=people, units=units)
        if form.is_valid():
            values = form.sheet_values({p.pk: p for p in people}, {u.pk: u for u in units})
            try:
                records_service.add_record(
                    request.user, organisation, form.cleaned_data["kind"], values
                )
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Đã lưu hồ sơ.")
                return redirect(f"{request.path}?kind={form.cleaned_data['kind']}")
    return render(
        request,
        "nominations/records.html",
        {
            "kind": kind,
            "kinds": records_service.KINDS.items(),
            "page": paginate(request, rows),
            "query": query,
            "form": form,
            "can_write": organisation is not None,
        },
    )


@login_required
def record_import(request: HttpRequest) -> HttpResponse:
    organisation = _office_organisation(request)
    if organisation is None:
        raise Http404
    form = ImportForm()
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = records_service.import_records(
                request.user, organisation, form.cleaned_data["kind"], form.cleaned_data["file"]
            )
            if report.file_error:
                form.add_error("file", report.file_error)
                report = None
    return render(request, "nominations/record_import.html", {"form": form, "report": report})


@login_required
def record_template(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", records_service.QUALITY)
    if kind not in records_service.KINDS:
        raise Http404
    return _xlsx(records_service.template_workbook(kind), f"mau-{kind}.xlsx")


def _delete(request: HttpRequest, model, pk: int, kind: str) -> HttpResponse:
    obj = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    try:
        records_service.delete_record(request.user, obj)
    except PermissionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã xóa hồ sơ.")
    return redirect(reverse("nominations:records") + f"?kind={kind}")


@login_required
@require_POST
def qualityrating_delete(request: HttpRequest, qualityrating_id: int) -> HttpResponse:
    return _delete(request, QualityRating, qualityrating_id, records_service.QUALITY)


@login_required
@require_POST
def conductrecord_delete(request: HttpRequest, conductrecord_id: int) -> HttpResponse:
    return _delete(request, ConductRecord, conductrecord_id, records_service.CONDUCT)


@login_required
@require_POST
def awardrecord_delete(request: HttpRequest, awardrecord_id: int) -> HttpResponse:
    return _delete(request, AwardRecord, awardrecord_id, records_service.AWARD)
