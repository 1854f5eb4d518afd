from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="list"),
    path("import/", views.plan_import_upload, name="import_upload"),
    path("import/<int:planimport_id>/", views.plan_import_review, name="import_review"),
    path("<int:movement_id>/", views.movement_detail, name="detail"),
]
