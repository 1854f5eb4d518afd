"""API of award decisions and movement reports.

``GET /api/v1/decisions/`` and ``GET /api/v1/decisions/{id}/`` — ``{id, number, date,
awardees: [{name, target, so_vang, amount, verification_code}]}``; ``number`` is null
for a draft. ``GET /api/v1/movement-reports/`` — the report upward with its figures.
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from .models import Award, AwardDecision, MovementReport


class AwardeeSerializer(serializers.ModelSerializer):
    so_vang = serializers.SerializerMethodField()
    verification_code = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = ["name", "target", "so_vang", "amount", "verification_code", "revoked"]

    def get_so_vang(self, award: Award) -> int | None:
        return award.certificate.golden_book_number if award.certificate_id else None

    def get_verification_code(self, award: Award) -> str | None:
        return award.certificate.verification_code if award.certificate_id else None


class DecisionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="document.symbol", allow_null=True)
    # A plain string: a choice field would add one more "status" enum to the OpenAPI schema
    # and collide with the others (drf-spectacular W001).
    status = serializers.CharField(help_text="draft, approved, issued, revoked, discarded")
    awardees = AwardeeSerializer(source="awards", many=True)

    class Meta:
        model = AwardDecision
        fields = ["id", "number", "date", "status", "total", "awardees"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["number"] = data["number"] or None
        return data


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """The award decisions the user may see, with their awardees."""

    serializer_class = DecisionSerializer
    lookup_url_kwarg = "awarddecision_id"

    def get_queryset(self):
        return (
            AwardDecision.objects.visible_to(self.request.user)
            .select_related("document")
            .prefetch_related(
                Prefetch(
                    "awards",
                    queryset=Award.objects.select_related("certificate").order_by("position"),
                )
            )
            .order_by("-date", "-id")
        )


class MovementReportSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.committee_name")
    recipient = serializers.CharField(source="recipient.committee_name")
    number = serializers.CharField(source="document.symbol", allow_null=True, default=None)

    class Meta:
        model = MovementReport
        fields = ["id", "movement", "organisation", "recipient", "number", "sent_at", "figures"]


class MovementReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Reports of movements' results sent (or drafted) by the wards the user may see."""

    serializer_class = MovementReportSerializer
    lookup_url_kwarg = "movementreport_id"

    def get_queryset(self):
        return (
            MovementReport.objects.visible_to(self.request.user)
            .select_related("organisation", "recipient", "document")
            .order_by("-movement__year", "id")
        )
