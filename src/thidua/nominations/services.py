"""Domain operations on nominations and dossiers: propose (with the eligibility check),
generate the dossier's documents, upload signed scans, submit (refused while the dossier
is incomplete), and the Office's review — receive, return with a reason, accept.

Each operation validates, runs in a transaction, writes the action log and notifies the
people concerned. A refused operation raises ``ValidationError`` (Vietnamese, naming what
is wrong and how to fix it) or ``PermissionError`` and changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.i18n import in_vietnamese
from thidua.core.storage import saving_files
from thidua.core.uploads import validate_upload
from thidua.documents import services as documents
from thidua.documents.models import Status as DocumentStatus
from thidua.movements.models import AwardForm, DossierItem, MilestoneKind, Movement, Target
from thidua.notifications.services import notify
from thidua.orgs.models import Membership, Organisation, Person, Role, Unit
from thidua.orgs.services import has_role
from thidua.tasks.calendar import calendar_for
from thidua.vn import format_date

from . import dossier_documents as dd
from .eligibility import Candidate, Eligibility, check
from .models import (
    Dossier,
    DossierEvent,
    DossierFile,
    FileKind,
    Nomination,
    NominationEvent,
    NominationStatus,
)

OFFICE_ROLES = (Role.OFFICE,)
LEADERSHIP_ROLES = (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN)
READER_ROLES = (*LEADERSHIP_ROLES, Role.COUNCIL_MEMBER, Role.UPPER_VIEWER)
# Appraisal of a commune award dossier took 10–12 working days in past procedure
# records (DOMAIN §6); the Office's deadline counts from the day it receives the dossier.
APPRAISAL_WORKING_DAYS = 10
SCAN_KINDS = {"pdf", "png", "jpeg"}
SCAN_LABEL = "bản scan PDF hoặc ảnh (PNG, JPEG)"
OPEN = (NominationStatus.DRAFT, NominationStatus.RETURNED)
INACTIVE = (NominationStatus.WITHDRAWN, NominationStatus.REJECTED)


# --- who may do what ---------------------------------------------------------------------------


def is_office(user, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *OFFICE_ROLES)


def headed_units(user, organisation: Organisation | int) -> list[Unit]:
    """The units ``user`` heads in ``organisation``."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return list(
        Unit.objects.filter(
            organisation_id=org_id, memberships__user=user, memberships__role=Role.UNIT_HEAD
        ).distinct()
    )


def proposing_units(user, movement: Movement) -> list[Unit]:
    """The units in whose name ``user`` may propose: the Office's own unit for the
    Office, the units a head heads."""
    units = headed_units(user, movement.organisation_id)
    if is_office(user, movement.organisation_id):
        own = Unit.objects.filter(
            organisation_id=movement.organisation_id,
            memberships__user=user,
            memberships__role=Role.OFFICE,
        ).distinct()
        units = list({u.pk: u for u in [*own, *units]}.values())
    return units


def can_edit(user, dossier: Dossier) -> bool:
    organisation_id = dossier.movement.organisation_id
    return is_office(user, organisation_id) or any(
        u.pk == dossier.proposing_unit_id for u in headed_units(user, organisation_id)
    )


def can_read_files(user, dossier: Dossier) -> bool:
    """Signed scans are read by the Office, the leadership, the council, the upper level
    and the proposing unit's own people."""
    organisation_id = dossier.movement.organisation_id
    if has_role(user, organisation_id, *READER_ROLES):
        return True
    return Membership.objects.filter(user=user, unit_id=dossier.proposing_unit_id).exists()


def candidates_for(user, movement: Movement, target: str) -> Q:
    """Which candidates ``user`` may propose: anyone for the Office, the own unit and
    its people for a unit head."""
    if is_office(user, movement.organisation_id):
        return Q()
    units = [u.pk for u in headed_units(user, movement.organisation_id)]
    return Q(pk__in=units) if target == Target.COLLECTIVE else Q(unit_id__in=units)


# --- dates ---------------------------------------------------------------------------------------


