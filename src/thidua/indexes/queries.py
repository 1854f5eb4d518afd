"""Index computations, all done by database aggregation (conditional counts and sums).

Nothing here loops over answers in Python: each breakdown is one or two GROUP BY
queries whose rows are a handful of factors, desks, months. ``points_lost_by_unit``
is the entry point the scorecards call.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth

from thidua.orgs.models import Level, Organisation, Person

from .models import (
    IndexKind,
    IndexTarget,
    Method,
    OverallMethod,
    ParAssessment,
    ParCriterion,
    ParScore,
    RejectReason,
    SipasAnswer,
    SipasCriterion,
    SipasDesk,
    SipasFactor,
    SipasProcedure,
    SipasQuestionnaire,
    SipasRejection,
    SipasResponse,
    SuggestionSource,
)
from .stats import Rate

ZERO = Decimal(0)
POINTS_FIELD = DecimalField(max_digits=9, decimal_places=2)


def year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def province_code_of(organisation: Organisation) -> str:
    node: Organisation | None = organisation
    while node is not None and node.level != Level.PROVINCE:
        node = node.parent
    return node.code if node is not None else ""


# --- SIPAS -------------------------------------------------------------------------------


def questionnaire_for(organisation: Organisation, day: datetime.date) -> SipasQuestionnaire | None:
    """The questionnaire in force on ``day``: the province's own version before the national one."""
    province = province_code_of(organisation)
    candidates = SipasQuestionnaire.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        valid_from__lte=day,
        province_code__in=["", province],
    )
    return min(
        candidates,
        key=lambda q: (q.province_code == "", -q.valid_from.toordinal()),
        default=None,
    )


def _satisfied(questionnaire: SipasQuestionnaire | None) -> int:
    return questionnaire.satisfied_min if questionnaire else 4


def _answers(organisation_ids: Iterable[int], start: datetime.date, end: datetime.date):
    return SipasAnswer.objects.filter(
        organisation_id__in=list(organisation_ids), day__gte=start, day__lte=end
    )


def _mean_of_factors(rates: list[Rate]) -> float | None:
    values = [r.percent for r in rates if r.percent is not None]
    return sum(values) / len(values) if values else None


def _factor_codes() -> dict[int, str]:
    """Factor id → code. Versions of a questionnaire share codes, so results merge by code."""
    return dict(SipasFactor.objects.values_list("id", "code"))


