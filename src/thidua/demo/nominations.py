"""Demo of registration, initiatives, the Office's eligibility records and the
nominations of the 2023 movement of phường Mộ Lao in several states:

- the Office's dossier (Tư pháp - Hộ tịch and Bùi Thị Ngọc): complete, accepted;
- the Youth Union's dossier (Đoàn Thanh niên phường): submitted, returned with a reason;
- the Women's Union's dossier (Lê Thị Thảo): a draft.

The one-stop section and its staff are left free for the walkthrough (truongmotcua
nominates them). Everything goes through the real services, so the action log, the
notices and the generated documents are what the application itself writes; the
timestamps are then set to fixed moments of 2023. Idempotent: records are updated in
place, and the nominations are made only once.
"""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.initiatives.models import Initiative, InitiativeAuthor, InitiativeStatus, Reviewer
from thidua.movements.models import Movement, Target
from thidua.nominations import registrations
from thidua.nominations import services as nominations
from thidua.nominations.models import (
    AwardRecord,
    ConductKind,
    ConductRecord,
    DisciplineLevel,
    Dossier,
    DossierEvent,
    DossierFile,
    Nomination,
    NominationEvent,
    QualityRating,
    Rating,
)
from thidua.orgs.models import Organisation, Person, Unit

from .data import DTN, OFFICE, ONE_STOP, PN, TP

D = datetime.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# A one-page PDF: what a scanner hands over, minus the picture.
MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# Award history given outside the system: full name or unit, year, form, decision, date,
# issuer, themed. The 2022 Giấy khen (98/QĐ-UBND) come from the council demo's decision.
AWARDS = [
    (
        "Lê Thị Mai",
        2022,
        "Lao động tiên tiến",
        "112/QĐ-UBND",
        D(2022, 12, 28),
        "Chủ tịch UBND phường",
        False,
    ),
    ("Lê Thị Mai", 2021, "Giấy khen", "95/QĐ-UBND", D(2021, 12, 20), "Chủ tịch UBND phường", True),
    (
        "Bùi Thị Ngọc",
        2022,
        "Lao động tiên tiến",
        "112/QĐ-UBND",
        D(2022, 12, 28),
        "Chủ tịch UBND phường",
        False,
    ),
    (
        TP,
        2021,
        "Tập thể lao động tiên tiến",
        "210/QĐ-UBND",
        D(2021, 12, 29),
        "Chủ tịch UBND quận Hà Đông",
        False,
    ),
]

# full name or unit, kind, title, opened, closed, discipline level, until, signs of violation
CONDUCT = [
    (
        "Nguyễn Văn An",
        ConductKind.DISCIPLINE,
        "Vi phạm quy định về giờ làm việc",
        D(2023, 3, 6),
        D(2023, 3, 20),
        DisciplineLevel.REPRIMAND,
        D(2023, 9, 20),
        True,
    ),
    (
        "Địa chính - Xây dựng - Đô thị và Môi trường",
        ConductKind.INSPECTION,
        "Kiểm tra việc cấp giấy phép xây dựng năm 2023",
        D(2023, 10, 9),
        None,
        "",
        None,
        True,
    ),
    (
        "Lương Văn Sơn",
        ConductKind.COMPLAINT,
        "Đơn phản ánh về thái độ tiếp dân",
        D(2023, 5, 4),
        D(2023, 5, 30),
        "",
        None,
        True,
    ),
]

EXCELLENT = {"Lê Thị Mai", "Vương Đình Phúc", "Bùi Thị Ngọc", "Hoàng Thị Yến", "Đỗ Minh Tuấn"}
ONLY_DONE = {"Nguyễn Văn An", "Quách Thị Hoa"}
PLEDGES = (
    "Hoàn thành đúng hạn 100% nhiệm vụ CCHC được giao theo Kế hoạch 17/KH-UBND; không có hồ "
    "sơ thủ tục hành chính trễ hạn; tham gia đề xuất sáng kiến CCHC."
)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def _subject(organisation: Organisation, name: str) -> dict:
    unit = Unit.objects.filter(organisation=organisation, name=name).first()
    if unit is not None:
        return {"unit": unit, "person": None}
    family, given = name.rsplit(" ", 1)
    person = Person.objects.get(organisation=organisation, family_name=family, given_name=given)
    return {"person": person, "unit": None}


