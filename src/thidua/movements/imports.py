"""Turning an imported plan into a draft movement (the review page's "confirm").

Everything the review page shows is editable; what the Office confirms is what is
saved. Importing the same plan again (same number, issuer and year) updates the plan
and its movement instead of creating new ones.
"""

from __future__ import annotations

import re

from django.db import transaction

from thidua.plans.imports import save_plan
from thidua.plans.models import PlanImport

from .models import Movement, MovementStatus
from .services import set_parts

# Documents a dossier commonly lists, used to split a sentence naming two of them
# ("Báo cáo thành tích … và bản trích ngang …") into two items.
_DOCUMENT_NOUNS = (
    "tờ trình",
    "biên bản",
    "báo cáo",
    "bản trích ngang",
    "danh sách",
    "bản sao",
    "giấy",
    "phiếu",
    "quyết định",
)
_TEMPLATE_NOTE = re.compile(r"\s+(theo (?:mẫu|quy định)\b.*)$", re.IGNORECASE | re.DOTALL)


def _clean_item(text: str) -> str:
    text = " ".join(text.split()).strip(" ;.")
    return text[:1].upper() + text[1:]


def dossier_items(lines: list[str]) -> list[tuple[str, bool, str]]:
    """(name, one per candidate, note) for each document the plan's dossier names."""
    items: list[tuple[str, bool, str]] = []
    for line in lines:
        note = ""
        match = _TEMPLATE_NOTE.search(line)
        if match:
            note = _clean_item(match.group(1))
            line = line[: match.start()]
        parts = [line]
        lowered = line.lower()
        for noun in _DOCUMENT_NOUNS:
            marker = f" và {noun}"
            index = lowered.find(marker)
            if index > 0:
                parts = [line[:index], line[index + len(" và ") :]]
                break
        for part in parts:
            name = _clean_item(part)
            if name:
                per_candidate = name.lower().startswith("báo cáo thành tích")
                items.append((name, per_candidate, note))
    return items


def _award_forms(text: str) -> list[tuple[str, str]]:
    forms = []
    for line in text.splitlines():
        if not line.strip():
            continue
        form, _, by = line.partition("|")
        forms.append((form.strip(), by.strip()))
    return forms


@transaction.atomic
def confirm_import(actor, plan_import: PlanImport, data: dict) -> Movement:
    """Create or update the plan and its draft movement from the reviewed ``data``."""
    plan, _created = save_plan(actor, plan_import, data)
    movement = Movement.objects.filter(plan=plan).first()
    if movement is None:
        movement = Movement(organisation=plan.organisation, plan=plan, status=MovementStatus.DRAFT)
    movement.title = data["movement_title"]
    movement.year = data["year"] or plan.date.year
    movement.dossier_destination = data.get("dossier_destination", "")
    movement.save()
    targets = ("collective", "individual")
    quotas = []
    for target in targets:
        low, high, pct = (data.get(f"quota_{target}_{k}") for k in ("min", "max", "percent"))
        if low is not None or high is not None or pct is not None:
            source = plan_import.source_text(f"quotas.{target}")
            quotas.append((target, low, high, pct, source))
    dossier_lines = [line for line in data.get("dossier", "").splitlines() if line.strip()]
    set_parts(
        movement,
        {
            "target_groups": [(t, data[f"target_{t}"]) for t in targets if data.get(f"target_{t}")],
            "criteria": [(t, data[f"criterion_{t}"]) for t in targets if data.get(f"criterion_{t}")],
            "award_forms": _award_forms(data.get("award_forms", "")),
            "quotas": quotas,
            "dossier_items": [(name, per) for name, per, _note in dossier_items(dossier_lines)],
        },
    )
    return movement
