"""The partial real plans parse right for all they contain and give null for what they lack."""

from __future__ import annotations

import pytest

from tests.plans.parsing.parsing_helpers import (
    EXAMPLE_THAIBINH,
    EXAMPLE_TUYENQUANG,
    SEED,
    SHARED_CANDIDATES,
)
from thidua.plans.parsing import parse_plan_file

ABSENT = {
    "award_forms": [],
    "quotas": [],
    "target_groups": {"collective": None, "individual": None},
    "criteria": {"collective": None, "individual": None},
    "dossier": [],
    "dossier_destination": None,
    "dossier_deadline": None,
    "timeline": [],
    "recipients": [],
    "signer": {"name": None, "title": None, "mode": None},
    "governing_body": None,
    "closing": None,
}


@pytest.mark.parametrize(
    ("copy", "shared_name"),
    [
        (SEED, "seed/000_4c64db6cd242e7dc.txt"),
        (EXAMPLE_THAIBINH, "examples/plan_thaibinh_161_2023_partial.txt"),
        (EXAMPLE_TUYENQUANG, "examples/plan_tuyenquang_154_2022_partial.txt"),
    ],
)
def test_the_fixture_copies_match_the_shared_originals(copy, shared_name: str) -> None:
    originals = [root / shared_name for root in SHARED_CANDIDATES if (root / shared_name).is_file()]
    if not originals:
        pytest.skip("shared/ is not beside this checkout")
    assert copy.read_bytes() == originals[0].read_bytes()


def test_thai_binh_plan_161_header_is_read_from_the_interleaved_columns() -> None:
    result = parse_plan_file(EXAMPLE_THAIBINH)
    assert result["number"] == "161/KH-UBND"
    assert result["doc_type"] == "KH"
    assert result["issuer"] == "UBND tỉnh Thái Bình"
    assert result["place"] == "Thái Bình"
    assert result["date"] == "2023-12-11"
    assert result["title"] == (
        'TỔ CHỨC THỰC HIỆN PHONG TRÀO THI ĐUA "CHUYỂN ĐỔI SỐ" GIAI ĐOẠN 2023-2025 '
        "TRÊN ĐỊA BÀN TỈNH THÁI BÌNH"
    )
    assert result["year"] is None  # a 2023-2025 period, not one year
    assert result["sources"]["date"] == [12, 13]
    assert result["sources"]["title"] == [16, 18]


def test_thai_binh_references_are_the_two_legal_bases_and_not_the_later_mentions() -> None:
    result = parse_plan_file(EXAMPLE_THAIBINH)
    assert result["references"] == [
        {"number": "02-NQ/TU", "date": "2021-11-19", "issuer": "Ban Chấp hành Đảng bộ tỉnh"},
        {"number": "571/QĐ-UBND", "date": "2022-03-17", "issuer": "UBND tỉnh"},
    ]
    assert [d["type"] for d in result["details"]["references"]] == ["Nghị quyết", "Quyết định"]
    assert result["sources"]["references"] == [19, 23]


def test_thai_binh_gives_null_for_everything_its_opening_does_not_contain() -> None:
    result = parse_plan_file(EXAMPLE_THAIBINH)
    for field, value in ABSENT.items():
        assert result[field] == value, field
    assert result["is_emulation_plan"] is True
    assert any("không đầy đủ" in w for w in result["warnings"])


def test_thai_binh_sections_stop_where_the_text_stops() -> None:
    result = parse_plan_file(EXAMPLE_THAIBINH)
    (part,) = result["sections"]
    assert (part["label"], part["title"]) == ("I.", "MỤC ĐÍCH, YÊU CẦU")
    (purpose,) = part["children"]
    assert purpose["title"] == "Mục đích"
    assert len(purpose["children"]) == 2
    assert purpose["children"][1]["title"].endswith("Quyết định số 571/")


def test_tuyen_quang_plan_154_header_title_and_period() -> None:
    result = parse_plan_file(EXAMPLE_TUYENQUANG)
    assert result["number"] == "154/KH-UBND"
    assert result["issuer"] == "UBND tỉnh Tuyên Quang"
    assert result["place"] == "Tuyên Quang"
    assert result["date"] == "2022-08-12"
    assert result["title"] == (
        "PHÁT ĐỘNG PHONG TRÀO THI ĐUA “CHUYỂN ĐỔI SỐ TỈNH TUYÊN QUANG ĐẾN NĂM 2025, "
        "ĐỊNH HƯỚNG ĐẾN NĂM 2030”"
    )
    assert result["year"] is None


def test_tuyen_quang_four_bases_each_wrapped_over_several_lines() -> None:
    result = parse_plan_file(EXAMPLE_TUYENQUANG)
    assert result["references"] == [
        {"number": "749/QĐ-TTg", "date": "2020-06-03", "issuer": "Thủ tướng Chính phủ"},
        {"number": "48-NQ/TU", "date": "2021-11-15", "issuer": "Ban Chấp hành Đảng bộ tỉnh"},
        {"number": "55/KH-UBND", "date": "2022-04-12", "issuer": "UBND tỉnh"},
        {"number": "742/QĐ-UBND", "date": "2022-06-24", "issuer": "UBND tỉnh"},
    ]
    assert result["sources"]["references[3]"] == [28, 31]


def test_tuyen_quang_gives_null_for_everything_its_opening_does_not_contain() -> None:
    result = parse_plan_file(EXAMPLE_TUYENQUANG)
    for field, value in ABSENT.items():
        assert result[field] == value, field
    assert result["sections"][0]["title"] == "MỤC ĐÍCH, YÊU CẦU"