def expected_decision_date(movement: Movement) -> datetime.date:
    """When the award decision is expected: the movement's closing milestone, else
    15 December of its year (the seed's movement was decided on 15/12/2023)."""
    final = movement.milestones.filter(kind=MilestoneKind.FINAL).order_by("-date").first()
    return final.date if final else datetime.date(movement.year, 12, 15)


def dossier_date(movement: Movement, today: datetime.date | None = None) -> datetime.date:
    """The date the dossier's documents carry: today in the movement's own year; for a
    past movement (entered afterwards) its dossier deadline, else 30 November."""
    today = today or timezone.localdate()
    if today.year == movement.year:
        return today
    deadline = movement.milestones.filter(kind=MilestoneKind.DOSSIER).order_by("date").first()
    return deadline.date if deadline else datetime.date(movement.year, 11, 30)


# --- proposing ---------------------------------------------------------------------------------


def eligibility_of(nomination: Nomination) -> Eligibility:
    return check(
        nomination.movement,
        nomination.award_form,
        Candidate(nomination.target, nomination.unit, nomination.person),
        nomination.expected_decision_date or expected_decision_date(nomination.movement),
        exclude_nomination_id=nomination.pk,
    )


def _event(nomination: Nomination, actor, to_status: str, reason: str = "") -> None:
    NominationEvent.objects.create(
        nomination=nomination,
        actor=actor,
        from_status=nomination.status,
        to_status=to_status,
        reason=reason,
    )
    nomination.status = to_status
    nomination.save(update_fields=["status", "updated_at"])


@transaction.atomic
def open_dossier(actor, movement: Movement, unit: Unit) -> Dossier:
    """The unit's dossier for the movement that can still take nominations."""
    found = (
        Dossier.objects.select_for_update()
        .filter(movement=movement, proposing_unit=unit)
        .exclude(status=NominationStatus.WITHDRAWN)
        .order_by("-id")
        .first()
    )
    if found is not None:
        if found.is_editable:
            return found
        raise ValidationError(
            f"Hồ sơ của {unit.name} đã gửi Văn phòng ({found.get_status_display().lower()}); "
            "không thêm đề nghị vào hồ sơ đã gửi. Hãy chờ Văn phòng trả lại để bổ sung."
        )
    return Dossier.objects.create(
        movement=movement,
        proposing_unit=unit,
        document_date=dossier_date(movement),
        created_by=actor,
    )


def propose(
    actor,
    movement: Movement,
    *,
    award_form: AwardForm,
    target: str,
    subject_id: int,
    proposing_unit: Unit,
    achievement_summary: str = "",
    decision_date: datetime.date | None = None,
) -> Nomination:
    """Propose one candidate; refused, naming the rule and the facts, when ineligible."""
    organisation_id = movement.organisation_id
    if award_form.movement_id != movement.pk:
        raise ValidationError("Hình thức khen thưởng không thuộc phong trào này; hãy chọn lại.")
    if target not in Target.values:
        raise ValidationError("Hãy chọn đối tượng: tập thể hoặc cá nhân.")
    if proposing_unit.pk not in {u.pk for u in proposing_units(actor, movement)}:
        raise PermissionError(
            "Chỉ Văn phòng hoặc trưởng đơn vị mới lập đề nghị khen thưởng cho đơn vị mình."
        )
    model = Unit if target == Target.COLLECTIVE else Person
    subject = (
        model.objects.filter(
            candidates_for(actor, movement, target), organisation_id=organisation_id
        )
        .filter(pk=subject_id)
        .first()
    )
    if subject is None:
        whom = "tập thể" if target == Target.COLLECTIVE else "cá nhân"
        raise ValidationError(
            f"Không tìm thấy {whom} này trong danh sách bạn được đề nghị; trưởng đơn vị chỉ đề "
            "nghị đơn vị mình và người của đơn vị mình."
        )
    candidate = Candidate(
        target,
        unit=subject if target == Target.COLLECTIVE else None,
        person=subject if target == Target.INDIVIDUAL else None,
    )
    day = decision_date or expected_decision_date(movement)
    result = check(movement, award_form, candidate, day)
    if not result.eligible:
        raise ValidationError(result.message())
    with transaction.atomic():
        dossier = open_dossier(actor, movement, proposing_unit)
        nomination = Nomination.objects.create(
            movement=movement,
            award_form=award_form,
            target=target,
            unit=candidate.unit,
            person=candidate.person,
            proposing_unit=proposing_unit,
            proposed_by=actor,
            achievement_summary=achievement_summary.strip(),
            dossier=dossier,
            expected_decision_date=day,
            eligibility=result.as_list(),
        )
        NominationEvent.objects.create(
            nomination=nomination, actor=actor, from_status="", to_status=NominationStatus.DRAFT
        )
        if dossier.status == NominationStatus.RETURNED:
            _event(nomination, actor, NominationStatus.RETURNED, "Thêm khi bổ sung hồ sơ")
        record(
            actor,
            "nomination.created",
            nomination,
            organisation=movement.organisation,
            data={
                "candidate": nomination.candidate_name,
                "form": award_form.form,
                "regime": result.regime,
                "dossier": dossier.pk,
            },
        )
        if candidate.person is not None and candidate.person.user_id:
            notify(
                candidate.person.user,
                movement.organisation,
                f"Bạn được {proposing_unit.name} đề nghị {award_form.form}",
                body=movement.title,
                url=reverse("nominations:dossier", args=[dossier.pk]),
            )
    return nomination


