from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("documents/new/", views.draft_new, name="draft_new"),
    path("documents/<int:document_id>/", views.document_detail, name="detail"),
    path("documents/<int:document_id>/edit/", views.draft_edit, name="draft_edit"),
    path("documents/<int:document_id>/preview/", views.document_preview, name="preview"),
    path(
        "documents/attachments/<int:attachment_id>/",
        views.attachment_file,
        name="attachment_file",
    ),
    path(
        "documents/attachments/<int:attachment_id>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("documents/<int:document_id>/docx/", views.document_docx, name="docx"),
    path("documents/<int:document_id>/pdf/", views.document_pdf, name="pdf"),
    path("documents/<int:document_id>/qr.png", views.document_qr, name="qr"),
    path("documents/<int:document_id>/issue/", views.document_issue, name="issue"),
    path("documents/<int:document_id>/cancel/", views.document_cancel, name="cancel"),
    path("documents/<int:document_id>/replace/", views.document_replace, name="replace"),
    path(
        "documents/<int:document_id>/certificates/print/",
        views.certificate_batch,
        name="certificate_batch",
    ),
    path(
        "documents/certificates/<int:certificate_id>/docx/",
        views.certificate_docx,
        name="certificate_docx",
    ),
    path(
        "documents/certificates/<int:certificate_id>/pdf/",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("documents/jobs/<int:renderjob_id>/", views.job_detail, name="job"),
    path("documents/jobs/<int:renderjob_id>/result/", views.job_result, name="job_result"),
    path("documents/incoming/", views.incoming_list, name="incoming_list"),
    path("documents/incoming/new/", views.incoming_new, name="incoming_new"),
    path(
        "documents/incoming/<int:incomingdocument_id>/file/",
        views.incoming_file,
        name="incoming_file",
    ),
    path("documents/templates/", views.template_list, name="templates"),
    path("documents/templates/builtin/", views.template_builtin, name="template_builtin"),
    path(
        "documents/templates/html-sample/",
        views.template_html_sample,
        name="template_html_sample",
    ),
    path(
        "documents/templates/<int:documenttemplate_id>/file/",
        views.template_file,
        name="template_file",
    ),
    path(
        "documents/templates/<int:documenttemplate_id>/remove/",
        views.template_remove,
        name="template_remove",
    ),
    path("documents/templates/blank-settings/", views.blank_settings, name="blank_settings"),
    path("documents/settings/", views.settings_home, name="settings_home"),
    path(
        "documents/settings/<int:organisationsettings_id>/",
        views.document_settings,
        name="settings",
    ),
    path(
        "documents/settings/<int:organisationsettings_id>/signing/",
        views.signing_certificate_install,
        name="signing_install",
    ),
    path(
        "documents/settings/<int:organisationsettings_id>/signing/remove/",
        views.signing_certificate_remove,
        name="signing_remove",
    ),
    path(
        "documents/settings/<int:organisationsettings_id>/emblem/",
        views.emblem_upload,
        name="emblem_upload",
    ),
    path(
        "documents/settings/<int:organisationsettings_id>/emblem/remove/",
        views.emblem_remove,
        name="emblem_remove",
    ),
    path(
        "documents/settings/<int:organisationsettings_id>/emblem.png",
        views.emblem_image,
        name="emblem_image",
    ),
    path("verify/<str:code>", views.verify, name="verify"),
]
