"""The Office accepts a report, or returns it with a reason; the unit answers; history stays."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.notifications.models import Notification
from thidua.tasks import services
from thidua.tasks.models import ProgressReport, QualityLevel

from .conftest import pdf_file


def done_report(user, task, day=datetime.date(2023, 6, 28)):
    return services.submit_report(
        user("truongmotcua"),
        task,
        state="done",
        percent_done=100,
        completed_on=day,
        text="Đã hoàn thành, gửi kèm báo cáo.",
        files=[pdf_file()],
    )


@pytest.mark.django_db
def test_return_with_reason_then_resubmit_then_accept_with_quality(client_as, user, new_task):
    task = new_task()
    first = done_report(user, task)
    office = client_as("vanphong")
    response = office.post(
        f"/tasks/reports/{first.pk}/review/", {"decision": "return", "reason": "ngắn"}
    )
    first.refresh_from_db()
    assert first.review_status == "submitted"  # a reason of 4 letters changes nothing
    office.post(
        f"/tasks/reports/{first.pk}/review/",
        {"decision": "return", "reason": "Thiếu ảnh chụp quầy tiếp nhận; đề nghị bổ sung."},
    )
    first.refresh_from_db()
    assert first.review_status == "returned" and first.reviewed_by.username == "vanphong"
    assert Notification.objects.filter(
        recipient__username="truongmotcua", title__contains="bị trả lại"
    ).exists()
    second = done_report(user, task)
    assert second.answers == first
    good = QualityLevel.objects.get(organisation=task.organisation, name="Tốt")
    response = office.post(
        f"/tasks/reports/{second.pk}/review/", {"decision": "accept", "quality": good.pk}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.state, task.percent_done, task.quality) == ("done", 100, good)
    assert task.completed_on == datetime.date(2023, 6, 28)
    history = list(ProgressReport.objects.filter(task=task).order_by("submitted_at"))
    assert [r.review_status for r in history] == ["returned", "accepted"]
    page = client_as("truongmotcua").get(f"/tasks/{task.pk}/").content.decode()
    assert "Thiếu ảnh chụp quầy tiếp nhận" in page and "chất lượng: <strong>Tốt</strong>" in page


@pytest.mark.django_db
def test_a_completion_cannot_be_accepted_without_a_quality_rating(user, new_task):
    report = done_report(user, new_task())
    with pytest.raises(ValidationError, match="mức chất lượng"):
        services.accept_report(user("vanphong"), report, None)
    report.refresh_from_db()
    assert report.review_status == "submitted"


@pytest.mark.django_db
def test_only_the_office_reviews(client_as, user, new_task):
    report = done_report(user, new_task())
    response = client_as("truongmotcua").post(
        f"/tasks/reports/{report.pk}/review/", {"decision": "accept"}
    )
    assert response.status_code == 403
    assert (
        client_as("vanquan")
        .post(f"/tasks/reports/{report.pk}/review/", {"decision": "accept"})
        .status_code
        == 404
    )
    report.refresh_from_db()
    assert report.review_status == "submitted"


@pytest.mark.django_db
def test_a_second_report_waits_for_the_review_of_the_first(user, new_task):
    task = new_task()
    done_report(user, task)
    with pytest.raises(ValidationError, match="chờ Văn phòng xem xét"):
        done_report(user, task)


@pytest.mark.django_db
def test_the_office_edits_the_quality_scale(client_as, demo):
    office = client_as("vanphong")
    response = office.post(
        "/tasks/quality/", {"levels": "Xuất sắc = 100\nTốt = 85\nĐạt = 60\nKhông đạt = 0"}
    )
    assert response.status_code == 302
    active = QualityLevel.objects.filter(organisation=demo["mo_lao"], is_active=True)
    assert [(q.name, q.points) for q in active.order_by("position")] == [
        ("Xuất sắc", 100),
        ("Tốt", 85),
        ("Đạt", 60),
        ("Không đạt", 0),
    ]
    # "Khá" was used in the demo's reviews: kept, inactive, so old ratings keep their meaning.
    assert QualityLevel.objects.get(organisation=demo["mo_lao"], name="Khá").is_active is False
    bad = office.post("/tasks/quality/", {"levels": "Tốt 100"})
    assert "ghi dạng “tên = điểm”" in bad.content.decode()
    assert client_as("vanquan").get("/tasks/quality/").status_code == 200  # its own scale
    assert "Xuất sắc" not in client_as("vanquan").get("/tasks/quality/").content.decode()