@transaction.atomic
def recheck(actor, nomination: Nomination) -> Eligibility:
    """Run the eligibility rules again on today's records and keep the result."""
    result = eligibility_of(nomination)
    nomination.eligibility = result.as_list()
    nomination.save(update_fields=["eligibility", "updated_at"])
    record(
        actor,
        "nomination.rechecked",
        nomination,
        organisation=nomination.movement.organisation,
        data={"eligible": result.eligible, "refusals": [r.rule for r in result.refusals]},
    )
    return result


@transaction.atomic
def withdraw(actor, nomination: Nomination, reason: str) -> Nomination:
    nomination = (
        Nomination.objects.select_for_update()
        .select_related("dossier__movement", "movement__organisation")
        .get(pk=nomination.pk)
    )
    if not can_edit(actor, nomination.dossier):
        raise PermissionError("Bạn không có quyền rút đề nghị này.")
    if nomination.status not in OPEN:
        raise ValidationError("Chỉ rút được đề nghị chưa gửi hoặc đang được trả lại để bổ sung.")
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do rút đề nghị.")
    _event(nomination, actor, NominationStatus.WITHDRAWN, reason.strip())
    record(
        actor,
        "nomination.withdrawn",
        nomination,
        organisation=nomination.movement.organisation,
        data={"reason": reason.strip()},
    )
    return nomination


# --- completeness ------------------------------------------------------------------------------


@dataclass
class ItemState:
    """One required item of a dossier, for one candidate when it is per candidate."""

    item: DossierItem
    kind: str
    nomination: Nomination | None
    files: list[DossierFile] = field(default_factory=list)

    @property
    def present(self) -> bool:
        if any(f.kind == FileKind.UPLOADED for f in self.files):
            return True
        return self.kind in dd.GENERATED_KINDS and any(
            f.kind == FileKind.GENERATED for f in self.files
        )

    @property
    def label(self) -> str:
        if self.nomination is None:
            return self.item.name
        return f"{self.item.name} — {self.nomination.candidate_name}"

    @property
    def needs(self) -> str:
        if self.kind in dd.GENERATED_KINDS:
            return "tạo văn bản từ hệ thống hoặc tải lên bản đã ký"
        return "tải lên bản scan đã ký"


def active_nominations(dossier: Dossier) -> list[Nomination]:
    return [n for n in dossier.nominations.all() if n.status not in INACTIVE]


def item_states(dossier: Dossier) -> list[ItemState]:
    """The required items and what the dossier holds for each. Reads the dossier's
    prefetched nominations and files when the caller prefetched them."""
    nominations = active_nominations(dossier)
    files = list(dossier.files.all())
    states = []
    for item in dossier.movement.dossier_items.all():
        kind = dd.item_kind(item.name)
        if item.per_candidate:
            for nomination in nominations:
                states.append(
                    ItemState(
                        item,
                        kind,
                        nomination,
                        [
                            f
                            for f in files
                            if f.item_id == item.pk and f.nomination_id == nomination.pk
                        ],
                    )
                )
        else:
            states.append(ItemState(item, kind, None, [f for f in files if f.item_id == item.pk]))
    return states


