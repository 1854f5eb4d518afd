"""The section tree nests I. → 1. → 1.1. → a) → - → + and keeps plain paragraphs."""

from __future__ import annotations

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file, parse_plan_text


def shape(nodes: list[dict]) -> list:
    """The tree as (label, children) pairs, titles left out."""
    return [(n["label"], shape(n["children"])) for n in nodes]


def test_deep_nesting_down_to_plus_items() -> None:
    result = parse_plan_file(fixture("kh_lao_dong_tien_tien_2025.txt"))
    part_one = result["sections"][0]
    assert (part_one["label"], part_one["title"]) == ("I.", "MỤC ĐÍCH, YÊU CẦU")
    assert shape([part_one]) == [
        (
            "I.",
            [
                (
                    "1.",
                    [
                        ("1.1.", [("a)", []), ("b)", [("-", [("+", []), ("+", [])]), ("-", [])])]),
                        ("1.2.", [("a)", [])]),
                    ],
                ),
                ("2.", [(None, [])]),
            ],
        )
    ]
    b_item = part_one["children"][0]["children"][0]["children"][1]
    assert b_item["title"] == "Nâng cao chất lượng phục vụ người dân:"
    assert b_item["children"][0]["children"][1]["title"] == "Xin lỗi người dân khi để trễ hạn."


def test_phan_headings_and_round_bullets() -> None:
    result = parse_plan_file(fixture("kh_phan_bullets.txt"))
    assert [(n["label"], n["title"]) for n in result["sections"]] == [
        ("PHẦN I.", "MỤC ĐÍCH"),
        ("PHẦN II.", "NỘI DUNG VÀ KHEN THƯỞNG"),
    ]
    assert [n["label"] for n in result["sections"][0]["children"]] == ["•", "•"]
    assert result["closing"].startswith("Trên đây là Kế hoạch")


def test_articles_of_a_decision_are_its_sections() -> None:
    result = parse_plan_file(fixture("qd_khen_thuong_mo_lao.txt"))
    assert [n["label"] for n in result["sections"]] == ["Điều 1.", "Điều 2.", "Điều 3."]


def test_a_letter_without_labels_has_plain_paragraphs() -> None:
    result = parse_plan_file(fixture("cv_trien_khai_dang_ky.txt"))
    assert [n["label"] for n in result["sections"]] == [None]
    assert result["closing"] == "Đề nghị các đơn vị quan tâm, thực hiện./."


def test_hard_wrapped_lines_and_page_numbers_are_rejoined_into_paragraphs() -> None:
    result = parse_plan_file(fixture("kh_dai_mo_wrapped.txt"))
    khen_thuong = result["sections"][2]
    assert khen_thuong["title"] == "KHEN THƯỞNG"
    assert [n["title"] for n in khen_thuong["children"]] == [
        "Hình thức: Tặng Giấy khen của Chủ tịch UBND phường.",
        "Số lượng: Bình xét khen thưởng từ 1-2 tập thể và từ 2-3 cá nhân có thành tích xuất sắc.",
        "Hồ sơ đề nghị khen thưởng gồm: Tờ trình đề nghị khen thưởng; Biên bản họp bình xét; "
        "Báo cáo thành tích của tập thể, cá nhân.",
    ]
    heading = result["sections"][0]
    assert heading["children"][0]["title"] == (
        "Phát huy tinh thần trách nhiệm của cán bộ, công chức trong thực hiện nhiệm vụ cải "
        "cách hành chính, nâng cao chất lượng phục vụ người dân."
    )


def test_a_heading_wrapped_after_a_comma_is_one_heading() -> None:
    text = "KẾ HOẠCH\nThi đua năm 2024\nI. MỤC ĐÍCH,\nYÊU CẦU\n1. Mục đích\n- Làm tốt.\n"
    result = parse_plan_text(text)
    assert result["sections"][0]["title"] == "MỤC ĐÍCH, YÊU CẦU"
    assert result["sections"][0]["children"][0]["title"] == "Mục đích"


def test_signature_and_recipients_are_not_part_of_the_tree() -> None:
    result = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))
    last = result["sections"][-1]
    assert (last["label"], last["title"]) == ("V.", "TỔ CHỨC THỰC HIỆN")
    assert [c["label"] for c in last["children"]] == [None]
    assert "Nơi nhận" not in str(result["sections"])
