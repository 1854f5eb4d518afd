"""The dossier (items, copies, destination, deadline) and the movement's dated steps."""

from __future__ import annotations

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file, parse_plan_text

HEADER = "UBND PHƯỜNG MỘ LAO\nSố: 30/KH-UBND\nMộ Lao, ngày 05/3/2024\nKẾ HOẠCH\nThi đua năm 2024\n"


def test_dossier_items_with_copies_deadline_and_destination() -> None:
    result = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))
    assert result["dossier"] == [
        "Tờ trình đề nghị khen thưởng (01 bản).",
        "Biên bản họp xét của bộ phận (01 bản).",
        "Báo cáo thành tích của tập thể, cá nhân (02 bản).",
    ]
    assert result["details"]["dossier"] == [{"copies": 1}, {"copies": 1}, {"copies": 2}]
    assert result["dossier_deadline"] == "2024-11-15"
    assert result["dossier_destination"] == "Văn phòng HĐND - UBND phường"
    assert result["sources"]["dossier_deadline"] == [77, 77]


def test_dossier_items_listed_inline_after_a_colon() -> None:
    result = parse_plan_file(fixture("kh_dai_mo_wrapped.txt"))
    assert result["dossier"] == [
        "Tờ trình đề nghị khen thưởng",
        "Biên bản họp bình xét",
        "Báo cáo thành tích của tập thể, cá nhân.",
    ]


def test_a_container_item_is_not_a_document_its_items_are() -> None:
    text = (
        HEADER
        + "I. HỒ SƠ, THỦ TỤC\n- Hồ sơ gồm:\n+ Tờ trình (02 bản);\n+ Biên bản họp Hội đồng;\n"
        + "- Hồ sơ nộp về Văn phòng UBND phường chậm nhất ngày 20/11/2024.\n"
    )
    result = parse_plan_text(text)
    assert result["dossier"] == ["Tờ trình (02 bản);", "Biên bản họp Hội đồng;"]
    assert result["details"]["dossier"] == [{"copies": 2}, {"copies": None}]
    assert result["dossier_destination"] == "Văn phòng UBND phường"
    assert result["dossier_deadline"] == "2024-11-20"


def test_a_deadline_stated_outside_the_dossier_section_is_still_found() -> None:
    result = parse_plan_file(fixture("kh_tinh_tuq.txt"))
    assert result["dossier"] == []
    assert result["dossier_deadline"] == "2024-12-10"
    assert result["dossier_destination"] == "Sở Nội vụ (qua Ban Thi đua - Khen thưởng)"


def test_no_dossier_section_gives_an_empty_dossier() -> None:
    result = parse_plan_file(fixture("kh_so_tttt_phu_tho.txt"))
    assert (result["dossier"], result["dossier_destination"], result["dossier_deadline"]) == (
        [],
        None,
        None,
    )


def test_timeline_events_with_day_and_month_dates() -> None:
    result = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))
    assert [(e["event"], e["date"]) for e in result["timeline"]] == [
        ("registration", "2024-03-20"),
        ("midterm_review", "2024-06"),
        ("dossier_deadline", "2024-11-15"),
        ("final_review", "2024-12"),
    ]
    assert result["timeline"][0]["text"] == "Các bộ phận đăng ký thi đua trước ngày 20/3/2024"


def test_timeline_with_a_period_and_two_steps_in_one_sentence() -> None:
    result = parse_plan_file(fixture("kh_tinh_tuq.txt"))
    assert [(e["event"], e["date"]) for e in result["timeline"]] == [
        ("period_start", "2024-04-01"),
        ("period_end", "2024-11-30"),
        ("midterm_review", "2024-06"),
        ("final_review", "2024-12"),
        ("dossier_deadline", "2024-12-10"),
    ]
    result = parse_plan_file(fixture("kh_ha_dong_giai_doan.txt"))
    assert [(e["event"], e["date"]) for e in result["timeline"]] == [
        ("midterm_review", "2024-12"),
        ("final_review", "2025-12"),
    ]


def test_steps_named_without_a_date_are_not_events() -> None:
    text = HEADER + "I. TỔ CHỨC THỰC HIỆN\n- Sơ kết, tổng kết đánh giá kết quả thi đua.\n"
    assert parse_plan_text(text)["timeline"] == []


def test_a_dossier_heading_that_only_says_where_and_when() -> None:
    result = parse_plan_file(fixture("kh_dong_hung_danh_hieu.txt"))
    assert result["dossier"] == []
    assert result["dossier_destination"] == "Văn phòng HĐND và UBND xã"
    assert result["dossier_deadline"] == "2025-12-05"
