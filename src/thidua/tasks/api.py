"""API of the CCHC tasks: ``GET /api/v1/tasks/?movement={id}``, each task with its
progress reports, timeliness and quality. Read-only; writing goes through the pages."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from thidua.movements.models import Movement

from .models import ProgressReport, Task
from .queries import movement_tasks, with_timeliness


class ReportSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name")
    quality = serializers.CharField(source="quality.name", allow_null=True, default=None)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "submitted_at",
            "unit",
            "state",
            "percent_done",
            "completed_on",
            "text",
            "review_status",
            "reviewed_at",
            "return_reason",
            "quality",
            "evidence",
        ]

    def get_evidence(self, report: ProgressReport) -> list[dict]:
        return [
            {"id": e.pk, "name": e.original_name, "kind": e.kind, "size": e.size}
            for e in report.evidence_list
        ]


class TimelinessSerializer(serializers.Serializer):
    status = serializers.CharField()
    working_days = serializers.IntegerField()
    label = serializers.CharField(source="label_vi")


class TaskSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="plan.number")
    par_field = serializers.CharField(source="par_field.name", allow_null=True, default=None)
    lead_unit = serializers.CharField(source="lead_unit.name")
    cooperating_units = serializers.SerializerMethodField()
    performers = serializers.SerializerMethodField()
    quality = serializers.CharField(source="quality.name", allow_null=True, default=None)
    timeliness = TimelinessSerializer()
    reports = ReportSerializer(many=True, source="report_list")

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "number",
            "content",
            "par_field",
            "lead_unit",
            "cooperating_units",
            "performers",
            "deadline",
            "due_on",
            "expected_output",
            "recurrence",
            "state",
            "percent_done",
            "completed_on",
            "quality",
            "timeliness",
            "reports",
        ]

    def get_cooperating_units(self, task: Task) -> list[str]:
        return [unit.name for unit in task.cooperating_list]

    def get_performers(self, task: Task) -> list[dict]:
        return [
            {"id": p.pk, "name": p.full_name, "performs_cchc": p.performs_cchc}
            for p in task.performer_list
        ]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "movement",
                OpenApiTypes.INT,
                description="Chỉ các nhiệm vụ CCHC mà phong trào này khen thưởng.",
            )
        ]
    )
)
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The CCHC tasks the user may see, with their reports, timeliness and quality."""

    serializer_class = TaskSerializer
    lookup_url_kwarg = "task_id"

    def get_queryset(self):
        tasks = Task.objects.visible_to(self.request.user)
        movement_id = self.request.query_params.get("movement")
        if movement_id is not None:
            if not movement_id.isdigit():
                raise serializers.ValidationError({"movement": "Mã phong trào phải là số."})
            movement = get_object_or_404(
                Movement.objects.visible_to(self.request.user), pk=int(movement_id)
            )
            tasks = tasks.filter(pk__in=movement_tasks(movement).values("pk"))
        # Prefetched into plain lists (to_attr): a related manager per row would clone the
        # prefetch's queryset for every task and report, which cost more than the queries.
        return (
            tasks.select_related("plan", "par_field", "lead_unit", "quality")
            .prefetch_related(
                Prefetch("cooperating_units", to_attr="cooperating_list"),
                Prefetch("performers", to_attr="performer_list"),
                Prefetch(
                    "reports",
                    queryset=ProgressReport.objects.select_related("unit", "quality")
                    .prefetch_related(Prefetch("evidence", to_attr="evidence_list"))
                    .order_by("submitted_at", "id"),
                    to_attr="report_list",
                ),
            )
            .order_by("organisation_id", "plan_id", "sort_key", "id")
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return with_timeliness(page, timezone.localdate()) if page is not None else None

    def get_object(self):
        task = super().get_object()
        return with_timeliness([task], timezone.localdate())[0]