def _grouped(
    answers: QuerySet,
    answer_key: str,
    responses: QuerySet,
    response_key: str,
    satisfied_min: int,
    codes: dict[int, str],
) -> dict[Any, Rate]:
    """Per value of a key: the mean of its factor indexes and its number of respondents.

    Two GROUP BY queries and no COUNT(DISTINCT): satisfied/valid answers per (key,
    factor) from the answers, respondents per key from the responses (one row each).
    """
    # Counting values, not ids: (organisation, day, factor, value) then covers the query.
    satisfied = Count("value", filter=Q(value__gte=satisfied_min))
    per_factor = (
        answers.values(answer_key, "factor_id").annotate(sat=satisfied, n=Count("value")).order_by()
    )
    per_key = responses.values(response_key).annotate(resp=Count("id")).order_by()
    counts: dict[Any, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in per_factor:
        pair = counts[row[answer_key]][codes.get(row["factor_id"], "")]
        pair[0] += row["sat"]
        pair[1] += row["n"]
    result = {}
    for row in per_key:
        key = row[response_key]
        factor_rates = [Rate.of(code, sat, n, 0) for code, (sat, n) in counts[key].items()]
        result[key] = Rate(
            label=str(key),
            percent=_mean_of_factors(factor_rates),
            respondents=row["resp"],
            answers=sum(n for _, n in counts[key].values()),
            satisfied=sum(sat for sat, _ in counts[key].values()),
            key=key,
        )
    return result


@dataclass
class SipasIndex:
    """The SIPAS index of one ward for one period, with its breakdowns."""

    organisation: Organisation
    start: datetime.date
    end: datetime.date
    questionnaire: SipasQuestionnaire | None
    overall: Rate
    factors: list[Rate] = field(default_factory=list)
    desks: list[Rate] = field(default_factory=list)
    staff: list[Rate] = field(default_factory=list)
    procedures: list[Rate] = field(default_factory=list)
    months: list[Rate] = field(default_factory=list)
    channels: list[Rate] = field(default_factory=list)
    rejections: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(count for _, _, count in self.rejections)

    @property
    def respondents(self) -> int:
        return self.overall.respondents


def _overall_from_question(responses: QuerySet, satisfied_min: int) -> Rate:
    row = responses.aggregate(
        sat=Count("id", filter=Q(overall__gte=satisfied_min)),
        n=Count("id", filter=Q(overall__isnull=False)),
    )
    return Rate.of("Chỉ số chung", row["sat"], row["n"], row["n"])


def sipas_index(
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    *,
    breakdowns: bool = True,
) -> SipasIndex:
    """Overall and per-factor index, and (optionally) per criterion, desk, staff member,
    procedure, month and channel. A fixed number of queries whatever the number of answers."""
    questionnaire = (
        SipasQuestionnaire.objects.filter(
            responses__organisation=organisation,
            responses__day__gte=start,
            responses__day__lte=end,
        )
        .order_by("-valid_from")
        .first()
    ) or questionnaire_for(organisation, end)
    satisfied_min = _satisfied(questionnaire)
    answers = _answers([organisation.pk], start, end)
    responses = SipasResponse.objects.filter(
        organisation=organisation, day__gte=start, day__lte=end
    )
    sat = Count("id", filter=Q(value__gte=satisfied_min))

    # One row per criterion; factors are summed from their criteria. Criteria of several
    # versions of the questionnaire merge by their codes.
    criterion_rows = answers.values("criterion_id").annotate(sat=sat, n=Count("id")).order_by()
    counts = {row["criterion_id"]: (row["sat"], row["n"]) for row in criterion_rows}
    criteria = sorted(
        SipasCriterion.objects.filter(pk__in=counts).select_related("factor"),
        key=lambda c: (c.factor.position, c.factor.code, c.position, c.code),
    )
    merged: dict[str, dict[str, list]] = {}
    titles: dict[str, str] = {}
    for criterion in criteria:
        code = criterion.factor.code
        titles.setdefault(code, f"{code}. {criterion.factor.title}")
        entry = merged.setdefault(code, {}).setdefault(
            criterion.code, [f"{criterion.code}. {criterion.text}", 0, 0]
        )
        entry[1] += counts[criterion.pk][0]
        entry[2] += counts[criterion.pk][1]
    factors: dict[str, Rate] = {}
    for code, items in merged.items():
        children = [
            Rate.of(label, ok, n, n, key=criterion_code)
            for criterion_code, (label, ok, n) in items.items()
        ]
        # Respondents of a factor: at least those of its most answered criterion. The
        # lower bound keeps the interval on the safe (wider) side.
        factors[code] = Rate.of(
            titles[code],
            sum(c.satisfied for c in children),
            sum(c.answers for c in children),
            max(c.answers for c in children),
            key=code,
        )
        factors[code].children = children
    method = questionnaire.overall_method if questionnaire else OverallMethod.MEAN_OF_FACTORS
    if method == OverallMethod.OVERALL_QUESTION:
        overall = _overall_from_question(responses, satisfied_min)
    else:
        overall = Rate(
            "Chỉ số chung",
            _mean_of_factors(list(factors.values())),
            responses.count(),
            sum(f.answers for f in factors.values()),
        )
    result = SipasIndex(organisation, start, end, questionnaire, overall, list(factors.values()))
    rejected = (
        SipasRejection.objects.filter(organisation=organisation, day__gte=start, day__lte=end)
        .values("reason")
        .annotate(total=Sum("count"))
        .order_by("-total")
    )
    labels = dict(RejectReason.choices)
    result.rejections = [
        (r["reason"], str(labels.get(r["reason"], r["reason"])), r["total"]) for r in rejected
    ]
    if not breakdowns:
        return result

    codes = _factor_codes()
    desk_names = dict(SipasDesk.objects.filter(organisation=organisation).values_list("id", "name"))
    for key, rate in sorted(
        _grouped(answers, "response__desk_id", responses, "desk_id", satisfied_min, codes).items()
    ):
        rate.label = desk_names.get(key, "—")
        result.desks.append(rate)
    staff_rates = _grouped(
        answers.filter(response__staff__isnull=False),
        "response__staff_id",
        responses.filter(staff__isnull=False),
        "staff_id",
        satisfied_min,
        codes,
    )
    people = {p.pk: p.full_name for p in Person.objects.filter(pk__in=staff_rates.keys())}
    for key, rate in staff_rates.items():
        rate.label = people.get(key, "—")
    result.staff = sorted(staff_rates.values(), key=lambda r: r.label)
    proc_rates = _grouped(
        answers.filter(response__procedure__isnull=False),
        "response__procedure_id",
        responses.filter(procedure__isnull=False),
        "procedure_id",
        satisfied_min,
        codes,
    )
    names = dict(SipasProcedure.objects.filter(pk__in=proc_rates.keys()).values_list("id", "name"))
    for key, rate in proc_rates.items():
        rate.label = names.get(key, "—")
    result.procedures = sorted(proc_rates.values(), key=lambda r: r.label)
    months = _grouped(
        answers.annotate(month=TruncMonth("day")),
        "month",
        responses.annotate(month=TruncMonth("day")),
        "month",
        satisfied_min,
        codes,
    )
    for key, rate in sorted(months.items()):
        month = (
            key if isinstance(key, datetime.date) else datetime.date.fromisoformat(str(key)[:10])
        )
        rate.label = f"{month:%m/%Y}"
        result.months.append(rate)
    channel_labels = dict(SipasResponse._meta.get_field("channel").choices)
    for key, rate in sorted(
        _grouped(answers, "response__channel", responses, "channel", satisfied_min, codes).items()
    ):
        rate.label = str(channel_labels.get(key, key))
        result.channels.append(rate)
    return result


def sipas_overall_by_organisation(
    organisation_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, Rate]:
    """The overall index (mean of factors) of many wards in two queries: the ranking's input."""
    ids = list(organisation_ids)
    answers = _answers(ids, start, end)
    responses = SipasResponse.objects.filter(organisation_id__in=ids, day__gte=start, day__lte=end)
    return _grouped(answers, "organisation_id", responses, "organisation_id", 4, _factor_codes())


# --- Ranking and the plan's target ------------------------------------------------------


@dataclass
class RankRow:
    organisation: Organisation
    value: float
    rank: int


@dataclass
class TargetStatus:
    """Where a ward stands against its "leading group" target."""

    target: IndexTarget
    rows: list[RankRow]
    rank: int | None
    leading_size: int

    @property
    def group_size(self) -> int:
        return len(self.rows)

    @property
    def met(self) -> bool | None:
        if self.rank is None:
            return None
        return self.rank <= self.leading_size


def comparison_wards(comparison: Organisation) -> list[Organisation]:
    """Communes/wards directly or indirectly under ``comparison``."""
    wards: list[Organisation] = []
    frontier = [comparison.pk]
    tree = list(Organisation.objects.values_list("id", "parent_id", "level"))
    below: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for org_id, parent_id, level in tree:
        if parent_id is not None:
            below[parent_id].append((org_id, level))
    ids: list[int] = []
    while frontier:
        node = frontier.pop()
        for child, level in below.get(node, []):
            if level == Level.COMMUNE:
                ids.append(child)
            frontier.append(child)
    wards = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
    return wards


def _ranked(values: dict[int, float], wards: list[Organisation]) -> list[RankRow]:
    by_id = {w.pk: w for w in wards}
    ordered = sorted(
        ((by_id[k], v) for k, v in values.items() if k in by_id), key=lambda kv: -kv[1]
    )
    rows: list[RankRow] = []
    for position, (org, value) in enumerate(ordered, start=1):
        # Equal values share a rank (1, 2, 2, 4), as published rankings do.
        rank = rows[-1].rank if rows and math.isclose(rows[-1].value, value) else position
        rows.append(RankRow(org, value, rank))
    return rows


def sipas_ranking(comparison: Organisation, year: int) -> list[RankRow]:
    wards = comparison_wards(comparison)
    start, end = year_range(year)
    rates = sipas_overall_by_organisation([w.pk for w in wards], start, end)
    return _ranked({k: r.percent for k, r in rates.items() if r.percent is not None}, wards)


def par_ranking(framework_id: int, wards: list[Organisation] | None = None) -> list[RankRow]:
    """Appraised assessments of a criteria set, best index first."""
    assessments = (
        ParAssessment.objects.filter(framework_id=framework_id, status="appraised")
        .select_related("organisation", "framework")
        .annotate(
            points=Coalesce(Sum("scores__appraised_points"), Value(ZERO), output_field=POINTS_FIELD)
        )
    )
    if wards is not None:
        assessments = assessments.filter(organisation__in=wards)
    values: dict[int, float] = {}
    orgs: list[Organisation] = []
    for a in assessments:
        maximum = a.framework.max_points or Decimal(1)
        values[a.organisation_id] = float(a.points * 100 / maximum)
        orgs.append(a.organisation)
    return _ranked(values, orgs)


def _comparison_rows(target: IndexTarget) -> list[RankRow]:
    if target.index == IndexKind.SIPAS:
        return sipas_ranking(target.comparison, target.year)
    wards = comparison_wards(target.comparison)
    assessment = (
        ParAssessment.objects.filter(organisation=target.organisation, framework__year=target.year)
        .order_by("-framework__version")
        .first()
    )
    return par_ranking(assessment.framework_id, wards) if assessment else []


def target_status(target: IndexTarget, rows: list[RankRow] | None = None) -> TargetStatus:
    """``rows``: the comparison group's ranking when the caller already has it (a list of
    wards sharing a comparison group ranks it once)."""
    if rows is None:
        rows = _comparison_rows(target)
    rank = next((r.rank for r in rows if r.organisation.pk == target.organisation_id), None)
    leading = target.rank_max or max(1, math.ceil((target.top_percent or 0) * len(rows) / 100))
    return TargetStatus(target, rows, rank, leading)


# --- PAR ---------------------------------------------------------------------------------


@dataclass
class FieldTotal:
    """Totals of one field (lĩnh vực) of an assessment."""

    criterion: ParCriterion
    max_points: Decimal
    self_points: Decimal
    appraised_points: Decimal


@dataclass
class AssessmentTotals:
    max_points: Decimal
    self_points: Decimal
    appraised_points: Decimal
    survey_points: Decimal
    fields: list[FieldTotal]
    scored: int
    appraised: int
    leaves: int

    @property
    def self_index(self) -> Decimal:
        return _index(self.self_points, self.max_points)

    @property
    def index(self) -> Decimal:
        return _index(self.appraised_points, self.max_points)


def _index(points: Decimal, maximum: Decimal) -> Decimal:
    """index = points / max × 100, to two decimals."""
    if not maximum:
        return ZERO
    return (points * 100 / maximum).quantize(Decimal("0.01"))


def _points_sums() -> dict[str, Coalesce]:
    """Maximum (bonus field excluded), own and appraised points of a set of scores.

    Survey-based criteria have no self-score: both sides count the points the upper
    level gave them, so that self and appraised indexes compare like with like.
    """
    own_points = Case(
        When(criterion__method=Method.SURVEY, then="appraised_points"),
        default="self_points",
        output_field=POINTS_FIELD,
    )
    return {
        "max": Coalesce(
            Sum("criterion__max_points", filter=~Q(criterion__method=Method.BONUS)),
            Value(ZERO),
            output_field=POINTS_FIELD,
        ),
        "own": Coalesce(Sum(own_points), Value(ZERO), output_field=POINTS_FIELD),
        "appraised": Coalesce(Sum("appraised_points"), Value(ZERO), output_field=POINTS_FIELD),
    }


def assessment_indexes(assessments: Iterable[ParAssessment]) -> dict[int, tuple[Decimal, Decimal]]:
    """Assessment id → (appraised index, self index) of many assessments in one query,
    the same figures as :func:`assessment_totals` (the upper level's list of wards)."""
    by_id = {a.pk: a for a in assessments}
    rows = (
        ParScore.objects.filter(assessment_id__in=list(by_id))
        .values("assessment_id")
        .annotate(**_points_sums())
        .order_by()
    )
    out = {}
    for row in rows:
        maximum = by_id[row["assessment_id"]].framework.max_points or row["max"]
        out[row["assessment_id"]] = (
            _index(row["appraised"], maximum),
            _index(row["own"], maximum),
        )
    return out


def assessment_totals(assessment: ParAssessment) -> AssessmentTotals:
    """Self and appraised totals, overall and per field, in two aggregate queries."""
    scores = ParScore.objects.filter(assessment=assessment)
    totals = scores.aggregate(
        **_points_sums(),
        survey=Coalesce(
            Sum("appraised_points", filter=Q(criterion__method=Method.SURVEY)),
            Value(ZERO),
            output_field=POINTS_FIELD,
        ),
        scored=Count("id", filter=Q(self_points__isnull=False)),
        appraised_n=Count("id", filter=Q(appraised_points__isnull=False)),
        leaves=Count("id"),
    )
    per_field = scores.values("criterion__root_id").annotate(**_points_sums()).order_by()
    roots = {
        c.pk: c for c in ParCriterion.objects.filter(framework_id=assessment.framework_id, depth=0)
    }
    fields = [
        FieldTotal(roots[row["criterion__root_id"]], row["max"], row["own"], row["appraised"])
        for row in per_field
        if row["criterion__root_id"] in roots
    ]
    fields.sort(key=lambda f: f.criterion.position)
    return AssessmentTotals(
        max_points=assessment.framework.max_points or totals["max"],
        self_points=totals["own"],
        appraised_points=totals["appraised"],
        survey_points=totals["survey"],
        fields=fields,
        scored=totals["scored"],
        appraised=totals["appraised_n"],
        leaves=totals["leaves"],
    )


def points_lost_by_unit(organisation: Organisation | int, year: int) -> dict[int, Decimal]:
    """Points each responsible unit lost in the ward's PAR INDEX of ``year``.

    For the scorecards (scoring calls this; indexes never imports scoring). A
    criterion's lost points are its maximum minus the appraised points, or minus the
    self-score while the appraisal is pending; a penalty (negative bonus) counts as
    lost in full. Returns ``{unit_id: Decimal}``; units without a criterion are absent.
    """
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    scores = ParScore.objects.filter(
        assessment__organisation_id=org_id, assessment__framework__year=year, unit__isnull=False
    ).alias(
        points=Coalesce("appraised_points", "self_points", Value(ZERO), output_field=POINTS_FIELD)
    )
    lost: dict[int, Decimal] = defaultdict(lambda: ZERO)
    regular = (
        scores.exclude(criterion__method=Method.BONUS)
        .values("unit_id")
        .annotate(max=Sum("criterion__max_points"), got=Sum("points"))
        .order_by()
    )
    for row in regular:
        lost[row["unit_id"]] += (row["max"] or ZERO) - (row["got"] or ZERO)
    penalties = (
        scores.filter(criterion__method=Method.BONUS, points__lt=0)
        .values("unit_id")
        .annotate(total=Sum("points"))
        .order_by()
    )
    for row in penalties:
        lost[row["unit_id"]] -= row["total"] or ZERO
    return {unit_id: value.quantize(Decimal("0.01")) for unit_id, value in lost.items()}


@dataclass
class SurveySuggestion:
    """Points suggested for a survey-based criterion: max × the ward's SIPAS % satisfied in
    the assessment's year. ``points`` is None when the sample is below the minimum."""

    criterion: ParCriterion
    year: int
    rate: Rate

    @property
    def enough(self) -> bool:
        return self.rate.percent is not None and self.rate.respondents >= self.criterion.min_sample

    def _of(self, percent: float | None) -> Decimal | None:
        if percent is None:
            return None
        share = Decimal(repr(percent)) / 100
        return (self.criterion.max_points * share).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def points(self) -> Decimal | None:
        return self._of(self.rate.percent) if self.enough else None

    @property
    def low_points(self) -> Decimal | None:
        return self._of(self.rate.low) if self.enough else None

    @property
    def high_points(self) -> Decimal | None:
        return self._of(self.rate.high) if self.enough else None

    def comment(self) -> str:
        """The appraisal comment that states where the suggested points come from."""
        rate = self.rate
        percent = f"{rate.percent:.2f}".replace(".", ",")
        interval = f"{rate.low:.2f}–{rate.high:.2f}".replace(".", ",")
        respondents = f"{rate.respondents:,}".replace(",", ".")
        return (
            f"Theo Chỉ số SIPAS năm {self.year} của phường: {percent}% hài lòng "
            f"({respondents} người trả lời, khoảng tin cậy 95%: {interval}%)."
        )


def survey_suggestions(
    assessment: ParAssessment, criteria: Iterable[ParCriterion]
) -> dict[int, SurveySuggestion]:
    """Suggested points of the criteria measured from SIPAS, by criterion id.

    One SIPAS index of the ward for the assessment's year serves all of them, so a page
    spends the same few queries whatever its number of rows, and none when no criterion
    of the set names a source.
    """
    sourced = [c for c in criteria if c.source == SuggestionSource.SIPAS and c.is_leaf]
    if not sourced:
        return {}
    year = assessment.framework.year
    overall = sipas_index(assessment.organisation, *year_range(year), breakdowns=False).overall
    return {c.pk: SurveySuggestion(c, year, overall) for c in sourced}
