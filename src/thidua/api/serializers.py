"""API representations. Business rules live in services; these only shape data."""

from __future__ import annotations

from rest_framework import serializers

from thidua.movements.models import Movement, Quota


class QuotaSerializer(serializers.ModelSerializer):
    min = serializers.IntegerField(source="minimum", allow_null=True)
    max = serializers.IntegerField(source="maximum", allow_null=True)

    class Meta:
        model = Quota
        fields = ["target", "min", "max", "percent_max"]


class MovementSerializer(serializers.ModelSerializer):
    plan_number = serializers.CharField(source="plan.number", allow_null=True, default=None)
    organisation = serializers.CharField(source="organisation.committee_name")
    quotas = QuotaSerializer(many=True)

    class Meta:
        model = Movement
        fields = ["id", "title", "plan_number", "year", "status", "organisation", "quotas"]
