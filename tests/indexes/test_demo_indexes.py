import pytest
from django.apps import apps
from django.conf import settings

from thidua.demo.services import load_demo
from thidua.indexes.models import ParEvidence, SipasResponse


def sizes() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_app_config("indexes").get_models()
    }


@pytest.mark.django_db
def test_the_demo_holds_mo_laos_2023_assessment_with_evidence_and_appraisal(assessment):
    assert assessment.status == "appraised"
    assert assessment.appraised_by.username == "capquan"
    assert ParEvidence.objects.filter(score__assessment=assessment).count() == 9
    assert not assessment.scores.filter(appraised_points__isnull=True).exists()
    assert assessment.scores.filter(unit__isnull=True).count() == 0


@pytest.mark.django_db
def test_the_demo_holds_2000_answers_over_2023_at_three_desks(demo):
    responses = SipasResponse.objects.filter(organisation=demo["mo_lao"])
    assert responses.count() == 2000
    assert responses.values("desk").distinct().count() == 3
    assert {r.year for r in responses.dates("day", "year")} == {2023}
    assert responses.dates("day", "month").count() == 12


@pytest.mark.django_db
def test_loading_the_demo_again_changes_no_index_table(demo):
    before = sizes()
    load_demo(settings.DEMO_PASSWORD)
    assert sizes() == before
