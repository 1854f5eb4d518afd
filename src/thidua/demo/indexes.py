"""Demo of the indexes: Mộ Lao's 2023 PAR INDEX self-assessment with evidence and the
district's appraisal; about 2,000 SIPAS answers over 2023 at three one-stop desks; a
smaller Văn Quán to rank against. Deterministic (fixed seeds) and idempotent.
"""

from __future__ import annotations

import datetime
import io
import random
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from thidua.indexes.loader import load_all
from thidua.indexes.models import (
    AssessmentStatus,
    Channel,
    IndexKind,
    IndexTarget,
    Method,
    ParAssessment,
    ParCriterion,
    ParEvidence,
    ParFramework,
    ParScore,
    RejectReason,
    SipasAnswer,
    SipasCriterion,
    SipasDesk,
    SipasProcedure,
    SipasQuestionnaire,
    SipasRejection,
    SipasResponse,
)
from thidua.orgs.models import Organisation, Person, Unit

DEMO_NAMESPACE = uuid.UUID("2b8f4d6a-9c1e-4f0b-8d3a-5e7c9a1b2c3d")
D = datetime.date
TZ = datetime.timezone(datetime.timedelta(hours=7))

MO_LAO_DESKS = [
    ("Quầy số 1 - Tư pháp, hộ tịch", "Khai sinh, kết hôn, khai tử, xác nhận tình trạng hôn nhân"),
    ("Quầy số 2 - Chứng thực", "Chứng thực bản sao, chữ ký, hợp đồng, giao dịch"),
    ("Quầy số 3 - Lao động, thương binh và xã hội", "Trợ cấp xã hội, người có công, bảo trợ"),
]
VAN_QUAN_DESKS = [("Quầy tiếp nhận chung", "Mọi lĩnh vực")]

# procedure, field, desk index
PROCEDURES = [
    ("Đăng ký khai sinh", "Hộ tịch", 0),
    ("Đăng ký kết hôn", "Hộ tịch", 0),
    ("Xác nhận tình trạng hôn nhân", "Hộ tịch", 0),
    ("Đăng ký khai tử", "Hộ tịch", 0),
    ("Chứng thực bản sao từ bản chính", "Chứng thực", 1),
    ("Chứng thực chữ ký", "Chứng thực", 1),
    ("Chứng thực hợp đồng, giao dịch", "Chứng thực", 1),
    ("Trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", 2),
    ("Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình", "Bảo trợ xã hội", 2),
]
# desk index → staff (family name, given name) of the one-stop section
DESK_STAFF = {
    0: [("Lê Thị", "Mai"), ("Nguyễn Văn", "An")],
    1: [("Nguyễn Thị Thu", "Trang")],
    2: [("Vương Đình", "Phúc")],
}

# Field (lĩnh vực) → responsible unit, and the demo's departures from full points:
# criterion code → (self points, appraised points, appraisal comment).
PAR_UNITS = {
    "1": "Văn phòng UBND phường",
    "2": "Tư pháp - Hộ tịch",
    "3": "Bộ phận tiếp nhận và trả kết quả",
    "4": "Văn phòng UBND phường",
    "5": "Văn phòng UBND phường",
    "6": "Tài chính - Kế toán",
    "7": "Văn phòng UBND phường",
}
PAR_DEPARTURES = {
    "1.1.2": ("3", "2,5", "Còn 2 nhiệm vụ của Kế hoạch 17/KH-UBND hoàn thành sau hạn."),
    "1.4": ("3", "2", "Sáng kiến chưa có quyết định công nhận của cấp có thẩm quyền."),
    "2.2": ("3,5", "3,5", ""),
    "3.2": ("5", "4,5", "Tỷ lệ đúng hạn 98,2%: chưa đạt 100% theo thang điểm."),
    "3.3": ("2", "1,5", "Thiếu văn bản xin lỗi cho 1 hồ sơ quá hạn tháng 8/2023."),
    "5.2": ("4", "4", ""),
    "6.2": ("3", "2", "Một kiến nghị kiểm toán năm 2022 chưa khắc phục xong."),
    "7.2": ("7", "6", "Tỷ lệ hồ sơ trực tuyến toàn trình thấp hơn chỉ tiêu của quận."),
    "7.4": ("3", "3", ""),
}
# Criteria proven by a file (the others are explained in writing).
PAR_EVIDENCE = {
    "1.1.1": "Kế hoạch số 17/KH-UBND ngày 16/02/2023 về cải cách hành chính năm 2023",
    "1.1.2": "Báo cáo kết quả thực hiện Kế hoạch CCHC năm 2023",
    "1.2": "Các báo cáo CCHC quý I, II, III và năm 2023",
    "1.3": "Kế hoạch tuyên truyền CCHC năm 2023 và hình ảnh hoạt động",
    "3.1": "Ảnh chụp bảng niêm yết thủ tục hành chính tại Bộ phận một cửa",
    "3.2": "Thống kê hồ sơ giải quyết đúng hạn năm 2023",
    "5.1": "Quyết định xếp loại chất lượng cán bộ, công chức năm 2023",
    "6.1": "Quy chế chi tiêu nội bộ năm 2023",
    "7.1": "Thống kê văn bản điện tử có chữ ký số năm 2023",
}


