"""The benchmark's synthetic SIPAS answers and PAR INDEX assessments: the counts asked for,
the same rows for the same seed, and the indexes the app computes from them agree with
the rows that were written."""

from __future__ import annotations

import functools
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.utils import timezone

from thidua.core.uploads import sniff
from thidua.demo import synth
from thidua.demo.synth import SynthSize, synthesise
from thidua.indexes.models import (
    AssessmentStatus,
    Method,
    ParAssessment,
    ParCriterion,
    ParEvidence,
    SipasAnswer,
    SipasCriterion,
    SipasDesk,
    SipasResponse,
)
from thidua.indexes.queries import (
    assessment_totals,
    par_ranking,
    points_lost_by_unit,
    questionnaire_for,
    sipas_index,
    sipas_overall_by_organisation,
    survey_suggestions,
    year_range,
)
from thidua.indexes.synth import SURVEY_COMMENT, add_indexes
from thidua.orgs.models import Organisation, Person, Unit
from thidua.vn.holidays import default_calendar

ANSWERS = 150
DESKS = 5


def _synthesise(monkeypatch, prefix: str, wards: int = 2, people: int = 12, **hook_args):
    """``wards`` synthetic wards with only this hook; the ward's Random as the hook got it."""
    states = {}

    def remember(ward, units, people, rng):
        states[ward.code] = rng.getstate()

    hook = functools.partial(add_indexes, sipas_answers=ANSWERS, desks=DESKS, **hook_args)
    monkeypatch.setattr(synth, "WARD_HOOKS", [remember, hook])
    synthesise(
        SynthSize(wards=wards, people_per_ward=people, city_code=f"{prefix}-city", prefix=prefix)
    )
    found = list(Organisation.objects.filter(code__startswith=f"{prefix}-0").order_by("code"))
    return found, states


def _ward_rows(ward: Organisation) -> dict:
    """Everything the hook wrote for the ward, without ids (those differ from ward to ward)."""
    criteria = dict(SipasCriterion.objects.values_list("id", "code"))
    values = defaultdict(list)
    for response_id, criterion_id, value in SipasAnswer.objects.filter(
        organisation=ward
    ).values_list("response_id", "criterion_id", "value"):
        values[response_id].append((criteria[criterion_id], value))
    responses = [
        (
            r.desk.name,
            r.day,
            r.submitted_at,
            r.channel,
            r.overall,
            r.profile,
            r.staff.full_name if r.staff else None,
            r.questionnaire.code,
            sorted(values[r.pk]),
        )
        for r in SipasResponse.objects.filter(organisation=ward)
        .select_related("desk", "staff", "questionnaire")
        .order_by("id")
    ]
    desks = list(
        SipasDesk.objects.filter(organisation=ward)
        .order_by("position")
        .values_list("name", "description", "unit__name", "position", "active")
    )
    assessment = ParAssessment.objects.get(organisation=ward)
    scores = [
        (
            s.criterion.code,
            s.unit.name if s.unit else None,
            s.self_points,
            s.explanation,
            s.self_at,
            s.appraised_points,
            s.appraisal_comment,
            s.appraised_at,
            [(e.name, e.kind, e.size, e.uploaded_at, e.file.read()) for e in s.evidence.all()],
        )
        for s in assessment.scores.select_related("criterion", "unit").order_by(
            "criterion__position"
        )
    ]
    head = (
        assessment.framework.code,
        assessment.status,
        assessment.created_at,
        assessment.submitted_at,
        assessment.appraised_at,
        assessment.appraisal_note,
    )
    return {"desks": desks, "responses": responses, "assessment": head, "scores": scores}


