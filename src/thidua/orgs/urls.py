from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/import/", views.person_import, name="person_import"),
    path(
        "people/import/template.xlsx", views.person_import_template, name="person_import_template"
    ),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
]
