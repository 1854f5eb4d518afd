"""Documents that are not emulation plans: what they have, and a warning saying what they are."""

from __future__ import annotations

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file


def test_a_decision_gives_its_header_and_says_it_is_not_a_plan() -> None:
    result = parse_plan_file(fixture("qd_khen_thuong_mo_lao.txt"))
    assert result["number"] == "312/QĐ-UBND"
    assert result["doc_type"] == "QĐ"
    assert result["type_name"] == "QUYẾT ĐỊNH"
    assert result["issuer"] == "UBND phường Mộ Lao"
    assert result["date"] == "2023-12-15"
    assert result["title"] == (
        "Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào "
        "thi đua đẩy mạnh cải cách hành chính năm 2023"
    )
    assert result["is_emulation_plan"] is False
    assert result["warnings"] == ["Văn bản không phải kế hoạch thi đua (loại văn bản: QUYẾT ĐỊNH)."]


def test_a_letter_has_no_type_abbreviation_and_its_subject_is_its_title() -> None:
    result = parse_plan_file(fixture("cv_trien_khai_dang_ky.txt"))
    assert result["number"] == "156/UBND-VP"
    assert result["doc_type"] is None
    assert result["title"] == "V/v đăng ký thi đua cải cách hành chính năm 2024"
    assert result["issuer"] == "UBND phường Mộ Lao"
    assert result["references"] == [
        {"number": "25/KH-UBND", "date": "2024-03-01", "issuer": "UBND phường"}
    ]
    assert result["signer"] == {"name": "Phạm Văn Long", "title": "PHÓ CHỦ TỊCH", "mode": "KT."}
    assert result["warnings"] == ["Văn bản không phải kế hoạch thi đua (loại văn bản: công văn)."]


def test_a_plan_for_something_other_than_an_emulation_movement_is_flagged() -> None:
    result = parse_plan_file(fixture("kh_trung_thu.txt"))
    assert result["doc_type"] == "KH"
    assert result["is_emulation_plan"] is False
    assert result["award_forms"] == [] and result["quotas"] == []
    assert result["warnings"] == ["Kế hoạch này không phải kế hoạch tổ chức phong trào thi đua."]


def test_random_text_gives_nulls_and_says_it_is_no_administrative_document() -> None:
    result = parse_plan_file(fixture("random_text.txt"))
    for field in ("number", "doc_type", "issuer", "place", "date", "title", "year"):
        assert result[field] is None, field
    assert result["references"] == result["award_forms"] == result["recipients"] == []
    assert result["signer"] == {"name": None, "title": None, "mode": None}
    assert result["is_emulation_plan"] is False
    assert result["warnings"] == [
        "Không nhận ra văn bản hành chính: không thấy số, ký hiệu, tên loại, ngày ban hành "
        "hay cơ quan ban hành."
    ]


def test_a_decision_issuing_a_plan_gives_the_attached_plans_content() -> None:
    result = parse_plan_file(fixture("qd_ban_hanh_kem_ke_hoach.txt"))
    assert (result["number"], result["doc_type"]) == ("45/QĐ-UBND", "QĐ")
    assert result["is_emulation_plan"] is True
    assert result["award_forms"] == [{"form": "Giấy khen", "by": "Chủ tịch UBND phường"}]
    assert result["quotas"] == [
        {"target": "collective", "min": 2, "max": 2, "percent_max": None},
        {"target": "individual", "min": 4, "max": 4, "percent_max": None},
    ]
    assert [n["title"] for n in result["sections"]] == ["MỤC ĐÍCH", "KHEN THƯỞNG"]
    assert result["recipients"] == ["Như Điều 2", "Lưu: VT"]
    assert result["signer"] == {"name": "Lưu Quang Vinh", "title": "CHỦ TỊCH", "mode": None}
    assert any("ban hành kèm theo" in w for w in result["warnings"])
