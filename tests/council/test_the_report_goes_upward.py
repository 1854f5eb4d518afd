"""The Báo cáo kết quả phong trào: figures, .docx, sent to the district; the district
receives it; the city sees the movements of all wards side by side."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document as Docx

from thidua.council import reporting
from thidua.council.models import MovementReport
from thidua.documents import services as documents
from thidua.movements.models import Movement


@pytest.mark.django_db
def test_the_2022_report_carries_the_awards_and_reached_the_district(demo, client_as):
    report = MovementReport.objects.get(movement__year=2022, organisation=demo["mo_lao"])
    assert report.sent_at is not None
    assert report.recipient.code == "quan-ha-dong"
    assert report.figures["awards"]["bonus_total"] == 1_360_000
    text = "\n".join(
        p.text for p in Docx(io.BytesIO(documents.render_docx(report.document))).paragraphs
    )
    assert "98/QĐ-UBND" in text and "1.360.000" in text
    page = client_as("capquan").get(reverse("council:upper"))
    assert "Đã nhận 26/12/2022" in page.content.decode()
    api = client_as("capquan").get("/api/v1/movement-reports/").json()
    assert any(r["number"] == report.document.symbol for r in api["results"])


@pytest.mark.django_db
def test_the_office_drafts_and_sends_the_2023_report(demo, user, client_as):
    movement = Movement.objects.get(
        organisation=demo["mo_lao"], year=2023, plan__number="20/KH-UBND"
    )
    report = reporting.draft_report(user("vanphong"), movement, datetime.date(2023, 12, 28))
    assert report.recipient.code == "quan-ha-dong"
    assert set(report.figures) >= {"participants", "tasks", "par", "sipas", "awards"}
    reporting.send_report(user("vanphong"), report)
    report.refresh_from_db()
    assert report.document.symbol.endswith("/BC-UBND")
    with pytest.raises(reporting.CouncilError, match="đã được gửi"):
        reporting.send_report(user("vanphong"), report)
    page = client_as("capquan").get(reverse("council:report", kwargs={"movement_id": movement.pk}))
    assert page.status_code == 200
    assert (
        client_as("vanquan")
        .get(reverse("council:report", kwargs={"movement_id": movement.pk}))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_the_city_sees_the_movements_of_all_wards_side_by_side(
    demo, client_as, django_assert_max_num_queries
):
    client = client_as("capthanhpho")
    with django_assert_max_num_queries(25):
        page = client.get(reverse("council:upper"))
    text = page.content.decode()
    assert "UBND phường Mộ Lao" in text and "UBND phường Văn Quán" in text
