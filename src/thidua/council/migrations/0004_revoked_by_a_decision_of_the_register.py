"""A revocation names the revoking decision as a document of the ward's register, not as
free text. Existing rows are linked by looking their number up in the register (an
issued Quyết định of the same ward); a number not found there is kept in the reason, so
that nothing written before is lost. The certificates and the decision's document take
the same link, and a revoked decision's document becomes “revoked” (it was “cancelled”)."""

import django.db.models.deletion
from django.db import migrations, models


def _lookup(Document, organisation_id, symbol):
    if not symbol:
        return None
    return (
        Document.objects.filter(
            organisation_id=organisation_id, symbol=symbol, doc_type="QĐ", status="issued"
        )
        .order_by("-date", "-id")
        .first()
    )


def _reason(reason, symbol, by):
    if by is not None or not symbol:
        return reason
    return f"{reason} (Quyết định thu hồi số {symbol})"[:500]


def link(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Certificate = apps.get_model("documents", "Certificate")
    AwardDecision = apps.get_model("council", "AwardDecision")
    Award = apps.get_model("council", "Award")
    for award in Award.objects.filter(revoked=True).select_related("decision"):
        symbol = award.revoked_by_symbol
        by = _lookup(Document, award.decision.organisation_id, symbol)
        award.revoked_by = by
        award.revoked_reason = _reason(award.revoked_reason, symbol, by)
        award.save(update_fields=["revoked_by", "revoked_reason"])
        if award.certificate_id:
            Certificate.objects.filter(pk=award.certificate_id).update(
                revoked_by=by, revoked_reason=award.revoked_reason
            )
    for decision in AwardDecision.objects.filter(status="revoked"):
        symbol = decision.revoked_by_symbol
        by = _lookup(Document, decision.organisation_id, symbol)
        decision.revoked_by = by
        decision.revoked_reason = _reason(decision.revoked_reason, symbol, by)
        decision.save(update_fields=["revoked_by", "revoked_reason"])
        Document.objects.filter(pk=decision.document_id, status="cancelled").update(
            status="revoked", revoked_by=by, cancel_reason=decision.revoked_reason
        )


def unlink(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    AwardDecision = apps.get_model("council", "AwardDecision")
    Award = apps.get_model("council", "Award")
    for model in (Award, AwardDecision):
        for row in model.objects.filter(revoked_by__isnull=False).select_related("revoked_by"):
            row.revoked_by_symbol = row.revoked_by.symbol
            row.save(update_fields=["revoked_by_symbol"])
    for decision in AwardDecision.objects.filter(status="revoked"):
        symbol = decision.revoked_by_symbol
        Document.objects.filter(pk=decision.document_id, status="revoked").update(
            status="cancelled",
            cancel_reason=f"Thu hồi theo Quyết định số {symbol}: {decision.revoked_reason}"[:500],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0003_decision_discard_disclosure_restart_act_day"),
        ("documents", "0005_revocation_by_a_decision"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="documents.document",
                verbose_name="quyết định thu hồi",
            ),
        ),
        migrations.AddField(
            model_name="awarddecision",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="documents.document",
                verbose_name="quyết định thu hồi",
            ),
        ),
        migrations.RunPython(link, unlink),
        migrations.RemoveField(model_name="award", name="revoked_by_symbol"),
        migrations.RemoveField(model_name="awarddecision", name="revoked_by_symbol"),
    ]
