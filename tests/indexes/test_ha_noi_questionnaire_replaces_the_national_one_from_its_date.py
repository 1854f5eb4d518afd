"""Hà Nội's own SIPAS questionnaire (QĐ 5997/QĐ-UBND) is data: a Hà Nội ward uses it from its
valid_from date, before that (and everywhere else) the national one stays in force."""

import datetime

import pytest

from thidua.indexes.models import SipasCriterion, SipasQuestionnaire, SipasResponse
from thidua.indexes.queries import questionnaire_for, sipas_index, year_range
from thidua.orgs.models import Organisation

D = datetime.date


@pytest.mark.django_db
def test_the_ha_noi_file_names_its_decision_and_marks_what_is_a_placeholder(demo):
    questionnaire = SipasQuestionnaire.objects.get(code="sipas-ha-noi-2025")
    assert questionnaire.province_code == "ha-noi"
    assert questionnaire.valid_from == D(2025, 12, 2)
    assert "5997/QĐ-UBND" in questionnaire.source and "1001/QĐ-BNV" in questionnaire.source
    assert "[U]" in questionnaire.source and "câu tạm" in questionnaire.source
    assert questionnaire.data_file == "sipas-ha-noi-2025.yaml"
    assert [f.code for f in questionnaire.factors.all()] == ["1", "2", "3", "4", "5"]
    assert questionnaire.scale[3:] == ["Hài lòng", "Rất hài lòng"]
    assert questionnaire.satisfied_min == 4
    assert "Đại diện tổ chức, doanh nghiệp" in questionnaire.profile[0]["options"]
    # Unknown wording stays as the national form's, code for code, so a year with both
    # forms (2025) merges its results by code.
    assert set(codes(questionnaire)) == set(
        codes(SipasQuestionnaire.objects.get(code="sipas-bnv-2023"))
    )


def codes(questionnaire):
    return SipasCriterion.objects.filter(factor__questionnaire=questionnaire).values_list(
        "factor__code", "code"
    )


@pytest.mark.django_db
def test_a_ha_noi_ward_gets_the_citys_questionnaire_from_its_valid_from_date(demo):
    ward = Organisation.objects.get(code="phuong-ha-dong")
    assert questionnaire_for(ward, D(2025, 12, 1)).code == "sipas-bnv-2023"
    assert questionnaire_for(ward, D(2025, 12, 2)).code == "sipas-ha-noi-2025"
    assert questionnaire_for(ward, D(2026, 6, 1)).code == "sipas-ha-noi-2025"


@pytest.mark.django_db
def test_a_ward_of_another_province_keeps_the_national_questionnaire(demo):
    province = Organisation.objects.create(
        code="hai-phong", level="province", kind="thành phố", name="Hải Phòng"
    )
    ward = Organisation.objects.create(
        code="phuong-test", level="commune", kind="phường", name="Thử", parent=province
    )
    assert questionnaire_for(ward, D(2026, 6, 1)).code == "sipas-bnv-2023"


@pytest.mark.django_db
def test_a_2023_mo_lao_survey_still_uses_the_2023_national_questionnaire(demo):
    mo_lao = demo["mo_lao"]
    assert questionnaire_for(mo_lao, D(2023, 6, 15)).code == "sipas-bnv-2023"
    used = set(
        SipasResponse.objects.filter(organisation=mo_lao, day__year=2023).values_list(
            "questionnaire__code", flat=True
        )
    )
    assert used == {"sipas-bnv-2023"}
    index = sipas_index(mo_lao, *year_range(2023), breakdowns=False)
    assert index.questionnaire.code == "sipas-bnv-2023"
    assert index.respondents == 2000


@pytest.mark.django_db
def test_the_survey_page_of_a_ha_noi_desk_asks_the_citys_questions_today(phone, no_wait):
    citizen = phone()
    questionnaire = SipasQuestionnaire.objects.get(pk=citizen.questionnaire)
    assert questionnaire.code == "sipas-ha-noi-2025"
    assert len(citizen.criteria) == 22
    assert citizen.send("4f7c2a52-3b9e-4c1d-9a6e-0c5d8b7e1f20").status_code in (200, 201)
    response = SipasResponse.objects.get(client_uuid="4f7c2a52-3b9e-4c1d-9a6e-0c5d8b7e1f20")
    assert response.questionnaire == questionnaire
    assert response.answers.count() == 22
