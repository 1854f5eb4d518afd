from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("", views.task_list_view, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.task_create, name="create"),
    path("import/", views.task_import, name="import"),
    path("import/template.xlsx", views.task_import_template, name="import_template"),
    path("calendar/", views.calendar_list, name="calendar"),
    path("calendar/<int:workcalendaryear_id>/", views.calendar_edit, name="calendar_edit"),
    path("quality/", views.quality_scale, name="quality"),
    path("<int:task_id>/", views.task_detail_view, name="detail"),
    path("<int:task_id>/edit/", views.task_edit, name="edit"),
    path("<int:task_id>/report/", views.report_create, name="report"),
    path("reports/<int:progressreport_id>/review/", views.report_review, name="review"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
]
