"""The task list's filters and report counts: a task matching through several rows
(two cooperating units, two reports waiting) is listed once, with the right counts."""

import datetime
import re

import pytest

from thidua.orgs.models import Unit
from thidua.tasks.models import ProgressReport


def listed(client, query: str) -> list[str]:
    page = client.get(f"/tasks/?{query}").content.decode()
    return re.findall(r"<tr>\s*<td>([^<]+)</td>", page)


def add_reports(task, *statuses: str) -> None:
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=task,
            unit=task.lead_unit,
            submitted_at=datetime.datetime(2023, 5, 1 + i, 9, tzinfo=datetime.UTC),
            state="in_progress",
            percent_done=50,
            text="Đang làm",
            review_status=status,
            return_reason="Thiếu minh chứng" if status == "returned" else "",
        )
        for i, status in enumerate(statuses)
    )


@pytest.mark.django_db
def test_a_cooperating_unit_finds_the_task_once(client_as, demo, new_task):
    task = new_task("9.1")
    others = Unit.objects.filter(organisation=demo["mo_lao"], competes=True).exclude(
        pk=task.lead_unit_id
    )[:2]
    task.cooperating_units.set(others)
    client = client_as("vanphong")
    assert listed(client, f"unit={others[0].pk}&q=9.1") == ["9.1"]
    assert listed(client, f"unit={task.lead_unit_id}&q=9.1") == ["9.1"]
    assert listed(client, f"unit={others[0].pk}&q=bưu chính").count("9.1") == 1


@pytest.mark.django_db
def test_waiting_reports_find_the_task_once_and_are_counted(client_as, new_task):
    task = new_task("9.2")
    add_reports(task, "submitted", "submitted", "returned", "accepted")
    client = client_as("vanphong")
    assert listed(client, "pending=1&q=9.2") == ["9.2"]
    page = client.get("/tasks/?q=9.2").content.decode()
    row = page.split("<td>9.2</td>")[1].split("</tr>")[0]
    assert "<td>4 " in row and "chờ xem xét" in row and "1 trả lại" in row
    assert listed(client_as("vanquan"), "q=9.2") == []
