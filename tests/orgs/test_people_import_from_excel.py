"""The Office imports people from an Excel sheet, with a row-by-row report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.audit.models import ActionLog
from thidua.orgs.models import Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    ws = workbook.active
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Giới tính",
            "Năm sinh",
            "Chức vụ",
            "Đơn vị",
            "Trực tiếp thực hiện CCHC",
        ]
    )
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("can-bo.xlsx", buffer.getvalue(), content_type=XLSX)


ROWS = [
    [1, "Trần Thị Bích", "Nữ", 1990, "Công chức", "Tư pháp - Hộ tịch", "x"],
    [2, "Lý Văn Cảnh", "Nam", 1985, "Nhân viên", "tu phap - ho tich", ""],
    [3, "Hùng", "Nam", 1980, "", "Tư pháp - Hộ tịch", ""],
    [4, "Đào Thị Mơ", "Không rõ", 1990, "", "Tư pháp - Hộ tịch", ""],
    [5, "Vi Văn Tài", "Nam", 1850, "", "Phòng Không Có", ""],
]


@pytest.mark.django_db
def test_valid_rows_are_saved_and_each_rejected_row_says_why(client_as, demo):
    response = client_as("vanphong").post("/orgs/people/import/", {"file": sheet(ROWS)})
    assert response.status_code == 200
    report = response.context["report"]
    assert [r.number for r in report.accepted] == [2, 3]
    rejected = {r.number: " ".join(r.errors) for r in report.rejected}
    assert "họ và tên đầy đủ" in rejected[4]
    assert "Giới tính “Không rõ”" in rejected[5]
    assert "Năm sinh “1850”" in rejected[6] and "Không có đơn vị “Phòng Không Có”" in rejected[6]
    bich = Person.objects.get(organisation=demo["mo_lao"], given_name="Bích")
    assert bich.performs_cchc and bich.unit.name == "Tư pháp - Hộ tịch"
    content = response.content.decode()
    assert "Lý do từ chối" in content and "Không rõ" in content
    entry = ActionLog.objects.filter(action="people.imported").latest("at")
    assert entry.actor.username == "vanphong" and entry.data["accepted"] == 2


@pytest.mark.django_db
def test_importing_the_same_sheet_twice_creates_nobody_twice(client_as, demo):
    client = client_as("vanphong")
    client.post("/orgs/people/import/", {"file": sheet(ROWS)})
    count = Person.objects.count()
    client.post("/orgs/people/import/", {"file": sheet(ROWS)})
    assert Person.objects.count() == count


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_refused_and_changes_nothing(client_as):
    count = Person.objects.count()
    fake = SimpleUploadedFile("can-bo.xlsx", b"%PDF-1.4 a pdf named .xlsx", content_type=XLSX)
    response = client_as("vanphong").post("/orgs/people/import/", {"file": fake})
    assert response.status_code == 200
    assert "Tệp không phải bảng tính Excel" in response.content.decode()
    assert Person.objects.count() == count


@pytest.mark.django_db
def test_an_executable_named_xlsx_is_refused(client_as):
    count = Person.objects.count()
    fake = SimpleUploadedFile("can-bo.xlsx", b"MZ\x90\x00 this is an executable", content_type=XLSX)
    response = client_as("vanphong").post("/orgs/people/import/", {"file": fake})
    assert "không được phép tải lên" in response.content.decode()
    assert Person.objects.count() == count


@pytest.mark.django_db
def test_a_sheet_without_the_name_column_is_refused_with_the_missing_column(client_as):
    workbook = Workbook()
    workbook.active.append(["Giới tính", "Đơn vị"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("x.xlsx", buffer.getvalue(), content_type=XLSX)
    response = client_as("vanphong").post("/orgs/people/import/", {"file": upload})
    assert "Thiếu cột: Họ và tên" in response.content.decode()


@pytest.mark.django_db
def test_staff_cannot_import_people(client_as):
    assert client_as("canbo").get("/orgs/people/import/").status_code == 403


@pytest.mark.django_db
def test_the_template_lists_the_wards_units(client_as):
    from openpyxl import load_workbook

    response = client_as("vanphong").get("/orgs/people/import/template.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    units = [row[0] for row in workbook["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert "Bộ phận tiếp nhận và trả kết quả" in units
