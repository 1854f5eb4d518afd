from django.urls import path

from . import public, views

app_name = "indexes"

urlpatterns = [
    # Public: the citizen's survey from a desk's QR code (signed token, no login). First,
    # as the app's busiest routes: every answer is resolved against the patterns above it.
    path("s/<str:token>/", public.survey, name="survey"),
    path("s/<str:token>/submit/", public.survey_submit, name="survey_submit"),
    path("", views.par_list, name="par_list"),
    path("par/start/", views.par_start, name="par_start"),
    path("par/<int:parassessment_id>/", views.par_detail, name="par_detail"),
    path("par/<int:parassessment_id>/assign/", views.par_assign, name="par_assign"),
    path("par/<int:parassessment_id>/submit/", views.par_submit, name="par_submit"),
    path("par/<int:parassessment_id>/finish/", views.par_finish, name="par_finish"),
    path("par/scores/<int:parscore_id>/", views.par_score, name="par_score"),
    path("par/scores/<int:parscore_id>/appraise/", views.par_appraise, name="par_appraise"),
    path("par/evidence/<int:parevidence_id>/", views.par_evidence, name="par_evidence"),
    path("sipas/", views.sipas_dashboard, name="sipas_dashboard"),
    path("sipas/export.xlsx", views.sipas_export, name="sipas_export"),
    path("sipas/target/", views.sipas_target, name="sipas_target"),
    path("sipas/desks/", views.desk_list, name="desk_list"),
    path("sipas/desks/posters.pdf", views.desk_posters, name="desk_posters"),
    path("sipas/desks/<int:sipasdesk_id>/", views.desk_detail, name="desk_detail"),
    path("sipas/desks/<int:sipasdesk_id>/toggle/", views.desk_toggle, name="desk_toggle"),
    path("sipas/desks/<int:sipasdesk_id>/poster.pdf", views.desk_poster, name="desk_poster"),
    path("sipas/paper/", views.paper_import, name="paper_import"),
    path("sipas/paper/template.xlsx", views.paper_template, name="paper_template"),
]
