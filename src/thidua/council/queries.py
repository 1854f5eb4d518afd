"""Annotated querysets of the council's lists (a page's query count does not grow with rows)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import AwardDecision, Meeting, Outcome


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
