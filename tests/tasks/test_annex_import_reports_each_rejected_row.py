"""The Office imports plan 17's task annex from Excel; each rejected row says why."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.audit.models import ActionLog
from thidua.plans.models import Plan
from thidua.tasks.importer import parse_deadline
from thidua.tasks.models import Recurrence, Task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
]
ROWS = [
    ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None, None, None],
    [
        "20.1",
        "Rà soát quy trình nội bộ giải quyết TTHC lĩnh vực đất đai",
        "Địa chính - Xây dựng - Đô thị và Môi trường",
        "Bộ phận tiếp nhận và trả kết quả; Tư pháp",
        "Quý II",
        "Quy trình nội bộ",
    ],
    [
        "20.2",
        "Công khai kết quả giải quyết hồ sơ trên cổng dịch vụ công",
        "bo phan tiep nhan va tra ket qua",
        "Các bộ phận liên quan",
        "30/9/2023",
        "Kết quả công khai",
    ],
    ["20.3", "Nhiệm vụ của phòng không có", "Phòng Không Có", "", "Quý V", ""],
    ["20.4", "", "Tư pháp - Hộ tịch", "Ban Không Tồn Tại", "31/02/2023", ""],
    ["II", "CHÍNH QUYỀN SỐ", None, None, None, None],
    [
        "20.5",
        "Hướng dẫn người dân nộp hồ sơ trực tuyến",
        "Đoàn Thanh niên phường",
        "",
        "Thường xuyên",
        "Số lượt hướng dẫn",
    ],
    ["20.5", "Dòng trùng số thứ tự", "Đoàn Thanh niên phường", "", "Quý IV", ""],
]


def annex(rows=ROWS, title=True) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023"])
        sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("phu-luc.xlsx", buffer.getvalue(), content_type=XLSX)


@pytest.fixture
def plan17(demo):
    return Plan.objects.get(organisation=demo["mo_lao"], number="17/KH-UBND")


@pytest.mark.django_db
def test_valid_rows_become_tasks_and_each_rejected_row_says_why(client_as, plan17):
    response = client_as("vanphong").post("/tasks/import/", {"plan": plan17.pk, "file": annex()})
    assert response.status_code == 200
    report = response.context["report"]
    rejected = {r.number: " ".join(r.errors) for r in report.rejected}
    # Rows are numbered as Excel shows them: title, blank line, header, then data from row 4.
    assert set(rejected) == {7, 8, 11}
    assert "Không có đơn vị chủ trì “Phòng Không Có”" in rejected[7]
    assert "Quý V" in rejected[7]
    assert "Thiếu nội dung nhiệm vụ" in rejected[8] and "“Ban Không Tồn Tại”" in rejected[8]
    assert "31/02/2023" in rejected[8]
    assert "STT 20.5 bị lặp" in rejected[11]
    land = Task.objects.get(plan=plan17, number="20.1")
    assert land.lead_unit.name.startswith("Địa chính")
    assert land.deadline == datetime.date(2023, 6, 30)
    assert land.par_field.code == "tthc"
    assert {u.name for u in land.cooperating_units.all()} == {
        "Bộ phận tiếp nhận và trả kết quả",
        "Tư pháp - Hộ tịch",
    }
    public = Task.objects.get(plan=plan17, number="20.2")
    assert public.lead_unit.name == "Bộ phận tiếp nhận và trả kết quả"
    assert public.cooperating_units.count() >= 8  # "các bộ phận liên quan": every unit
    online = Task.objects.get(plan=plan17, number="20.5")
    assert online.par_field.code == "chinh-quyen-so"
    assert online.recurrence == Recurrence.QUARTERLY and online.deadline.month == 12
    content = response.content.decode()
    assert "Lý do từ chối" in content and "Phòng Không Có" in content
    log = ActionLog.objects.filter(action="tasks.imported").latest("at")
    assert log.data["accepted"] == 3 and len(log.data["rejected"]) == 3


@pytest.mark.django_db
def test_importing_the_same_annex_twice_creates_no_task_twice(client_as, plan17):
    client = client_as("vanphong")
    client.post("/tasks/import/", {"plan": plan17.pk, "file": annex()})
    count = Task.objects.count()
    client.post("/tasks/import/", {"plan": plan17.pk, "file": annex()})
    assert Task.objects.count() == count


@pytest.mark.django_db
def test_a_sheet_without_the_deadline_column_is_refused_and_nothing_is_saved(client_as, plan17):
    rows = [[r[0], r[1], r[2]] for r in ROWS]
    workbook = Workbook()
    workbook.active.append(HEADER[:3])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    count = Task.objects.count()
    response = client_as("vanphong").post(
        "/tasks/import/",
        {"plan": plan17.pk, "file": SimpleUploadedFile("a.xlsx", buffer.getvalue(), XLSX)},
    )
    assert "Thiếu cột: Thời gian hoàn thành" in response.content.decode()
    assert Task.objects.count() == count


@pytest.mark.django_db
def test_a_unit_head_cannot_import_and_another_ward_cannot_use_mo_laos_plan(client_as, plan17):
    assert client_as("truongmotcua").get("/tasks/import/").status_code == 403
    response = client_as("vanquan").post("/tasks/import/", {"plan": plan17.pk, "file": annex()})
    assert response.status_code == 200
    assert "plan" in response.context["form"].errors
    assert not Task.objects.filter(plan=plan17, number="20.1").exists()


def test_deadlines_are_read_the_way_annexes_write_them():
    assert parse_deadline("Quý I", 2023) == (datetime.date(2023, 3, 31), None)
    assert parse_deadline("Quý IV/2024", 2023) == (datetime.date(2024, 12, 31), None)
    assert parse_deadline("Tháng 2", 2024) == (datetime.date(2024, 2, 29), None)
    assert parse_deadline("Trước ngày 15/7", 2023) == (datetime.date(2023, 7, 15), None)
    assert parse_deadline("6 tháng đầu năm", 2023) == (datetime.date(2023, 6, 30), None)
    assert parse_deadline("Hằng tháng", 2023) == (datetime.date(2023, 12, 31), "monthly")
    assert parse_deadline("Năm 2023", 2023) == (datetime.date(2023, 12, 31), None)
    with pytest.raises(ValueError, match="Không hiểu thời gian hoàn thành"):
        parse_deadline("sớm nhất có thể", 2023)
