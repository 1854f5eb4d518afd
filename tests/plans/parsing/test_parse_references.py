"""Legal bases and "Thực hiện" references: in order, with number, date and issuer as given."""

from __future__ import annotations

import pytest

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file, parse_plan_text

HEADER = "UBND PHƯỜNG MỘ LAO\nSố: 30/KH-UBND\nMộ Lao, ngày 05/3/2024\nKẾ HOẠCH\nThi đua năm 2024\n"
BODY = "I. MỤC ĐÍCH\n- Thi đua thực hiện tốt Kế hoạch số 99/KH-UBND ngày 01/01/2024.\n"


def refs(basis: str) -> list[dict]:
    return parse_plan_text(HEADER + basis + "\n" + BODY)["references"]


def test_several_can_cu_lines_give_one_reference_each_in_order() -> None:
    result = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))
    assert result["references"] == [
        {"number": None, "date": "2022-06-15", "issuer": None},
        {"number": "98/2023/NĐ-CP", "date": "2023-12-31", "issuer": "Chính phủ"},
        {"number": "25/KH-UBND", "date": "2024-01-20", "issuer": "UBND quận Thanh Xuân"},
    ]
    assert [d["type"] for d in result["details"]["references"]] == [
        "Luật",
        "Nghị định",
        "Kế hoạch",
    ]


def test_one_thuc_hien_sentence_names_two_documents_joined_by_va() -> None:
    result = parse_plan_file(fixture("kh_tan_lap_interleaved.txt"))
    assert result["references"] == [
        {"number": "42/KH-UBND", "date": "2024-02-15", "issuer": "UBND huyện Đan Phượng"},
        {
            "number": "03/HD-HĐTĐKT",
            "date": "2024-02-20",
            "issuer": "Hội đồng Thi đua - Khen thưởng huyện",
        },
    ]


def test_a_law_with_its_number_after_its_name_and_a_shared_issuer() -> None:
    result = parse_plan_file(fixture("kh_lao_dong_tien_tien_2025.txt"))
    assert result["references"] == [
        {"number": "06/2022/QH15", "date": "2022-06-15", "issuer": None},
        {"number": "152/2025/NĐ-CP", "date": "2025-06-14", "issuer": "Chính phủ"},
        {"number": "12/KH-UBND", "date": "2025-07-10", "issuer": "UBND thành phố"},
        {"number": "15/KH-UBND", "date": "2025-07-12", "issuer": "UBND thành phố"},
        {"number": "05-TB/ĐU", "date": "2025-07-08", "issuer": "Ban Thường vụ Đảng ủy xã"},
    ]


def test_the_decision_lists_laws_without_numbers_and_skips_the_proposal() -> None:
    result = parse_plan_file(fixture("qd_khen_thuong_mo_lao.txt"))
    assert result["references"] == [
        {"number": None, "date": "2015-06-19", "issuer": None},
        {"number": None, "date": "2003-11-26", "issuer": None},
        {"number": None, "date": "2013-11-16", "issuer": None},
        {"number": "91/2017/NĐ-CP", "date": "2017-07-31", "issuer": "Chính phủ"},
        {"number": "20/KH-UBND", "date": "2023-02-28", "issuer": "UBND phường Mộ Lao"},
    ]
    assert all("45/TTr-VP" not in (d["text"] or "") for d in result["details"]["references"])


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        (
            "Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND quận Hà Đông;",
            [{"number": "12/KH-UBND", "date": "2024-01-10", "issuer": "UBND quận Hà Đông"}],
        ),
        (
            "Thực hiện Công văn số 1234/UBND-NV ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân "
            "quận Hà Đông về việc triển khai thi đua;",
            [{"number": "1234/UBND-NV", "date": "2024-03-05", "issuer": "UBND quận Hà Đông"}],
        ),
        (
            "Căn cứ Quyết định số 15/QĐ-UBND ngày 05-3-2024 của Chủ tịch UBND tỉnh;",
            [{"number": "15/QĐ-UBND", "date": "2024-03-05", "issuer": "Chủ tịch UBND tỉnh"}],
        ),
        (
            "Thực hiện chỉ đạo của UBND quận Hà Đông tại Văn bản số 77/UBND-VP ngày 02/02/2024;",
            [{"number": "77/UBND-VP", "date": "2024-02-02", "issuer": "UBND quận Hà Đông"}],
        ),
        (
            "Căn cứ Kế hoạch số 5/KH-UBND của UBND phường;",
            [{"number": "5/KH-UBND", "date": None, "issuer": "UBND phường"}],
        ),
        ("Căn cứ tình hình thực tế của đơn vị;", []),
        (
            "Căn cứ Thông tư số 01/2024/TT-BNV ngày 31/01/2024 của Bộ Nội vụ hướng dẫn "
            "thực hiện Nghị định số 98/2023/NĐ-CP;",
            [{"number": "01/2024/TT-BNV", "date": "2024-01-31", "issuer": "Bộ Nội vụ"}],
        ),
    ],
)
def test_reference_forms(basis: str, expected: list[dict]) -> None:
    assert refs(basis) == expected


def test_documents_mentioned_later_in_the_body_are_not_references() -> None:
    result = parse_plan_text(HEADER + "Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2024;\n" + BODY)
    assert [r["number"] for r in result["references"]] == ["12/KH-UBND"]


def test_a_malformed_date_in_a_basis_gives_null_and_a_warning_quoting_the_document() -> None:
    result = parse_plan_text(
        HEADER + "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/2017 của Chính phủ;\n" + BODY
    )
    assert result["references"] == [
        {"number": "91/2017/NĐ-CP", "date": None, "issuer": "Chính phủ"}
    ]
    assert any('"Nghị định số 91/2017/NĐ-CP ngày 31/2017"' in w for w in result["warnings"])


def test_a_malformed_date_anywhere_in_the_body_is_warned_about_with_its_line() -> None:
    text = HEADER + "I. NỘI DUNG\n- Hoàn thành trước ngày 35/12/2024 các nhiệm vụ.\n"
    result = parse_plan_text(text)
    assert any(
        '"Hoàn thành trước ngày 35/12/2024"' in w and "dòng 7" in w for w in result["warnings"]
    )


def test_day_and_month_without_a_year_is_not_an_error() -> None:
    text = HEADER + "I. NỘI DUNG\n- Báo cáo trước ngày 15/12 hằng năm.\n"
    assert not any("Ngày viết sai" in w for w in parse_plan_text(text)["warnings"])