def _pdf(title: str, ward: str) -> bytes:
    """A small real PDF standing in for a scanned document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from thidua.indexes.exports import _fonts

    regular, bold = _fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setFont(bold, 13)
    pdf.drawString(60, 780, f"UBND {ward.upper()}")
    pdf.setFont(regular, 12)
    pdf.drawString(60, 740, title)
    pdf.drawString(60, 720, "(Tài liệu trình diễn — minh chứng Chỉ số CCHC năm 2023)")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _desks(org: Organisation, specs) -> list[SipasDesk]:
    unit = Unit.objects.filter(organisation=org, kind="one_stop").first()
    desks = []
    for position, (name, description) in enumerate(specs, start=1):
        desk, _ = SipasDesk.objects.update_or_create(
            organisation=org,
            name=name,
            defaults={"unit": unit, "description": description, "position": position},
        )
        desks.append(desk)
    return desks


def _workdays(year: int) -> list[datetime.date]:
    day, days = D(year, 1, 3), []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _answers(
    org: Organisation,
    desks: list[SipasDesk],
    procedures: dict[int, list[SipasProcedure]],
    staff: dict[int, list[Person]],
    questionnaire: SipasQuestionnaire,
    count: int,
    base: float,
    seed: int,
) -> None:
    rng = random.Random(seed)
    uuids = [uuid.uuid5(DEMO_NAMESPACE, f"{org.code}:{i}") for i in range(count)]
    existing = set(
        SipasResponse.objects.filter(client_uuid__in=uuids).values_list("client_uuid", flat=True)
    )
    criteria = list(
        SipasCriterion.objects.filter(factor__questionnaire=questionnaire).select_related("factor")
    )
    # The access factor (seats, equipment) scores lower, the civil servants higher: the
    # pattern of the national results.
    factor_shift = {"1": -0.35, "2": 0.0, "3": 0.15, "4": 0.1, "5": -0.2}
    days = _workdays(2023)
    responses, answers = [], []
    for i, client_uuid in enumerate(uuids):
        # Draw everything even for existing rows, so the sequence never depends on the DB.
        desk_index = rng.choices(range(len(desks)), weights=[5, 3, 2][: len(desks)])[0]
        day = rng.choice(days)
        person = rng.choice(staff.get(desk_index) or [None])
        procedure = rng.choice(procedures.get(desk_index) or [None])
        channel = rng.choices([Channel.QR, Channel.KIOSK, Channel.PAPER], weights=[7, 2, 1])[0]
        mood = rng.gauss(base + 0.3 * (day.month - 6) / 6, 0.55)
        values = []
        for criterion in criteria:
            skip = rng.random() < 0.04
            value = round(mood + factor_shift.get(criterion.factor.code, 0) + rng.gauss(0, 0.5))
            values.append((criterion, None if skip else min(5, max(1, value))))
        overall = min(5, max(1, round(mood + rng.gauss(0, 0.4))))
        if client_uuid in existing:
            continue
        response = SipasResponse(
            organisation=org,
            desk=desks[desk_index],
            procedure=procedure,
            staff=person,
            questionnaire=questionnaire,
            client_uuid=client_uuid,
            channel=channel,
            day=day,
            overall=overall,
            paper_number=f"G-{i:04d}" if channel == Channel.PAPER else "",
        )
        responses.append(response)
        answers.append(values)
    created = SipasResponse.objects.bulk_create(responses, batch_size=500)
    rows = [
        SipasAnswer(
            response=response,
            criterion=criterion,
            factor_id=criterion.factor_id,
            organisation=org,
            day=response.day,
            value=value,
        )
        for response, values in zip(created, answers, strict=True)
        for criterion, value in values
        if value is not None
    ]
    SipasAnswer.objects.bulk_create(rows, batch_size=2000)


def _sipas(orgs: dict[str, Organisation]) -> None:
    questionnaire = SipasQuestionnaire.objects.get(code="sipas-bnv-2023")
    mo_lao = orgs["mo-lao"]
    desks = _desks(mo_lao, MO_LAO_DESKS)
    procedures: dict[int, list[SipasProcedure]] = {}
    for name, field, desk_index in PROCEDURES:
        procedure, _ = SipasProcedure.objects.update_or_create(
            organisation=mo_lao, name=name, defaults={"field": field}
        )
        procedures.setdefault(desk_index, []).append(procedure)
    staff = {
        index: [
            Person.objects.get(organisation=mo_lao, family_name=family, given_name=given)
            for family, given in names
        ]
        for index, names in DESK_STAFF.items()
    }
    _answers(mo_lao, desks, procedures, staff, questionnaire, 2000, 4.4, seed=2023)
    van_quan = orgs["van-quan"]
    _answers(van_quan, _desks(van_quan, VAN_QUAN_DESKS), {}, {}, questionnaire, 300, 3.9, 2024)
    for desk_index, reason, count in (
        (0, RejectReason.HONEYPOT, 7),
        (0, RejectReason.RATE_DEVICE, 12),
        (1, RejectReason.TOO_FAST, 5),
        (2, RejectReason.VISIT_USED, 9),
    ):
        SipasRejection.objects.update_or_create(
            organisation=mo_lao,
            desk=desks[desk_index],
            day=D(2023, 6, 15),
            reason=reason,
            defaults={"count": count},
        )
    plan_text = (
        "Chỉ số CCHC (PAR INDEX); Chỉ số SIPAS của phường năm 2023 thuộc nhóm các phường "
        "dẫn đầu quận."
    )
    for index in (IndexKind.SIPAS, IndexKind.PAR):
        IndexTarget.objects.update_or_create(
            organisation=mo_lao,
            year=2023,
            index=index,
            defaults={
                "comparison": orgs["quan-ha-dong"],
                "rank_max": None,
                "top_percent": 30,
                "source_text": plan_text,
            },
        )


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def _assessment(
    org: Organisation,
    framework: ParFramework,
    departures: dict[str, tuple[str, str, str]],
    evidence: dict[str, str],
    units: dict[str, str],
    survey_points: Decimal,
) -> None:
    User = get_user_model()
    office = User.objects.filter(memberships__unit__organisation=org, memberships__role="office")
    office_user = office.first()
    upper = User.objects.filter(username="capquan").first()
    assessment, _ = ParAssessment.objects.update_or_create(
        organisation=org,
        framework=framework,
        defaults={
            "status": AssessmentStatus.APPRAISED,
            "submitted_at": _moment(D(2023, 11, 30)),
            "submitted_by": office_user,
            "appraised_at": _moment(D(2023, 12, 15), 15),
            "appraised_by": upper,
            "appraisal_note": (
                "Phường triển khai đầy đủ các nhiệm vụ CCHC năm 2023; cần nâng tỷ lệ hồ sơ "
                "trực tuyến toàn trình và hoàn thành đúng hạn các nhiệm vụ của kế hoạch."
            ),
        },
    )
    unit_by_name = {u.name: u for u in Unit.objects.filter(organisation=org)}
    for criterion in ParCriterion.objects.filter(framework=framework, is_leaf=True).select_related(
        "root"
    ):
        self_text, appraised_text, comment = departures.get(
            criterion.code, (str(criterion.max_points), str(criterion.max_points), "")
        )
        survey = criterion.method == Method.SURVEY
        self_points = None if survey else Decimal(self_text.replace(",", "."))
        appraised = survey_points if survey else Decimal(appraised_text.replace(",", "."))
        title = evidence.get(criterion.code)
        score, _ = ParScore.objects.update_or_create(
            assessment=assessment,
            criterion=criterion,
            defaults={
                "unit": unit_by_name.get(units.get(criterion.root.code if criterion.root else "")),
                "self_points": self_points,
                "explanation": ""
                if title or survey
                else "Đã thực hiện đầy đủ; hồ sơ lưu tại Văn phòng UBND phường.",
                "self_by": None if survey else office_user,
                "self_at": None if survey else _moment(D(2023, 11, 20)),
                "appraised_points": appraised,
                "appraisal_comment": comment
                or ("Tính từ kết quả khảo sát SIPAS năm 2023." if survey else ""),
                "appraised_by": upper,
                "appraised_at": _moment(D(2023, 12, 12), 14),
            },
        )
        if title:
            path = f"private/par/demo/{org.code}-{framework.year}-{criterion.code}.pdf"
            if not default_storage.exists(path):
                default_storage.save(path, ContentFile(_pdf(title, org.full_name)))
            content = default_storage.size(path)
            ParEvidence.objects.update_or_create(
                score=score,
                name=f"{title}.pdf",
                defaults={
                    "file": path,
                    "kind": "pdf",
                    "size": content,
                    "uploaded_by": office_user,
                    "uploaded_at": _moment(D(2023, 11, 18), 10),
                },
            )


def load(orgs: dict[str, Organisation]) -> None:
    """Called from ``load_demo``."""
    load_all()
    _sipas(orgs)
    framework = ParFramework.objects.get(code="ha-noi-commune-2023")
    _assessment(orgs["mo-lao"], framework, PAR_DEPARTURES, PAR_EVIDENCE, PAR_UNITS, Decimal("5.25"))
    van_quan_departures = {
        code: (
            text,
            str(Decimal(text.replace(",", ".")) - Decimal("0.5")).replace(".", ","),
            "Minh chứng chưa đầy đủ.",
        )
        for code, (text, _a, _c) in PAR_DEPARTURES.items()
    }
    _assessment(
        orgs["van-quan"],
        framework,
        van_quan_departures,
        {},
        dict.fromkeys(PAR_UNITS, "Văn phòng UBND phường"),
        Decimal("4.75"),
    )
