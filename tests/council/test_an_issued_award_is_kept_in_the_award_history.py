"""Issuing a decision writes each awardee's award record — the history eligibility reads
(one achievement, one award; the chain of titles in later years). A revoked award keeps
its record, flagged, and stops counting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.council import decisions
from thidua.movements.models import AwardForm, Movement
from thidua.nominations.council_outcomes import record_award
from thidua.nominations.eligibility import Candidate, check
from thidua.nominations.models import AwardRecord, NominationStatus
from thidua.orgs.models import Unit

from .conftest import D

pytestmark = pytest.mark.django_db


def _ldtt(movement: Movement) -> AwardForm:
    return AwardForm.objects.create(
        movement=movement, form="Lao động tiên tiến", awarded_by="Chủ tịch UBND phường"
    )


def test_each_awardee_gets_a_record_with_the_decision(issued):
    symbol = issued.document.symbol
    awards = list(issued.awards.select_related("candidate__nomination__movement"))
    records = {r.nomination_id: r for r in AwardRecord.objects.filter(decision_number=symbol)}
    assert len(records) == len(awards) == 4
    for award in awards:
        nomination = award.candidate.nomination
        record = records[nomination.pk]
        assert nomination.status == NominationStatus.AWARDED
        assert (record.form, record.year, record.decision_date) == (
            "Giấy khen",
            2023,
            D(2023, 12, 15),
        )
        assert record.movement_id == nomination.movement_id
        assert (record.person_id, record.unit_id) == (
            (nomination.person_id, None)
            if nomination.target == "individual"
            else (None, nomination.unit_id)
        )
        assert record.issuer == "Chủ tịch UBND phường Mộ Lao"
        # A Giấy khen of a themed movement does not count toward higher awards.
        assert record.themed and not record.revoked


def test_eligibility_sees_the_award_and_the_same_achievement_gets_no_second_one(issued, user):
    symbol = issued.document.symbol
    award = (
        issued.awards.filter(target="individual").select_related("candidate__nomination").first()
    )
    nomination = award.candidate.nomination
    result = check(
        nomination.movement,
        _ldtt(nomination.movement),
        Candidate("individual", person=nomination.person),
        D(2023, 12, 28),
    )
    facts = next(r for r in result.refusals if r.code == "one_award").facts
    assert f"theo Quyết định số {symbol} ngày 15/12/2023" in facts
    with pytest.raises(ValueError, match="một thành tích chỉ khen một hình thức"):
        record_award(
            user("vanphong"),
            nomination,
            form="Giấy khen",
            decision_number="99/QĐ-UBND",
            decision_date=D(2023, 12, 20),
            issuer="Chủ tịch UBND phường Mộ Lao",
        )
    assert AwardRecord.objects.filter(nomination=nomination).count() == 1


def test_a_revoked_award_keeps_its_record_flagged_and_stops_counting(issued, user, quyet_dinh):
    symbol = issued.document.symbol
    first, second = quyet_dinh(D(2023, 12, 20)), quyet_dinh(D(2023, 12, 22))
    award = (
        issued.awards.filter(target="individual").select_related("candidate__nomination").first()
    )
    nomination = award.candidate.nomination
    decisions.revoke_award(user("vanphong"), award, "Phát hiện khai man thành tích", first)
    record = AwardRecord.objects.get(nomination=nomination)
    assert record.revoked and record.revoked_by_symbol == first.symbol
    assert record.revoked_reason == "Phát hiện khai man thành tích"
    assert not AwardRecord.objects.in_force().filter(nomination=nomination).exists()
    result = check(
        nomination.movement,
        _ldtt(nomination.movement),
        Candidate("individual", person=nomination.person),
        D(2023, 12, 28),
    )
    assert symbol not in result.message()
    decisions.revoke_decision(user("vanphong"), issued, "Ban hành sai thẩm quyền", second)
    flags = dict(
        AwardRecord.objects.filter(decision_number=symbol).values_list(
            "nomination_id", "revoked_by_symbol"
        )
    )
    assert len(flags) == 4 and flags[nomination.pk] == first.symbol
    assert sorted(flags.values()) == sorted([first.symbol] + [second.symbol] * 3)
    assert not AwardRecord.objects.in_force().filter(decision_number=symbol).exists()


def test_the_demo_2022_decision_wrote_its_records_through_the_same_service(demo):
    records = list(
        AwardRecord.objects.filter(organisation=demo["mo_lao"], decision_number="98/QĐ-UBND")
    )
    names = sorted(r.subject_name for r in records)
    assert names == [
        "Bộ phận tiếp nhận và trả kết quả",
        "Hoàng Thị Yến",
        "Nguyễn Thị Thu Trang",
        "Văn hóa - Xã hội",
    ]
    assert all(r.nomination_id and r.movement.year == 2022 and r.year == 2022 for r in records)
    assert all(r.decision_date == D(2022, 12, 20) and not r.revoked for r in records)
    one_stop = Unit.objects.get(
        organisation=demo["mo_lao"], name="Bộ phận tiếp nhận và trả kết quả"
    )
    assert AwardRecord.objects.filter(unit=one_stop, year=2022, form="Giấy khen").count() == 1


def test_the_office_cannot_delete_a_record_the_decision_wrote(demo, client_as):
    record = AwardRecord.objects.filter(
        organisation=demo["mo_lao"], decision_number="98/QĐ-UBND"
    ).first()
    response = client_as("vanphong").post(
        reverse("nominations:award_delete", args=[record.pk]), follow=True
    )
    assert "không xóa được" in response.content.decode()
    assert AwardRecord.objects.filter(pk=record.pk).exists()
