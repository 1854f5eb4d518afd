import pytest
from django.core.management import call_command

from thidua.orgs.models import Organisation, Person


def snapshot(prefix: str) -> list[tuple]:
    return list(
        Person.objects.filter(organisation__code__startswith=f"{prefix}-0")
        .order_by("organisation__code", "sort_name", "birth_year")
        .values_list("organisation__code", "family_name", "given_name", "birth_year", "unit__name")
    )


@pytest.mark.django_db
def test_synth_is_deterministic_and_adds_nothing_when_run_again(demo):
    call_command("synth", "--wards", "3", "--people", "5", "--prefix", "sa")
    first = snapshot("sa")
    assert len(first) == 15
    call_command("synth", "--wards", "3", "--people", "5", "--prefix", "sa")
    assert snapshot("sa") == first
    call_command("synth", "--wards", "3", "--people", "5", "--prefix", "sb")
    assert [row[1:] for row in snapshot("sb")] == [row[1:] for row in first]
    assert Organisation.objects.filter(code__startswith="sa-0", level="commune").count() == 3


@pytest.mark.django_db
def test_synth_gives_each_ward_tasks_indexes_and_the_award_chain(demo, settings, tmp_path):
    """The command installs every domain's hook, at the sizes it is given."""
    from thidua.council.models import Meeting
    from thidua.documents.models import Document
    from thidua.indexes.models import ParAssessment, SipasResponse
    from thidua.nominations.models import Nomination
    from thidua.tasks.models import Evidence, ProgressReport, Task

    settings.MEDIA_ROOT = tmp_path
    call_command(
        "synth", "--wards", "2", "--people", "12", "--tasks", "5", "--reports", "3",
        "--sipas", "40", "--nominations", "4", "--prefix", "sc",
    )  # fmt: skip
    wards = list(Organisation.objects.filter(code__startswith="sc-0", level="commune"))
    assert len(wards) == 2
    for ward in wards:
        assert Task.objects.filter(organisation=ward).count() == 5
        assert ProgressReport.objects.filter(task__organisation=ward).count() == 5 * 3
        assert SipasResponse.objects.filter(organisation=ward).count() == 40
        assert ParAssessment.objects.filter(organisation=ward, status="appraised").count() == 1
        assert Nomination.objects.filter(movement__organisation=ward).count() == 4
        assert Meeting.objects.filter(organisation=ward, closed_at__isnull=False).count() == 1
        assert Document.objects.filter(
            organisation=ward, doc_type="QĐ", status="issued", number__isnull=False
        ).exists()
    # Evidence files are real files under MEDIA_ROOT.
    assert Evidence.objects.filter(organisation__in=wards).exists()
    assert any(tmp_path.rglob("*.pdf"))
