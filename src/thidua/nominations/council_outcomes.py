"""The council's and the Chairman's outcomes on nominations, as state changes.

Called by ``thidua.council`` (a higher app) when a meeting closes and when an award
decision is issued; kept in a module of its own so that it stands apart from the
nominations workflow (issue 6) while that is being built.
"""

from __future__ import annotations

from django.db import transaction

from .models import Nomination, NominationEvent, NominationStatus

_ALLOWED = {
    NominationStatus.APPROVED: {NominationStatus.ACCEPTED, NominationStatus.APPROVED},
    NominationStatus.REJECTED: {NominationStatus.ACCEPTED, NominationStatus.REJECTED},
    NominationStatus.AWARDED: {NominationStatus.APPROVED, NominationStatus.AWARDED},
}


@transaction.atomic
def set_outcome(actor, nomination: Nomination, status: str, reason: str = "") -> Nomination:
    """Move a nomination to APPROVED, REJECTED (council) or AWARDED (decision issued),
    keeping the change in its history. Setting the state it already has changes nothing."""
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
