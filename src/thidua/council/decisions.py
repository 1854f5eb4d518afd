"""The Chairman's award decision (Quyết định khen thưởng) for the council's approved list,
its bonus amounts, its certificates, and revocation.

The flow: the Office drafts the decision (annex with each awardee's bonus = multiplier ×
base salary on the decision date, rounded up to 10.000 đồng — from
:mod:`thidua.regulations`); the signer named in the draft (the Chairman, or a
vice-chairman “KT. CHỦ TỊCH”) approves it under their own account; the Office issues it,
which numbers it in the register, makes one Giấy khen per awardee (với số sổ vàng and a
verification code) and renders them all as one background job.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.i18n import in_vietnamese
from thidua.core.storage import StorageFull, saving_files
from thidua.documents import services as documents
from thidua.documents.models import Certificate, Document
from thidua.documents.services import DocumentError, Signer
from thidua.movements.models import Target
from thidua.nominations.council_outcomes import record_award, revoke_award_record
from thidua.orgs.models import Gender, Role
from thidua.orgs.services import has_role
from thidua.regulations.models import Multiplier
from thidua.regulations.services import RuleMissing, base_salary_on, bonus_amount, regime_on
from thidua.vn import amount_in_words, format_date, format_money

from .models import (
    ENDED_DECISION,
    Award,
    AwardDecision,
    Candidate,
    DecisionStatus,
    Meeting,
    Outcome,
)
from .services import CouncilError, is_office

SIGNER_ROLES = (Role.CHAIRMAN, Role.VICE_CHAIRMAN)


@dataclass(frozen=True)
class Bonus:
    """One bonus as the decision prints it."""

    form: str
    target: str
    day: datetime.date
    regime: str
    base_salary: int
    multiplier: str
    amount: int

    @property
    def figures(self) -> str:
        return f"{format_money(self.amount)} đồng"

    @property
    def words(self) -> str:
        return amount_in_words(self.amount)

    @property
    def raw(self) -> str:
        """The amount before rounding, e.g. “351.000”."""
        from decimal import Decimal

        return format_money(int(Decimal(self.multiplier) * self.base_salary))


def bonus_for(form: str, target: str, day: datetime.date) -> Bonus:
    """The bonus of ``form`` for a collective or an individual on a decision dated ``day``."""
    try:
        regime = regime_on(day)
        amount = bonus_amount(form, target, day)
        base = base_salary_on(day)
    except RuleMissing as exc:
        raise CouncilError(str(exc)) from exc
    multiplier = Multiplier.objects.get(regime=regime, form=form, target=target)
    return Bonus(form, target, day, regime.code, base, str(multiplier.value.normalize()), amount)


def _person_title(candidate: Candidate) -> str:
    person = candidate.nomination.person
    honorific = "Bà" if person.gender == Gender.FEMALE else "Ông"
    return f"{honorific} {candidate.name}"


def _annex_name(candidate: Candidate) -> str:
    if candidate.target == Target.INDIVIDUAL:
        return (
            f"{_person_title(candidate)}, {candidate.detail}"
            if candidate.detail
            else _person_title(candidate)
        )
    return candidate.name


def signer_for(user, organisation) -> Signer:
    """How ``user`` signs a Chairman's decision: “CHỦ TỊCH” or “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."""
    person = getattr(user, "person", None)
    name = person.full_name if person else user.get_full_name()
    if has_role(user, organisation, Role.CHAIRMAN) and not user.is_superuser:
        return Signer(name, "CHỦ TỊCH")
    if has_role(user, organisation, Role.VICE_CHAIRMAN):
        return Signer(name, "PHÓ CHỦ TỊCH", "KT", principal_title="CHỦ TỊCH")
    raise CouncilError("Người ký quyết định khen thưởng phải là Chủ tịch hoặc Phó Chủ tịch UBND.")


def _movement_phrase(meeting: Meeting) -> str:
    title = meeting.movement.title
    return title[:1].lower() + title[1:]


