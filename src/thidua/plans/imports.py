"""Importing a plan document: parse it, keep the file, and record the Plan.

The movement a plan launches is created one level up (``movements.imports``), since
a plan is read before any movement exists.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext

from thidua.audit.services import record
from thidua.core.storage import saving_files
from thidua.plans.parsing import ParseError, parse_plan_bytes
from thidua.plans.parsing.limits import Deadline
from thidua.plans.parsing.reading import read_document

from .models import Plan, PlanImport

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")


def document_lines(data: bytes, filename: str) -> list[str]:
    """The extracted text's lines, numbered as the parser's ``sources`` count them."""
    extracted = read_document(data, filename, Deadline())
    text = unicodedata.normalize("NFC", extracted.text)
    return _NEWLINES.sub("\n", text).split("\n")


@transaction.atomic
def start_import(actor, organisation, uploaded) -> PlanImport:
    """Parse an uploaded plan and keep it for review; bad input raises ValidationError."""
    data = uploaded.read()
    try:
        result = parse_plan_bytes(data, uploaded.name)
        lines = document_lines(data, uploaded.name)
    except ParseError as exc:
        raise ValidationError(gettext("Không đọc được tệp: %(error)s") % {"error": exc}) from exc
    digest = hashlib.sha256(data).hexdigest()
    plan_import = PlanImport(
        organisation=organisation,
        uploaded_by=actor,
        file_name=uploaded.name[:255],
        sha256=digest,
        result=result,
        lines=lines,
    )
    # A full disk raises StorageFull (a ValidationError with its message) and keeps no
    # file; a failure after the save removes the file, and the transaction the row.
    with saving_files() as files:
        files.save(plan_import.file, uploaded.name, ContentFile(data))
        plan_import.save()
        record(
            actor,
            "plans.import_parsed",
            plan_import,
            data={
                "file": uploaded.name,
                "number": result.get("number"),
                "warnings": len(result.get("warnings", [])),
            },
        )
    return plan_import


def existing_plan(organisation, number: str, year: int) -> Plan | None:
    """The plan with the same number, issuer and year: importing it again updates it."""
    return Plan.objects.filter(organisation=organisation, number=number, date__year=year).first()


def resolve_references(organisation, references: list[dict]) -> tuple[list[Plan], list[dict]]:
    """Split the plan's references into plans of the register and external ones.

    A reference matches a plan of the organisation itself or of a level above it
    (a ward implements its district's plan), by number and date.
    """
    chain = []
    org = organisation
    while org is not None:
        chain.append(org.pk)
        org = org.parent
    linked: list[Plan] = []
    external: list[dict] = []
    for ref in references:
        number, date = ref.get("number"), ref.get("date")
        match = None
        if number:
            candidates = Plan.objects.filter(organisation_id__in=chain, number=number)
            if date:
                candidates = candidates.filter(date=date)
            match = candidates.order_by("-date").first()
        if match is not None:
            linked.append(match)
        else:
            external.append({k: ref.get(k) for k in ("number", "date", "issuer")})
    return linked, external


def save_plan(actor, plan_import: PlanImport, fields: dict) -> tuple[Plan, bool]:
    """Create or update the Plan from the reviewed fields (call inside a transaction)."""
    date: datetime.date = fields["date"]
    plan = existing_plan(plan_import.organisation, fields["number"], date.year)
    created = plan is None
    if plan is None:
        plan = Plan(organisation=plan_import.organisation)
    plan.number = fields["number"]
    plan.doc_type = fields.get("doc_type") or "KH"
    plan.issuer_name = fields["issuer"]
    plan.date = date
    plan.title = fields["title"]
    plan.year = fields.get("year")
    plan.signer_name = fields.get("signer_name", "")
    linked, external = resolve_references(
        plan_import.organisation, plan_import.result.get("references", [])
    )
    plan.external_references = external
    plan.save()
    plan.implements.set(linked)
    plan_import.plan = plan
    plan_import.status = "confirmed"
    plan_import.save(update_fields=["plan", "status"])
    record(
        actor,
        "plans.imported" if created else "plans.import_updated",
        plan,
        data={"import": plan_import.pk, "linked": [p.number for p in linked], "external": external},
    )
    return plan, created
