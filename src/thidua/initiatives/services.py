"""Initiatives: submission with authors, review by the initiative council or the head,
recognition with its decision. Each operation validates, logs and runs in a transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thidua.audit.services import record
from thidua.movements.models import Movement
from thidua.notifications.services import notify
from thidua.orgs.models import Organisation, Person, Role, Unit
from thidua.orgs.services import has_role

from .models import Initiative, InitiativeAuthor, InitiativeStatus, Reviewer

SUBMITTER_ROLES = (Role.OFFICE, Role.UNIT_HEAD, Role.STAFF, Role.CHAIRMAN, Role.VICE_CHAIRMAN)
# The head of the People's Committee recognises on the initiative council's advice; the
# Office records the decision for them.
REVIEWER_ROLES = (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN)


def can_review(user, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *REVIEWER_ROLES)


@transaction.atomic
def submit(
    actor,
    organisation: Organisation,
    *,
    title: str,
    description: str,
    applied_where: str,
    benefit: str,
    unit: Unit,
    authors: list[tuple[Person, int]],
    year: int,
    movement: Movement | None = None,
    applied_since: datetime.date | None = None,
) -> Initiative:
    if not has_role(actor, organisation, *SUBMITTER_ROLES):
        raise PermissionError("Bạn không có vai trò trong đơn vị hành chính này.")
    problems = []
    for label, text in (
        ("tên sáng kiến", title),
        ("mô tả nội dung", description),
        ("nơi đã áp dụng", applied_where),
        ("hiệu quả, lợi ích", benefit),
    ):
        if not text.strip():
            problems.append(f"Hãy ghi {label}.")
    if not authors:
        problems.append("Hãy chọn ít nhất một tác giả.")
    if sum(share for _, share in authors) != 100 and authors:
        problems.append(
            "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% "
            f"(đang là {sum(share for _, share in authors)}%)."
        )
    if any(p.organisation_id != organisation.pk for p, _ in authors) or (
        unit.organisation_id != organisation.pk
    ):
        problems.append("Tác giả và đơn vị áp dụng phải thuộc cùng đơn vị hành chính.")
    if movement is not None and movement.organisation_id != organisation.pk:
        problems.append("Phong trào không thuộc đơn vị hành chính này.")
    if problems:
        raise ValidationError(problems)
    initiative = Initiative.objects.create(
        organisation=organisation,
        movement=movement,
        unit=unit,
        year=year,
        title=title.strip()[:300],
        description=description.strip(),
        applied_where=applied_where.strip(),
        applied_since=applied_since,
        benefit=benefit.strip(),
        submitted_by=actor,
        submitted_on=timezone.localdate(),
    )
    for person, share in authors:
        InitiativeAuthor.objects.create(initiative=initiative, person=person, share=share)
    record(
        actor,
        "initiative.submitted",
        initiative,
        data={"title": initiative.title, "authors": [p.full_name for p, _ in authors]},
    )
    return initiative


@transaction.atomic
def review(
    actor,
    initiative: Initiative,
    *,
    recognised: bool,
    reviewer: str,
    note: str,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> Initiative:
    """Recognise (with the decision's number and date) or not recognise (with reasons)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not can_review(actor, initiative.organisation_id):
        raise PermissionError("Chỉ Văn phòng hoặc lãnh đạo UBND ghi kết quả xét sáng kiến.")
    if initiative.status != InitiativeStatus.SUBMITTED:
        raise ValidationError("Sáng kiến này đã được xét.")
    if reviewer not in Reviewer.values:
        raise ValidationError("Hãy chọn cơ quan xét: Hội đồng sáng kiến hoặc thủ trưởng đơn vị.")
    if recognised and (not decision_number.strip() or decision_date is None):
        raise ValidationError(
            "Công nhận sáng kiến cần số và ngày quyết định công nhận (ví dụ 45/QĐ-UBND, 10/11/2023)."
        )
    if not recognised and not note.strip():
        raise ValidationError("Hãy ghi lý do không công nhận.")
    initiative.status = (
        InitiativeStatus.RECOGNISED if recognised else InitiativeStatus.NOT_RECOGNISED
    )
    initiative.reviewer = reviewer
    initiative.review_note = note.strip()
    initiative.decision_number = decision_number.strip() if recognised else ""
    initiative.decision_date = decision_date if recognised else None
    initiative.reviewed_by = actor
    initiative.save()
    record(
        actor,
        "initiative.recognised" if recognised else "initiative.not_recognised",
        initiative,
        data={"decision": initiative.decision_number, "note": initiative.review_note},
    )
    url = reverse("initiatives:detail", args=[initiative.pk])
    for credit in initiative.credits.select_related("person__user"):
        if credit.person.user_id:
            notify(
                credit.person.user,
                initiative.organisation,
                f"Sáng kiến “{initiative.title}” {initiative.get_status_display().lower()}",
                url=url,
            )
    return initiative
