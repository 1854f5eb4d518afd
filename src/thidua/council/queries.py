"""Annotated querysets of the council's lists (a page's query count does not grow with rows)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from thidua.core.querysets import ids_in
from thidua.orgs.scope import own_organisation_ids

from .models import AwardDecision, Meeting, MovementReport, Outcome


def meetings_for(user) -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to(user)
        .select_related("movement", "organisation")
        .annotate(
            candidate_count=Count("candidates", distinct=True),
            approved_count=Count(
                "candidates", filter=Q(candidates__outcome=Outcome.APPROVED), distinct=True
            ),
        )
        .order_by("-starts_at", "-id")
    )


def decisions_for(user) -> QuerySet[AwardDecision]:
    return (
        AwardDecision.objects.visible_to(user)
        .select_related("document", "meeting__movement", "organisation", "signer")
        .annotate(award_count=Count("awards"))
        .order_by("-date", "-id")
    )


def reports_for(user) -> QuerySet[MovementReport]:
    """The reports ``user`` may see: sent ones of the wards in scope, drafts only of their
    own ward — the upper level never sees a draft the Office is still preparing."""
    reports = MovementReport.objects.visible_to(user)
    own = own_organisation_ids(user)
    if own is None:
        return reports
    return reports.filter(Q(sent_at__isnull=False) | Q(organisation_id__in=ids_in(own)))
