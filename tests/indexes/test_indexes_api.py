import pytest

from thidua.indexes import sipas


@pytest.mark.django_db
def test_staff_list_their_desks_with_survey_links(client_as, demo):
    data = client_as("vanphong").get("/api/v1/sipas/desks/").json()
    assert data["count"] == 3
    first = data["results"][0]
    assert set(first) >= {"id", "name", "survey_url"}
    token = first["survey_url"].split("/indexes/s/")[1].strip("/")
    assert sipas.resolve(token).desk.pk == first["id"]


@pytest.mark.django_db
def test_the_index_endpoint_gives_overall_and_factors_with_intervals(client_as, demo):
    data = (
        client_as("vanphong").get(f"/api/v1/sipas/index/?ward={demo['mo_lao'].pk}&year=2023").json()
    )
    assert data["ward"] == demo["mo_lao"].pk and data["year"] == 2023
    assert data["overall"]["respondents"] == 2000
    assert len(data["factors"]) == 5
    factor = data["factors"][0]
    assert factor["code"] == "1"
    assert factor["ci95_low"] < factor["percent_satisfied"] < factor["ci95_high"]
    assert sum(data["rejected"].values()) == 33


@pytest.mark.django_db
def test_the_index_endpoint_explains_missing_parameters(client_as):
    response = client_as("vanphong").get("/api/v1/sipas/index/")
    assert response.status_code == 400 and "ward" in response.json()["detail"]


@pytest.mark.django_db
def test_another_wards_user_gets_404_from_the_api(client_as, demo, assessment):
    client = client_as("vanquan")
    assert client.get(f"/api/v1/sipas/index/?ward={demo['mo_lao'].pk}&year=2023").status_code == 404
    assert client.get(f"/api/v1/par/assessments/{assessment.pk}/").status_code == 404
    desks = client.get("/api/v1/sipas/desks/").json()["results"]
    assert all(d["ward"] == demo["van_quan"].pk for d in desks)


@pytest.mark.django_db
def test_an_assessment_gives_self_and_appraised_points_and_the_index(client_as, assessment):
    data = client_as("capquan").get(f"/api/v1/par/assessments/{assessment.pk}/").json()
    assert data["status"] == "appraised" and data["placeholder_weights"] is True
    assert data["index"] == "92.25" and data["max_points"].startswith("100")
    row = next(c for c in data["criteria"] if c["code"] == "7.2")
    assert (row["self_points"], row["appraised_points"]) == ("7.00", "6.00")
    assert row["appraisal_comment"] and row["unit"] == "Văn phòng UBND phường"


@pytest.mark.django_db
def test_an_assessment_gives_the_sipas_suggestion_of_its_survey_criterion(client_as, assessment):
    """Criterion 3.6 (citizens' satisfaction) is measured from SIPAS: the API gives the points
    the appraiser is offered — max × the ward's 2023 % satisfied, with sample and interval —
    exactly as the assessment page computes them; a self-assessed criterion has none."""
    from thidua.indexes.models import ParCriterion
    from thidua.indexes.queries import survey_suggestions

    data = client_as("capquan").get(f"/api/v1/par/assessments/{assessment.pk}/").json()
    rows = {c["code"]: c for c in data["criteria"]}
    suggestion = rows["3.6"]["suggestion"]
    assert suggestion["source"] == "sipas" and suggestion["year"] == 2023
    assert suggestion["respondents"] == 2000 and suggestion["enough_sample"] is True
    assert suggestion["ci_low"] < suggestion["percent_satisfied"] < suggestion["ci_high"]
    criterion = ParCriterion.objects.get(framework=assessment.framework, code="3.6")
    expected = survey_suggestions(assessment, [criterion])[criterion.pk]
    assert suggestion["points"] == str(expected.points)
    assert float(suggestion["low_points"]) <= float(suggestion["points"]) <= 6.0
    assert rows["7.2"]["suggestion"] is None