def _records(organisation: Organisation) -> None:
    rng = random.Random(2023)
    for person in Person.objects.filter(organisation=organisation).order_by("sort_name", "id"):
        if person.full_name in EXCELLENT:
            rating = Rating.EXCELLENT
        elif person.full_name in ONLY_DONE:
            rating = Rating.DONE
        else:
            rating = rng.choice([Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EXCELLENT])
        QualityRating.objects.update_or_create(
            organisation=organisation, person=person, year=2023, defaults={"rating": rating}
        )
    for unit in Unit.objects.filter(organisation=organisation, competes=True).order_by("sort_name"):
        rating = Rating.EXCELLENT if unit.name in (ONE_STOP, TP) else Rating.GOOD
        QualityRating.objects.update_or_create(
            organisation=organisation, unit=unit, year=2023, defaults={"rating": rating}
        )
    for name, year, form, number, day, issuer, themed in AWARDS:
        AwardRecord.objects.update_or_create(
            organisation=organisation,
            decision_number=number,
            form=form,
            **_subject(organisation, name),
            defaults={"year": year, "decision_date": day, "issuer": issuer, "themed": themed},
        )
    for name, kind, title, opened, closed, level, until, signs in CONDUCT:
        ConductRecord.objects.update_or_create(
            organisation=organisation,
            kind=kind,
            title=title,
            opened_on=opened,
            **_subject(organisation, name),
            defaults={
                "closed_on": closed,
                "discipline_level": level,
                "discipline_until": until,
                "signs_of_violation": signs,
            },
        )


def _initiatives(organisation: Organisation, movement: Movement, users: dict) -> None:
    specs = [
        (
            "Tra cứu tình trạng hồ sơ thủ tục hành chính bằng mã QR tại Bộ phận một cửa",
            ONE_STOP,
            [("Vương Đình Phúc", 70), ("Nguyễn Thị Thu Trang", 30)],
            "Mỗi phiếu hẹn in mã QR dẫn đến trang tra cứu tình trạng hồ sơ; người dân không "
            "phải đến hoặc gọi điện hỏi.",
            "Bộ phận tiếp nhận và trả kết quả phường Mộ Lao, từ tháng 4/2023",
            "Giảm khoảng 40% lượt người dân đến hỏi tình trạng hồ sơ; 2.100 lượt tra cứu trong "
            "năm 2023.",
            InitiativeStatus.RECOGNISED,
            ("45/QĐ-UBND", D(2023, 11, 10)),
        ),
        (
            "Số hóa sổ hộ tịch lưu trữ để cấp bản sao trích lục trong ngày",
            TP,
            [("Hoàng Thị Yến", 100)],
            "Quét và đánh chỉ mục các sổ hộ tịch 1990–2015 để tra cứu và cấp bản sao nhanh.",
            "Tư pháp - Hộ tịch phường Mộ Lao",
            "Thời gian cấp bản sao trích lục giảm từ 3 ngày xuống trong ngày.",
            InitiativeStatus.SUBMITTED,
            None,
        ),
    ]
    for title, unit, authors, description, where, benefit, status, decision in specs:
        initiative, _ = Initiative.objects.update_or_create(
            organisation=organisation,
            title=title,
            defaults={
                "movement": movement,
                "unit": Unit.objects.get(organisation=organisation, name=unit),
                "year": 2023,
                "description": description,
                "applied_where": where,
                "applied_since": D(2023, 4, 3),
                "benefit": benefit,
                "status": status,
                "reviewer": Reviewer.COUNCIL if decision else "",
                "review_note": "Hội đồng sáng kiến phường đề nghị công nhận." if decision else "",
                "decision_number": decision[0] if decision else "",
                "decision_date": decision[1] if decision else None,
                "submitted_by": users["vanphong"],
                "submitted_on": D(2023, 9, 15),
                "reviewed_by": users["chutich"] if decision else None,
            },
        )
        for name, share in authors:
            InitiativeAuthor.objects.update_or_create(
                initiative=initiative,
                person=_subject(organisation, name)["person"],
                defaults={"share": share},
            )


def _registrations(movement: Movement, users: dict) -> None:
    organisation = movement.organisation
    day = D(2023, 3, 10)
    for name in (ONE_STOP, TP, OFFICE, DTN, PN):
        unit = Unit.objects.get(organisation=organisation, name=name)
        registrations.register(users["vanphong"], movement, Target.COLLECTIVE, unit, PLEDGES, day)
    for person in Person.objects.filter(organisation=organisation, performs_cchc=True).order_by(
        "sort_name", "id"
    ):
        registrations.register(users["vanphong"], movement, Target.INDIVIDUAL, person, PLEDGES, day)