def missing_items(dossier: Dossier) -> list[ItemState]:
    return [s for s in item_states(dossier) if not s.present]


def nomination_dossier(nomination: Nomination, states: Iterable[ItemState]) -> list[dict]:
    """The API's ``dossier`` of one nomination: the shared items and its own ones."""
    return [
        {"item": s.item.name, "present": s.present}
        for s in states
        if s.nomination is None or s.nomination.pk == nomination.pk
    ]


# --- documents ---------------------------------------------------------------------------------


def _require_edit(actor, dossier: Dossier) -> None:
    # The state as stored now: a page may hold a copy read before another change.
    dossier.refresh_from_db(fields=["status"])
    if not can_edit(actor, dossier):
        raise PermissionError("Chỉ trưởng đơn vị đề nghị hoặc Văn phòng được sửa hồ sơ này.")
    if not dossier.is_editable:
        raise ValidationError(
            f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”, không sửa được. "
            "Hồ sơ chỉ sửa được khi chưa gửi hoặc khi Văn phòng trả lại."
        )


def _signer(dossier: Dossier) -> documents.Signer:
    head = dd.unit_head(dossier.proposing_unit)
    title = (head.position if head else "Thủ trưởng đơn vị").upper()
    return documents.Signer(head.full_name if head else "", title)


def _put_document(
    dossier: Dossier,
    item: DossierItem,
    nomination: Nomination | None,
    template_key: str,
    content: dict,
    actor,
) -> DossierFile:
    """Create the draft in the register, or refresh the draft made before (so that
    generating twice does not fill the register with copies)."""
    summary = content.pop("summary_text")
    existing = (
        DossierFile.objects.filter(
            dossier=dossier, item=item, nomination=nomination, kind=FileKind.GENERATED
        )
        .select_related("document")
        .first()
    )
    if existing is not None and existing.document.status == DocumentStatus.DRAFT:
        documents.update_draft(actor, existing.document, context=content, summary=summary)
        return existing
    # Made in the proposing unit's name, so its head drafts it as the Office does
    # (documents.services.may_draft); it takes no number of the ward's register.
    document = documents.create_draft(
        actor,
        dossier.movement.organisation,
        template_key,
        dossier.document_date,
        content,
        summary=summary,
        recipients=[(dossier.movement.dossier_destination or "Văn phòng UBND phường", "")],
        signer=_signer(dossier),
        issuer_kind="UNIT",
        unit=dossier.proposing_unit,
    )
    return DossierFile.objects.create(
        dossier=dossier,
        item=item,
        nomination=nomination,
        kind=FileKind.GENERATED,
        document=document,
        original_name=f"{summary[:200]}.docx",
        content_kind="docx",
        added_by=actor,
    )


