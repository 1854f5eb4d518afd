"""Award forms with who gives them; target groups and criteria split per target."""

from __future__ import annotations

import pytest

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file, parse_plan_text

HEADER = "UBND PHƯỜNG MỘ LAO\nSố: 30/KH-UBND\nMộ Lao, ngày 05/3/2024\nKẾ HOẠCH\nThi đua năm 2024\n"


@pytest.mark.parametrize(
    ("name", "forms", "proposed"),
    [
        ("kh_khuong_dinh_layout.txt", [("Giấy khen", "Chủ tịch UBND phường")], [False]),
        (
            "kh_tan_lap_interleaved.txt",
            [("Giấy khen", "Chủ tịch UBND xã"), ("Giấy khen", "Chủ tịch UBND huyện")],
            [False, True],
        ),
        (
            "kh_so_tttt_phu_tho.txt",
            [("Giấy khen", "Giám đốc Sở"), ("Bằng khen", "Chủ tịch UBND tỉnh")],
            [False, True],
        ),
        (
            "kh_ha_dong_giai_doan.txt",
            [("Giấy khen", "Chủ tịch UBND quận"), ("Bằng khen", "Chủ tịch UBND Thành phố")],
            [False, True],
        ),
        ("kh_tinh_tuq.txt", [("Bằng khen", "Chủ tịch UBND tỉnh")], [False]),
        (
            "kh_lao_dong_tien_tien_2025.txt",
            [
                ("Giấy khen", "Chủ tịch UBND xã"),
                ("Lao động tiên tiến", None),
                ("Tập thể lao động tiên tiến", None),
                ("Chiến sĩ thi đua cơ sở", None),
            ],
            [False, False, False, False],
        ),
        ("kh_dai_mo_wrapped.txt", [("Giấy khen", "Chủ tịch UBND phường")], [False]),
        ("kh_invalid_date_tl.txt", [("Giấy khen", "Chủ tịch UBND thị xã")], [False]),
        (
            "kh_dong_hung_danh_hieu.txt",
            [
                ("Lao động tiên tiến", None),
                ("Tập thể lao động tiên tiến", None),
                ("Giấy khen", "Chủ tịch UBND xã"),
                ("Giấy khen", "Chủ tịch UBND huyện"),
            ],
            [False, False, False, True],
        ),
    ],
)
def test_award_forms_of_each_test_plan(name: str, forms: list[tuple], proposed: list[bool]) -> None:
    result = parse_plan_file(fixture(name))
    assert [(f["form"], f["by"]) for f in result["award_forms"]] == forms
    assert [d["proposed"] for d in result["details"]["award_forms"]] == proposed


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường.",
            ("Giấy khen", "Chủ tịch UBND phường"),
        ),
        ("UBND phường tặng Giấy khen cho tập thể, cá nhân.", ("Giấy khen", "UBND phường")),
        ("Tặng Giấy khen cho các tập thể, cá nhân xuất sắc.", ("Giấy khen", None)),
        ("Đề nghị Thủ tướng Chính phủ tặng Bằng khen.", ("Bằng khen", "Thủ tướng Chính phủ")),
        ("Tặng Cờ thi đua của UBND tỉnh.", ("Cờ thi đua", "UBND tỉnh")),
    ],
)
def test_award_sentences_in_either_word_order(sentence: str, expected: tuple) -> None:
    result = parse_plan_text(HEADER + "I. HÌNH THỨC KHEN THƯỞNG\n" + sentence + "\n")
    assert [(f["form"], f["by"]) for f in result["award_forms"]] == [expected]


def test_an_award_named_in_passing_outside_the_award_section_is_not_a_form() -> None:
    text = (
        HEADER
        + "I. TIÊU CHUẨN\n- Đã được tặng Giấy khen năm trước không được xét.\n"
        + "II. HÌNH THỨC KHEN THƯỞNG\nTặng Giấy khen của Chủ tịch UBND phường.\n"
    )
    result = parse_plan_text(text)
    assert result["award_forms"] == [{"form": "Giấy khen", "by": "Chủ tịch UBND phường"}]
    assert result["sources"]["award_forms"] == [9, 9]


@pytest.mark.parametrize(
    ("name", "collective", "individual"),
    [
        (
            "kh_khuong_dinh_layout.txt",
            "Các bộ phận chuyên môn, Bộ phận tiếp nhận và trả kết quả thuộc UBND phường.",
            "Cán bộ, công chức, người hoạt động không chuyên trách phường.",
        ),
        (
            "kh_so_tttt_phu_tho.txt",
            "Các phòng, đơn vị thuộc Sở.",
            "Công chức, viên chức, người lao động thuộc Sở.",
        ),
        (
            "kh_lao_dong_tien_tien_2025.txt",
            "Các phòng chuyên môn thuộc UBND xã, Trung tâm Phục vụ hành chính công xã.",
            "Cán bộ, công chức, viên chức, người lao động thuộc UBND xã.",
        ),
        (
            "kh_dai_mo_wrapped.txt",
            "Các bộ phận chuyên môn thuộc UBND phường và Bộ phận tiếp nhận và trả kết quả.",
            "Cán bộ, công chức, người lao động thuộc UBND phường.",
        ),
        (
            "kh_hoi_dong_tdkt_van_quan.txt",
            "Các tập thể, cá nhân thuộc UBND phường Văn Quán.",
            "Các tập thể, cá nhân thuộc UBND phường Văn Quán.",
        ),
        ("kh_ha_dong_giai_doan.txt", "Các phòng, ban, đơn vị thuộc quận; UBND các phường.", None),
        ("kh_invalid_date_tl.txt", None, None),
        ("kh_phong_noi_vu_quoc_hieu_first.txt", None, "công chức, người lao động Phòng Nội vụ."),
    ],
)
def test_target_groups_in_the_texts_own_words(
    name: str, collective: str | None, individual: str | None
) -> None:
    result = parse_plan_file(fixture(name))
    assert result["target_groups"] == {"collective": collective, "individual": individual}


def test_criteria_as_a_list_under_each_target() -> None:
    result = parse_plan_file(fixture("kh_lao_dong_tien_tien_2025.txt"))
    assert result["criteria"] == {
        "collective": "- Hoàn thành xuất sắc nhiệm vụ được giao;\n"
        "- Nội bộ đoàn kết, không có cá nhân bị kỷ luật.",
        "individual": "- Hoàn thành xuất sắc nhiệm vụ được giao;\n- Có sáng kiến được công nhận.",
    }
    assert result["sources"]["criteria.collective"] == [32, 34]


def test_criteria_with_a_and_b_items() -> None:
    result = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))
    assert result["criteria"] == {
        "collective": "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính được giao; không có hồ sơ "
        "trễ hạn.",
        "individual": "Hoàn thành tốt nhiệm vụ; có sáng kiến, cách làm hay trong cải cách hành "
        "chính.",
    }


def test_criteria_common_to_everyone_apply_to_both_targets() -> None:
    result = parse_plan_file(fixture("kh_tan_lap_interleaved.txt"))
    common = (
        "Tập thể, cá nhân hoàn thành xuất sắc nhiệm vụ cải cách hành chính được giao, "
        "không vi phạm kỷ luật."
    )
    assert result["criteria"] == {"collective": common, "individual": common}


def test_no_criteria_section_gives_null_criteria() -> None:
    result = parse_plan_file(fixture("kh_so_tttt_phu_tho.txt"))
    assert result["criteria"] == {"collective": None, "individual": None}