@pytest.mark.django_db
def test_each_ward_gets_the_desks_and_answers_asked_for_on_the_working_days_of_2023(
    monkeypatch, media
):
    wards, _ = _synthesise(monkeypatch, "idxsynth-count")
    calendar = default_calendar()
    seen_uuids = set()
    named_any = False
    for ward in wards:
        one_stop = Unit.objects.get(organisation=ward, kind="one_stop")
        desks = list(SipasDesk.objects.filter(organisation=ward).order_by("position"))
        assert [d.position for d in desks] == [1, 2, 3, 4, 5]
        assert len({d.name for d in desks}) == DESKS
        assert all(d.unit_id == one_stop.pk and d.active for d in desks)

        responses = list(SipasResponse.objects.filter(organisation=ward))
        assert len(responses) == ANSWERS
        assert {r.channel for r in responses} == {"qr", "kiosk"}
        assert {r.overall for r in responses} <= {1, 2, 3, 4, 5}
        assert all(r.day.year == 2023 and calendar.is_working_day(r.day) for r in responses)
        assert all(timezone.localtime(r.submitted_at).date() == r.day for r in responses)
        # A QR code may name a civil servant at the desk: one of the one-stop section's.
        at_desks = set(Person.objects.filter(unit=one_stop).values_list("pk", flat=True))
        named = {r.staff_id for r in responses if r.staff_id}
        assert named <= at_desks and bool(named) == bool(at_desks)
        named_any |= bool(named)
        for day in {r.day for r in responses[:20]}:
            assert {r.questionnaire_id for r in responses if r.day == day} == {
                questionnaire_for(ward, day).pk
            }
        uuids = {r.client_uuid for r in responses} | {r.visit_id for r in responses}
        assert len(uuids) == 2 * ANSWERS and all(u.version == 4 for u in uuids)
        assert not uuids & seen_uuids  # two wards, two sets of citizens
        seen_uuids |= uuids

        # One answer per criterion of the questionnaire answered, carrying the response's
        # ward and day and the criterion's factor.
        questionnaire = responses[0].questionnaire
        criteria = {
            c.pk: c.factor_id
            for c in SipasCriterion.objects.filter(factor__questionnaire_id=questionnaire.pk)
        }
        by_response = {r.pk: r for r in responses}
        answers = list(SipasAnswer.objects.filter(response__organisation=ward))
        assert len(answers) == ANSWERS * len(criteria)
        assert all(
            a.organisation_id == ward.pk
            and a.day == by_response[a.response_id].day
            and a.factor_id == criteria[a.criterion_id]
            and 1 <= a.value <= 5
            for a in answers
        )
    assert named_any


@pytest.mark.django_db
def test_the_sipas_index_the_dashboard_shows_is_the_share_of_answers_of_four_or_five(
    monkeypatch, media
):
    wards, _ = _synthesise(monkeypatch, "idxsynth-sipas")
    overall_of = sipas_overall_by_organisation([w.pk for w in wards], *year_range(2023))
    percents = []
    for ward in wards:
        counts = defaultdict(lambda: [0, 0])
        for factor, value in SipasAnswer.objects.filter(organisation=ward).values_list(
            "factor__code", "value"
        ):
            counts[factor][0] += value >= 4
            counts[factor][1] += 1
        expected = {code: sat * 100 / n for code, (sat, n) in counts.items()}

        index = sipas_index(ward, *year_range(2023))
        assert {f.key: f.percent for f in index.factors} == pytest.approx(expected)
        mean = sum(expected.values()) / len(expected)
        assert index.overall.percent == pytest.approx(mean)
        assert index.respondents == ANSWERS
        assert sum(d.respondents for d in index.desks) == ANSWERS
        assert sum(m.respondents for m in index.months) == ANSWERS
        # The city's ranking reads the same number.
        assert overall_of[ward.pk].percent == pytest.approx(mean)
        percents.append(mean)
    # Each ward has its own satisfaction level.
    assert percents[0] != pytest.approx(percents[1])


@pytest.mark.django_db
def test_the_par_index_is_the_appraised_points_over_the_maximum(monkeypatch, media):
    wards, _ = _synthesise(monkeypatch, "idxsynth-par")
    for ward in wards:
        assessment = ParAssessment.objects.select_related("framework").get(organisation=ward)
        framework = assessment.framework
        # The synthetic city has no criteria set of its own: Hà Nội's wards' set applies.
        assert (framework.code, assessment.status) == ("ha-noi-commune-2023", "appraised")
        scores = list(assessment.scores.select_related("criterion", "unit"))
        leaves = ParCriterion.objects.filter(framework=framework, is_leaf=True)
        assert sorted(s.criterion_id for s in scores) == sorted(leaves.values_list("pk", flat=True))
        assert all(s.unit is not None and s.unit.organisation_id == ward.pk for s in scores)
        one_stop = Unit.objects.get(organisation=ward, kind="one_stop")
        assert {s.unit_id for s in scores if s.criterion.root.code == "3"} == {one_stop.pk}

        appraised = sum(s.appraised_points for s in scores)
        expected = (appraised * 100 / framework.max_points).quantize(Decimal("0.01"))
        totals = assessment_totals(assessment)
        assert totals.index == expected
        assert totals.appraised == totals.leaves == len(scores)
        assert par_ranking(framework.pk, [ward])[0].value == pytest.approx(float(expected))
        assert expected < 100  # someone lost points somewhere
        # The scorecards see the same points lost, spread over the units responsible.
        lost = points_lost_by_unit(ward, 2023)
        assert sum(lost.values()) == framework.max_points - appraised


