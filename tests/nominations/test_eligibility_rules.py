"""Each eligibility rule of DOMAIN §3–4, checked under the regime in force on the
expected decision date; a refusal names the rule and the facts behind it."""

from __future__ import annotations

import datetime

import pytest

from thidua.initiatives.models import Initiative, InitiativeAuthor, InitiativeStatus
from thidua.movements.models import Target
from thidua.nominations.eligibility import Candidate, check
from thidua.nominations.models import (
    AwardRecord,
    ConductKind,
    ConductRecord,
    DisciplineLevel,
    QualityRating,
    Rating,
)
from thidua.orgs.models import Person

from .conftest import DEC_2023, DEC_2024, DEC_2025

pytestmark = pytest.mark.django_db
D = datetime.date


def result_of(eligibility, code):
    return [r for r in eligibility.results if r.code == code]


def refused(eligibility, code) -> bool:
    return any(r.refused for r in result_of(eligibility, code))


def test_the_regime_follows_the_expected_decision_date(movement, giay_khen, person):
    mai = Candidate(Target.INDIVIDUAL, person=person("Lê Thị Mai"))
    assert check(movement, giay_khen, mai, DEC_2023).regime == "R2013"
    assert check(movement, giay_khen, mai, DEC_2024).regime == "R2022a"
    assert check(movement, giay_khen, mai, DEC_2025).regime == "R2022b"


def test_a_ward_chairman_may_not_give_tldtt_before_the_2025_decree(movement, award_form, one_stop):
    tldtt = award_form("Tập thể lao động tiên tiến")
    candidate = Candidate(Target.COLLECTIVE, unit=one_stop)
    result = check(movement, tldtt, candidate, DEC_2023)
    assert not result.eligible
    refusal = result_of(result, "competence")[0]
    assert "Thẩm quyền" in refusal.rule and "R2013" not in refusal.facts
    assert "Tập thể lao động tiên tiến" in refusal.facts and "Giấy khen" in refusal.facts
    assert "Luật Thi đua, khen thưởng 2003" in refusal.rule
    # From 01/07/2025 (NĐ 129/2025) the same form is the ward Chairman's to give.
    later = check(movement, tldtt, candidate, DEC_2025)
    assert not refused(later, "competence")


def test_a_title_for_individuals_is_refused_to_a_collective(movement, award_form, one_stop):
    ldtt = award_form("Lao động tiên tiến")
    result = check(movement, ldtt, Candidate(Target.COLLECTIVE, unit=one_stop), DEC_2023)
    assert refused(result, "competence")
    assert "chỉ xét cho cá nhân" in result.message()


def test_a_form_proposed_upward_is_not_refused_for_competence(movement, award_form, person):
    bang_khen = award_form("Bằng khen của Chủ tịch UBND thành phố", upward=True)
    mai = Candidate(Target.INDIVIDUAL, person=person("Lê Thị Mai"))
    result = check(movement, bang_khen, mai, DEC_2023)
    assert not refused(result, "competence")
    assert "đề nghị cấp trên" in result_of(result, "competence")[0].facts


@pytest.mark.parametrize(
    "kind, level, signs, expected",
    [
        (ConductKind.DISCIPLINE, "", True, "đang xem xét kỷ luật"),
        (ConductKind.INSPECTION, "", True, "đang thanh tra, kiểm tra có dấu hiệu vi phạm"),
        (ConductKind.COMPLAINT, "", True, "đang xác minh khiếu nại, tố cáo"),
    ],
)
def test_an_open_case_holds_the_proposal(
    movement, giay_khen, person, demo, kind, level, signs, expected
):
    mai = person("Lê Thị Mai")
    ConductRecord.objects.create(
        organisation=demo["mo_lao"],
        person=mai,
        kind=kind,
        title="Vụ việc thử",
        opened_on=D(2023, 11, 2),
        discipline_level=level,
        signs_of_violation=signs,
    )
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=mai), DEC_2023)
    assert refused(result, "hold")
    assert expected in result.message() and "02/11/2023" in result.message()


