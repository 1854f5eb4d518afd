from decimal import Decimal

import pytest
from django.core.management import call_command

from thidua.indexes.loader import DataFileError, load_all, load_file
from thidua.indexes.models import Method, ParCriterion, ParFramework, SipasQuestionnaire


@pytest.mark.django_db
def test_the_ha_noi_ward_sets_total_100_points_and_say_their_weights_are_placeholders(demo):
    for code, fields in (("ha-noi-commune-2023", 7), ("ha-noi-commune-2025", 9)):
        framework = ParFramework.objects.get(code=code)
        assert framework.max_points == Decimal(100)
        assert framework.placeholder is True
        assert "TẠM" in framework.placeholder_note
        assert "QĐ" in framework.source or "Quyết định" in framework.source
        assert ParCriterion.objects.filter(framework=framework, depth=0).count() == fields


@pytest.mark.django_db
def test_the_2025_set_has_a_signed_bonus_and_penalty_field_outside_the_100_points(demo):
    framework = ParFramework.objects.get(code="ha-noi-commune-2025")
    bonus = ParCriterion.objects.filter(framework=framework, method=Method.BONUS, is_leaf=True)
    assert {(c.min_points, c.max_points) for c in bonus} == {
        (Decimal(0), Decimal(3)),
        (Decimal(-3), Decimal(0)),
    }


@pytest.mark.django_db
def test_the_questionnaire_has_five_factors_on_a_five_level_scale_and_an_overall_question(demo):
    questionnaire = SipasQuestionnaire.objects.get(code="sipas-bnv-2023")
    assert questionnaire.factors.count() == 5
    assert questionnaire.scale[3:] == ["Hài lòng", "Rất hài lòng"]
    assert questionnaire.overall_text
    assert {p["code"] for p in questionnaire.profile} == {"gender", "age", "first_time"}


@pytest.mark.django_db
def test_loading_the_same_versions_again_changes_nothing(demo):
    assert all(changed is False for _, changed in load_all())
    call_command("load_index_data")


@pytest.mark.django_db
def test_an_unquoted_comma_in_a_criterion_text_is_refused_with_the_fix(demo, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "kind: sipas_questionnaire\ncode: bad\nversion: '1'\ntitle: T\nsource: S\n"
        "valid_from: 2024-01-01\nscale: [a, b, c, d, e]\n"
        "overall: {text: Chung, method: mean_of_factors}\n"
        "factors:\n  - code: '1'\n    title: F\n    criteria:\n"
        "      - {code: '1.1', text: Phí, lệ phí đúng quy định}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="ngoặc kép"):
        load_file(path)
    assert not SipasQuestionnaire.objects.filter(code="bad").exists()


@pytest.mark.django_db
def test_a_branch_whose_stated_maximum_differs_from_its_children_is_refused(demo, tmp_path):
    path = tmp_path / "par.yaml"
    path.write_text(
        "kind: par_framework\ncode: t\nversion: '1'\nprovince: ha-noi\nyear: 2030\n"
        "title: T\nsource: S\ncriteria:\n  - code: '1'\n    title: A\n    max: 5\n"
        "    children:\n      - {code: '1.1', title: B, max: 2, method: self}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="khác tổng"):
        load_file(path)
    assert not ParFramework.objects.filter(code="t").exists()