def _nominations(movement: Movement, users: dict) -> None:
    if Nomination.objects.filter(movement=movement).exists():
        return
    organisation = movement.organisation
    form = movement.award_forms.order_by("position").first()
    unit = {n: Unit.objects.get(organisation=organisation, name=n) for n in (OFFICE, DTN, PN, TP)}

    def person(name: str) -> Person:
        return _subject(organisation, name)["person"]

    office, youth, women = users["vanphong"], users["hoidong3"], users["hoidong4"]
    # The Office's own dossier: complete, submitted, received, accepted.
    nominations.propose(
        office,
        movement,
        award_form=form,
        target=Target.COLLECTIVE,
        subject_id=unit[TP].pk,
        proposing_unit=unit[OFFICE],
    )
    nominations.propose(
        office,
        movement,
        award_form=form,
        target=Target.INDIVIDUAL,
        subject_id=person("Bùi Thị Ngọc").pk,
        proposing_unit=unit[OFFICE],
        achievement_summary="Báo cáo CCHC quý, 6 tháng, năm đúng hạn; cập nhật "
        "Cổng dịch vụ công đầy đủ",
    )
    accepted = Dossier.objects.get(movement=movement, proposing_unit=unit[OFFICE])
    _complete(office, accepted)
    nominations.submit(office, accepted)
    nominations.receive(office, accepted, today=D(2023, 12, 1))
    nominations.accept(office, accepted, today=D(2023, 12, 4))
    # The Youth Union: sent without its minutes signed, returned with the reason.
    nominations.propose(
        youth,
        movement,
        award_form=form,
        target=Target.COLLECTIVE,
        subject_id=unit[DTN].pk,
        proposing_unit=unit[DTN],
    )
    returned = Dossier.objects.get(movement=movement, proposing_unit=unit[DTN])
    _complete(youth, returned)
    nominations.submit(youth, returned)
    nominations.return_dossier(
        office,
        returned,
        "Biên bản họp bình xét chưa ghi số phiếu đồng ý của từng người; đề nghị bổ sung và "
        "ký lại biên bản.",
    )
    # The Women's Union: a draft, documents not made yet.
    nominations.propose(
        women,
        movement,
        award_form=form,
        target=Target.INDIVIDUAL,
        subject_id=person("Lê Thị Thảo").pk,
        proposing_unit=unit[PN],
    )
    _fix_times(movement)


def _complete(actor, dossier: Dossier) -> None:
    nominations.generate_documents(actor, dossier)
    for state in nominations.missing_items(dossier):
        scan = SimpleUploadedFile("bien-ban-hop-binh-xet.pdf", MINUTES_PDF, "application/pdf")
        nominations.upload_scan(actor, dossier, state.item, scan, state.nomination)


def _fix_times(movement: Movement) -> None:
    """Put the moments the services stamped with the clock into 2023."""
    moments = {
        "draft": _at(D(2023, 11, 24)),
        "submitted": _at(D(2023, 11, 30), 15),
        "received": _at(D(2023, 12, 1)),
        "returned": _at(D(2023, 12, 4), 10),
        "accepted": _at(D(2023, 12, 4), 14),
        "withdrawn": _at(D(2023, 12, 4)),
    }
    for event in DossierEvent.objects.filter(dossier__movement=movement):
        key = "received" if event.action == "received" else event.to_status
        DossierEvent.objects.filter(pk=event.pk).update(at=moments[key])
    for event in NominationEvent.objects.filter(nomination__movement=movement):
        NominationEvent.objects.filter(pk=event.pk).update(at=moments[event.to_status])
    Dossier.objects.filter(movement=movement, submitted_at__isnull=False).update(
        submitted_at=moments["submitted"]
    )
    DossierFile.objects.filter(dossier__movement=movement).update(added_at=_at(D(2023, 11, 29)))


def load(organisation: Organisation, movement: Movement) -> None:
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["vanphong", "chutich", "hoidong3", "hoidong4"])
    }
    _records(organisation)
    _initiatives(organisation, movement, users)
    _registrations(movement, users)
    _nominations(movement, users)
