import io

import pytest
from openpyxl import load_workbook

from thidua.indexes.models import SipasAnswer


@pytest.mark.django_db
def test_the_office_sees_the_index_with_intervals_target_and_charts(client_as):
    response = client_as("vanphong").get("/indexes/sipas/?year=2023")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ số hài lòng (SIPAS) — phường Mộ Lao, năm 2023" in html
    assert html.count('<svg class="chart"') == 3
    assert "Khoảng tin cậy 95%" in html
    assert "Đang đạt:" in html and "xếp hạng 1/2" in html
    assert "Phiếu bị loại" in html and "Điền vào trường bẫy" in html


@pytest.mark.django_db
def test_another_wards_figures_are_not_named_to_the_ward(client_as):
    html = client_as("vanphong").get("/indexes/sipas/?year=2023").content.decode()
    assert "Văn Quán" not in html and "Đơn vị khác" in html


@pytest.mark.django_db
def test_the_district_picks_any_of_its_wards(client_as, demo):
    html = client_as("capquan").get(f"/indexes/sipas/?ward={demo['van_quan'].pk}&year=2023")
    assert "phường Văn Quán, năm 2023" in html.content.decode()


@pytest.mark.django_db
def test_another_wards_user_gets_404_for_mo_lao(client_as, demo):
    client = client_as("vanquan")
    assert client.get(f"/indexes/sipas/?ward={demo['mo_lao'].pk}").status_code == 404
    assert client.get(f"/indexes/sipas/export.xlsx?ward={demo['mo_lao'].pk}").status_code == 404


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_answers(
    client_as, demo, django_assert_max_num_queries
):
    client = client_as("vanphong")
    client.get("/indexes/sipas/?year=2023")
    assert SipasAnswer.objects.filter(organisation=demo["mo_lao"]).count() > 40000
    with django_assert_max_num_queries(45):
        client.get("/indexes/sipas/?year=2023")


@pytest.mark.django_db
def test_the_excel_export_reads_back_with_every_breakdown(client_as):
    response = client_as("vanphong").get("/indexes/sipas/export.xlsx?year=2023")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Theo tiêu chí",
        "Theo quầy",
        "Theo cán bộ",
        "Theo thủ tục",
        "Theo tháng",
        "Theo hình thức",
        "Phiếu bị loại",
    ]
    summary = workbook["Tổng hợp"]
    assert summary["A1"].value == "Chỉ số hài lòng (SIPAS) — UBND phường Mộ Lao"
    overall = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Chỉ số chung")
    assert 50 < overall[1] < 100 and overall[2] == 2000 and overall[4] < overall[1] < overall[5]
    assert workbook["Theo tháng"].max_row == 13
    assert workbook["Theo tiêu chí"].max_row == 23
