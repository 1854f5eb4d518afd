"""The demo holds plan 17/KH-UBND's tasks with a year of progress, and loads idempotently."""

import pytest
from django.apps import apps
from django.conf import settings

from thidua.demo.services import load_demo
from thidua.tasks.models import Evidence, ProgressReport, Task


def sizes() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"tasks", "notifications", "scoring"}
    }


@pytest.mark.django_db
def test_plan_17_has_realistic_tasks_across_the_par_fields(demo):
    tasks = Task.objects.filter(organisation=demo["mo_lao"], plan__number="17/KH-UBND")
    assert 25 <= tasks.count() <= 35
    assert tasks.values("par_field").distinct().count() == 7
    assert tasks.values("lead_unit").distinct().count() >= 9
    reports = ProgressReport.objects.filter(task__in=tasks)
    assert reports.filter(review_status="returned").count() >= 5
    assert tasks.filter(state="done").count() >= 25
    assert tasks.exclude(state="done").count() >= 2  # overdue ones
    late = [t for t in tasks if t.completed_on and t.completed_on > t.due_on]
    early = [t for t in tasks if t.completed_on and t.completed_on < t.due_on]
    assert len(late) >= 5 and len(early) >= 8
    assert Evidence.objects.filter(report__task__in=tasks).count() >= 25


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(demo):
    before = sizes()
    load_demo(settings.DEMO_PASSWORD)
    assert sizes() == before
