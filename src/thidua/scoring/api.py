"""API of the rankings: ``GET /api/v1/movements/{id}/ranking/?target=collective|individual``
— rows ordered as the ranking page orders them, each ``{id, name, score, breakdown}``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.movements.models import Movement, Target

from .services import compute_ranking


class BreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=4, coerce_to_string=False)
    weight = serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False)
    points = serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False)
    detail = serializers.CharField()
    evidence = serializers.SerializerMethodField()

    def get_evidence(self, item) -> list[dict]:
        return [{"label": link.label, "url": link.url} for link in item.links]


class RankingRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False)
    priority = serializers.BooleanField()
    hold = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    breakdown = BreakdownSerializer(many=True)


class RankingView(APIView):
    """The ranking of one target group of a movement, with each score's breakdown."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "target", OpenApiTypes.STR, enum=["collective", "individual"], required=False
            )
        ],
        responses=RankingRowSerializer(many=True),
    )
    def get(self, request: Request, movement_id: int) -> Response:
        movement = get_object_or_404(Movement.objects.visible_to(request.user), pk=movement_id)
        target = request.query_params.get("target", Target.COLLECTIVE)
        if target not in Target.values:
            raise serializers.ValidationError(
                {"target": "Chỉ nhận “collective” (tập thể) hoặc “individual” (cá nhân)."}
            )
        ranking = compute_ranking(movement, target)
        return Response(
            {
                "movement": movement.pk,
                "target": target,
                "max_points": ranking.rubric.max_points,
                "results": RankingRowSerializer(ranking.rows, many=True).data,
            }
        )