def decision_context(
    meeting: Meeting, day: datetime.date, approved: list[Candidate]
) -> tuple[dict, list[tuple[Candidate, int]], dict[str, Bonus]]:
    organisation = meeting.organisation
    regime = regime_on(day)
    movement = _movement_phrase(meeting)
    bonuses = {
        target: bonus_for(meeting.award_form, target, day)
        for target in {c.target for c in approved}
    }
    rows: list[dict] = []
    amounts: list[tuple[Candidate, int]] = []
    for roman, target in (("I", Target.COLLECTIVE), ("II", Target.INDIVIDUAL)):
        group = [c for c in approved if c.target == target]
        if not group:
            continue
        rows.append({"stt": roman, "heading": Target(target).label.upper(), "name": ""})
        for index, candidate in enumerate(group, start=1):
            amount = bonuses[target].amount
            rows.append(
                {"stt": str(index), "heading": "", "name": _annex_name(candidate), "amount": amount}
            )
            amounts.append((candidate, amount))
    counts = []
    for target in (Target.COLLECTIVE, Target.INDIVIDUAL):
        n = sum(1 for c in approved if c.target == target)
        if n:
            counts.append(f"{n:02d} {Target(target).label.lower()}")
    money = "; ".join(
        f"{Target(t).label.lower()}: {b.figures} (Bằng chữ: {b.words})"
        for t, b in sorted(bonuses.items())
    )
    total = sum(a for _, a in amounts)
    plan = meeting.movement.plan
    bases = list(regime.legal_bases)
    if plan is not None:
        bases.append(
            f"Căn cứ Kế hoạch số {plan.number} ngày {format_date(plan.date)} của "
            f"{plan.issuer_name} về {movement};"
        )
    minutes = meeting.minutes
    minutes_ref = (
        f"Biên bản họp số {minutes.symbol} ngày {format_date(minutes.date)}"
        if minutes is not None and minutes.symbol
        else f"Biên bản họp ngày {format_date(timezone.localdate(meeting.starts_at))}"
    )
    bases.append(f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường tại {minutes_ref}.")
    name = organisation.name_on(day)
    context = {
        "authority_line": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {name.upper()}",
        "legal_bases": bases,
        "articles": [
            {
                "label": "Điều 1.",
                "text": f"Tặng {meeting.award_form} của Chủ tịch UBND {name} cho "
                f"{' và '.join(counts)} (có danh sách kèm theo) đã có thành tích xuất sắc "
                f"trong {movement}.",
            },
            {
                "label": "Điều 2.",
                "text": f"Mức tiền thưởng kèm theo {meeting.award_form} ({regime.decree}, mức "
                f"lương cơ sở {format_money(base_salary_on(day))} đồng): {money}. Tổng cộng "
                f"{format_money(total)} đồng (Bằng chữ: {amount_in_words(total)}), chi từ quỹ "
                "thi đua, khen thưởng của phường.",
            },
            {
                "label": "Điều 3.",
                "text": "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND phường, công "
                "chức Tài chính - Kế toán, các tập thể và cá nhân có tên tại Điều 1 chịu trách "
                "nhiệm thi hành Quyết định này",
            },
        ],
        "annex": {
            "title": f"Tập thể, cá nhân được tặng {meeting.award_form} trong {movement}",
            "issuer": f"Chủ tịch UBND {name}",
            "rows": rows,
        },
    }
    return context, amounts, bonuses


def _upper_recipient(meeting: Meeting, day: datetime.date) -> str:
    parent = meeting.organisation.parent
    while parent is not None and not parent.exists_on(day):
        parent = parent.parent
    return parent.committee_name if parent is not None else ""


@transaction.atomic
@in_vietnamese
def draft_decision(actor, meeting: Meeting, day: datetime.date, signer) -> AwardDecision:
    """The Office drafts the decision for the list the council approved, to be signed by
    ``signer`` (the Chairman or a vice-chairman)."""
    meeting = Meeting.objects.select_for_update().select_related("organisation").get(pk=meeting.pk)
    if not is_office(actor, meeting.organisation_id):
        raise PermissionError("Chỉ Văn phòng lập dự thảo quyết định khen thưởng.")
    if not meeting.is_closed:
        raise CouncilError("Cuộc họp Hội đồng chưa kết thúc; chỉ lập quyết định sau cuộc họp.")
    if meeting.decisions.exclude(status__in=ENDED_DECISION).exists():
        raise CouncilError("Cuộc họp này đã có quyết định khen thưởng; hãy mở quyết định đó.")
    disclosure = getattr(meeting, "disclosure", None)
    if disclosure is None:
        raise CouncilError(
            "Danh sách đề nghị chưa được công khai. Hãy công khai danh sách (mục “Công khai”) "
            "trước khi trình quyết định."
        )
    if day <= disclosure.ends_on:
        raise CouncilError(
            f"Danh sách công khai đến hết ngày {format_date(disclosure.ends_on)}; ngày quyết định "
            "phải sau thời hạn đó."
        )
    open_comments = disclosure.comments.filter(status="new").count()
    if open_comments:
        raise CouncilError(
            f"Còn {open_comments} ý kiến góp ý chưa xử lý; hãy ghi kết quả xử lý trước."
        )
    if day < timezone.localdate(meeting.starts_at):
        raise CouncilError("Ngày quyết định không thể trước ngày họp Hội đồng.")
    approved = list(
        meeting.candidates.filter(outcome=Outcome.APPROVED)
        .select_related("nomination__person")
        .order_by("target", "position", "id")
    )
    if not approved:
        raise CouncilError("Hội đồng không đề nghị ai nên không có quyết định khen thưởng.")
    sign = signer_for(signer, meeting.organisation_id)
    context, amounts, bonuses = decision_context(meeting, day, approved)
    upper = _upper_recipient(meeting, day)
    recipients = [("Như Điều 3", "")]
    if upper:
        recipients.append((upper, "để b/c"))
    recipients.append(("Lưu: VT, TĐKT", ""))
    try:
        document = documents.create_draft(
            actor,
            meeting.organisation,
            "quyet_dinh_khen_thuong",
            day,
            context,
            summary=f"Về việc tặng {meeting.award_form} cho các tập thể, cá nhân có thành tích "
            f"xuất sắc trong {_movement_phrase(meeting)}",
            recipients=recipients,
            signer=sign,
        )
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    decision = AwardDecision.objects.create(
        organisation=meeting.organisation,
        meeting=meeting,
        document=document,
        date=day,
        regime=document.regime,
        signer=signer,
        total=sum(a for _, a in amounts),
        created_by=actor,
    )
    Award.objects.bulk_create(
        Award(
            decision=decision,
            candidate=candidate,
            target=candidate.target,
            name=candidate.name,
            detail=candidate.detail,
            form=meeting.award_form,
            amount=amount,
            position=position,
        )
        for position, (candidate, amount) in enumerate(amounts, start=1)
    )
    record(
        actor,
        "council.decision_drafted",
        decision,
        data={
            "date": day,
            "total": decision.total,
            "signer": sign.name,
            "bonus": {t: b.amount for t, b in bonuses.items()},
        },
    )
    return decision


@transaction.atomic
def approve_decision(
    actor, decision: AwardDecision, *, at: datetime.datetime | None = None
) -> AwardDecision:
    """The signer named in the draft approves it under their own account. ``at`` is for a
    decision approved on paper before the system was used (the demo's 2022 decision): its
    page then shows that day, not the day it was entered."""
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if actor.pk != decision.signer_id or not has_role(
        actor, decision.organisation_id, *SIGNER_ROLES
    ):
        raise PermissionError(
            "Chỉ người ký ghi trong dự thảo (Chủ tịch hoặc Phó Chủ tịch UBND) được duyệt ký."
        )
    if decision.status != DecisionStatus.DRAFT:
        raise CouncilError(
            f"Quyết định đang “{decision.get_status_display()}”, không duyệt lại được."
        )
    decision.status = DecisionStatus.APPROVED
    decision.approved_at = at or timezone.now()
    decision.save(update_fields=["status", "approved_at"])
    record(actor, "council.decision_approved", decision, data={"document": decision.document_id})
    return decision


@transaction.atomic
def discard_decision(actor, decision: AwardDecision, reason: str) -> AwardDecision:
    """The Office discards a decision not yet issued (a draft, or approved but not
    numbered): its draft document is cancelled in the register, never deleted, and the
    meeting may have a new draft — after a correction of the council's outcomes, say.
    An issued decision is never discarded; it can only be revoked."""
    decision = (
        AwardDecision.objects.select_for_update().select_related("document").get(pk=decision.pk)
    )
    if not is_office(actor, decision.organisation_id):
        raise PermissionError("Chỉ Văn phòng và lãnh đạo UBND hủy dự thảo quyết định.")
    if decision.status == DecisionStatus.ISSUED:
        raise CouncilError(
            f"Quyết định {decision} đã ban hành, không hủy được; muốn bỏ quyết định này, hãy "
            "thu hồi bằng một quyết định thu hồi."
        )
    if decision.status not in (DecisionStatus.DRAFT, DecisionStatus.APPROVED):
        raise CouncilError(
            f"Quyết định đang “{decision.get_status_display()}”, không hủy dự thảo được nữa."
        )
    reason = reason.strip()
    if len(reason) < 5:
        raise CouncilError("Hãy ghi rõ lý do hủy dự thảo quyết định (ít nhất 5 ký tự).")
    try:
        documents.cancel(actor, decision.document, f"Hủy dự thảo quyết định khen thưởng: {reason}")
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    previous = decision.status
    decision.status = DecisionStatus.DISCARDED
    decision.discarded_reason = reason[:500]
    decision.save(update_fields=["status", "discarded_reason"])
    record(
        actor,
        "council.decision_discarded",
        decision,
        data={"reason": decision.discarded_reason, "was": previous},
    )
    return decision


def _achievement(decision: AwardDecision) -> str:
    return f"Đã có thành tích xuất sắc trong {_movement_phrase(decision.meeting)}"


@transaction.atomic
@in_vietnamese
def issue_decision(
    actor,
    decision: AwardDecision,
    *,
    render: bool = True,
    number: int | None = None,
    at: datetime.datetime | None = None,
) -> AwardDecision:
    """Number the approved decision in the register, make a Giấy khen per awardee and queue
    their rendering as one background job; the nominations become awarded.

    ``number`` enters a decision issued on paper before the register was used under its
    own number (the demo's 2022 decision 98/QĐ-UBND); ``at``, when known, is when it was
    issued on paper."""
    decision = (
        AwardDecision.objects.select_for_update()
        .select_related("meeting__movement", "organisation", "document")
        .get(pk=decision.pk)
    )
    if not is_office(actor, decision.organisation_id):
        raise PermissionError("Chỉ Văn phòng ban hành (cấp số) quyết định.")
    if decision.status != DecisionStatus.APPROVED:
        raise CouncilError("Quyết định chưa được lãnh đạo duyệt ký; chưa ban hành được.")
    try:
        if number is None:
            document = documents.issue(actor, decision.document)
        else:
            document = documents.import_issued(actor, decision.document, number, at=at)
            document.docx_file.save(
                f"{document.symbol.replace('/', '-')}.docx",
                ContentFile(documents.render_docx(document)),
            )
        awards = list(
            decision.awards.select_related("candidate__nomination__person").order_by("position")
        )
        certificates = documents.create_certificates(
            actor, document, certificate_lines(decision, awards)
        )
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    award_issued(actor, decision, document, awards, certificates)
    if render:
        decision.certificate_job = documents.start_certificate_batch(actor, document)
        decision.save(update_fields=["certificate_job"])
    return decision


def certificate_lines(decision: AwardDecision, awards: list[Award]) -> list[dict]:
    """What each awardee's Giấy khen says (``documents.create_certificates``' dicts)."""
    achievement = _achievement(decision)
    return [
        {
            "name": _person_title(a.candidate) if a.target == Target.INDIVIDUAL else a.name,
            "detail": a.detail,
            "achievement": achievement,
            "form": a.form,
            "collective": a.target == Target.COLLECTIVE,
        }
        for a in awards
    ]


def award_issued(
    actor,
    decision: AwardDecision,
    document: Document,
    awards: list[Award],
    certificates: list[Certificate],
) -> None:
    """After the numbered decision and its certificates: each award gets its certificate,
    each nomination its award record, and the decision is issued (and logged)."""
    for award, certificate in zip(awards, certificates, strict=True):
        award.certificate = certificate
    Award.objects.bulk_update(awards, ["certificate"])
    issuer = f"Chủ tịch UBND {decision.organisation.name_on(document.date)}"
    for award in awards:
        try:
            record_award(
                actor,
                award.candidate.nomination,
                form=award.form,
                decision_number=document.symbol,
                decision_date=document.date,
                issuer=issuer,
            )
        except ValueError as exc:
            raise CouncilError(str(exc)) from exc
    decision.status = DecisionStatus.ISSUED
    decision.save(update_fields=["status"])
    record(
        actor,
        "council.decision_issued",
        decision,
        data={"symbol": document.symbol, "awards": len(awards)},
    )


@transaction.atomic
def attach_scan(actor, decision: AwardDecision, uploaded) -> AwardDecision:
    """Keep the scan of the signed paper (PDF or image)."""
    from django.core.exceptions import ValidationError

    from thidua.core.uploads import validate_upload

    if not is_office(actor, decision.organisation_id):
        raise PermissionError("Chỉ Văn phòng đính kèm bản chụp quyết định.")
    if decision.status not in (DecisionStatus.ISSUED, DecisionStatus.REVOKED):
        raise CouncilError("Chỉ đính kèm bản chụp sau khi quyết định đã ban hành.")
    try:
        kind = validate_upload(uploaded, {"pdf", "png", "jpeg"}, "bản chụp (PDF, PNG hoặc JPEG)")
    except ValidationError as exc:
        raise CouncilError(" ".join(exc.messages)) from exc
    uploaded.seek(0)
    extension = {"jpeg": "jpg"}.get(kind, kind)
    symbol = (decision.document.symbol or str(decision.pk)).replace("/", "-")
    # A full disk: StorageFull's message, no file kept, and the transaction rolls back.
    try:
        with saving_files() as files:
            files.save(
                decision.scan,
                f"{symbol}-ban-ky.{extension}",
                uploaded,
                label=getattr(uploaded, "name", "") or symbol,
            )
            decision.save(update_fields=["scan"])
            record(actor, "council.scan_attached", decision, data={"kind": kind})
    except StorageFull as exc:
        raise CouncilError(" ".join(exc.messages)) from exc
    return decision


def _check_revoking(decision: AwardDecision, reason: str, by: Document | None) -> Document:
    """The revoking decision, read afresh once it is fit; the reason is required."""
    if len(reason.strip()) < 5:
        raise CouncilError("Hãy ghi rõ lý do thu hồi (ít nhất 5 ký tự).")
    try:
        return documents.revoking_document(decision.document, by)
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc


def _revoke_award(actor, award: Award, reason: str, by: Document) -> None:
    if award.certificate_id:
        documents.revoke_certificate(actor, award.certificate, reason, by=by)
    revoke_award_record(actor, award.candidate.nomination, by.symbol, reason)
    award.revoked = True
    award.revoked_reason = reason.strip()[:500]
    award.revoked_by = by
    award.save(update_fields=["revoked", "revoked_reason", "revoked_by"])


def _logged(reason: str, by: Document) -> dict:
    return {"reason": reason.strip(), "by": by.symbol, "by_date": by.date, "by_id": by.pk}


@transaction.atomic
def revoke_award(actor, award: Award, reason: str, by: Document | None) -> Award:
    """Revoke one award by ``by``, an issued decision of the ward's register (its
    certificate's verification page and the decision's show it)."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("decision__document", "certificate", "candidate__nomination")
        .get(pk=award.pk)
    )
    if not is_office(actor, award.decision.organisation_id):
        raise PermissionError("Chỉ Văn phòng và lãnh đạo UBND thu hồi khen thưởng.")
    if award.decision.status != DecisionStatus.ISSUED:
        raise CouncilError("Chỉ thu hồi khen thưởng của quyết định đã ban hành.")
    if award.revoked:
        raise CouncilError("Khen thưởng này đã bị thu hồi.")
    by = _check_revoking(award.decision, reason, by)
    try:
        _revoke_award(actor, award, reason, by)
    except (DocumentError, ValueError) as exc:
        raise CouncilError(str(exc)) from exc
    record(
        actor,
        "council.award_revoked",
        award,
        organisation=award.decision.organisation,
        data=_logged(reason, by),
    )
    return award


@transaction.atomic
def revoke_decision(
    actor, decision: AwardDecision, reason: str, by: Document | None
) -> AwardDecision:
    """Revoke a whole decision by ``by``, an issued decision of the ward's register:
    every award not yet revoked, its certificate, and the decision in the register."""
    decision = (
        AwardDecision.objects.select_for_update().select_related("document").get(pk=decision.pk)
    )
    if not is_office(actor, decision.organisation_id):
        raise PermissionError("Chỉ Văn phòng và lãnh đạo UBND thu hồi quyết định.")
    if decision.status != DecisionStatus.ISSUED:
        raise CouncilError("Chỉ thu hồi quyết định đã ban hành.")
    by = _check_revoking(decision, reason, by)
    try:
        for award in decision.awards.filter(revoked=False).select_related(
            "certificate", "candidate__nomination"
        ):
            _revoke_award(actor, award, reason, by)
        documents.revoke(actor, decision.document, by, reason)
    except (DocumentError, ValueError) as exc:
        raise CouncilError(str(exc)) from exc
    decision.status = DecisionStatus.REVOKED
    decision.revoked_reason = reason.strip()[:500]
    decision.revoked_by = by
    decision.save(update_fields=["status", "revoked_reason", "revoked_by"])
    record(actor, "council.decision_revoked", decision, data=_logged(reason, by))
    return decision


def payment_workbook(decision: AwardDecision) -> bytes:
    """The payment list (danh sách chi tiền thưởng) with a signature column, for the
    accountant: one row per award, the total in figures and in words."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chi tiền thưởng"
    document = decision.document
    symbol = document.symbol or "(dự thảo)"
    sheet.append([decision.organisation.committee_name.upper()])
    sheet.append(["DANH SÁCH CHI TIỀN THƯỞNG"])
    sheet.append([f"Kèm theo Quyết định số {symbol} ngày {format_date(decision.date)}"])
    sheet.append([])
    header = [
        "STT",
        "Tên tập thể, họ và tên cá nhân",
        "Hình thức",
        "Số tiền (đồng)",
        "Ký nhận",
        "Ghi chú",
    ]
    sheet.append(header)
    thin = Side(style="thin")
    for cell in sheet[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    awards = list(decision.awards.select_related("revoked_by").order_by("position"))
    for index, award in enumerate(awards, start=1):
        note = ""
        if award.revoked:
            note = f"Đã thu hồi ({award.revoked_by.symbol})" if award.revoked_by else "Đã thu hồi"
        sheet.append([index, award.name, award.form, award.amount, "", note])
        sheet.cell(row=sheet.max_row, column=4).number_format = "#,##0"
    total = sum(a.amount for a in awards if not a.revoked)
    sheet.append(["", "Tổng cộng", "", total, "", ""])
    sheet.cell(row=sheet.max_row, column=4).number_format = "#,##0"
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([f"Bằng chữ: {amount_in_words(total)}"])
    for row in sheet.iter_rows(min_row=5, max_row=5 + len(awards) + 1, max_col=6):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, width in zip("ABCDEF", (6, 48, 14, 16, 18, 22), strict=True):
        sheet.column_dimensions[column].width = width
    for index in range(6, 6 + len(awards)):
        sheet.row_dimensions[index].height = 30
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
