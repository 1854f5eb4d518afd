"""The initiatives' score component: recognised initiatives of the movement's year."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from thidua.scoring.registry import Component, Link, Measure, ScoringContext, register

from .models import InitiativeAuthor, InitiativeStatus


def recognised_initiatives(context: ScoringContext) -> dict[int, Measure]:
    """Per subject: the initiatives recognised in the movement's year — of the person
    (as an author) or of the unit (applied there). One query whatever the subjects."""
    movement = context.movement
    found: dict[int, list[tuple[int, str, str]]] = {pk: [] for pk in context.subject_ids}
    credits = InitiativeAuthor.objects.filter(
        initiative__organisation_id=movement.organisation_id,
        initiative__year=movement.year,
        initiative__status=InitiativeStatus.RECOGNISED,
    ).values_list(
        "initiative_id",
        "initiative__title",
        "initiative__decision_number",
        "person_id",
        "initiative__unit_id",
    )
    seen: set[tuple[int, int]] = set()
    for initiative_id, title, decision, person_id, unit_id in credits:
        owner = unit_id if context.target == "collective" else person_id
        if owner in found and (owner, initiative_id) not in seen:
            seen.add((owner, initiative_id))
            found[owner].append((initiative_id, title, decision))
    result = {}
    for subject, rows in found.items():
        result[subject] = Measure(
            Decimal(len(rows)),
            f"{len(rows)} sáng kiến được công nhận năm {movement.year}",
            [
                Link(f"Sáng kiến “{title}” ({decision})", reverse("initiatives:detail", args=[pk]))
                for pk, title, decision in rows
            ],
        )
    return result


def register_components() -> None:
    register(
        Component(
            "initiatives.recognised",
            "Sáng kiến được công nhận",
            "count",
            ("collective", "individual"),
            recognised_initiatives,
            "Điểm cộng cho mỗi sáng kiến CCHC được công nhận trong năm của phong trào.",
            Decimal("5"),
            Decimal("10"),
            position=70,
        )
    )