@pytest.mark.django_db
def test_self_scores_have_evidence_or_an_explanation_and_appraisals_say_why_they_differ(
    monkeypatch, media
):
    wards, _ = _synthesise(monkeypatch, "idxsynth-evidence")
    with_files = explained = lowered = 0
    for ward in wards:
        assessment = ParAssessment.objects.get(organisation=ward)
        assert assessment.status == AssessmentStatus.APPRAISED
        assert assessment.created_at < assessment.submitted_at < assessment.appraised_at
        scores = list(assessment.scores.select_related("criterion"))
        survey = [s for s in scores if s.criterion.method == Method.SURVEY]
        suggestions = survey_suggestions(assessment, [s.criterion for s in survey])
        assert survey
        for score in survey:
            # Not self-scored; the points the appraisal page suggests from SIPAS, confirmed.
            suggestion = suggestions[score.criterion_id]
            assert score.self_points is None and score.self_at is None
            assert suggestion.points is not None
            assert score.appraised_points == suggestion.points
            assert score.appraisal_comment == suggestion.comment()
        for score in scores:
            criterion = score.criterion
            assert score.appraised_at <= assessment.appraised_at
            if criterion.method == Method.SURVEY:
                continue
            assert criterion.min_points <= score.self_points <= criterion.max_points
            assert score.self_at < assessment.submitted_at
            assert criterion.min_points <= score.appraised_points <= score.self_points
            if score.appraised_points != score.self_points:
                assert score.appraisal_comment
                lowered += 1
            files = list(score.evidence.all())
            assert bool(files) != bool(score.explanation)
            explained += bool(score.explanation)
            for item in files:
                content = item.file.read()
                assert sniff(content) == item.kind == "pdf"
                assert len(content) == item.size < 2000
                assert item.uploaded_at == score.self_at
                with_files += 1
    assert with_files and explained and lowered


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_answers_and_scores(monkeypatch, media):
    (first,), states = _synthesise(monkeypatch, "idxsynth-a", wards=1)
    (second,), _ = _synthesise(monkeypatch, "idxsynth-b", wards=1)
    rows = _ward_rows(first)
    assert len(rows["responses"]) == ANSWERS and rows["scores"]
    assert _ward_rows(second) == rows

    # Running the hook again on a ward that has its rows adds nothing.
    units = list(Unit.objects.filter(organisation=first).order_by("id"))
    people = list(Person.objects.filter(organisation=first).order_by("id"))
    add_indexes(first, units, people, random.Random(0), sipas_answers=ANSWERS, desks=DESKS)
    assert _ward_rows(first) == rows

    # Made again from the same state of the ward's Random, the answers come back with the
    # same client and visit UUIDs.
    uuids = set(
        SipasResponse.objects.filter(organisation=first).values_list("client_uuid", "visit_id")
    )
    SipasResponse.objects.filter(organisation=first).delete()
    SipasDesk.objects.filter(organisation=first).delete()
    rng = random.Random()
    rng.setstate(states[first.code])
    add_indexes(first, units, people, rng, sipas_answers=ANSWERS, desks=DESKS)
    assert _ward_rows(first)["responses"] == rows["responses"]
    assert (
        set(SipasResponse.objects.filter(organisation=first).values_list("client_uuid", "visit_id"))
        == uuids
    )


@pytest.mark.django_db
def test_a_ward_without_people_gets_answers_naming_no_civil_servant(monkeypatch, media):
    (ward,), _ = _synthesise(monkeypatch, "idxsynth-nobody", wards=1, people=0)
    responses = SipasResponse.objects.filter(organisation=ward)
    assert responses.count() == ANSWERS
    assert not responses.filter(staff__isnull=False).exists()
    assert ParAssessment.objects.get(organisation=ward).status == AssessmentStatus.APPRAISED


@pytest.mark.django_db
def test_a_ward_without_units_few_answers_and_no_files_still_gets_its_indexes(media, demo):
    ward = Organisation.objects.create(
        code="idxsynth-bare",
        level="commune",
        kind="phường",
        name="Trống",
        place_name="Trống",
        parent=demo["mo_lao"].parent,
    )
    add_indexes(ward, [], [], random.Random(7), sipas_answers=20, desks=1, evidence=False)

    desk = SipasDesk.objects.get(organisation=ward)
    assert desk.unit is None
    assert SipasResponse.objects.filter(organisation=ward, desk=desk).count() == 20
    assert sipas_index(ward, *year_range(2023)).respondents == 20

    assessment = ParAssessment.objects.get(organisation=ward)
    scores = list(assessment.scores.select_related("criterion"))
    assert scores and all(s.unit_id is None for s in scores)
    assert not ParEvidence.objects.filter(score__assessment=assessment).exists()
    assert all(s.explanation for s in scores if s.criterion.method != Method.SURVEY)
    # Twenty answers are too few to suggest points: the upper level gives them itself.
    survey = [s for s in scores if s.criterion.method == Method.SURVEY]
    assert survey and all(
        s.appraisal_comment == SURVEY_COMMENT and 0 < s.appraised_points <= s.criterion.max_points
        for s in survey
    )
    assert assessment_totals(assessment).index == (
        sum(s.appraised_points for s in scores) * 100 / assessment.framework.max_points
    ).quantize(Decimal("0.01"))
