"""The register search (list page and ``GET /api/v1/documents/?q=``) compares words
without accents or case, on SQLite as on PostgreSQL: "thong bao" finds "Thông báo…",
"20/kh" finds 20/KH-UBND, "đề nghị" finds a summary written in capitals. The search text
follows every change of the summary and the number; the page's query count stays flat."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.api.test_movements_api import token_for
from thidua.documents import services
from thidua.documents.models import Document
from thidua.vn import unaccent

pytestmark = pytest.mark.django_db

NOTICE = "Thông báo kết quả bình xét thi đua năm 2023"
CAPITALS = "ĐỀ NGHỊ KHEN THƯỞNG TẬP THỂ LAO ĐỘNG TIÊN TIẾN"


@pytest.fixture
def office(demo):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanphong')}")


@pytest.fixture
def draft(demo, user):
    def make(summary: str, doc_type: str = "TB", day: int = 10) -> Document:
        return services.create_draft(
            user("vanphong"),
            demo["mo_lao"],
            services.FRAME_TEMPLATE,
            datetime.date(2023, 11, day),
            {"body": [{"kind": "para", "text": "Nội dung."}]},
            summary=summary,
            doc_type=doc_type,
            signer=services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH", "TM", "ỦY BAN NHÂN DÂN"),
        )

    return make


def api_ids(client, q: str) -> set[int]:
    body = client.get("/api/v1/documents/", {"q": q, "page_size": 500}).json()
    return {d["id"] for d in body["results"]}


def expected(organisation, q: str) -> set[int]:
    """The ward's documents whose symbol and summary hold every word, compared in Python
    from the fields themselves (not from the stored search text)."""
    words = unaccent(q).lower().split()
    return {
        d.pk
        for d in Document.objects.filter(organisation=organisation)
        if all(w in unaccent(f"{d.symbol} {d.summary}").lower() for w in words)
    }


def page_rows(client, q: str) -> str:
    return client.get("/documents/", {"q": q}).content.decode()


@pytest.mark.parametrize("q", ["thong bao", "THONG BAO ket qua", "Thông Báo", "binh xet 2023"])
def test_words_without_accents_or_in_another_case_find_the_notice(
    office, client_as, demo, draft, q
):
    notice = draft(NOTICE)
    plan = draft("Kế hoạch tổ chức hội nghị sơ kết")
    found = api_ids(office, q)
    assert notice.pk in found and plan.pk not in found
    assert found == expected(demo["mo_lao"], q)
    assert NOTICE in page_rows(client_as("vanphong"), q)


@pytest.mark.parametrize("q", ["đề nghị khen thưởng", "de nghi", "lao động tiên tiến"])
def test_a_summary_in_capitals_is_found_by_words_in_lower_case(office, demo, draft, q):
    proposal = draft(CAPITALS, doc_type="TTr")
    found = api_ids(office, q)
    assert proposal.pk in found
    assert found == expected(demo["mo_lao"], q)


@pytest.mark.parametrize("q", ["20/kh", "20/KH-UBND", "20/kh-ubnd"])
def test_a_symbol_is_found_in_any_case(office, client_as, demo, q):
    plan = Document.objects.get(organisation=demo["mo_lao"], symbol="20/KH-UBND")
    assert api_ids(office, q) == {plan.pk}
    assert "20/KH-UBND" in page_rows(client_as("vanphong"), q)


def test_words_that_match_nothing_find_nothing(office, draft):
    draft(NOTICE)
    assert api_ids(office, "thong bao khen thuong sipas") == set()


def test_the_search_text_follows_the_summary_and_the_number(office, user, draft):
    notice = draft(NOTICE)
    services.update_draft(
        user("vanphong"), notice, summary="Thông báo lịch tiếp công dân quý IV của lãnh đạo"
    )
    assert notice.pk in api_ids(office, "lich tiep cong dan quy iv")
    assert notice.pk not in api_ids(office, "ket qua binh xet")
    services.issue(user("vanphong"), notice)
    notice.refresh_from_db()
    assert notice.symbol.endswith("/TB-UBND")
    assert api_ids(office, notice.symbol.lower()) == {notice.pk}


def test_another_wards_documents_are_not_found(demo, draft):
    draft(NOTICE)
    other = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanquan')}")
    assert api_ids(other, "thong bao ket qua binh xet") == set()


def test_the_query_count_of_a_search_does_not_grow_with_the_rows_found(
    office, client_as, draft, django_assert_max_num_queries
):
    client = client_as("vanphong")
    draft(NOTICE)
    with django_assert_max_num_queries(12) as page:
        client.get("/documents/", {"q": "thong bao"})
    with django_assert_max_num_queries(10) as api:
        office.get("/api/v1/documents/", {"q": "thong bao"})
    for day in range(11, 31):
        draft(f"{NOTICE} (lần {day})", day=day)
    with django_assert_max_num_queries(len(page.captured_queries)):
        assert client.get("/documents/", {"q": "thong bao"}).status_code == 200
    with django_assert_max_num_queries(len(api.captured_queries)):
        assert len(api_ids(office, "thong bao")) >= 21