def test_an_inspection_without_signs_of_violation_or_a_closed_case_holds_nothing(
    movement, giay_khen, person, demo
):
    mai = person("Lê Thị Mai")
    common = {"organisation": demo["mo_lao"], "person": mai, "title": "Vụ việc thử"}
    ConductRecord.objects.create(
        **common, kind=ConductKind.INSPECTION, opened_on=D(2023, 10, 1), signs_of_violation=False
    )
    ConductRecord.objects.create(
        **common, kind=ConductKind.COMPLAINT, opened_on=D(2023, 5, 1), closed_on=D(2023, 6, 1)
    )
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=mai), DEC_2023)
    assert not refused(result, "hold")


def test_a_discipline_in_force_refuses_and_a_finished_one_only_warns(
    movement, giay_khen, person, demo
):
    an = person("Nguyễn Văn An")  # the demo's reprimand ran until 20/09/2023
    QualityRating.objects.filter(person=an).update(rating=Rating.GOOD)
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=an), DEC_2023)
    warning = result_of(result, "discipline")[0]
    assert warning.warning and "20/09/2023" in warning.facts
    assert result.eligible
    ConductRecord.objects.create(
        organisation=demo["mo_lao"],
        person=an,
        kind=ConductKind.DISCIPLINE,
        title="Vi phạm quy chế văn hóa công sở",
        opened_on=D(2023, 11, 1),
        closed_on=D(2023, 11, 10),
        discipline_level=DisciplineLevel.WARNING,
        discipline_until=D(2024, 5, 10),
    )
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=an), DEC_2023)
    assert refused(result, "discipline")
    assert "cảnh cáo" in result.message() and "10/05/2024" in result.message()


def test_one_achievement_gets_one_award(movement, giay_khen, award_form, person, user, demo):
    ngoc = person("Bùi Thị Ngọc")  # proposed for Giấy khen by the Office in the demo
    ldtt = award_form("Lao động tiên tiến")
    result = check(movement, ldtt, Candidate(Target.INDIVIDUAL, person=ngoc), DEC_2023)
    assert refused(result, "one_award")
    assert "đã được đề nghị “Giấy khen”" in result.message()
    hang = person("Ngô Thị Hằng")
    AwardRecord.objects.create(
        organisation=demo["mo_lao"],
        person=hang,
        year=2023,
        form="Giấy khen",
        decision_number="125/QĐ-UBND",
        decision_date=DEC_2023,
        movement=movement,
    )
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=hang), DEC_2023)
    assert refused(result, "one_award") and "125/QĐ-UBND" in result.message()


def test_giay_khen_needs_a_good_annual_rating(movement, giay_khen, person):
    hoa = person("Quách Thị Hoa")  # rated "Hoàn thành nhiệm vụ" in the demo
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=hoa), DEC_2023)
    assert refused(result, "rating")
    assert (
        "“Hoàn thành nhiệm vụ”" in result.message()
        and "“Hoàn thành tốt nhiệm vụ”" in result.message()
    )
    QualityRating.objects.filter(person=hoa).delete()
    result = check(movement, giay_khen, Candidate(Target.INDIVIDUAL, person=hoa), DEC_2023)
    assert "Chưa có xếp loại chất lượng năm 2023" in result.message()


def _ldtt(demo, people, year=2023):
    for p in people:
        AwardRecord.objects.create(
            organisation=demo["mo_lao"],
            person=p,
            year=year,
            form="Lao động tiên tiến",
            decision_number=f"{p.pk}/QĐ-UBND",
            decision_date=D(year, 12, 28),
        )


def test_cstdcs_under_r2022_needs_ldtt_and_excellence_or_an_initiative(
    movement, award_form, person, demo
):
    cstdcs = award_form("Chiến sĩ thi đua cơ sở")
    mai = person("Lê Thị Mai")  # rated excellent in 2023
    candidate = Candidate(Target.INDIVIDUAL, person=mai)
    result = check(movement, cstdcs, candidate, DEC_2025)
    assert refused(result, "ldtt") and "Lao động tiên tiến năm 2023" in result.message()
    _ldtt(demo, [mai])
    assert check(movement, cstdcs, candidate, DEC_2025).eligible
    QualityRating.objects.filter(person=mai).update(rating=Rating.GOOD)
    result = check(movement, cstdcs, candidate, DEC_2025)
    assert refused(result, "rating") and "chưa có sáng kiến" in result.message()


