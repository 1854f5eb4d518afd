"""The demo's plan 20/KH-UBND as imported from the seed document itself."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile

from thidua.plans.imports import document_lines
from thidua.plans.models import ImportStatus, PlanImport
from thidua.plans.parsing import parse_plan_bytes

SEED = Path(__file__).resolve().parent / "files" / "20-KH-UBND-Mo-Lao-2023.txt"


def load(organisation, plan, office_user) -> PlanImport:
    """Keep one confirmed import of the seed, so the review page and sources can be seen."""
    data = SEED.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    existing = PlanImport.objects.filter(organisation=organisation, sha256=digest).first()
    if existing is not None:
        return existing
    plan_import = PlanImport(
        organisation=organisation,
        uploaded_by=office_user,
        file_name=SEED.name,
        sha256=digest,
        result=parse_plan_bytes(data, SEED.name),
        lines=document_lines(data, SEED.name),
        status=ImportStatus.CONFIRMED,
        plan=plan,
    )
    plan_import.file.save(SEED.name, ContentFile(data), save=False)
    plan_import.save()
    return plan_import
