"""Operations on movements."""

from __future__ import annotations

from django.db import models, transaction

from .models import AwardForm, Criterion, DossierItem, Movement, Quota, TargetGroup


def _sync(model: type[models.Model], movement: Movement, rows: list[dict]) -> list[models.Model]:
    """Make the movement's rows of ``model`` equal ``rows``, updating in place by position.

    Rows keep their ids, so nominations and dossier files that point to an award form
    or a dossier item stay attached when the plan is re-imported or the demo reloaded;
    a surplus row that something still points to is protected by its foreign key.
    """
    kept = []
    for position, values in enumerate(rows):
        row, _ = model.objects.update_or_create(
            movement=movement, position=position, defaults=values
        )
        kept.append(row)
    model.objects.filter(movement=movement, position__gte=len(rows)).delete()
    return kept


@transaction.atomic
def set_parts(movement: Movement, spec: dict) -> None:
    """Set what the plan fixes: target groups, criteria, award forms, quotas, dossier items.

    ``spec`` holds lists of tuples: ``target_groups`` and ``criteria`` as (target, text),
    ``award_forms`` as (form, awarded_by), ``quotas`` as (target, min, max, percent,
    source text) — they apply to the first award form — and ``dossier_items`` as
    (name, one per candidate).
    """
    _sync(
        TargetGroup,
        movement,
        [{"target": t, "description": text} for t, text in spec.get("target_groups", [])],
    )
    _sync(
        Criterion, movement, [{"target": t, "text": text} for t, text in spec.get("criteria", [])]
    )
    forms = _sync(
        AwardForm,
        movement,
        [{"form": form, "awarded_by": by} for form, by in spec.get("award_forms", [])],
    )
    _sync(
        Quota,
        movement,
        [
            {
                "award_form": forms[0] if forms else None,
                "target": target,
                "minimum": low,
                "maximum": high,
                "percent_max": percent,
                "source_text": source,
            }
            for target, low, high, percent, source in spec.get("quotas", [])
        ],
    )
    _sync(
        DossierItem,
        movement,
        [{"name": n, "per_candidate": per} for n, per in spec.get("dossier_items", [])],
    )
