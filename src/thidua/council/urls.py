from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:council_id>/sync/", views.sync_members, name="sync_members"),
    path("<int:council_id>/settings/", views.setting_edit, name="setting"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/tally/", views.meeting_tally, name="tally"),
    path("meetings/<int:meeting_id>/refresh/", views.meeting_refresh, name="meeting_refresh"),
    path("meetings/<int:meeting_id>/rules/", views.meeting_rules, name="meeting_rules"),
    path("meetings/<int:meeting_id>/invitation/", views.meeting_invitation, name="invitation"),
    path("meetings/<int:meeting_id>/attendance/", views.meeting_attendance, name="attendance"),
    path("meetings/<int:meeting_id>/conflicts/", views.meeting_conflict, name="conflict"),
    path("meetings/<int:meeting_id>/open/", views.meeting_open_voting, name="open_voting"),
    path("meetings/<int:meeting_id>/count/", views.meeting_close_voting, name="close_voting"),
    path("meetings/<int:meeting_id>/reset/", views.meeting_reset, name="reset_ballot"),
    path("meetings/<int:meeting_id>/ranking/", views.meeting_apply_ranking, name="apply_ranking"),
    path("meetings/<int:meeting_id>/close/", views.meeting_close, name="close"),
    path("meetings/<int:meeting_id>/acts/", views.meeting_act, name="act"),
    path("meetings/<int:meeting_id>/correct/", views.meeting_correct, name="correct"),
    path("meetings/<int:meeting_id>/receipt/", views.meeting_receipt, name="receipt"),
    path("meetings/<int:meeting_id>/ballot/", views.ballot, name="ballot"),
    path("meetings/<int:meeting_id>/hands/", views.hands, name="hands"),
    path(
        "meetings/<int:meeting_id>/written/<int:councilmember_id>/",
        views.written_ballot,
        name="written_ballot",
    ),
    path("candidates/<int:candidate_id>/decide/", views.candidate_decide, name="decide"),
    path("meetings/<int:meeting_id>/disclose/", views.disclosure_new, name="disclosure_new"),
    path("disclosures/<int:disclosure_id>/", views.disclosure_detail, name="disclosure"),
    path(
        "comments/<int:disclosurecomment_id>/handle/", views.comment_handle, name="comment_handle"
    ),
    path("public/<str:disclosure_code>/", views.public_disclosure, name="public"),
    path("decisions/", views.decision_list, name="decisions"),
    path("meetings/<int:meeting_id>/decision/", views.decision_new, name="decision_new"),
    path("decisions/<int:awarddecision_id>/", views.decision_detail, name="decision"),
    path(
        "decisions/<int:awarddecision_id>/approve/", views.decision_approve, name="decision_approve"
    ),
    path("decisions/<int:awarddecision_id>/issue/", views.decision_issue, name="decision_issue"),
    path(
        "decisions/<int:awarddecision_id>/discard/", views.decision_discard, name="decision_discard"
    ),
    path("decisions/<int:awarddecision_id>/scan/", views.decision_scan, name="decision_scan"),
    path(
        "decisions/<int:awarddecision_id>/scan/file/",
        views.decision_scan_file,
        name="decision_scan_file",
    ),
    path(
        "decisions/<int:awarddecision_id>/payment.xlsx",
        views.decision_payment,
        name="decision_payment",
    ),
    path("decisions/<int:awarddecision_id>/revoke/", views.decision_revoke, name="decision_revoke"),
    path("awards/<int:award_id>/revoke/", views.award_revoke, name="award_revoke"),
    path("movements/<int:movement_id>/report/", views.movement_report, name="report"),
    path("upper/", views.upper, name="upper"),
    path("upper/export.xlsx", views.upper_export, name="upper_export"),
]