@in_vietnamese
def generate_documents(actor, dossier: Dossier) -> list[DossierFile]:
    """Generate (or refresh) every document the system can pre-fill for the dossier."""
    _require_edit(actor, dossier)
    nominations = [
        n
        for n in dossier.nominations.select_related(
            "unit", "person__unit", "award_form", "movement__organisation", "movement__plan"
        )
        if n.status not in INACTIVE
    ]
    if not nominations:
        raise ValidationError("Hồ sơ chưa có đề nghị nào; hãy đề nghị tập thể, cá nhân trước.")
    made: list[DossierFile] = []
    try:
        with transaction.atomic():
            proposal = None
            for item in dossier.movement.dossier_items.all():
                kind = dd.item_kind(item.name)
                if kind == dd.REPORT:
                    for nomination in nominations:
                        key = dd.report_template(dossier.movement, nomination.target)
                        content = dd.report_content(nomination, dossier.document_date)
                        made.append(_put_document(dossier, item, nomination, key, content, actor))
                elif kind in (dd.PROPOSAL, dd.SUMMARY):
                    # One Tờ trình carries the Danh sách trích ngang: both items point to it.
                    if proposal is None:
                        content = dd.proposal_content(dossier, nominations)
                        proposal = _put_document(dossier, item, None, "to_trinh", content, actor)
                        made.append(proposal)
                    elif not DossierFile.objects.filter(
                        dossier=dossier, item=item, kind=FileKind.GENERATED
                    ).exists():
                        made.append(
                            DossierFile.objects.create(
                                dossier=dossier,
                                item=item,
                                kind=FileKind.GENERATED,
                                document=proposal.document,
                                original_name=proposal.original_name,
                                content_kind="docx",
                                added_by=actor,
                            )
                        )
                elif kind == dd.MINUTES:
                    content = dd.minutes_content(dossier, nominations)
                    made.append(
                        _put_document(dossier, item, None, "bien_ban_hop_don_vi", content, actor)
                    )
            record(
                actor,
                "dossier.documents_generated",
                dossier,
                organisation=dossier.movement.organisation,
                data={"documents": [f.document_id for f in made]},
            )
    except documents.DocumentError as exc:
        raise ValidationError(str(exc)) from exc
    return made


BODY_KEY = "body"


def body_text(dossier_file: DossierFile) -> str:
    """The editable paragraphs of a generated document, one per line."""
    return documents.body_text(dossier_file.document.context)


@transaction.atomic
def edit_document(actor, dossier_file: DossierFile, text: str, summary_line: str = "") -> None:
    """Edit a generated draft before it is printed and signed: its paragraphs, and for
    a candidate's entry in the Danh sách trích ngang, the one-line summary."""
    dossier = dossier_file.dossier
    _require_edit(actor, dossier)
    document = dossier_file.document
    if document is None or document.status != DocumentStatus.DRAFT:
        raise ValidationError("Chỉ sửa được văn bản còn là dự thảo.")
    try:
        blocks = documents.body_blocks(text, document.context.get(BODY_KEY, []))
        documents.update_draft(actor, document, context={**document.context, BODY_KEY: blocks})
    except documents.DocumentError as exc:
        raise ValidationError(str(exc)) from exc
    record(
        actor,
        "dossier.document_edited",
        dossier,
        organisation=dossier.movement.organisation,
        data={"document": document.pk, "paragraphs": len(blocks)},
    )


@transaction.atomic
def upload_scan(
    actor, dossier: Dossier, item: DossierItem, uploaded, nomination: Nomination | None = None
) -> DossierFile:
    """Attach the scan of a signed document; checked by content (PDF or image)."""
    _require_edit(actor, dossier)
    if item.movement_id != dossier.movement_id:
        raise ValidationError("Thành phần hồ sơ không thuộc phong trào này.")
    if item.per_candidate and nomination is None:
        raise ValidationError(f"“{item.name}”: hãy chọn tập thể, cá nhân của bản báo cáo.")
    if nomination is not None and nomination.dossier_id != dossier.pk:
        raise ValidationError("Đề nghị được chọn không thuộc hồ sơ này.")
    if not item.per_candidate:
        nomination = None
    kind = validate_upload(uploaded, SCAN_KINDS, SCAN_LABEL)
    scan = DossierFile(
        dossier=dossier,
        item=item,
        nomination=nomination,
        kind=FileKind.UPLOADED,
        original_name=(getattr(uploaded, "name", "") or "ban-scan")[:255],
        content_kind=kind,
        size=uploaded.size,
        added_by=actor,
    )
    # A full disk: StorageFull's message, no file kept, and the transaction rolls back.
    with saving_files() as files:
        files.save(scan.file, scan.original_name, uploaded)
        scan.save()
        record(
            actor,
            "dossier.scan_uploaded",
            dossier,
            organisation=dossier.movement.organisation,
            data={"item": item.name, "file": scan.original_name, "kind": kind},
        )
    return scan


