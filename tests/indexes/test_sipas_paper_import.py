import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from thidua.indexes.models import SipasResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled_template(client, rows) -> SimpleUploadedFile:
    template = client.get("/indexes/sipas/paper/template.xlsx")
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook["Phiếu giấy"]
    sheet.delete_rows(2)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("phieu.xlsx", buffer.getvalue(), content_type=XLSX)


@pytest.mark.django_db
def test_paper_forms_are_imported_once_and_bad_rows_explained(client_as, desk):
    client = client_as("vanphong")
    good = (
        ["T-1", "15/05/2023", desk.name, "Đăng ký khai sinh", "Lê Thị Mai", 5, 4, 3]
        + [""] * 19
        + [4]
    )
    bad = ["T-2", "31/02/2023", "Quầy không có", "", "", 9]
    response = client.post("/indexes/sipas/paper/", {"file": filled_template(client, [good, bad])})
    html = response.content.decode()
    assert "1 phiếu được nhập, 0 phiếu đã có (bỏ qua), 1 dòng bị từ chối" in html
    assert "Ngày “31/02/2023” không hợp lệ" in html and "Không có quầy “Quầy không có”" in html
    stored = SipasResponse.objects.get(paper_number="T-1")
    assert stored.channel == "paper" and stored.answers.count() == 3 and stored.overall == 4
    assert stored.staff.full_name == "Lê Thị Mai" and stored.day.isoformat() == "2023-05-15"

    again = client.post("/indexes/sipas/paper/", {"file": filled_template(client, [good])})
    assert "0 phiếu được nhập, 1 phiếu đã có (bỏ qua)" in again.content.decode()
    assert SipasResponse.objects.filter(paper_number="T-1").count() == 1


@pytest.mark.django_db
def test_a_file_that_is_not_excel_is_refused(client_as):
    upload = SimpleUploadedFile("phieu.xlsx", b"hello", content_type=XLSX)
    response = client_as("vanphong").post("/indexes/sipas/paper/", {"file": upload})
    assert "Tệp không phải bảng tính Excel" in response.content.decode()


@pytest.mark.django_db
def test_only_the_office_imports_and_another_ward_imports_only_into_itself(client_as):
    assert client_as("canbo").get("/indexes/sipas/paper/").status_code == 403
    page = client_as("vanquan").get("/indexes/sipas/paper/").content.decode()
    assert "Vào: UBND phường Văn Quán" in page
