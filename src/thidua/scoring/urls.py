from django.urls import path

from . import views

app_name = "scoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("movements/<int:movement_id>/", views.ranking, name="ranking"),
    path("movements/<int:movement_id>/export.xlsx", views.export, name="export"),
    path("movements/<int:movement_id>/rubric/", views.rubric_edit, name="rubric"),
    path("movements/<int:movement_id>/units/<int:unit_id>/", views.unit_card, name="unit_card"),
    path(
        "movements/<int:movement_id>/people/<int:person_id>/", views.person_card, name="person_card"
    ),
]