@transaction.atomic
def remove_file(actor, dossier_file: DossierFile) -> None:
    dossier = dossier_file.dossier
    _require_edit(actor, dossier)
    record(
        actor,
        "dossier.file_removed",
        dossier,
        organisation=dossier.movement.organisation,
        data={"item": dossier_file.item.name, "file": dossier_file.original_name},
    )
    if dossier_file.file:
        dossier_file.file.delete(save=False)
    dossier_file.delete()


# --- state changes -----------------------------------------------------------------------------


def _move(dossier: Dossier, actor, to_status: str, action: str, reason: str = "") -> None:
    DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        from_status=dossier.status,
        to_status=to_status,
        action=action,
        reason=reason,
    )
    for nomination in dossier.nominations.exclude(status__in=INACTIVE):
        _event(nomination, actor, to_status, reason)
    dossier.status = to_status


def _people_concerned(dossier: Dossier) -> list:
    """The proposers, the proposing unit's heads and the candidates with an account."""
    User = get_user_model()
    ids = set(dossier.nominations.values_list("proposed_by_id", flat=True))
    ids |= set(
        Membership.objects.filter(
            unit_id=dossier.proposing_unit_id, role=Role.UNIT_HEAD
        ).values_list("user_id", flat=True)
    )
    ids |= {
        uid
        for uid in dossier.nominations.exclude(status__in=INACTIVE).values_list(
            "person__user_id", flat=True
        )
        if uid
    }
    return list(User.objects.filter(pk__in=ids))


def _office_users(organisation_id: int) -> list:
    User = get_user_model()
    return list(
        User.objects.filter(
            memberships__unit__organisation_id=organisation_id, memberships__role=Role.OFFICE
        ).distinct()
    )


def _notify_all(users, dossier: Dossier, title: str, body: str = "") -> None:
    url = reverse("nominations:dossier", args=[dossier.pk])
    for user in users:
        notify(user, dossier.movement.organisation, title, body=body, url=url)


def submit(actor, dossier: Dossier) -> Dossier:
    """Send the dossier to the Office. Refused, naming what is missing, while incomplete;
    the refusal itself is kept in the action log."""
    _require_edit(actor, dossier)
    nominations = active_nominations(dossier)
    if not nominations:
        raise ValidationError("Hồ sơ chưa có đề nghị nào; hãy đề nghị tập thể, cá nhân trước.")
    missing = missing_items(dossier)
    problems = [f"{s.label} (cần {s.needs})" for s in missing]
    for nomination in nominations:
        result = eligibility_of(nomination)
        if not result.eligible:
            problems.append(f"{nomination.candidate_name}: {result.message()}")
    if problems:
        # Outside the refused change's transaction: the attempt stays in the log.
        record(
            actor,
            "dossier.submit_refused",
            dossier,
            organisation=dossier.movement.organisation,
            data={"missing": [s.label for s in missing], "problems": problems},
        )
        raise ValidationError(
            "Chưa gửi được: hồ sơ còn thiếu hoặc chưa đạt — " + "; ".join(problems) + "."
        )
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        _require_edit(actor, dossier)
        resubmission = dossier.status == NominationStatus.RETURNED
        _move(dossier, actor, NominationStatus.SUBMITTED, "submitted")
        dossier.submitted_at = timezone.now()
        dossier.save()
        for nomination in nominations:
            Nomination.objects.filter(pk=nomination.pk).update(
                eligibility=eligibility_of(nomination).as_list()
            )
        record(
            actor,
            "dossier.resubmitted" if resubmission else "dossier.submitted",
            dossier,
            organisation=dossier.movement.organisation,
            data={"nominations": [n.pk for n in nominations]},
        )
        _notify_all(
            _office_users(dossier.movement.organisation_id),
            dossier,
            f"{dossier.proposing_unit.name} {'gửi lại' if resubmission else 'gửi'} hồ sơ đề nghị "
            "khen thưởng",
            dossier.movement.title,
        )
    return dossier


def _require_office(actor, dossier: Dossier) -> None:
    if not is_office(actor, dossier.movement.organisation_id):
        raise PermissionError("Chỉ Văn phòng UBND (thường trực thi đua) được xét hồ sơ.")


