"""GET /api/v1/documents/ and /api/v1/documents/{id}/: the register as the user may see it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.api.test_movements_api import token_for
from thidua.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(demo):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanphong')}")


def test_the_list_is_paginated_and_scoped_to_the_ward(office, demo):
    body = office.get("/api/v1/documents/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == Document.objects.filter(organisation=demo["mo_lao"]).count()
    assert {d["organisation"] for d in body["results"]} == {"UBND phường Mộ Lao"}


def test_an_issued_decision_shows_its_frame_files_and_code(office, demo):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    body = office.get(f"/api/v1/documents/{decision.pk}/").json()
    assert body["type"] == "QĐ" and body["type_name"] == "Quyết định"
    assert (body["number"], body["symbol"], body["status"]) == (98, "98/QĐ-UBND", "issued")
    assert body["date"] == decision.date.isoformat()
    assert body["issuer"] == "UBND phường Mộ Lao"
    assert body["signer"]["lines"] == decision.signature_lines
    assert body["signer"]["name"] == decision.signer_name
    assert {"name", "purpose"} == set(body["recipients"][0])
    assert body["docx_url"].endswith(f"/documents/{decision.pk}/docx/")
    assert body["pdf_url"].endswith(f"/documents/{decision.pk}/pdf/")
    assert body["verification_code"] == decision.verification_code is not None


def test_a_draft_has_no_number_and_no_code(office, make_draft):
    draft = make_draft("giay_moi", datetime.date(2024, 3, 1))
    body = office.get(f"/api/v1/documents/{draft.pk}/").json()
    assert (body["number"], body["symbol"], body["verification_code"]) == (None, "", None)
    assert body["status"] == "draft"


def test_filters_by_type_status_year_and_search(office, demo, make_draft):
    make_draft("giay_moi", datetime.date(2024, 3, 1))
    by_type = office.get("/api/v1/documents/?type=GM&status=draft&year=2024").json()
    assert by_type["count"] >= 1
    assert {(d["type"], d["status"], d["date"][:4]) for d in by_type["results"]} == {
        ("GM", "draft", "2024")
    }
    found = office.get("/api/v1/documents/", {"q": "98/QĐ"}).json()
    assert [d["symbol"] for d in found["results"]] == ["98/QĐ-UBND"]
    plan = office.get("/api/v1/documents/", {"q": "phong trào thi đua 20/KH"}).json()
    assert [d["symbol"] for d in plan["results"]] == ["20/KH-UBND"]


@pytest.mark.parametrize("query", ["status=lost", "type=XYZ", "year=99999", "year=abc"])
def test_a_bad_filter_answers_400_with_a_message(office, query):
    response = office.get(f"/api/v1/documents/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_another_wards_document_answers_404_and_is_not_listed(demo):
    decision = Document.objects.get(organisation=demo["mo_lao"], symbol="98/QĐ-UBND")
    other = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanquan')}")
    assert other.get(f"/api/v1/documents/{decision.pk}/").status_code == 404
    listed = other.get("/api/v1/documents/", {"page_size": 500}).json()["results"]
    assert decision.pk not in {d["id"] for d in listed}


def test_anonymous_callers_are_refused(demo):
    assert Client().get("/api/v1/documents/").status_code in (401, 403)


def test_the_list_query_count_does_not_grow_with_rows(
    office, make_draft, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as few:
        office.get("/api/v1/documents/")
    for day in range(1, 21):
        make_draft("giay_moi", datetime.date(2024, 3, day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = office.get("/api/v1/documents/").json()
    assert len(body["results"]) >= 20


def test_the_schema_describes_the_documents_endpoints(office):
    schema = office.get("/api/v1/openapi.json").json()
    assert {"/api/v1/documents/", "/api/v1/documents/{document_id}/"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/v1/documents/"]["get"]["parameters"]}
    assert {"type", "status", "year", "q", "page"} <= names
