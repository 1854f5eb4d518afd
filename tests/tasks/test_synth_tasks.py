"""The benchmark's synthetic tasks: the requested counts, the same rows on every run, and
task summaries that agree with the reports the Office accepted."""

from __future__ import annotations

import functools
import hashlib

import pytest

from thidua.core.uploads import sniff
from thidua.demo import synth
from thidua.demo.synth import SynthSize, synthesise
from thidua.orgs.models import Organisation, Unit
from thidua.tasks.models import Evidence, ProgressReport, ReviewStatus, Task, TaskState
from thidua.tasks.synth import add_tasks


def _ward_rows(prefix: str) -> list[tuple]:
    ward = Organisation.objects.get(code=f"{prefix}-00001")
    rows = []
    for task in Task.objects.filter(organisation=ward).order_by("sort_key"):
        reports = list(task.reports.order_by("submitted_at", "id"))
        rows.append(
            (
                task.number,
                task.content,
                task.deadline,
                task.state,
                task.completed_on,
                task.lead_unit.name,
                sorted(p.full_name for p in task.performers.all()),
                [(r.state, r.percent_done, r.review_status) for r in reports],
            )
        )
    return rows


@pytest.mark.django_db
def test_the_hook_adds_the_requested_tasks_and_reports_the_same_way_each_time(
    monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    hook = functools.partial(add_tasks, tasks=9, reports_per_task=4)
    monkeypatch.setattr(synth, "WARD_HOOKS", [hook])
    for prefix in ("synthtest-a", "synthtest-b"):
        synthesise(
            SynthSize(
                wards=1,
                people_per_ward=12,
                units_per_ward=15,
                city_code=f"{prefix}-city",
                prefix=prefix,
            )
        )

    ward = Organisation.objects.get(code="synthtest-a-00001")
    assert Unit.objects.filter(organisation=ward).count() == 15
    tasks = Task.objects.filter(organisation=ward)
    assert tasks.count() == 9
    assert ProgressReport.objects.filter(task__organisation=ward).count() == 9 * 4
    assert all(t.deadline.year == 2023 and t.performers.exists() for t in tasks)
    # Same seed, same rows: the two wards are identical but for their ids.
    assert _ward_rows("synthtest-a") == _ward_rows("synthtest-b")

    for task in tasks:
        accepted = task.reports.filter(review_status=ReviewStatus.ACCEPTED).order_by(
            "-submitted_at"
        )[0]
        assert (task.state, task.percent_done, task.completed_on) == (
            accepted.state,
            accepted.percent_done,
            accepted.completed_on,
        )
        assert (task.quality_id is not None) == (task.state == TaskState.DONE)
    # Every returned report is answered by a later one.
    for returned in ProgressReport.objects.filter(
        task__organisation=ward, review_status=ReviewStatus.RETURNED
    ):
        assert returned.answered_by.get().submitted_at > returned.submitted_at

    # Each accepted completion report carries its evidence, a real file of the size and
    # hash recorded, as an upload would leave it.
    done = ProgressReport.objects.filter(
        task__organisation=ward, state=TaskState.DONE, review_status=ReviewStatus.ACCEPTED
    )
    evidence = list(Evidence.objects.filter(report__task__organisation=ward))
    assert done.exists() and sorted(e.report_id for e in evidence) == sorted(
        done.values_list("pk", flat=True)
    )
    for item in evidence:
        content = item.file.read()
        assert content.startswith(b"%PDF-") and sniff(content) == item.kind == "pdf"
        assert (len(content), hashlib.sha256(content).hexdigest()) == (item.size, item.sha256)
        assert item.organisation_id == ward.pk and item.uploaded_at == item.report.submitted_at

    # Running the hook again on the same ward adds nothing.
    units = list(Unit.objects.filter(organisation=ward))
    add_tasks(ward, units, [], None, tasks=9, reports_per_task=4)
    assert Task.objects.filter(organisation=ward).count() == 9
