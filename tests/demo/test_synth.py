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
