"""A unit reports progress with evidence files; files are checked by content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.audit.models import ActionLog
from thidua.tasks.models import Evidence, ProgressReport

from .conftest import pdf_file, png_file


@pytest.mark.django_db
def test_the_unit_head_reports_with_a_pdf_and_a_photo(client_as, new_task, private_media):
    task = new_task()
    response = client_as("truongmotcua").post(
        f"/tasks/{task.pk}/report/",
        {
            "state": "done",
            "percent_done": "100",
            "completed_on": "28/06/2023",
            "text": "Đã triển khai tiếp nhận qua bưu điện tại quầy.",
            "files": [pdf_file(), png_file()],
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.review_status == "submitted" and report.completed_on.day == 28
    kinds = sorted(report.evidence.values_list("kind", flat=True))
    assert kinds == ["pdf", "png"]
    stored = report.evidence.get(kind="pdf")
    # Stored under a random name in the ward's private folder, never under the user's name.
    assert stored.file.name.startswith(f"evidence/{task.organisation_id}/")
    assert "bao-cao" not in stored.file.name
    assert (private_media / stored.file.name).read_bytes().startswith(b"%PDF-")
    assert ActionLog.objects.filter(
        action="tasks.report_submitted", object_id=str(report.pk)
    ).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "chương trình chạy được"),
        ("script.png", b"#!/bin/sh\nrm -rf /\n", "chương trình chạy được"),
        ("ghi-chu.pdf", b"just some text pretending", "Tệp không phải PDF"),
    ],
)
@pytest.mark.django_db
def test_executables_and_disguised_files_are_refused_and_nothing_is_saved(
    client_as, new_task, name, content, message
):
    task = new_task()
    response = client_as("truongmotcua").post(
        f"/tasks/{task.pk}/report/",
        {
            "state": "in_progress",
            "percent_done": "50",
            "text": "Đang triển khai thí điểm tại quầy.",
            "files": [SimpleUploadedFile(name, content, "application/pdf")],
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert message in errors and name in errors
    assert not ProgressReport.objects.filter(task=task).exists()
    assert not Evidence.objects.filter(report__task=task).exists()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(client_as, new_task, settings):
    settings.THIDUA_MAX_UPLOAD_BYTES = 1024
    task = new_task()
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 4096, "application/pdf")
    response = client_as("truongmotcua").post(
        f"/tasks/{task.pk}/report/",
        {
            "state": "in_progress",
            "percent_done": "20",
            "text": "Đang chuẩn bị.......",
            "files": [big],
        },
    )
    assert "Tệp quá lớn" in " ".join(response.context["form"].non_field_errors())
    assert not ProgressReport.objects.filter(task=task).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"state": "done", "percent_done": "80", "completed_on": "28/06/2023"}, "100%"),
        ({"state": "done", "percent_done": "100"}, "Hãy ghi ngày hoàn thành"),
        ({"state": "done", "percent_done": "100", "completed_on": "01/01/2099"}, "ở tương lai"),
        ({"state": "in_progress", "percent_done": "100"}, "Tỷ lệ 100%"),
        (
            {"state": "in_progress", "percent_done": "40", "completed_on": "01/06/2023"},
            "Chỉ ghi ngày",
        ),
    ],
)
@pytest.mark.django_db
def test_inconsistent_reports_are_refused_with_a_clear_message(client_as, new_task, data, message):
    task = new_task()
    response = client_as("truongmotcua").post(
        f"/tasks/{task.pk}/report/", {**data, "text": "Nội dung báo cáo đầy đủ."}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressReport.objects.filter(task=task).exists()


@pytest.mark.django_db
def test_only_the_lead_unit_performers_and_office_may_report(client_as, new_task):
    task = new_task()
    assert client_as("hoidong2").get(f"/tasks/{task.pk}/report/").status_code == 403
    assert client_as("canbo").get(f"/tasks/{task.pk}/report/").status_code == 200
    assert client_as("vanphong").get(f"/tasks/{task.pk}/report/").status_code == 200


@pytest.mark.django_db
def test_another_wards_user_gets_404_on_the_task_and_its_report_form(client_as, new_task):
    task = new_task()
    client = client_as("vanquan")
    assert client.get(f"/tasks/{task.pk}/").status_code == 404
    assert client.get(f"/tasks/{task.pk}/report/").status_code == 404
    response = client.post(
        f"/tasks/{task.pk}/report/",
        {"state": "in_progress", "percent_done": "10", "text": "Thử gửi từ phường khác."},
    )
    assert response.status_code == 404
    assert not ProgressReport.objects.filter(task=task).exists()