@transaction.atomic
def receive(actor, dossier: Dossier, today: datetime.date | None = None) -> Dossier:
    """The Office acknowledges receipt: the appraisal deadline starts (working days)."""
    _require_office(actor, dossier)
    dossier = Dossier.objects.select_for_update().select_related("movement").get(pk=dossier.pk)
    if dossier.status != NominationStatus.SUBMITTED or dossier.received_on is not None:
        raise ValidationError("Chỉ tiếp nhận hồ sơ đã gửi và chưa được tiếp nhận.")
    today = today or timezone.localdate()
    dossier.received_on = today
    dossier.received_by = actor
    dossier.appraisal_due = calendar_for(dossier.movement.organisation_id).add_working_days(
        today, APPRAISAL_WORKING_DAYS
    )
    dossier.save()
    DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        from_status=dossier.status,
        to_status=dossier.status,
        action="received",
    )
    record(
        actor,
        "dossier.received",
        dossier,
        organisation=dossier.movement.organisation,
        data={"received_on": today, "appraisal_due": dossier.appraisal_due},
    )
    _notify_all(
        _people_concerned(dossier),
        dossier,
        "Văn phòng đã nhận hồ sơ đề nghị khen thưởng",
        f"Hạn thẩm định: {format_date(dossier.appraisal_due)}.",
    )
    return dossier


@transaction.atomic
def return_dossier(actor, dossier: Dossier, reason: str) -> Dossier:
    """Return the dossier to its unit with the reason; the unit fixes and resubmits."""
    _require_office(actor, dossier)
    dossier = Dossier.objects.select_for_update().select_related("movement").get(pk=dossier.pk)
    if dossier.status != NominationStatus.SUBMITTED:
        raise ValidationError("Chỉ trả lại hồ sơ đang chờ Văn phòng xét.")
    reason = reason.strip()
    if len(reason) < 5:
        raise ValidationError(
            "Hãy ghi lý do trả lại (cần bổ sung gì, sửa gì) để đơn vị biết mà hoàn thiện."
        )
    _move(dossier, actor, NominationStatus.RETURNED, "returned", reason[:2000])
    dossier.return_count += 1
    dossier.received_on = dossier.received_by = dossier.appraisal_due = None
    dossier.save()
    record(
        actor,
        "dossier.returned",
        dossier,
        organisation=dossier.movement.organisation,
        data={"reason": reason[:2000], "times": dossier.return_count},
    )
    _notify_all(
        _people_concerned(dossier),
        dossier,
        "Văn phòng trả lại hồ sơ đề nghị khen thưởng để bổ sung",
        reason,
    )
    return dossier


@transaction.atomic
def accept(actor, dossier: Dossier, today: datetime.date | None = None) -> Dossier:
    """Accept the dossier: its nominations become the council's candidates."""
    _require_office(actor, dossier)
    dossier = Dossier.objects.select_for_update().select_related("movement").get(pk=dossier.pk)
    if dossier.status != NominationStatus.SUBMITTED:
        raise ValidationError("Chỉ tiếp nhận hồ sơ đang chờ Văn phòng xét.")
    missing = missing_items(dossier)
    if missing:
        raise ValidationError(
            "Hồ sơ còn thiếu: " + "; ".join(s.label for s in missing) + ". Hãy trả lại để bổ sung."
        )
    today = today or timezone.localdate()
    if dossier.received_on is None:
        dossier.received_on, dossier.received_by = today, actor
    _move(dossier, actor, NominationStatus.ACCEPTED, "accepted")
    dossier.accepted_on = today
    dossier.save()
    record(
        actor,
        "dossier.accepted",
        dossier,
        organisation=dossier.movement.organisation,
        data={"nominations": list(dossier.nominations.values_list("pk", flat=True))},
    )
    _notify_all(
        _people_concerned(dossier),
        dossier,
        "Văn phòng đã tiếp nhận hồ sơ đề nghị khen thưởng",
        "Hồ sơ được trình Hội đồng Thi đua - Khen thưởng.",
    )
    return dossier


def appraisal_overdue(dossier: Dossier, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        dossier.status == NominationStatus.SUBMITTED
        and dossier.appraisal_due is not None
        and today > dossier.appraisal_due
    )
