"""Holds from the Office's conduct records, for the scoring ranking (DOMAIN §4)."""

from __future__ import annotations

from django.db.models import Q

from thidua.scoring.registry import ScoringContext
from thidua.vn import format_date

from .models import ConductKind, ConductRecord


def conduct_holds(context: ScoringContext) -> dict[int, str]:
    """Subject id → why it is held on the movement's expected decision date (one query)."""
    from .services import expected_decision_date

    day = expected_decision_date(context.movement)
    field = "unit_id" if context.target == "collective" else "person_id"
    records = ConductRecord.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day),
        Q(kind=ConductKind.DISCIPLINE, discipline_level="")
        | Q(kind=ConductKind.INSPECTION, signs_of_violation=True)
        | Q(kind=ConductKind.COMPLAINT),
        organisation_id=context.movement.organisation_id,
        opened_on__lte=day,
        **{f"{field}__in": context.subject_ids},
    )
    holds: dict[int, str] = {}
    for r in records:
        holds.setdefault(
            getattr(r, field),
            f"{r.get_kind_display()}: {r.title} (từ {format_date(r.opened_on)})",
        )
    return holds
