"""The Báo cáo kết quả phong trào of Mộ Lao 2023 states the movement's figures — who took
part, the CCHC tasks done on time, PAR INDEX and SIPAS against the plan's target, the
awardees with their award and bonus, the bonus total — in its .docx, its PDF and the API."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from tests.documents.conftest import needs_soffice, pdf_text
from thidua.council import reporting
from thidua.documents import services as documents
from thidua.nominations.models import Nomination, NominationStatus, Registration
from thidua.orgs.models import Person, Unit
from thidua.tasks.queries import movement_tasks

D = datetime.date
AWARDEES = [
    ("Tư pháp - Hộ tịch", "540.000"),
    ("Bộ phận tiếp nhận và trả kết quả", "540.000"),
    ("Lê Thị Mai", "270.000"),
    ("Vương Đình Phúc", "270.000"),
]


@pytest.fixture
def sent(issued, movement, user):
    """The 2023 report drafted on 28/12/2023 after decision 21/QĐ-UBND, and sent."""
    report = reporting.draft_report(user("vanphong"), movement, D(2023, 12, 28))
    return reporting.send_report(user("vanphong"), report)


def pdf_cells(data: bytes) -> str:
    """pdftotext in reading order: a table cell's wrapped lines stay together (the layout
    mode used by ``pdf_text`` puts each line of a row side by side instead)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def docx_tables(document) -> list[list[list[str]]]:
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    return [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]


def row_starting(table: list[list[str]], *cells: str) -> list[str]:
    return next(row for row in table if row[: len(cells)] == list(cells))


@pytest.mark.django_db
def test_the_docx_states_every_figure_and_lists_the_awardees(sent):
    tables = docx_tables(sent.document)
    results = next(t for t in tables if t[0][:2] == ["STT", "Chỉ tiêu, nhiệm vụ"])
    participants = sent.figures["participants"]
    assert row_starting(results, "1", "Tập thể tham gia thi đua")[3] == (
        f"{participants['collectives']} tập thể"
    )
    assert row_starting(results, "2", "Cá nhân tham gia thi đua")[3] == (
        f"{participants['individuals']} cá nhân"
    )
    # 12 early and 10 on time of the 30 tasks of plans 20/KH-UBND and 17/KH-UBND.
    assert row_starting(results, "3")[2:] == ["30 nhiệm vụ", "22 nhiệm vụ", "73,3"]
    assert row_starting(results, "4", "Chỉ số CCHC (PAR INDEX)")[2:] == [
        "thuộc nhóm 30% cao nhất",
        "92,25 điểm; hạng 1/2",
        "Đạt",
    ]
    assert row_starting(results, "5", "Chỉ số hài lòng (SIPAS)")[2:] == [
        "thuộc nhóm 30% cao nhất",
        "86,82%; hạng 1/2",
        "Đạt",
    ]
    assert row_starting(results, "6")[3] == "2 tập thể, 2 cá nhân"
    assert row_starting(results, "7", "Tổng tiền thưởng")[3] == "1.620.000 đồng"

    awards = next(t for t in tables if t[0][:2] == ["STT", "Tên tập thể, họ và tên cá nhân"])
    assert [row[0] + " " + row[1] for row in awards if row[0] in ("I", "II")] == [
        "I TẬP THỂ",
        "II CÁ NHÂN",
    ]
    for name, amount in AWARDEES:
        row = next(r for r in awards if r[1].startswith(name))
        assert row[2:] == ["Giấy khen", "21/QĐ-UBND ngày 15/12/2023", amount], row
    assert awards[-1][1:] == ["Tổng cộng", "", "", "1.620.000"]
    text = "\n".join(
        p.text for p in Docx(io.BytesIO(documents.render_docx(sent.document))).paragraphs
    )
    assert "khen thưởng 02 tập thể, 02 cá nhân (Quyết định số 21/QĐ-UBND ngày 15/12/2023)" in text
    # One decision is cited once, however many awards it holds.
    assert text.count("21/QĐ-UBND") == 1
    assert "UBND phường Mộ Lao trân trọng báo cáo./." in text
    assert "Nguyễn Thị Thanh" in "\n".join(
        p.text
        for t in Docx(io.BytesIO(documents.render_docx(sent.document))).tables
        for c in t._cells
        for p in c.paragraphs
    )


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.django_db
def test_the_pdf_says_the_same_as_the_docx(sent):
    data = documents.render_pdf(sent.document)
    assert PdfReader(io.BytesIO(data)).pages  # a real PDF
    text = pdf_text(data)
    for expected in (
        f"Số: {sent.document.symbol}",
        "Kính gửi: UBND quận Hà Đông",
        "Tập thể tham gia thi đua",
        "30 nhiệm vụ 22 nhiệm vụ 73,3",
        # A cell's text wraps inside its column: the figure, then its rank on the next line.
        "92,25 điểm;",
        "86,82%;",
        "1.620.000 đồng",
        "21/QĐ-UBND",
        "Tổng cộng 1.620.000",
        "Nguyễn Thị Thanh",
    ):
        assert expected in text, expected
    assert text.count("hạng 1/2") == 2
    cells = pdf_cells(data)
    for name, amount in AWARDEES:
        assert name in cells, name
        assert f"Giấy khen 21/QĐ-UBND ngày 15/12/2023 {amount}" in cells, name


