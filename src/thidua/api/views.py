"""REST endpoints. Each list is filtered by ``visible_to``: another ward's id answers 404."""

from __future__ import annotations

from rest_framework import viewsets

from thidua.movements.queries import movements_with_parts

from .serializers import MovementSerializer


class MovementViewSet(viewsets.ReadOnlyModelViewSet):
    """The movements the user may see."""

    serializer_class = MovementSerializer
    lookup_url_kwarg = "movement_id"

    def get_queryset(self):
        return movements_with_parts(self.request.user).order_by("-year", "id")
