"""The upper level compares its wards' movements side by side — participants, tasks done
on time, PAR INDEX and SIPAS against the target, awardees, bonus total, the report — on a
page whose cost does not grow with the wards, and in an Excel workbook."""

from __future__ import annotations

import datetime
import functools
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thidua.council import reporting
from thidua.council.models import MovementReport
from thidua.council.synth import add_awards
from thidua.demo.synth import SynthSize, synthesise
from thidua.indexes.models import IndexTarget
from thidua.indexes.synth import add_indexes
from thidua.movements.models import Movement
from thidua.orgs.models import Membership, Organisation, Role, Unit
from thidua.tasks.synth import add_tasks

UPPER = reverse("council:upper")


def rows_of(page: str) -> dict[str, str]:
    """Ward name → the text of its row (tags dropped, spaces collapsed)."""
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    out = {}
    for row in body.split("<tr>")[1:]:
        text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        ward = re.search(r'class="ward">([^<]+)<', row).group(1)
        out[ward] = text
    return out


@pytest.mark.django_db
def test_the_city_sees_each_wards_figures_in_its_own_row(demo, client_as):
    page = client_as("capthanhpho").get(UPPER, {"year": 2023}).content.decode()
    rows = rows_of(page)
    mo_lao, van_quan = rows["UBND phường Mộ Lao"], rows["UBND phường Văn Quán"]
    # Mộ Lao: 22 of its 30 tasks on time or early, first of the district's two wards on
    # both indexes against a "top 30%" target.
    for expected in ("22/30", "73,3%", "92,25", "86,82%", "hạng 1/2 — đạt", "Chưa gửi"):
        assert expected in mo_lao, expected
    assert "mục tiêu: thuộc nhóm 30% cao nhất" in mo_lao
    # Văn Quán: 3 of 5 tasks, its own indexes, no target set.
    for expected in ("3/5", "60,0%", "91,75", "70,34%"):
        assert expected in van_quan, expected
    assert "hạng" not in van_quan and "73,3%" not in van_quan
    figures = reporting.movement_figures(
        Movement.objects.get(organisation__code="van-quan", year=2023)
    )
    participants = figures["participants"]
    assert f"{participants['collectives']} tập thể {participants['individuals']} cá nhân" in (
        van_quan
    )


@pytest.mark.django_db
def test_a_sent_report_shows_what_the_ward_reported_with_a_link(demo, client_as):
    page = client_as("capthanhpho").get(UPPER, {"year": 2022}).content.decode()
    row = rows_of(page)["UBND phường Mộ Lao"]
    report = MovementReport.objects.get(movement__year=2022, organisation__code="mo-lao")
    assert "Đã nhận 26/12/2022" in row and f"Số {report.document.symbol}" in row
    assert "4 2 tập thể 2 cá nhân" in row and "1.360.000 đ" in row
    assert reverse("council:report", kwargs={"movement_id": report.movement_id}) in page
    assert "tạm tính" not in row


@pytest.mark.django_db
def test_the_excel_export_holds_the_same_numbers(demo, client_as):
    response = client_as("capthanhpho").get(reverse("council:upper_export"), {"year": 2023})
    assert response.status_code == 200
    assert 'filename="ket-qua-phong-trao-2023.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[3]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(4, values_only=True)}
    mo_lao = rows["UBND phường Mộ Lao"]
    assert (mo_lao["Nhiệm vụ CCHC"], mo_lao["Đúng hạn, trước hạn"]) == (30, 22)
    assert mo_lao["Tỷ lệ đúng hạn (%)"] == 73.3
    assert (mo_lao["PAR INDEX"], mo_lao["SIPAS (%)"]) == (92.25, 86.82)
    assert mo_lao["PAR INDEX so với mục tiêu"] == (
        "hạng 1/2 — đạt mục tiêu thuộc nhóm 30% cao nhất"
    )
    assert rows["UBND phường Văn Quán"]["PAR INDEX"] == 91.75
    assert mo_lao["Báo cáo kết quả"].startswith("Chưa gửi")


