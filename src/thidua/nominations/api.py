"""API: the nominations of a movement with their dossier's completeness.

``GET /api/v1/movements/{movement_id}/nominations/`` — each nomination
``{id, candidate, target, award_form, status, dossier: [{item, present}]}``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from thidua.movements.models import Movement

from . import services
from .models import Nomination
from .queries import dossiers_with_parts


class DossierItemPresenceSerializer(serializers.Serializer):
    item = serializers.CharField()
    present = serializers.BooleanField()


class NominationSerializer(serializers.ModelSerializer):
    candidate = serializers.SerializerMethodField()
    award_form = serializers.CharField(source="award_form.form")
    dossier = serializers.SerializerMethodField()

    class Meta:
        model = Nomination
        fields = ["id", "candidate", "target", "award_form", "status", "dossier"]

    def get_candidate(self, nomination: Nomination) -> str:
        return nomination.candidate_name

    @extend_schema_field(DossierItemPresenceSerializer(many=True))
    def get_dossier(self, nomination: Nomination) -> list[dict]:
        states = self.context["states"].get(nomination.dossier_id, [])
        return services.nomination_dossier(nomination, states)


class MovementNominationList(generics.ListAPIView):
    """The nominations of one movement (404 for a movement the caller may not see)."""

    serializer_class = NominationSerializer

    def get_movement(self) -> Movement:
        if not hasattr(self, "_movement"):
            self._movement = get_object_or_404(
                Movement.objects.visible_to(self.request.user), pk=self.kwargs["movement_id"]
            )
        return self._movement

    def get_queryset(self):
        return (
            Nomination.objects.filter(movement=self.get_movement())
            .select_related("unit", "person", "award_form")
            .order_by("target", "id")
        )

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return {**context, "states": {}}
        # The completeness of every dossier of the movement, computed once for the page.
        dossiers = dossiers_with_parts(self.request.user).filter(movement=self.get_movement())
        context["states"] = {d.pk: services.item_states(d) for d in dossiers}
        return context
