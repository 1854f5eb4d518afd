"""Querysets with everything the nomination pages show, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from thidua.movements.models import DossierItem, Movement

from .models import Dossier, DossierFile, Nomination, NominationStatus


def nominations_of(movement: Movement):
    return (
        Nomination.objects.filter(movement=movement)
        .select_related("unit", "person__unit", "award_form", "proposing_unit", "dossier")
        .order_by("target", "status", "id")
    )


def dossiers_with_parts(user):
    """Dossiers with their movement's items, their nominations and files prefetched, so
    that completeness is computed without a query per row."""
    return (
        Dossier.objects.visible_to(user)
        .select_related("movement__organisation", "proposing_unit", "received_by")
        .prefetch_related(
            Prefetch(
                "movement__dossier_items", queryset=DossierItem.objects.order_by("position", "id")
            ),
            Prefetch(
                "nominations",
                queryset=Nomination.objects.select_related("unit", "person__unit", "award_form"),
            ),
            Prefetch("files", queryset=DossierFile.objects.select_related("document", "item")),
        )
    )


def consolidated(movement: Movement) -> dict[str, list[Nomination]]:
    """The accepted nominations per target group: the list that goes to the council."""
    rows = list(
        Nomination.objects.filter(movement=movement, status=NominationStatus.ACCEPTED)
        .select_related("unit", "person__unit", "award_form", "proposing_unit", "dossier")
        .order_by("award_form__position", "proposing_unit__sort_name", "id")
    )
    return {
        "collective": [n for n in rows if n.target == "collective"],
        "individual": [n for n in rows if n.target == "individual"],
    }
