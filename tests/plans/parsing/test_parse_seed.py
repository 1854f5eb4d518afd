"""The seed plan 20/KH-UBND of phường Mộ Lao parses to exactly its content, typos and all."""

from __future__ import annotations

import json
import time

import pytest

from tests.plans.parsing.parsing_helpers import SEED, seed_text
from thidua.plans.parsing import parse_plan_bytes, parse_plan_file

EXPECTED = {
    "number": "20/KH-UBND",
    "doc_type": "KH",
    "issuer": "UBND phường Mộ Lao",
    "place": "Mộ Lao",
    "date": "2023-02-28",
    "title": "Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023",
    "year": 2023,
    "references": [
        {"number": "60/KH-UBND", "date": "2023-02-20", "issuer": "UBND quận Hà Đông"},
        {"number": "17/KH-UBND", "date": "2023-02-16", "issuer": "UBND phường Mộ Lao"},
    ],
    "award_forms": [{"form": "Giấy khen", "by": "Chủ tịch UBND phường"}],
    "quotas": [
        {"target": "collective", "min": 1, "max": 2, "percent_max": None},
        {"target": "individual", "min": 1, "max": 2, "percent_max": None},
    ],
    "target_groups": {
        "collective": "Các ban, ngành, đoàn thể, bộ phận chuyên môn thuộc UBND phường",
        "individual": "Cán bộ, công chức, người lao động trong cơ quan phường.",
    },
    "criteria": {
        "collective": "Triển khai có hiệu quả, đảm bảo chất lượng, tiến độ các nhiệm vụ CCHC được "
        "giao theo kế hoạch số 17/KH-UBND ngày 16/02/2023.",
        "individual": "Thực hiện xuất sắc các nhiệm vụ CCHC được giao (ưu tiên cho các cán bộ, "
        "công chức trực tiếp thực hiện nhiệm vụ).",
    },
    "dossier": [
        "Tờ trình đề nghị khen thưởng.",
        "Biên bản họp bình xét đề nghị khen thưởng.",
        "Báo cáo thành tích của tập thể, cá nhân và bản trích ngang thành tích của tập thể, cá "
        "nhân theo mẫu quy định tại Nghị định số 91/2017/NĐ-CP ngày 31/2017 của Chính phủ.",
    ],
    "dossier_destination": "UBND phường (qua Văn phòng UBND)",
    "dossier_deadline": None,
    "timeline": [],
    "recipients": [
        "UBND quận Hà Đông (để b/c)",
        "TT ĐU phường (để b/c)",
        "MTTQ và các đoàn thể",
        "Cán bộ, công chức",
        "Lưu: VT",
    ],
    "signer": {"name": "Nguyễn Thị Thanh", "title": None, "mode": None},
    "type_name": "KẾ HOẠCH",
    "governing_body": None,
    "is_emulation_plan": True,
}


@pytest.fixture(scope="module")
def seed() -> dict:
    return parse_plan_file(SEED)


@pytest.mark.parametrize("field", list(EXPECTED))
def test_each_field_of_the_seed_is_read_as_printed(seed: dict, field: str) -> None:
    assert seed[field] == EXPECTED[field]


def test_the_seed_gives_exactly_two_warnings_issuer_from_body_and_the_malformed_decree_date(
    seed: dict,
) -> None:
    assert len(seed["warnings"]) == 2
    issuer_warning, date_warning = seed["warnings"]
    assert '"UBND phường Mộ Lao xây dựng kế hoạch"' in issuer_warning
    assert "dòng 11" in issuer_warning
    assert '"Nghị định số 91/2017/NĐ-CP ngày 31/2017"' in date_warning
    assert "dòng 75" in date_warning


def test_the_seed_typos_are_kept_as_written(seed: dict) -> None:
    assert "thi đua đầy mạnh CCHC" in seed["closing"]
    assert seed["closing"].endswith("tham gia thi đua. /.")


def test_the_third_dossier_item_is_joined_across_the_page_break(seed: dict) -> None:
    assert seed["sources"]["dossier[2]"] == [71, 75]
    assert "thành tích của tập thể, cá nhân theo mẫu" in seed["dossier"][2]


def test_every_field_of_the_seed_names_its_source_lines(seed: dict) -> None:
    sources = seed["sources"]
    assert sources["number"] == [3, 3]
    assert sources["place"] == sources["date"] == [5, 5]
    assert sources["type_name"] == [7, 7]
    assert sources["title"] == [9, 9]
    assert sources["issuer"] == [11, 11]
    assert sources["references"] == [11, 11]
    assert sources["award_forms"] == [51, 51]
    assert sources["quotas[0]"] == [61, 61] and sources["quotas[1]"] == [63, 63]
    assert sources["target_groups.collective"] == [43, 43]
    assert sources["target_groups.individual"] == [45, 45]
    assert sources["criteria"] == [55, 57]
    assert sources["dossier_destination"] == [77, 77]
    assert sources["recipients"] == [89, 93]
    assert sources["signer.name"] == [97, 97]
    assert sources["sections"] == [13, 83]
    assert sources["closing"] == [85, 85]


def test_the_seed_section_tree_has_its_four_parts_and_their_items(seed: dict) -> None:
    tree = seed["sections"]
    assert [(n["label"], n["title"]) for n in tree] == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("II.", "NỘI DUNG"),
        ("III.", "HÌNH THỨC, TIÊU CHUẨN, SỐ LƯỢNG, THỦ TỤC HỒ SƠ"),
        ("IV.", "TỔ CHỨC THỰC HIỆN"),
    ]
    part_three = tree[2]["children"]
    assert [(n["label"], n["title"]) for n in part_three] == [
        ("1.", "Hình thức khen thưởng"),
        ("2.", "Tiêu chuẩn"),
        ("3.", "Số lượng"),
        ("4.", "Hồ sơ đề nghị khen thưởng"),
    ]
    assert part_three[0]["children"] == [
        {"label": None, "title": "Tặng Giấy khen của Chủ tịch UBND phường.", "children": []}
    ]
    assert [n["label"] for n in part_three[3]["children"]] == ["-", "-", "-", "-"]
    assert len(tree[0]["children"][0]["children"]) == 3


def test_the_seed_details_keep_what_the_contract_items_leave_out(seed: dict) -> None:
    details = seed["details"]
    assert [d["type"] for d in details["references"]] == ["Kế hoạch", "Kế hoạch"]
    assert details["award_forms"] == [{"proposed": False}]
    assert details["quotas"] == [{"text": "từ 1-2 tập thể"}, {"text": "từ 1-2 cá nhân"}]
    assert details["recipients"][0] == {"name": "UBND quận Hà Đông", "purpose": "để b/c"}
    assert details["recipients"][4] == {"name": "Lưu: VT", "purpose": None}


def test_the_seed_result_is_plain_json(seed: dict) -> None:
    assert json.loads(json.dumps(seed, ensure_ascii=False)) == seed
    assert seed["input"] == {"format": "txt", "encoding": "utf-8", "lines": 97, "truncated": False}


def test_the_seed_parses_well_under_50_ms() -> None:
    data = seed_text().encode("utf-8")
    parse_plan_bytes(data)  # warm the regex cache
    best = min(_timed(lambda: parse_plan_bytes(data)) for _ in range(5))
    assert best < 0.05


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
