"""API of award decisions and movement reports.

``GET /api/v1/decisions/`` and ``GET /api/v1/decisions/{id}/`` — ``{id, number, date,
status, total, revoked_by, awardees: [{name, target, so_vang, amount, verification_code,
revoked, revoked_by}]}``; ``number`` is null for a draft; ``revoked_by`` is the number of
the revoking decision, null when not revoked. ``GET /api/v1/movement-reports/`` — the report upward with its figures:
``participants {collectives, individuals}``, ``tasks {total, early, on_time, late, overdue,
done_in_time, percent_in_time}``, ``par``/``sipas`` ``{index, target, goal, rank,
group_size, met}`` (null without data), ``awards {collectives, individuals, bonus_total,
decisions, awardees: [{name, detail, target, form, amount, decision, decision_date}]}``, and
the links of the report's .docx and PDF. The upper level sees a report once it was sent;
the ward's own users also see their draft.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from rest_framework import serializers, viewsets

from .models import Award, AwardDecision, MovementReport
from .queries import reports_for


class AwardeeSerializer(serializers.ModelSerializer):
    so_vang = serializers.SerializerMethodField()
    verification_code = serializers.SerializerMethodField()
    revoked_by = serializers.CharField(source="revoked_by.symbol", allow_null=True, default=None)

    class Meta:
        model = Award
        fields = [
            "name",
            "target",
            "so_vang",
            "amount",
            "verification_code",
            "revoked",
            "revoked_by",
        ]

    def get_so_vang(self, award: Award) -> int | None:
        return award.certificate.golden_book_number if award.certificate_id else None

    def get_verification_code(self, award: Award) -> str | None:
        return award.certificate.verification_code if award.certificate_id else None


class DecisionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="document.symbol", allow_null=True)
    # A plain string: a choice field would add one more "status" enum to the OpenAPI schema
    # and collide with the others (drf-spectacular W001).
    status = serializers.CharField(help_text="draft, approved, issued, revoked, discarded")
    revoked_by = serializers.CharField(source="revoked_by.symbol", allow_null=True, default=None)
    awardees = AwardeeSerializer(source="awards", many=True)

    class Meta:
        model = AwardDecision
        fields = ["id", "number", "date", "status", "total", "revoked_by", "awardees"]

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
            .select_related("document", "revoked_by")
            .prefetch_related(
                Prefetch(
                    "awards",
                    queryset=Award.objects.select_related("certificate", "revoked_by").order_by(
                        "position"
                    ),
                )
            )
            .order_by("-date", "-id")
        )


class MovementReportSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.committee_name")
    recipient = serializers.CharField(source="recipient.committee_name")
    number = serializers.CharField(source="document.symbol", allow_null=True, default=None)
    year = serializers.IntegerField(source="movement.year")
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = MovementReport
        fields = [
            "id",
            "movement",
            "year",
            "organisation",
            "recipient",
            "number",
            "sent_at",
            "figures",
            "docx_url",
            "pdf_url",
        ]

    def _url(self, name: str, report: MovementReport) -> str | None:
        if report.document_id is None:
            return None
        path = reverse(name, kwargs={"document_id": report.document_id})
        return self.context["request"].build_absolute_uri(path)

    def get_docx_url(self, report: MovementReport) -> str | None:
        return self._url("documents:docx", report)

    def get_pdf_url(self, report: MovementReport) -> str | None:
        return self._url("documents:pdf", report)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["number"] = data["number"] or None  # a draft has no number yet
        return data


class MovementReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Reports of movements' results sent (or drafted) by the wards the user may see."""

    serializer_class = MovementReportSerializer
    lookup_url_kwarg = "movementreport_id"

    def get_queryset(self):
        return (
            reports_for(self.request.user)
            .select_related("organisation", "recipient", "document", "movement")
            .order_by("-movement__year", "id")
        )
