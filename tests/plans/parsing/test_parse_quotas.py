"""Quotas in every form the plans use, and only for the issuer's own award."""

from __future__ import annotations

import pytest

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file, parse_plan_text

HEADER = "UBND PHƯỜNG MỘ LAO\nSố: 30/KH-UBND\nMộ Lao, ngày 05/3/2024\nKẾ HOẠCH\nThi đua năm 2024\n"


def quotas(text: str) -> list[tuple]:
    result = parse_plan_text(HEADER + "I. KHEN THƯỞNG\n1. Số lượng\n" + text + "\n")
    return [(q["target"], q["min"], q["max"], q["percent_max"]) for q in result["quotas"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Khen thưởng từ 1-2 tập thể.", [("collective", 1, 2, None)]),
        ("Khen thưởng từ 01 đến 02 cá nhân.", [("individual", 1, 2, None)]),
        ("Khen thưởng 1 - 2 tập thể.", [("collective", 1, 2, None)]),
        ("Khen thưởng 01 tập thể.", [("collective", 1, 1, None)]),
        ("Khen thưởng không quá 03 cá nhân.", [("individual", None, 3, None)]),
        ("Khen thưởng không vượt quá 03 cá nhân.", [("individual", None, 3, None)]),
        ("Khen thưởng nhiều nhất 04 tập thể.", [("collective", None, 4, None)]),
        ("Khen thưởng ít nhất 01 tập thể.", [("collective", 1, None, None)]),
        (
            "Khen thưởng tối đa 02 tập thể và 05 cá nhân.",
            [("collective", None, 2, None), ("individual", None, 5, None)],
        ),
        (
            "Khen thưởng 02 tập thể, 03 cá nhân.",
            [("collective", 2, 2, None), ("individual", 3, 3, None)],
        ),
        (
            "Số lượng khen thưởng không quá 10% tổng số cán bộ, công chức.",
            [("individual", None, None, 10)],
        ),
        (
            "Không quá 15% tổng số tập thể và không quá 5% tổng số cá nhân tham gia.",
            [("collective", None, None, 15), ("individual", None, None, 5)],
        ),
        (
            "Khen thưởng một tập thể và hai cá nhân.",
            [("collective", 1, 1, None), ("individual", 2, 2, None)],
        ),
        ("- Cá nhân: không quá 12,5% số người.", [("individual", None, None, 12.5)]),
        ("Khen thưởng các tập thể có thành tích xuất sắc.", []),
        (
            "- Tập thể: 02.\n- Cá nhân: không quá 05.",
            [("collective", 2, 2, None), ("individual", None, 5, None)],
        ),
        (
            "Tập thể: từ 1-2; cá nhân: 03 người.",
            [("collective", 1, 2, None), ("individual", 3, 3, None)],
        ),
        ("Khen thưởng 15% tổng số cán bộ, công chức.", [("individual", None, None, 15)]),
        ("Tỷ lệ hồ sơ đúng hạn đạt 100%.", []),
    ],
)
def test_quota_forms(text: str, expected: list[tuple]) -> None:
    assert quotas(text) == expected


def test_a_proposal_to_a_higher_level_has_its_own_quota_and_is_not_counted() -> None:
    text = (
        "- Chủ tịch UBND phường tặng Giấy khen cho 02 tập thể và 05 cá nhân.\n"
        "- Đề nghị Chủ tịch UBND quận tặng Giấy khen cho 01 tập thể và 01 cá nhân."
    )
    assert quotas(text) == [("collective", 2, 2, None), ("individual", 5, 5, None)]


def test_quotas_are_read_only_where_the_plan_states_them() -> None:
    text = HEADER + "I. NỘI DUNG\n- Phấn đấu 100% cán bộ, 02 tập thể đạt chuẩn văn hóa.\n"
    assert parse_plan_text(text)["quotas"] == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kh_khuong_dinh_layout.txt", [("collective", 1, 1, None), ("individual", None, 3, None)]),
        (
            "kh_tan_lap_interleaved.txt",
            [("collective", None, 2, None), ("individual", None, 5, None)],
        ),
        ("kh_so_tttt_phu_tho.txt", [("individual", None, None, 10)]),
        (
            "kh_hoi_dong_tdkt_van_quan.txt",
            [("collective", 1, 2, None), ("individual", None, 5, None)],
        ),
        ("kh_ha_dong_giai_doan.txt", [("collective", 3, 5, None), ("individual", 5, 10, None)]),
        ("kh_dai_mo_wrapped.txt", [("collective", 1, 2, None), ("individual", 2, 3, None)]),
        ("kh_tinh_tuq.txt", [("collective", None, None, 15), ("individual", None, None, 5)]),
        (
            "kh_lao_dong_tien_tien_2025.txt",
            [("collective", 2, 2, None), ("individual", 3, 3, None)],
        ),
        ("kh_single_line_header.txt", [("collective", 1, 1, None), ("individual", 2, 2, None)]),
        (
            "kh_draft_blank_number.txt",
            [("collective", None, 2, None), ("individual", None, 4, None)],
        ),
        ("kh_phan_bullets.txt", [("collective", 2, 2, None), ("individual", 3, 3, None)]),
        ("kh_invalid_date_tl.txt", []),
        (
            "kh_dong_hung_danh_hieu.txt",
            [("collective", None, 3, None), ("individual", None, 7, None)],
        ),
        ("kh_phong_noi_vu_quoc_hieu_first.txt", [("individual", None, 2, None)]),
    ],
)
def test_quotas_of_each_test_plan(name: str, expected: list[tuple]) -> None:
    result = parse_plan_file(fixture(name))
    assert [
        (q["target"], q["min"], q["max"], q["percent_max"]) for q in result["quotas"]
    ] == expected
    assert all(f"quotas[{i}]" in result["sources"] for i in range(len(expected)))
