from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.nominations import records
from thidua.nominations.models import ConductRecord, QualityRating

pytestmark = pytest.mark.django_db


def sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue())


def test_quality_ratings_are_imported_and_each_bad_row_explained(demo, user, person):
    upload = sheet(
        [
            ["Họ và tên", "Năm sinh", "Tập thể", "Năm", "Xếp loại"],
            ["Lê Thị Mai", 1993, "", 2024, "Hoàn thành tốt nhiệm vụ"],
            ["", "", "Tư pháp - Hộ tịch", 2024, "Hoàn thành xuất sắc nhiệm vụ"],
            ["Người Không Có", "", "", 2024, "Hoàn thành tốt nhiệm vụ"],
            ["Vương Đình Phúc", "", "", 2024, "Giỏi"],
        ]
    )
    report = records.import_records(user("vanphong"), demo["mo_lao"], records.QUALITY, upload)
    assert len(report.accepted) == 2
    assert [r.number for r in report.rejected] == [4, 5]
    assert "Không có cán bộ “Người Không Có”" in report.rejected[0].errors[0]
    assert "Xếp loại “Giỏi” không hợp lệ" in report.rejected[1].errors[0]
    assert QualityRating.objects.get(person=person("Lê Thị Mai"), year=2024).rating == "good"
    again = records.import_records(
        user("vanphong"),
        demo["mo_lao"],
        records.QUALITY,
        sheet(
            [
                ["Họ và tên", "Năm sinh", "Tập thể", "Năm", "Xếp loại"],
                ["Lê Thị Mai", 1993, "", 2024, "Hoàn thành tốt nhiệm vụ"],
            ]
        ),
    )
    assert not again.accepted[0].created


def test_conduct_records_keep_their_dates(demo, user, person):
    upload = sheet(
        [
            ["Họ và tên", "Loại", "Nội dung", "Ngày bắt đầu", "Ngày kết thúc", "Hình thức kỷ luật"],
            [
                "Lê Thị Mai",
                "Khiếu nại",
                "Đơn khiếu nại về thời gian trả kết quả",
                "02/11/2023",
                "",
                "",
            ],
            ["Lê Thị Mai", "Kỷ luật", "Thử", "31/02/2023", "", "Treo"],
        ]
    )
    report = records.import_records(user("vanphong"), demo["mo_lao"], records.CONDUCT, upload)
    assert len(report.accepted) == 1
    errors = " ".join(report.rejected[0].errors)
    assert (
        "Ngày bắt đầu “31/02/2023” không hợp lệ" in errors and "Hình thức kỷ luật “Treo”" in errors
    )
    complaint = ConductRecord.objects.get(person=person("Lê Thị Mai"), kind="complaint")
    assert complaint.closed_on is None and complaint.opened_on.isoformat() == "2023-11-02"


def test_only_the_office_imports(demo, user):
    with pytest.raises(PermissionError):
        records.import_records(
            user("truongmotcua"), demo["mo_lao"], records.QUALITY, sheet([["Năm"]])
        )
