"""In a real browser: the one-stop head reports with evidence, the Office returns it with
a reason, the head resubmits, the Office accepts and rates it, and the ranking changes;
the Office of another ward sees none of it."""

import datetime
import os

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from thidua.demo.tasks import text_pdf
from thidua.movements.models import Movement
from thidua.orgs.models import Unit
from thidua.plans.models import Plan
from thidua.tasks.calendar import calendar_for, due_date
from thidua.tasks.models import ParField, Task

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser
ONE_STOP = "Bộ phận tiếp nhận và trả kết quả"


@pytest.fixture
def task(live, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    plan = Plan.objects.get(organisation__code="mo-lao", number="17/KH-UBND")
    unit = Unit.objects.get(organisation=plan.organisation, name=ONE_STOP)
    deadline = datetime.date(2023, 6, 30)
    task = Task.objects.create(
        organisation=plan.organisation,
        plan=plan,
        number="9.9",
        content="Tiếp nhận hồ sơ hộ tịch qua dịch vụ bưu chính công ích",
        par_field=ParField.objects.get(code="tthc"),
        lead_unit=unit,
        deadline=deadline,
        due_on=due_date(calendar_for(plan.organisation_id), deadline),
    )
    task.performers.set(unit.people.filter(performs_cchc=True))
    return task


def one_stop_score(page, base_url: str, movement: Movement) -> str:
    page.goto(f"{base_url}/scoring/movements/{movement.pk}/?target=collective")
    row = page.locator("table.ranking-table tr", has_text=ONE_STOP)
    return row.locator("td").nth(2).inner_text()


def submit_report(page, base_url: str, task: Task, evidence) -> None:
    page.goto(f"{base_url}/tasks/{task.pk}/report/")
    page.get_by_label("Đã hoàn thành").check()
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    page.get_by_label("Ngày hoàn thành").fill("28/06/2023")
    page.get_by_label("Kết quả thực hiện").fill("Đã tiếp nhận 42 hồ sơ qua bưu điện trong tháng 6.")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url(f"{base_url}/tasks/{task.pk}/")


def test_report_return_resubmit_accept_and_the_ranking_moves(live, page_factory, task, tmp_path):
    movement = Movement.objects.get(organisation__code="mo-lao", year=2023)
    evidence = tmp_path / "bao-cao-buu-dien.pdf"
    evidence.write_bytes(text_pdf("Bao cao", ["42 ho so qua buu dien"]))

    office = page_factory(DESKTOP)
    log_in(office, live.url, "vanphong")
    before = one_stop_score(office, live.url, movement)

    head = page_factory(PHONE)
    log_in(head, live.url, "truongmotcua")
    submit_report(head, live.url, task, evidence)
    assert "Chờ Văn phòng xem xét" in head.content()
    assert head.get_by_role("link", name="bao-cao-buu-dien.pdf").is_visible()
    screenshot(head, "task-report-submitted-phone")

    office.goto(f"{live.url}/tasks/{task.pk}/")
    office.get_by_label("Trả lại để bổ sung").check()
    office.get_by_label("Lý do trả lại").fill("Thiếu danh sách hồ sơ kèm theo; đề nghị bổ sung.")
    office.get_by_role("button", name="Ghi kết quả xem xét").click()
    office.wait_for_url(f"{live.url}/tasks/{task.pk}/")
    assert "Thiếu danh sách hồ sơ kèm theo" in office.content()

    head.goto(f"{live.url}/notifications/")
    assert "Báo cáo nhiệm vụ 9.9 bị trả lại" in head.content()
    submit_report(head, live.url, task, evidence)

    office.goto(f"{live.url}/tasks/{task.pk}/")
    office.get_by_label("Chấp nhận").check()
    office.get_by_label("Chất lượng").select_option(label="Tốt")
    office.get_by_role("button", name="Ghi kết quả xem xét").click()
    office.wait_for_url(f"{live.url}/tasks/{task.pk}/")
    assert "chất lượng: Tốt" in office.locator("#main").inner_text()
    assert "Sớm 2 ngày làm việc" in office.content()
    screenshot(office, "task-accepted-desktop")

    after = one_stop_score(office, live.url, movement)
    assert after != before
    assert float(after.replace(",", ".")) > float(before.replace(",", "."))
    screenshot(office, "ranking-after-desktop")

    other = page_factory(DESKTOP)
    log_in(other, live.url, "vanquan")
    for url in (f"/tasks/{task.pk}/", f"/scoring/movements/{movement.pk}/"):
        response = other.goto(f"{live.url}{url}")
        assert response.status == 404, url
    other.goto(f"{live.url}/tasks/")
    assert "bưu chính công ích" not in other.content() and "Mộ Lao" not in other.content()
