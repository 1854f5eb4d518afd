"""Synthetic PAR INDEX and SIPAS data for ``make bench``: a ward hook for :mod:`thidua.demo.synth`.

``add_indexes(ward, units, people, rng)`` gives one synthetic ward what the demo gives Mộ
Lao: citizens' SIPAS answers over the working days of 2023 at its one-stop desks, and its
2023 PAR INDEX self-assessment, submitted and appraised by the upper level. It writes with
``bulk_create`` instead of going through :mod:`thidua.indexes.sipas` and
:mod:`thidua.indexes.services` (which check signed links, log and save row by row), but
leaves the rows as they would: every answer carries its response's ward and day and its
criterion's factor, a response answers the questionnaire in force on its day, self-scored
criteria have evidence or a written explanation, an appraised score that differs from the
self-score says why, and survey-based criteria get the points the appraisal page suggests
from the ward's own SIPAS answers.

Each ward draws its own satisfaction level and diligence from its seeded ``Random``: the
same arguments give the same rows on every machine.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import random
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db.models import DateTimeField, Q, Value
from django.db.models.functions import Cast

from thidua.demo.synth import stored_pdf
from thidua.orgs.models import Organisation, Person, Unit
from thidua.vn.holidays import default_calendar

from .models import (
    AssessmentStatus,
    Channel,
    Method,
    ParAssessment,
    ParCriterion,
    ParEvidence,
    ParFramework,
    ParScore,
    SipasAnswer,
    SipasCriterion,
    SipasDesk,
    SipasQuestionnaire,
    SipasResponse,
)
from .queries import province_code_of, questionnaire_for, survey_suggestions

YEAR = 2023
# The synthetic city stands in for Hà Nội: its wards are assessed on Hà Nội's ward criteria
# set unless a set of their own province is loaded.
HA_NOI = "ha-noi"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
UTC_OFFSET = datetime.timedelta(hours=7)
ANSWERED_AT = datetime.timedelta(hours=9)  # the time of day synthetic answers are stored
HALF = Decimal("0.5")
CENT = Decimal("0.01")

DESKS = [
    ("Quầy số 1 - Tư pháp, hộ tịch", "Khai sinh, kết hôn, khai tử, xác nhận tình trạng hôn nhân"),
    ("Quầy số 2 - Chứng thực", "Chứng thực bản sao, chữ ký, hợp đồng, giao dịch"),
    ("Quầy số 3 - Lao động, thương binh và xã hội", "Trợ cấp xã hội, người có công, bảo trợ"),
    ("Quầy số 4 - Địa chính, xây dựng", "Đất đai, xây dựng, đô thị và môi trường"),
]
OTHER_DESK = "Các lĩnh vực khác"

# Field (lĩnh vực) → the unit usually responsible for it: a unit kind, or the start of a
# unit's name. The Office answers for every other field.
FIELD_UNITS = {"2": "Tư pháp", "3": "one_stop", "6": "Tài chính"}

EXPLANATIONS = [
    "Đã thực hiện đầy đủ; hồ sơ lưu tại {unit}.",
    "Đã hoàn thành đúng thời hạn; văn bản, số liệu lưu tại {unit}.",
    "Thực hiện đầy đủ theo kế hoạch; kết quả đã báo cáo trong báo cáo CCHC năm 2023.",
]
SHORTFALLS = [
    "Còn một số nội dung hoàn thành sau thời hạn; đơn vị tự trừ điểm tương ứng.",
    "Chưa đạt chỉ tiêu năm 2023; đơn vị tự đánh giá đạt một phần.",
]
NO_BONUS = "Trong năm không phát sinh nội dung được cộng hoặc bị trừ điểm."
APPRAISAL_COMMENTS = [
    "Minh chứng chưa đầy đủ theo hướng dẫn chấm.",
    "Một số nhiệm vụ hoàn thành sau thời hạn của kế hoạch.",
    "Số liệu báo cáo chưa khớp với số liệu trên hệ thống.",
    "Chưa đạt tỷ lệ theo thang điểm của tiêu chí.",
]
SURVEY_COMMENT = "Tính từ kết quả khảo sát SIPAS năm 2023."
APPRAISAL_NOTES = [
    "Phường triển khai đầy đủ các nhiệm vụ CCHC năm 2023; cần hoàn thành đúng hạn các "
    "nhiệm vụ của kế hoạch.",
    "Phường thực hiện tốt cơ chế một cửa; cần nâng tỷ lệ hồ sơ trực tuyến toàn trình.",
    "Cần bổ sung minh chứng đầy đủ hơn và cập nhật số liệu đúng thời hạn.",
]


def add_indexes(
    ward: Organisation,
    units: list[Unit],
    people: list[Person],
    rng: random.Random,
    *,
    sipas_answers: int = 300,
    desks: int = 3,
    evidence: bool = True,
) -> None:
    """Give the ward ``desks`` SIPAS desks with ``sipas_answers`` citizens' answers over
    2023, then its 2023 PAR INDEX self-assessment and appraisal; with ``evidence``, a
    small PDF (minh chứng) proves some self-scores (the others are explained in writing,
    and without ``evidence`` all are). A part the ward already has is left as it is."""
    days = _working_days(YEAR)
    framework, in_force = _index_data(ward, days)
    one_stop = next((u for u in units if u.kind == "one_stop"), None)
    if not SipasDesk.objects.filter(organisation=ward).exists():
        _add_sipas(ward, one_stop, people, rng, in_force, sipas_answers, desks)
    if (
        framework is not None
        and not ParAssessment.objects.filter(organisation=ward, framework=framework).exists()
    ):
        _add_par(ward, units, rng, framework, evidence)


@functools.cache
def _working_days(year: int) -> tuple[datetime.date, ...]:
    calendar = default_calendar()
    day, days = datetime.date(year, 1, 1), []
    while day.year == year:
        if calendar.is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return tuple(days)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# --- The index data ----------------------------------------------------------------------


def _framework(ward: Organisation) -> ParFramework | None:
    frameworks = ParFramework.objects.filter(level="commune", year=YEAR).order_by("-version")
    return (
        frameworks.filter(province_code=province_code_of(ward)).first()
        or frameworks.filter(province_code=HA_NOI).first()
    )


def _questionnaires(
    ward: Organisation, days: tuple[datetime.date, ...]
) -> dict[datetime.date, SipasQuestionnaire | None]:
    """The questionnaire in force on each day, asked of ``questionnaire_for`` only on the
    days a validity period starts or ends (a few queries, not one per day)."""
    if not days:
        return {}
    first, last = days[0], days[-1]
    edges = {first}
    periods = SipasQuestionnaire.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=first), valid_from__lte=last
    ).values_list("valid_from", "valid_to")
    for valid_from, valid_to in periods:
        edges.add(max(valid_from, first))
        if valid_to is not None and valid_to < last:
            edges.add(valid_to + datetime.timedelta(days=1))
    found: dict[int, SipasQuestionnaire] = {}
    in_force: dict[datetime.date, SipasQuestionnaire | None] = {}
    current = None
    starts = sorted(edges)
    for day in days:
        while starts and starts[0] <= day:
            questionnaire = questionnaire_for(ward, starts.pop(0))
            # One instance per questionnaire, so that responses can be grouped by it.
            current = found.setdefault(questionnaire.pk, questionnaire) if questionnaire else None
        in_force[day] = current
    return in_force


def _index_data(
    ward: Organisation, days: tuple[datetime.date, ...]
) -> tuple[ParFramework | None, dict[datetime.date, SipasQuestionnaire | None]]:
    framework = _framework(ward)
    in_force = _questionnaires(ward, days)
    if framework is None or not any(in_force.values()):
        # Loaded at the first ward of an empty database; later wards find the data.
        call_command("load_index_data", stdout=io.StringIO())
        framework = _framework(ward)
        in_force = _questionnaires(ward, days)
    return framework, in_force


# --- SIPAS -------------------------------------------------------------------------------


def _salt(ward: Organisation) -> int:
    """128 bits of the ward's code. Wards of two synthetic cities share their seeds (one per
    index), so the drawn UUIDs, which must be unique, are mixed with this."""
    return int.from_bytes(hashlib.sha256(ward.code.encode()).digest()[:16], "big")


def _uuid(rng: random.Random, salt: int) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128) ^ salt, version=4)


def _scale(value: float) -> int:
    return min(5, max(1, round(value)))


def _add_sipas(
    ward: Organisation,
    one_stop: Unit | None,
    people: list[Person],
    rng: random.Random,
    in_force: dict[datetime.date, SipasQuestionnaire | None],
    count: int,
    desk_count: int,
) -> None:
    specs = DESKS[: max(desk_count, 0)] + [
        (f"Quầy số {n}", OTHER_DESK) for n in range(len(DESKS) + 1, desk_count + 1)
    ]
    desks = [
        # As create_desk does: desks belong to the one-stop section, numbered from 1.
        SipasDesk(organisation=ward, unit=one_stop, name=name, description=description, position=n)
        for n, (name, description) in enumerate(specs, start=1)
    ]
    SipasDesk.objects.bulk_create(desks)
    days = [(day, q) for day, q in in_force.items() if q is not None]
    if not desks or not days or count <= 0:
        return
    criteria = {
        q.pk: list(
            SipasCriterion.objects.filter(factor__questionnaire=q)
            .select_related("factor")
            .order_by("factor__position", "position", "id")
        )
        for q in {q.pk: q for q in in_force.values() if q is not None}.values()
    }
    factor_codes = sorted({c.factor.code for rows in criteria.values() for c in rows})
    # The ward's own satisfaction, and how much better or worse each factor does there.
    level = rng.uniform(3.4, 4.6)
    shift = {code: rng.gauss(0, 0.25) for code in factor_codes}
    desk_weights = [rng.randint(1, 5) for _ in desks]
    staff = [p for p in people if one_stop is not None and p.unit_id == one_stop.pk]
    salt = _salt(ward)

    responses: list[SipasResponse] = []
    values: list[list[int]] = []
    for _ in range(count):
        desk = rng.choices(desks, desk_weights)[0]
        day, questionnaire = rng.choice(days)
        channel = rng.choices([Channel.QR, Channel.KIOSK], [7, 3])[0]
        # A desk's QR code may name the civil servant at it.
        person = rng.choice(staff) if staff and rng.random() < 0.5 else None
        mood = rng.gauss(level, 0.5)
        values.append(
            [
                _scale(mood + shift[c.factor.code] + rng.gauss(0, 0.6))
                for c in criteria[questionnaire.pk]
            ]
        )
        profile = {
            item["code"]: rng.choice(item["options"])
            for item in questionnaire.profile
            if item.get("options") and rng.random() < 0.5
        }
        responses.append(
            SipasResponse(
                organisation=ward,
                desk=desk,
                staff=person,
                questionnaire=questionnaire,
                client_uuid=_uuid(rng, salt),
                visit_id=_uuid(rng, salt),
                channel=channel,
                day=day,
                overall=_scale(mood + rng.gauss(0, 0.4)),
                profile=profile,
            )
        )
    SipasResponse.objects.bulk_create(responses, batch_size=500)
    SipasAnswer.objects.bulk_create(
        (
            SipasAnswer(
                response_id=response.pk,
                criterion_id=criterion.pk,
                factor_id=criterion.factor_id,
                organisation_id=ward.pk,
                day=response.day,
                value=value,
            )
            for response, row in zip(responses, values, strict=True)
            for criterion, value in zip(criteria[response.questionnaire_id], row, strict=True)
        ),
        batch_size=2000,
    )
    # submitted_at is auto_now_add, stamped with the time of this run: the morning of the
    # answer's day instead, so that the rows are the same on every run. The database holds
    # UTC; Cast makes the day its midnight in UTC, which is 07:00 in Việt Nam (no DST).
    SipasResponse.objects.filter(organisation=ward).update(
        submitted_at=Cast("day", DateTimeField()) + Value(ANSWERED_AT - UTC_OFFSET)
    )


# --- PAR INDEX ---------------------------------------------------------------------------


def _unit_for(criterion: ParCriterion, units: list[Unit]) -> Unit | None:
    field = criterion.root.code if criterion.root else criterion.code
    wanted = FIELD_UNITS.get(field, "office")
    for unit in units:
        if unit.kind == wanted or unit.name.startswith(wanted):
            return unit
    return next((u for u in units if u.kind == "office"), units[0] if units else None)


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [d for d in _working_days(start.year) if start <= d <= end]


def _add_par(
    ward: Organisation,
    units: list[Unit],
    rng: random.Random,
    framework: ParFramework,
    evidence: bool,
) -> None:
    leaves = list(
        ParCriterion.objects.filter(framework=framework, is_leaf=True)
        .select_related("root")
        .order_by("position")
    )
    # How often this ward scores itself full points, and how often its appraiser disagrees.
    diligence = rng.uniform(0.6, 0.95)
    strictness = rng.uniform(0.1, 0.4)
    submitted_at = _at(
        rng.choice(_days(datetime.date(YEAR, 11, 27), datetime.date(YEAR, 11, 30))), 9
    )
    appraised_day = rng.choice(_days(datetime.date(YEAR, 12, 11), datetime.date(YEAR, 12, 20)))
    assessment = ParAssessment.objects.create(
        organisation=ward,
        framework=framework,
        status=AssessmentStatus.APPRAISED,
        submitted_at=submitted_at,
        appraised_at=_at(appraised_day, 15),
        appraisal_note=rng.choice(APPRAISAL_NOTES),
    )
    # created_at is auto_now_add: the day the Office started, instead of the time of this run.
    ParAssessment.objects.filter(pk=assessment.pk).update(
        created_at=_at(datetime.date(YEAR, 11, 1), 8)
    )
    # The points the appraisal page suggests from the ward's SIPAS answers, as confirmed.
    suggestions = survey_suggestions(assessment, leaves)
    self_days = _days(datetime.date(YEAR, 11, 13), datetime.date(YEAR, 11, 24))
    appraisal_days = _days(datetime.date(YEAR, 12, 4), appraised_day - datetime.timedelta(days=1))

    scores: list[ParScore] = []
    files: list[tuple[ParScore, ParCriterion]] = []
    for criterion in leaves:
        unit = _unit_for(criterion, units)
        appraised_at = _at(rng.choice(appraisal_days), rng.randint(8, 16), rng.randrange(60))
        score = ParScore(
            assessment=assessment, criterion=criterion, unit=unit, appraised_at=appraised_at
        )
        scores.append(score)
        if criterion.method == Method.SURVEY:
            # Not self-scored: the upper level gives the points from the survey.
            suggestion = suggestions.get(criterion.pk)
            if suggestion is not None and suggestion.points is not None:
                score.appraised_points = suggestion.points
                score.appraisal_comment = suggestion.comment()
            else:
                share = Decimal(rng.randint(70, 95)) / 100
                score.appraised_points = (criterion.max_points * share).quantize(CENT)
                score.appraisal_comment = SURVEY_COMMENT
            continue
        score.self_at = _at(rng.choice(self_days), rng.randint(8, 16), rng.randrange(60))
        with_file = rng.random() < 0.4
        if criterion.method == Method.BONUS:
            points = min(max(Decimal(0), criterion.min_points), criterion.max_points)
            with_file = False
        elif rng.random() < diligence:
            points = criterion.max_points
        else:
            lost = HALF * rng.randint(1, max(1, int(criterion.max_points)))
            points = max(criterion.min_points, criterion.max_points - lost)
        score.self_points = points
        if rng.random() < strictness and points > criterion.min_points:
            score.appraised_points = max(criterion.min_points, points - HALF * rng.randint(1, 2))
            score.appraisal_comment = rng.choice(APPRAISAL_COMMENTS)
        else:
            score.appraised_points = points
        if with_file and evidence:
            files.append((score, criterion))
        elif criterion.method == Method.BONUS:
            score.explanation = NO_BONUS
        elif points == criterion.max_points:
            name = unit.name if unit else "Văn phòng UBND phường"
            score.explanation = rng.choice(EXPLANATIONS).format(unit=name)
        else:
            score.explanation = rng.choice(SHORTFALLS)
    ParScore.objects.bulk_create(scores)
    _attach_evidence(ward, framework, files)


def _attach_evidence(
    ward: Organisation, framework: ParFramework, files: list[tuple[ParScore, ParCriterion]]
) -> None:
    """One small PDF per score, stored as ``services.self_score`` stores an upload, under a
    name made from the ward and criterion so that the same data gives the same files."""
    rows = []
    for score, criterion in files:
        title = f"Minh chứng tiêu chí {criterion.code}: {criterion.title}"
        stored, content = stored_pdf(
            f"private/par/synth/{ward.code}/{framework.year}-{criterion.code}.pdf",
            f"{ward.committee_name} - {title}"[:100],
            [criterion.title[:90], f"Chi so CCHC nam {framework.year} (du lieu tong hop)"],
        )
        rows.append(
            ParEvidence(
                score=score,
                file=stored,
                name=f"{title[:190]}.pdf",
                kind="pdf",
                size=len(content),
                uploaded_at=score.self_at,
            )
        )
    ParEvidence.objects.bulk_create(rows)
