import pytest
from django.db.models import Count, Q

from thidua.indexes.models import SipasAnswer, SipasRejection
from thidua.indexes.queries import sipas_index, sipas_ranking, year_range
from thidua.indexes.stats import Rate, wilson


def test_the_wilson_interval_matches_the_textbook_values():
    low, high = wilson(0.5, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)
    low, high = wilson(1.0, 20)
    assert high == 1.0 and round(low, 4) == 0.8389
    assert wilson(0.5, 0) == (0.0, 1.0)


def test_a_rate_is_the_share_of_satisfied_answers_in_percent():
    rate = Rate.of("x", satisfied=45, answers=50, respondents=50)
    assert rate.percent == 90.0
    assert rate.low < 90 < rate.high


@pytest.mark.django_db
def test_each_factor_is_the_share_of_hai_long_and_rat_hai_long(demo):
    index = sipas_index(demo["mo_lao"], *year_range(2023))
    counts = (
        SipasAnswer.objects.filter(organisation=demo["mo_lao"], day__year=2023)
        .values("factor__code")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(value__gte=4)))
    )
    expected = {row["factor__code"]: row["ok"] * 100 / row["n"] for row in counts}
    assert {f.key: f.percent for f in index.factors} == pytest.approx(expected)
    assert index.overall.percent == pytest.approx(sum(expected.values()) / 5)
    assert index.overall.low < index.overall.percent < index.overall.high
    assert index.respondents == 2000


@pytest.mark.django_db
def test_breakdowns_cover_every_respondent_once(demo):
    index = sipas_index(demo["mo_lao"], *year_range(2023))
    assert len(index.desks) == 3
    assert sum(d.respondents for d in index.desks) == 2000
    assert sum(m.respondents for m in index.months) == 2000
    assert len(index.months) == 12
    assert {c.label for c in index.channels} == {
        "Mã QR trên điện thoại",
        "Máy tính bảng tại quầy",
        "Phiếu giấy",
    }
    assert index.staff and index.procedures
    assert all(len(f.children) >= 3 for f in index.factors)


@pytest.mark.django_db
def test_rejected_answers_are_reported_by_reason(demo):
    index = sipas_index(demo["mo_lao"], *year_range(2023))
    total = sum(r.count for r in SipasRejection.objects.filter(organisation=demo["mo_lao"]))
    assert index.rejected_total == total == 33
    assert index.rejections[0][1] == "Vượt giới hạn số phiếu của một thiết bị"


@pytest.mark.django_db
def test_the_index_takes_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        sipas_index(demo["mo_lao"], *year_range(2023))


@pytest.mark.django_db
def test_the_ward_ranks_among_the_wards_of_the_district(demo):
    rows = sipas_ranking(demo["mo_lao"].parent, 2023)
    assert [r.organisation.code for r in rows] == ["mo-lao", "van-quan"]
    assert [r.rank for r in rows] == [1, 2]