def test_cstdcs_under_r2013_needs_an_initiative_and_stays_within_15_percent(
    movement, award_form, person, demo
):
    # Under R2013 the district gives CSTĐCS: the ward proposes it upward.
    cstdcs = award_form("Chiến sĩ thi đua cơ sở", upward=True)
    phuc = person("Vương Đình Phúc")  # author of the demo's recognised QR initiative
    _ldtt(demo, [phuc])
    result = check(movement, cstdcs, Candidate(Target.INDIVIDUAL, person=phuc), DEC_2023)
    assert not refused(result, "initiative")
    # One LĐTT holder: 15% of 1 allows none.
    assert refused(result, "cstdcs_share") and "tối đa 0" in result.message()
    others = list(Person.objects.filter(organisation=demo["mo_lao"]).exclude(pk=phuc.pk)[:6])
    _ldtt(demo, others)
    assert check(movement, cstdcs, Candidate(Target.INDIVIDUAL, person=phuc), DEC_2023).eligible
    mai = person("Lê Thị Mai")
    if mai not in others:
        _ldtt(demo, [mai])
    result = check(movement, cstdcs, Candidate(Target.INDIVIDUAL, person=mai), DEC_2023)
    assert refused(result, "initiative") and "bắt buộc có sáng kiến" in result.message()


def test_tldtt_needs_70_percent_ldtt_members_and_no_heavy_discipline(
    movement, award_form, one_stop, demo
):
    tldtt = award_form("Tập thể lao động tiên tiến")
    members = list(Person.objects.filter(unit=one_stop, is_active=True).order_by("id"))
    assert len(members) == 5
    _ldtt(demo, members[:3])
    candidate = Candidate(Target.COLLECTIVE, unit=one_stop)
    result = check(movement, tldtt, candidate, DEC_2025)
    share = result_of(result, "tldtt_share")[0]
    assert share.refused and "3/5" in share.facts and "60,0%" in share.facts
    _ldtt(demo, members[3:4])
    result = check(movement, tldtt, candidate, DEC_2025)
    assert not refused(result, "tldtt_share") and result.eligible
    ConductRecord.objects.create(
        organisation=demo["mo_lao"],
        person=members[4],
        kind=ConductKind.DISCIPLINE,
        title="Vi phạm thời gian làm việc",
        opened_on=D(2023, 4, 3),
        closed_on=D(2023, 4, 20),
        discipline_level=DisciplineLevel.WARNING,
        discipline_until=D(2023, 10, 20),
    )
    result = check(movement, tldtt, candidate, DEC_2025)
    assert refused(result, "tldtt_discipline")
    assert members[4].full_name in result.message() and "cảnh cáo" in result.message()


def test_the_quota_is_shown_and_never_refuses(movement, giay_khen, person):
    result = check(
        movement, giay_khen, Candidate(Target.INDIVIDUAL, person=person("Lê Thị Mai")), DEC_2023
    )
    quota = result_of(result, "quota")[0]
    assert not quota.blocking and "1–2 cá nhân" in quota.facts


def test_initiative_rule_counts_only_recognised_initiatives(movement, award_form, person, demo):
    cstdcs = award_form("Chiến sĩ thi đua cơ sở")
    yen = person("Hoàng Thị Yến")  # her demo initiative is still under review
    _ldtt(demo, [yen])
    QualityRating.objects.filter(person=yen).update(rating=Rating.GOOD)
    assert Initiative.objects.filter(
        credits__person=yen, status=InitiativeStatus.SUBMITTED
    ).exists()
    result = check(movement, cstdcs, Candidate(Target.INDIVIDUAL, person=yen), DEC_2025)
    assert refused(result, "rating")
    initiative = Initiative.objects.get(credits__person=yen)
    initiative.status = InitiativeStatus.RECOGNISED
    initiative.decision_number, initiative.decision_date = "50/QĐ-UBND", D(2023, 11, 30)
    initiative.save()
    assert InitiativeAuthor.objects.filter(person=yen).exists()
    assert check(movement, cstdcs, Candidate(Target.INDIVIDUAL, person=yen), DEC_2025).eligible
