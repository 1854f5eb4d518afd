"""A criteria set says which survey-based criterion is measured from the ward's SIPAS index
(``source: sipas``, optional ``min_sample``); anything else is refused with the fix."""

import pytest

from thidua.indexes.loader import DataFileError, load_file
from thidua.indexes.models import SIPAS_MIN_SAMPLE, ParCriterion, ParFramework

HEAD = (
    "kind: par_framework\ncode: t\nversion: '1'\nprovince: ha-noi\nyear: 2030\n"
    "title: T\nsource: S\ncriteria:\n  - code: '1'\n    title: A\n    children:\n"
)


@pytest.mark.django_db
def test_the_ha_noi_sets_measure_citizen_satisfaction_from_sipas_and_nothing_else(demo):
    sourced = {
        (c.framework.code, c.code, c.min_sample)
        for c in ParCriterion.objects.filter(source="sipas").select_related("framework")
    }
    assert sourced == {
        ("ha-noi-commune-2023", "3.6", 100),
        ("ha-noi-commune-2025", "3.2", SIPAS_MIN_SAMPLE),
    }
    impact = ParCriterion.objects.get(framework__code="ha-noi-commune-2025", code="8.1")
    assert impact.method == "survey" and impact.source == ""


@pytest.mark.django_db
def test_min_sample_from_the_file_is_loaded(demo, tmp_path):
    path = tmp_path / "par.yaml"
    path.write_text(
        HEAD + "      - {code: '1.1', title: B, max: 4, method: survey, source: sipas, "
        "min_sample: 250}\n",
        encoding="utf-8",
    )
    load_file(path)
    criterion = ParCriterion.objects.get(framework__code="t", code="1.1")
    assert (criterion.source, criterion.min_sample) == ("sipas", 250)


@pytest.mark.parametrize(
    ("leaf", "message"),
    [
        ("{code: '1.1', title: B, max: 4, method: self, source: sipas}", "method: survey"),
        ("{code: '1.1', title: B, max: 4, method: survey, source: papi}", "chỉ nhận giá trị sipas"),
        ("{code: '1.1', title: B, max: 4, method: survey, min_sample: 50}", "cùng “source: sipas”"),
        (
            "{code: '1.1', title: B, max: 4, method: survey, source: sipas, min_sample: 0}",
            "số nguyên dương",
        ),
    ],
)
@pytest.mark.django_db
def test_a_wrong_source_is_refused_and_nothing_is_loaded(demo, tmp_path, leaf, message):
    path = tmp_path / "par.yaml"
    path.write_text(HEAD + f"      - {leaf}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_file(path)
    assert not ParFramework.objects.filter(code="t").exists()