@pytest.mark.django_db
def test_a_district_sees_only_its_own_wards(demo, client_as):
    cau_giay = Organisation.objects.create(
        code="quan-cau-giay",
        level="district",
        kind="quận",
        name="Cầu Giấy",
        place_name="Cầu Giấy",
        parent=Organisation.objects.get(code="ha-noi"),
    )
    unit = Unit.objects.create(organisation=cau_giay, name="Văn phòng quận", kind="office")
    viewer = get_user_model().objects.create(username="capcaugiay")
    Membership.objects.create(user=viewer, unit=unit, role=Role.UPPER_VIEWER)
    client = Client()
    client.force_login(viewer)
    assert "Mộ Lao" not in client.get(UPPER).content.decode()
    for year in (2022, 2023):
        movement = Movement.objects.get(organisation__code="mo-lao", year=year)
        assert client.get(f"/council/movements/{movement.pk}/report/").status_code == 404
    assert client.get("/api/v1/movement-reports/").json()["results"] == []
    export = client.get(reverse("council:upper_export"))
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert sheet.max_row == 3  # title, blank line, header: no ward of Hà Đông


# --- The page's cost does not grow with the wards -------------------------------------------


def _targets(ward, units, people, rng) -> None:
    """Both index targets of the ward against the wards of its city, as plan 20 sets them."""
    for index in ("par", "sipas"):
        IndexTarget.objects.create(
            organisation=ward, year=2023, index=index, comparison=ward.parent, top_percent=30
        )


HOOKS = [
    functools.partial(add_tasks, tasks=4, reports_per_task=1, evidence=False),
    functools.partial(add_indexes, sipas_answers=12, desks=1, evidence=False),
    functools.partial(add_awards, nominations=2),
    _targets,
]


def _wards(count: int) -> None:
    synthesise(
        SynthSize(wards=count, people_per_ward=6, units_per_ward=4, city_code="t-city", prefix="t"),
        hooks=HOOKS,
    )


def _queries(client: Client, url: str) -> tuple[int, str]:
    """The queries of one request, and the page (or the workbook's bytes, read inside the
    count: a file response is made as it is read)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    return len(captured), body.decode() if not response.streaming else body


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_with_one_ward_or_three(demo):
    _wards(1)
    city = Organisation.objects.get(code="t-city")
    office = Unit.objects.create(organisation=city, name="Văn phòng thành phố", kind="office")
    viewer = get_user_model().objects.create(username="captp-thu")
    Membership.objects.create(user=viewer, unit=office, role=Role.UPPER_VIEWER)
    client = Client()
    client.force_login(viewer)
    client.get(UPPER)  # caches warmed (content types, the viewer's scope) as for any page
    one, page = _queries(client, UPPER)
    assert len(rows_of(page)) == 1
    _wards(3)
    # The second ward has sent its report: its row reads the report's figures instead.
    second = Movement.objects.get(organisation__code="t-00002")
    MovementReport.objects.create(
        organisation=second.organisation,
        movement=second,
        recipient=city,
        figures=reporting.movement_figures(second),
        sent_at=timezone.make_aware(datetime.datetime(2023, 12, 27, 9)),
        created_by=viewer,
    )
    three, page = _queries(client, UPPER)
    rows = rows_of(page)
    assert len(rows) == 3 and "Đã nhận 27/12/2023" in rows["UBND phường Số 2"]
    # Each ward has its tasks, its awards and both indexes ranked among the city's three.
    for row in rows.values():
        assert "2 1 tập thể 1 cá nhân" in row and row.count("/3 — ") == 2, row
    assert three == one
    export = reverse("council:upper_export")
    export_three, workbook = _queries(client, export)
    assert load_workbook(io.BytesIO(workbook)).active.max_row == 3 + 3
    _wards(5)
    assert _queries(client, export)[0] == export_three
