"""Demo of the council: phường Mộ Lao's council (seven members, from the memberships of the
council unit) with its rules, and the previous year's movement (2022) carried through to
the end — invitation, meeting by show of hands, minutes, disclosure with a handled
comment, the decision 98/QĐ-UBND of 20/12/2022 with its certificates and their printable
PDF, and the report to quận Hà Đông — so that a newcomer sees the finished result at once.
The 2023 movement waits at the council stage (its accepted nominations come from the
nominations demo).

Everything goes through the real services. Deterministic (fixed dates, names, choices;
the action log's timestamps are those of the run) and idempotent: the 2022 chain is made
once, and a second run changes nothing.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from thidua.council import decisions, disclosure, minutes, reporting, services
from thidua.council.models import AwardDecision, DecisionStatus, Meeting, MovementReport, Outcome
from thidua.documents import pdf
from thidua.documents import services as documents
from thidua.documents.models import JobStatus, RenderJob
from thidua.movements.models import (
    AwardForm,
    Criterion,
    Movement,
    MovementStatus,
    Quota,
    TargetGroup,
)
from thidua.nominations.models import Nomination, NominationStatus
from thidua.orgs.models import Organisation, Person, Unit
from thidua.plans.models import Plan

from .data import OFFICE, ONE_STOP, TP, VH

D = datetime.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2022
PLAN_2022 = ("15/KH-UBND", D(2022, 3, 1))
TITLE_2022 = "Phong trào thi đua đẩy mạnh Cải cách hành chính năm 2022"
COLLECTIVES_2022 = [ONE_STOP, VH, TP]
INDIVIDUALS_2022 = [("Hoàng Thị", "Yến"), ("Nguyễn Thị Thu", "Trang"), ("Trịnh Văn", "Long")]
# Show of hands, per candidate (for, against, abstain) among the six present.
HANDS_2022 = {
    ONE_STOP: (5, 0, 0),  # truongmotcua heads the unit: he does not vote
    VH: (6, 0, 0),
    TP: (3, 2, 1),
    "Hoàng Thị Yến": (6, 0, 0),
    "Nguyễn Thị Thu Trang": (5, 0, 0),  # truongmotcua is her direct superior
    "Trịnh Văn Long": (4, 1, 1),
}
DECISION_NUMBER_2022 = 98  # as the Office's records of awards received cite it


def _users() -> dict:
    names = ["vanphong", "chutich", "hoidong1", "truongmotcua", "hoidong4"]
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


def _movement_2022(organisation: Organisation) -> Movement:
    number, day = PLAN_2022
    plan, _ = Plan.objects.update_or_create(
        organisation=organisation,
        number=number,
        date=day,
        defaults={
            "doc_type": "KH",
            "issuer_name": organisation.committee_name,
            "title": "Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2022",
            "year": YEAR,
            "signer_name": "Nguyễn Thị Thanh",
        },
    )
    movement, _ = Movement.objects.update_or_create(
        organisation=organisation,
        plan=plan,
        defaults={
            "title": TITLE_2022,
            "year": YEAR,
            "status": MovementStatus.CLOSED,
            "dossier_destination": "UBND phường (qua Văn phòng UBND)",
        },
    )
    form, _ = AwardForm.objects.update_or_create(
        movement=movement,
        position=0,
        defaults={"form": "Giấy khen", "awarded_by": "Chủ tịch UBND phường"},
    )
    for position, (target, text) in enumerate(
        [
            ("collective", "Các ban, ngành, đoàn thể, bộ phận chuyên môn thuộc UBND phường"),
            ("individual", "Cán bộ, công chức, người lao động trong cơ quan phường."),
        ]
    ):
        TargetGroup.objects.update_or_create(
            movement=movement, position=position, defaults={"target": target, "description": text}
        )
        Criterion.objects.update_or_create(
            movement=movement,
            position=position,
            defaults={
                "target": target,
                "text": "Thực hiện có hiệu quả các nhiệm vụ CCHC năm 2022 được giao.",
            },
        )
        Quota.objects.update_or_create(
            movement=movement,
            position=position,
            defaults={
                "award_form": form,
                "target": target,
                "minimum": 1,
                "maximum": 2,
                "source_text": f"Từ 1-2 {'tập thể' if target == 'collective' else 'cá nhân'}",
            },
        )
    return movement


def _nominations_2022(organisation: Organisation, movement: Movement, office_user) -> None:
    form = movement.award_forms.get(position=0)
    office = Unit.objects.get(organisation=organisation, name=OFFICE)
    common = {
        "status": NominationStatus.ACCEPTED,
        "proposing_unit": office,
        "proposed_by": office_user,
    }
    for name in COLLECTIVES_2022:
        unit = Unit.objects.get(organisation=organisation, name=name)
        Nomination.objects.get_or_create(
            movement=movement,
            award_form=form,
            target="collective",
            unit=unit,
            defaults={
                **common,
                "achievement_summary": "Hoàn thành đúng hạn các nhiệm vụ CCHC năm 2022",
            },
        )
    for family, given in INDIVIDUALS_2022:
        person = Person.objects.get(organisation=organisation, family_name=family, given_name=given)
        Nomination.objects.get_or_create(
            movement=movement,
            award_form=form,
            target="individual",
            person=person,
            defaults={
                **common,
                "achievement_summary": "Trực tiếp giải quyết hồ sơ TTHC, không trễ hạn",
            },
        )


def _on_paper(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """When a 2022 paper was signed or issued, as its page shows it: the morning of its
    date, not the day the demo was loaded."""
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=TZ)


def _meeting_2022(organisation: Organisation, movement: Movement, users: dict) -> Meeting:
    office, chair = users["vanphong"], users["chutich"]
    meeting = services.prepare_meeting(
        office,
        movement,
        award_form="Giấy khen",
        starts_at=datetime.datetime(2022, 12, 2, 8, 30, tzinfo=TZ),
        place="Phòng họp tầng 2, trụ sở UBND phường Mộ Lao",
    )
    services.change_rules(office, meeting, {"method": "hands"})
    invitation = minutes.draft_invitation(office, meeting, D(2022, 11, 28))
    documents.issue(office, invitation, at=_on_paper(invitation.date))
    council = meeting.council
    present = set(
        council.members.filter(active=True)
        .exclude(user=users["hoidong4"])
        .values_list("pk", flat=True)
    )
    services.record_attendance(
        office,
        meeting,
        present,
        {council.members.get(user=users["hoidong4"]).pk: "đi học tập trung, vắng có lý do"},
    )
    head = council.members.get(user=users["truongmotcua"])
    for detected in services.detect_conflicts(meeting):
        if detected.member.pk == head.pk:
            services.declare_conflict(
                users["truongmotcua"], meeting, detected.candidate, detected.kind
            )
    services.open_voting(chair, meeting)
    counts = {c.pk: HANDS_2022[c.name] for c in meeting.candidates.all()}
    services.enter_hands(office, meeting, counts)
    services.close_voting(chair, meeting)
    services.apply_ranking(chair, meeting)
    services.close_meeting(chair, meeting)
    meeting.refresh_from_db()
    Meeting.objects.filter(pk=meeting.pk).update(
        ended_at=datetime.datetime(2022, 12, 2, 10, 15, tzinfo=TZ),
        closed_at=datetime.datetime(2022, 12, 2, 10, 15, tzinfo=TZ),
    )
    documents.issue(office, meeting.minutes, at=_on_paper(meeting.minutes.date))
    return meeting


def _decision_2022(meeting: Meeting, users: dict) -> None:
    office, chair = users["vanphong"], users["chutich"]
    listing = disclosure.publish(office, meeting, D(2022, 12, 5), 5)
    documents.issue(office, listing.notice, at=_on_paper(listing.notice.date))
    comment = disclosure.add_comment(
        listing,
        author="Nguyễn Văn Bình",
        contact="Tổ dân phố số 5, phường Mộ Lao",
        text="Đề nghị cho biết thành tích cụ thể của Bộ phận tiếp nhận và trả kết quả.",
        today=D(2022, 12, 6),
    )
    disclosure.handle_comment(
        office,
        comment,
        "Văn phòng đã trả lời trực tiếp: năm 2022 bộ phận tiếp nhận 2.104 hồ sơ, trả đúng hạn 100%.",
    )
    decision = decisions.draft_decision(office, meeting, D(2022, 12, 20), chair)
    decisions.approve_decision(chair, decision, at=_on_paper(decision.date, hour=8))
    decisions.issue_decision(
        office,
        decision,
        render=False,
        number=DECISION_NUMBER_2022,
        at=_on_paper(decision.date),
    )


def _print_certificates(meeting: Meeting, office) -> None:
    """The printable PDF of the 2022 Giấy khen, made by the same batch as “In Giấy khen”
    so that the decision page offers it at once. Also repairs a database loaded by an
    earlier demo, which recorded a finished print job with no file."""
    decision = (
        AwardDecision.objects.filter(meeting=meeting, status=DecisionStatus.ISSUED)
        .select_related("document")
        .first()
    )
    if decision is None:
        return
    document = decision.document
    RenderJob.objects.filter(document=document, status=JobStatus.DONE, result="").delete()
    if pdf.soffice_path() is None or document.render_jobs.filter(status=JobStatus.DONE).exists():
        # Without LibreOffice the page shows no job, only the button to print: truthful,
        # and a later run of the demo on a machine that has it makes the PDF.
        return
    job = documents.start_certificate_batch(office, document)
    AwardDecision.objects.filter(pk=decision.pk).update(certificate_job=job)
    # A consumer would take the job off the queue; the demo runs it now (one LibreOffice
    # start, a few seconds). The queued message then finds the job done and does nothing.
    documents.run_certificate_batch(job.pk)


def load(organisation: Organisation) -> None:
    users = _users()
    council = services.council_of(organisation)
    services.sync_members(None, council)
    if not council.settings.filter(award_form="Giấy khen").exists():
        services.save_setting(
            users["vanphong"],
            council,
            "Giấy khen",
            {
                "method": "secret",
                "threshold_percent": 50,
                "threshold_strict": True,
                "denominator": "present",
                "disclosure_days": 5,
            },
        )
    movement = _movement_2022(organisation)
    meeting = Meeting.objects.filter(movement=movement).first()
    if meeting is None:
        _nominations_2022(organisation, movement, users["vanphong"])
        meeting = _meeting_2022(organisation, movement, users)
        assert meeting.candidates.filter(outcome=Outcome.APPROVED).count() == 4
        _decision_2022(meeting, users)
        report = reporting.draft_report(users["vanphong"], movement, D(2022, 12, 26))
        reporting.send_report(users["vanphong"], report)
        MovementReport.objects.filter(pk=report.pk).update(
            sent_at=datetime.datetime(2022, 12, 26, 15, 0, tzinfo=TZ)
        )
    _print_certificates(meeting, users["vanphong"])
