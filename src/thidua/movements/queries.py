"""Querysets of movements with everything their pages show, in a fixed number of queries."""

from __future__ import annotations

from .models import Movement


def movements_with_parts(user):
    return (
        Movement.objects.visible_to(user)
        .select_related("organisation", "plan")
        .prefetch_related(
            "target_groups", "award_forms", "criteria", "quotas", "dossier_items", "milestones"
        )
    )


def movement_cards(user):
    """Movements with what a card in a list shows (organisation, plan, quotas) and
    nothing more: the parts a card does not show would be five more queries."""
    return (
        Movement.objects.visible_to(user)
        .select_related("organisation", "plan")
        .prefetch_related("quotas")
    )
