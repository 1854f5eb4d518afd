from decimal import Decimal

import pytest

from thidua.indexes.queries import assessment_totals, par_ranking, points_lost_by_unit
from thidua.orgs.models import Unit


@pytest.mark.django_db
def test_the_index_is_points_over_max_times_100(assessment):
    totals = assessment_totals(assessment)
    assert totals.max_points == Decimal(100)
    assert totals.appraised_points == Decimal("92.25") and totals.index == Decimal("92.25")
    assert totals.self_points == Decimal("96.75") and totals.self_index == Decimal("96.75")
    assert sum(f.max_points for f in totals.fields) == Decimal(100)


@pytest.mark.django_db
def test_the_wards_of_the_province_are_ranked_by_their_appraised_index(assessment):
    rows = par_ranking(assessment.framework_id)
    assert [(r.organisation.code, r.rank) for r in rows] == [("mo-lao", 1), ("van-quan", 2)]


@pytest.mark.django_db
def test_points_lost_per_unit_are_what_each_responsible_unit_missed(assessment, demo):
    units = {u.name: u.pk for u in Unit.objects.filter(organisation=demo["mo_lao"])}
    lost = points_lost_by_unit(demo["mo_lao"], 2023)
    assert lost == {
        units["Văn phòng UBND phường"]: Decimal("4.50"),
        units["Tư pháp - Hộ tịch"]: Decimal("0.50"),
        units["Bộ phận tiếp nhận và trả kết quả"]: Decimal("1.75"),
        units["Tài chính - Kế toán"]: Decimal("1.00"),
    }
    assert points_lost_by_unit(demo["mo_lao"].pk, 2019) == {}


@pytest.mark.django_db
def test_the_page_shows_self_and_appraised_side_by_side(client_as, assessment):
    html = client_as("vanphong").get(f"/indexes/par/{assessment.pk}/").content.decode()
    assert "Điểm từng tiêu chí: tự chấm và thẩm định" in html
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình thấp hơn chỉ tiêu của quận." in html
    assert "Điểm tạm:" in html and "92,25" in html
    assert "Văn Quán" not in html and "Đơn vị khác" in html


@pytest.mark.django_db
def test_the_district_sees_the_names_in_the_ranking(client_as, assessment):
    html = client_as("capquan").get(f"/indexes/par/{assessment.pk}/").content.decode()
    assert "phường Văn Quán" in html


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_criteria(
    client_as, assessment, django_assert_max_num_queries
):
    client = client_as("vanphong")
    client.get(f"/indexes/par/{assessment.pk}/")
    with django_assert_max_num_queries(30):
        client.get(f"/indexes/par/{assessment.pk}/")


@pytest.mark.django_db
def test_the_list_shows_the_wards_assessments(client_as):
    html = client_as("capquan").get("/indexes/").content.decode()
    assert "phường Mộ Lao" in html and "phường Văn Quán" in html
    assert "điểm tạm" in html
