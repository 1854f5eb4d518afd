"""API v1. Paths end with "/"; lists answer {count, next, previous, results}."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from thidua.council import api as council_api
from thidua.documents.api import DocumentViewSet
from thidua.indexes import api as indexes_api
from thidua.nominations.api import MovementNominationList
from thidua.scoring.api import RankingView
from thidua.tasks.api import TaskViewSet

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("movements", views.MovementViewSet, basename="movement")
router.register("tasks", TaskViewSet, basename="task")
router.register("decisions", council_api.DecisionViewSet, basename="decision")
router.register("documents", DocumentViewSet, basename="document")
router.register(
    "movement-reports", council_api.MovementReportViewSet, basename="movement-report"
)
router.register("sipas/desks", indexes_api.DeskViewSet, basename="sipas-desk")
router.register("sipas/index", indexes_api.SipasIndexViewSet, basename="sipas-index")
router.register("par/assessments", indexes_api.AssessmentViewSet, basename="par-assessment")

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("plans/parse/", views.PlanParseView.as_view(), name="plan-parse"),
    path(
        "movements/<int:movement_id>/nominations/",
        MovementNominationList.as_view(),
        name="movement-nominations",
    ),
    path(
        "movements/<int:movement_id>/ranking/",
        RankingView.as_view(),
        name="movement-ranking",
    ),
    path("", include(router.urls)),
]
