"""REST endpoints. Each list is filtered by ``visible_to``: another ward's id answers 404."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.movements.queries import movements_with_parts
from thidua.plans.parsing import ParseError, parse_plan_bytes

from .serializers import MovementSerializer


class MovementViewSet(viewsets.ReadOnlyModelViewSet):
    """The movements the user may see."""

    serializer_class = MovementSerializer
    lookup_url_kwarg = "movement_id"

    def get_queryset(self):
        return movements_with_parts(self.request.user).order_by("-year", "id")


class PlanParseView(APIView):
    """Parse an uploaded plan (multipart field ``file``) and answer the parser's JSON.

    Nothing is stored: programs use this to read a plan; the web flow keeps the file.
    """

    parser_classes = [MultiPartParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        uploaded = request.FILES.get("file")
        if uploaded is None:
            return Response({"detail": "Thiếu tệp: gửi tệp trong trường “file”."}, status=400)
        if uploaded.size > settings.THIDUA_MAX_UPLOAD_BYTES:
            return Response({"detail": "Tệp quá lớn."}, status=400)
        try:
            return Response(parse_plan_bytes(uploaded.read(), uploaded.name))
        except ParseError as exc:
            return Response({"detail": str(exc)}, status=400)
