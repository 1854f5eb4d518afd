from django.urls import path

from . import views

app_name = "nominations"

urlpatterns = [
    path("", views.index, name="index"),
    path("movements/<int:movement_id>/", views.movement_nominations, name="movement"),
    path("movements/<int:movement_id>/propose/", views.propose, name="propose"),
    path(
        "movements/<int:movement_id>/registrations/", views.registration_list, name="registrations"
    ),
    path(
        "movements/<int:movement_id>/registrations.xlsx",
        views.registration_export,
        name="registrations_xlsx",
    ),
    path("movements/<int:movement_id>/consolidated/", views.consolidated_list, name="consolidated"),
    path(
        "movements/<int:movement_id>/consolidated.xlsx",
        views.consolidated_export,
        name="consolidated_xlsx",
    ),
    path("<int:nomination_id>/", views.nomination_detail, name="detail"),
    path("<int:nomination_id>/recheck/", views.nomination_recheck, name="recheck"),
    path("<int:nomination_id>/withdraw/", views.nomination_withdraw, name="withdraw"),
    path("dossiers/<int:dossier_id>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:dossier_id>/generate/", views.dossier_generate, name="generate"),
    path("dossiers/<int:dossier_id>/upload/", views.dossier_upload, name="upload"),
    path("dossiers/<int:dossier_id>/submit/", views.dossier_submit, name="submit"),
    path("dossiers/<int:dossier_id>/receive/", views.dossier_receive, name="receive"),
    path("dossiers/<int:dossier_id>/return/", views.dossier_return, name="return"),
    path("dossiers/<int:dossier_id>/accept/", views.dossier_accept, name="accept"),
    path("files/<int:dossierfile_id>/", views.file_download, name="file"),
    path("files/<int:dossierfile_id>/edit/", views.file_edit, name="file_edit"),
    path("files/<int:dossierfile_id>/remove/", views.file_remove, name="file_remove"),
    path("records/", views.record_list, name="records"),
    path("records/import/", views.record_import, name="record_import"),
    path("records/template.xlsx", views.record_template, name="record_template"),
    path(
        "records/quality/<int:qualityrating_id>/delete/",
        views.qualityrating_delete,
        name="quality_delete",
    ),
    path(
        "records/conduct/<int:conductrecord_id>/delete/",
        views.conductrecord_delete,
        name="conduct_delete",
    ),
    path(
        "records/awards/<int:awardrecord_id>/delete/",
        views.awardrecord_delete,
        name="award_delete",
    ),
]
