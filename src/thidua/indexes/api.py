"""REST endpoints of the indexes (registered in ``thidua.api.urls``).

- ``GET /api/v1/sipas/desks/``: the desks the user may see, each with its survey link.
- ``GET /api/v1/sipas/index/?ward={id}&year={year}``: overall and per-factor % satisfied.
- ``GET /api/v1/par/assessments/{id}/``: self and appraised points per criterion, the index.
Another ward's ids answer 404, as everywhere.
"""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.orgs.models import Level, Organisation

from . import sipas
from .models import ParAssessment, ParScore, SipasDesk
from .queries import (
    SurveySuggestion,
    assessment_totals,
    sipas_index,
    survey_suggestions,
    year_range,
)


class DeskSerializer(serializers.ModelSerializer):
    survey_url = serializers.SerializerMethodField()
    ward = serializers.IntegerField(source="organisation_id")

    class Meta:
        model = SipasDesk
        fields = ["id", "name", "ward", "active", "survey_url"]

    def get_survey_url(self, desk: SipasDesk) -> str:
        path = reverse("indexes:survey", args=[sipas.make_token(desk)])
        return self.context["request"].build_absolute_uri(path)


class DeskViewSet(viewsets.ReadOnlyModelViewSet):
    """One-stop desks and the link their QR code carries."""

    serializer_class = DeskSerializer
    lookup_url_kwarg = "sipasdesk_id"

    def get_queryset(self):
        return SipasDesk.objects.visible_to(self.request.user).order_by(
            "organisation_id", "position", "name"
        )


class RateSerializer(serializers.Serializer):
    label = serializers.CharField()
    percent_satisfied = serializers.FloatField(source="percent", allow_null=True)
    respondents = serializers.IntegerField()
    answers = serializers.IntegerField()
    ci95_low = serializers.FloatField(source="low", allow_null=True)
    ci95_high = serializers.FloatField(source="high", allow_null=True)


class FactorSerializer(RateSerializer):
    code = serializers.CharField(source="key")


class SipasIndexSerializer(serializers.Serializer):
    ward = serializers.IntegerField()
    year = serializers.IntegerField()
    overall = RateSerializer()
    factors = FactorSerializer(many=True)
    rejected = serializers.DictField(child=serializers.IntegerField())


class SipasIndexViewSet(viewsets.ViewSet):
    """The SIPAS index of one ward for one year."""

    @extend_schema(
        parameters=[
            OpenApiParameter("ward", OpenApiTypes.INT, required=True),
            OpenApiParameter("year", OpenApiTypes.INT, required=True),
        ],
        responses=SipasIndexSerializer,
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        ward_id, year = request.query_params.get("ward", ""), request.query_params.get("year", "")
        if not ward_id.isdigit() or not year.isdigit() or not 2000 <= int(year) <= 2100:
            raise ValidationError(
                {"detail": "Cần tham số ward (mã số phường, xã) và year (năm, ví dụ 2023)."}
            )
        ward = (
            Organisation.objects.visible_to(request.user)
            .filter(pk=int(ward_id), level=Level.COMMUNE)
            .first()
        )
        if ward is None:
            raise Http404
        start, end = year_range(int(year))
        index = sipas_index(ward, start, end, breakdowns=False)
        data = {
            "ward": ward.pk,
            "year": int(year),
            "overall": index.overall,
            "factors": index.factors,
            "rejected": {reason: count for reason, _, count in index.rejections},
        }
        return Response(SipasIndexSerializer(data).data)


class SuggestionSerializer(serializers.Serializer):
    """Points suggested for a survey-based criterion from the ward's SIPAS index of the year:
    max points × % satisfied; none below the criterion's minimum sample."""

    source = serializers.CharField(default="sipas")
    year = serializers.IntegerField()
    percent_satisfied = serializers.FloatField(source="rate.percent", allow_null=True)
    ci_low = serializers.FloatField(source="rate.low", allow_null=True)
    ci_high = serializers.FloatField(source="rate.high", allow_null=True)
    respondents = serializers.IntegerField(source="rate.respondents")
    min_sample = serializers.IntegerField(source="criterion.min_sample")
    enough_sample = serializers.BooleanField(source="enough")
    points = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    low_points = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    high_points = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class ScoreSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="criterion.code")
    title = serializers.CharField(source="criterion.title")
    method = serializers.CharField(source="criterion.method")
    max_points = serializers.DecimalField(
        source="criterion.max_points", max_digits=7, decimal_places=2
    )
    unit = serializers.CharField(source="unit.name", allow_null=True, default=None)
    evidence_count = serializers.IntegerField()
    suggestion = serializers.SerializerMethodField()

    class Meta:
        model = ParScore
        fields = [
            "code",
            "title",
            "method",
            "max_points",
            "unit",
            "self_points",
            "explanation",
            "evidence_count",
            "appraised_points",
            "appraisal_comment",
            "suggestion",
        ]

    @extend_schema_field(SuggestionSerializer(allow_null=True))
    def get_suggestion(self, obj: ParScore) -> dict | None:
        suggestion: SurveySuggestion | None = self.context.get("suggestions", {}).get(
            obj.criterion_id
        )
        return SuggestionSerializer(suggestion).data if suggestion is not None else None