@pytest.mark.django_db
def test_the_api_gives_the_figures_and_the_awardees_to_the_district(sent, client_as):
    rows = client_as("capquan").get("/api/v1/movement-reports/").json()["results"]
    row = next(r for r in rows if r["number"] == sent.document.symbol)
    figures = row["figures"]
    assert row["year"] == 2023 and row["recipient"] == "UBND quận Hà Đông"
    assert figures["tasks"]["total"] == 30 and figures["tasks"]["done_in_time"] == 22
    assert figures["tasks"]["percent_in_time"] == 73.3
    assert figures["par"]["index"] == "92.25" and figures["par"]["met"] is True
    assert (figures["sipas"]["rank"], figures["sipas"]["group_size"]) == (1, 2)
    assert figures["awards"]["bonus_total"] == 1_620_000
    assert [(a["name"], a["form"], a["amount"]) for a in figures["awards"]["awardees"]] == [
        (name, "Giấy khen", int(amount.replace(".", ""))) for name, amount in AWARDEES
    ]
    assert figures["awards"]["decisions"] == [{"symbol": "21/QĐ-UBND", "date": "2023-12-15"}]
    assert row["docx_url"].endswith(f"/documents/{sent.document_id}/docx/")
    assert client_as("capquan").get(row["docx_url"]).status_code == 200


@pytest.mark.django_db
def test_the_district_does_not_see_a_draft_until_it_is_sent(movement, user, client_as):
    report = reporting.draft_report(user("vanphong"), movement, D(2023, 12, 28))
    district = client_as("capquan")

    def numbers(client) -> list:
        return [r["id"] for r in client.get("/api/v1/movement-reports/").json()["results"]]

    assert report.pk not in numbers(district)
    assert report.pk in numbers(client_as("vanphong"))
    page = district.get(f"/council/movements/{movement.pk}/report/").content.decode()
    assert "Đơn vị chưa gửi báo cáo" in page and f"/documents/{report.document_id}/" not in page
    reporting.send_report(user("vanphong"), report)
    assert report.pk in numbers(district)
    page = district.get(f"/council/movements/{movement.pk}/report/").content.decode()
    assert f"/documents/{report.document_id}/docx/" in page
    assert "92,25" in page and "86,82%" in page and "hạng 1/2 — đạt mục tiêu" in page


@pytest.mark.django_db
def test_participants_are_those_who_registered_were_proposed_or_carry_out_a_task(movement, user):
    def counted() -> tuple[int, int]:
        p = reporting.movement_figures(movement)["participants"]
        return p["collectives"], p["individuals"]

    units, people = counted()
    organisation = movement.organisation
    # Not every person of the ward: only those in this movement.
    assert people < Person.objects.filter(organisation=organisation, is_active=True).count()

    newcomer = Person.objects.create(
        organisation=organisation, family_name="Đinh Văn", given_name="Khải", gender="male"
    )
    Registration.objects.create(
        movement=movement,
        target="individual",
        person=newcomer,
        pledges="Hoàn thành đúng hạn các nhiệm vụ CCHC được giao",
        registered_on=D(2023, 3, 10),
        registered_by=user("vanphong"),
    )
    assert counted() == (units, people + 1)
    task = movement_tasks(movement).first()
    task.performers.add(newcomer)  # registered and performing: still one person
    assert counted() == (units, people + 1)

    leadership = Unit.objects.get(organisation=organisation, name="Lãnh đạo UBND phường")
    task.cooperating_units.add(leadership)  # the leadership does not compete
    assert counted() == (units, people + 1)

    # A competing unit with nothing in this movement is not counted…
    unit = Unit.objects.create(organisation=organisation, name="Tổ dân phố số 9", kind="committee")
    proposal = Nomination.objects.create(
        movement=movement,
        award_form=movement.award_forms.get(form="Giấy khen"),
        target="collective",
        unit=unit,
        proposing_unit=unit,
        proposed_by=user("vanphong"),
        status=NominationStatus.DRAFT,
    )
    assert counted() == (units, people + 1)  # …nor with a proposal never sent
    proposal.status = NominationStatus.SUBMITTED
    proposal.save()
    assert counted() == (units + 1, people + 1)
