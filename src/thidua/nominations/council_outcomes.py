"""The council's and the Chairman's outcomes on nominations, as state changes, and the
award records an issued decision leaves for the years after.

Called by ``thidua.council`` (a higher app) when a meeting closes and when an award
decision is issued or revoked. It stays apart from ``services.py``, which holds the
proposal-and-dossier workflow and is already long (over 800 lines).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from thidua.audit.services import record
from thidua.movements.models import Target
from thidua.vn import format_date

from .eligibility import CSTDCS, LDTT, TLDTT, form_key
from .models import AwardRecord, Nomination, NominationEvent, NominationStatus

# Annual titles recognise the year's work; any other form given in a movement rewards a
# themed achievement and does not count toward higher awards (DOMAIN §4).
ANNUAL_TITLES = {LDTT, TLDTT, CSTDCS}

# The state a nomination may come from, per state set here. APPROVED and REJECTED swap
# only by the chair's correction after the meeting. Once an award is revoked the
# nomination is REVOKED; from there the chair may correct it to REJECTED, or a new
# decision (after the whole earlier one was revoked) may award it again.
_ALLOWED = {
    NominationStatus.APPROVED: {
        NominationStatus.ACCEPTED,
        NominationStatus.APPROVED,
        NominationStatus.REJECTED,
    },
    NominationStatus.REJECTED: {
        NominationStatus.ACCEPTED,
        NominationStatus.REJECTED,
        NominationStatus.APPROVED,
        NominationStatus.REVOKED,
    },
    NominationStatus.AWARDED: {
        NominationStatus.APPROVED,
        NominationStatus.AWARDED,
        NominationStatus.REVOKED,
    },
    NominationStatus.REVOKED: {NominationStatus.AWARDED, NominationStatus.REVOKED},
}


@transaction.atomic
def set_outcome(actor, nomination: Nomination, status: str, reason: str = "") -> Nomination:
    """Move a nomination to APPROVED, REJECTED (council), AWARDED (decision issued) or
    REVOKED (its award revoked), keeping the change in its history. Setting the state it
    already has changes nothing."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if status not in _ALLOWED:
        raise ValueError(f"Trạng thái “{status}” không do Hội đồng hay quyết định đặt.")
    if locked.status == status:
        return locked
    if locked.status not in _ALLOWED[status]:
        raise ValueError(
            f"Đề nghị “{locked.candidate_name}” đang ở trạng thái "
            f"“{locked.get_status_display()}”, không chuyển sang "
            f"“{NominationStatus(status).label}” được."
        )
    NominationEvent.objects.create(
        nomination=locked,
        actor=actor,
        from_status=locked.status,
        to_status=status,
        reason=reason[:2000],
    )
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def record_award(
    actor,
    nomination: Nomination,
    *,
    form: str,
    decision_number: str,
    decision_date: datetime.date,
    issuer: str,
) -> AwardRecord:
    """The nomination is awarded by an issued decision: it becomes AWARDED and the
    candidate's award history gets the record eligibility reads in later years.

    One achievement, one award: a proposal already awarded, or a candidate already
    awarded in the same movement, is refused (ValueError) and nothing changes."""
    subject = (
        {"person_id": nomination.person_id, "unit": None}
        if nomination.target == Target.INDIVIDUAL
        else {"person": None, "unit_id": nomination.unit_id}
    )
    earlier = (
        AwardRecord.objects.in_force().filter(movement_id=nomination.movement_id, **subject).first()
    )
    if earlier is not None:
        raise ValueError(
            f"{nomination.candidate_name} đã được khen “{earlier.form}” theo Quyết định số "
            f"{earlier.decision_number} cho thành tích trong phong trào này; một thành tích chỉ "
            "khen một hình thức."
        )
    locked = set_outcome(
        actor,
        nomination,
        NominationStatus.AWARDED,
        f"Quyết định số {decision_number} ngày {format_date(decision_date)}",
    )
    movement = locked.movement
    award = AwardRecord.objects.create(
        organisation_id=movement.organisation_id,
        nomination=locked,
        movement=movement,
        year=movement.year,
        form=form,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer=issuer,
        themed=form_key(form) not in ANNUAL_TITLES,
        created_by=actor,
        **subject,
    )
    record(
        actor,
        "nominations.award_recorded",
        award,
        data={"nomination": locked.pk, "form": form, "decision": decision_number},
    )
    return award


@transaction.atomic
def revoke_award_record(actor, nomination: Nomination, revoking_symbol: str, reason: str) -> None:
    """The award of ``nomination`` is revoked: its record stays in the history, flagged,
    and no longer counts for eligibility; the nomination shows “Đã thu hồi khen thưởng”
    with the revoking decision in its history."""
    records = list(AwardRecord.objects.select_for_update().in_force().filter(nomination=nomination))
    for award in records:
        award.revoked = True
        award.revoked_by_symbol = revoking_symbol
        award.revoked_reason = reason.strip()[:500]
        award.save(update_fields=["revoked", "revoked_by_symbol", "revoked_reason"])
        record(
            actor,
            "nominations.award_record_revoked",
            award,
            data={"by": revoking_symbol, "reason": award.revoked_reason},
        )
    set_outcome(
        actor,
        nomination,
        NominationStatus.REVOKED,
        f"Thu hồi theo Quyết định số {revoking_symbol}: {reason.strip()}",
    )