class AssessmentSerializer(serializers.ModelSerializer):
    ward = serializers.IntegerField(source="organisation_id")
    ward_name = serializers.CharField(source="organisation.full_name")
    year = serializers.IntegerField(source="framework.year")
    framework = serializers.CharField(source="framework.code")
    framework_version = serializers.CharField(source="framework.version")
    placeholder_weights = serializers.BooleanField(source="framework.placeholder")
    # A plain string: an enum here would collide with the movements' "status" enum in
    # the OpenAPI schema (draft | submitted | appraised).
    status = serializers.CharField(read_only=True)

    class Meta:
        model = ParAssessment
        fields = [
            "id",
            "ward",
            "ward_name",
            "year",
            "framework",
            "framework_version",
            "placeholder_weights",
            "status",
        ]


class AssessmentDetailSerializer(AssessmentSerializer):
    max_points = serializers.SerializerMethodField()
    self_points = serializers.SerializerMethodField()
    appraised_points = serializers.SerializerMethodField()
    self_index = serializers.SerializerMethodField()
    index = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()

    class Meta(AssessmentSerializer.Meta):
        fields = AssessmentSerializer.Meta.fields + [
            "max_points",
            "self_points",
            "appraised_points",
            "self_index",
            "index",
            "criteria",
        ]

    def _totals(self, assessment: ParAssessment):
        if not hasattr(assessment, "_totals"):
            assessment._totals = assessment_totals(assessment)
        return assessment._totals

    def get_max_points(self, obj) -> str:
        return str(self._totals(obj).max_points)

    def get_self_points(self, obj) -> str:
        return str(self._totals(obj).self_points)

    def get_appraised_points(self, obj) -> str:
        return str(self._totals(obj).appraised_points)

    def get_self_index(self, obj) -> str:
        return str(self._totals(obj).self_index)

    def get_index(self, obj) -> str:
        return str(self._totals(obj).index)

    @extend_schema(responses=ScoreSerializer(many=True))
    def get_criteria(self, obj) -> list:
        scores = (
            ParScore.objects.filter(assessment=obj)
            .select_related("criterion", "unit")
            .annotate(evidence_count=Count("evidence"))
            .order_by("criterion__position")
        )
        # One SIPAS index of the year for all survey-sourced criteria (none if none is).
        suggestions = survey_suggestions(obj, [score.criterion for score in scores])
        return ScoreSerializer(scores, many=True, context={"suggestions": suggestions}).data


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """PAR INDEX self-assessments the user may see."""

    lookup_url_kwarg = "parassessment_id"

    def get_serializer_class(self):
        return AssessmentDetailSerializer if self.action == "retrieve" else AssessmentSerializer

    def get_queryset(self):
        return (
            ParAssessment.objects.visible_to(self.request.user)
            .select_related("organisation", "framework")
            .order_by("-framework__year", "organisation__name")
        )
