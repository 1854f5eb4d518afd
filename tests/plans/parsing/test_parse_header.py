"""Headers of every layout: with and without Quốc hiệu, two columns in any order, drafts."""

from __future__ import annotations

import unicodedata

import pytest

from tests.plans.parsing.parsing_helpers import fixture, fixture_text
from thidua.plans.parsing import parse_plan_bytes, parse_plan_file, parse_plan_text

HEADERS = {
    "kh_khuong_dinh_layout.txt": dict(
        number="34/KH-UBND", doc_type="KH", issuer="UBND phường Khương Đình",
        governing_body=None, place="Khương Đình", date="2024-03-05", year=2024,
        title="Phát động phong trào thi đua thực hiện nhiệm vụ cải cách hành chính năm 2024",
    ),
    "kh_tan_lap_interleaved.txt": dict(
        number="15/KH-UBND", doc_type="KH", issuer="UBND xã Tân Lập", governing_body=None,
        place="Tân Lập", date="2024-03-05", year=2024,
        title='Tổ chức phong trào thi đua "Cải cách hành chính, xây dựng chính quyền số" năm 2024',
    ),
    "kh_so_tttt_phu_tho.txt": dict(
        number="210/KH-STTTT", doc_type="KH",
        issuer="Sở Thông tin và Truyền thông tỉnh Phú Thọ",
        governing_body="UBND tỉnh Phú Thọ", place="Phú Thọ", date="2024-03-05", year=2024,
        title="Tổ chức phong trào thi đua đẩy mạnh cải cách hành chính, chuyển đổi số năm 2024",
    ),
    "kh_hoi_dong_tdkt_van_quan.txt": dict(
        number="05/KH-HĐTĐKT", doc_type="KH",
        issuer="Hội đồng Thi đua - Khen thưởng phường Văn Quán",
        governing_body="UBND phường Văn Quán", place="Văn Quán", date="2024-01-12", year=2024,
        title="Thi đua thực hiện thắng lợi nhiệm vụ cải cách hành chính năm 2024",
    ),
    "kh_ha_dong_giai_doan.txt": dict(
        number="118/KH-UBND", doc_type="KH", issuer="UBND quận Hà Đông", governing_body=None,
        place="Hà Đông", date="2024-02-14", year=None,
        title="Phát động phong trào thi đua đẩy mạnh cải cách hành chính giai đoạn 2024 - 2025",
    ),
    "kh_invalid_date_tl.txt": dict(
        number="77/KH-UBND", doc_type="KH", issuer="UBND thị xã Sơn Tây", governing_body=None,
        place="Sơn Tây", date=None, year=2024,
        title="Tổ chức phong trào thi đua cải cách hành chính năm 2024",
    ),
    "kh_dai_mo_wrapped.txt": dict(
        number="09/KH-UBND", doc_type="KH", issuer="UBND phường Đại Mỗ", governing_body=None,
        place="Đại Mỗ", date="2024-03-05", year=2024,
        title="TỔ CHỨC PHONG TRÀO THI ĐUA ĐẨY MẠNH CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    ),
    "kh_tinh_tuq.txt": dict(
        number="2150/KH-UBND", doc_type="KH", issuer="UBND tỉnh Hà Nam", governing_body=None,
        place="Hà Nam", date="2024-03-18", year=2024,
        title='Tổ chức phong trào thi đua "Cán bộ, công chức, viên chức thi đua thực hiện văn '
        'hóa công sở, đẩy mạnh cải cách hành chính" năm 2024',
    ),
    "kh_lao_dong_tien_tien_2025.txt": dict(
        number="03/KH-UBND", doc_type="KH", issuer="UBND xã Phú Minh", governing_body=None,
        place="Phú Minh", date="2025-07-15", year=2025,
        title="Tổ chức phong trào thi đua cải cách hành chính 6 tháng cuối năm 2025",
    ),
    "kh_single_line_header.txt": dict(
        number="45/KH-UBND", doc_type="KH", issuer="UBND phường Văn Quán", governing_body=None,
        place="Văn Quán", date="2025-01-10", year=2025,
        title="Tổ chức phong trào thi đua thực hiện nhiệm vụ cải cách hành chính năm 2025",
    ),
    "kh_draft_blank_number.txt": dict(
        number=None, doc_type="KH", issuer="UBND phường Phú La", governing_body=None,
        place="Phú La", date=None, year=2024,
        title="Tổ chức phong trào thi đua cải cách hành chính năm 2024",
    ),
    "kh_phan_bullets.txt": dict(
        number="11/KH-UBND", doc_type="KH", issuer="UBND phường Yết Kiêu", governing_body=None,
        place="Yết Kiêu", date="2025-01-02", year=2025,
        title='Phát động phong trào thi đua "Dân vận khéo" trong cải cách hành chính năm 2025',
    ),
    "kh_phong_noi_vu_quoc_hieu_first.txt": dict(
        number="12/KH-PNV", doc_type="KH", issuer="Phòng Nội vụ quận Hà Đông",
        governing_body="UBND quận Hà Đông", place="Hà Đông", date="2024-04-10", year=2024,
        title='Triển khai phong trào thi đua "Đổi mới, sáng tạo trong cải cách hành chính" '
        "năm 2024",
    ),
    "kh_dong_hung_danh_hieu.txt": dict(
        number="07/KH-UBND", doc_type="KH", issuer="UBND xã Đông Hưng", governing_body=None,
        place="Đông Hưng", date="2025-02-03", year=2025,
        title="Phát động phong trào thi đua thực hiện nhiệm vụ cải cách hành chính năm 2025",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(HEADERS))
def test_header_fields_of_each_test_plan(name: str) -> None:
    result = parse_plan_file(fixture(name))
    for field, expected in HEADERS[name].items():
        assert result[field] == expected, field
    assert result["type_name"] == "KẾ HOẠCH"
    assert result["is_emulation_plan"] is True


def test_two_columns_on_shared_lines_are_split_at_the_wide_gaps() -> None:
    result = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))
    assert result["sources"]["number"] == [4, 4]
    assert result["sources"]["date"] == [4, 4]
    assert result["sources"]["issuer"] == [1, 2]
    assert result["sources"]["title"] == [7, 8]


def test_a_header_without_quoc_hieu_lines_still_gives_issuer_number_and_date() -> None:
    text = fixture_text("kh_ha_dong_giai_doan.txt")
    assert "CỘNG HÒA" not in text
    result = parse_plan_text(text)
    assert (result["issuer"], result["number"], result["date"]) == (
        "UBND quận Hà Đông",
        "118/KH-UBND",
        "2024-02-14",
    )
    assert not any("cơ quan ban hành" in w for w in result["warnings"])


def test_the_issuer_from_the_body_comes_with_a_warning_quoting_it() -> None:
    text = fixture_text("kh_tan_lap_interleaved.txt").replace("ỦY BAN NHÂN DÂN\n", "", 1)
    text = text.replace("XÃ TÂN LẬP\n", "", 1)
    result = parse_plan_text(text)
    assert result["issuer"] == "UBND xã Tân Lập"
    assert any('"UBND xã Tân Lập xây dựng Kế hoạch"' in w for w in result["warnings"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mộ Lao, ngày 05/3/2024", "2024-03-05"),
        ("Mộ Lao, ngày 5 tháng 3 năm 2024", "2024-03-05"),
        ("Mộ Lao, ngày 05 tháng 03 năm 2024", "2024-03-05"),
        ("Mộ Lao, 05-3-2024", "2024-03-05"),
        ("Mộ Lao, ngày 05.3.2024", "2024-03-05"),
        ("Mộ Lao, ngày 31/12/2023", "2023-12-31"),
    ],
)
def test_the_date_line_in_every_usual_form(line: str, expected: str) -> None:
    text = f"UBND PHƯỜNG MỘ LAO\nSố: 01/KH-UBND\n{line}\nKẾ HOẠCH\nThi đua năm 2024\n"
    result = parse_plan_text(text)
    assert result["date"] == expected
    assert result["place"] == "Mộ Lao"
    assert not any(w.startswith("Ngày ban hành") for w in result["warnings"])


@pytest.mark.parametrize(
    "line", ["Mộ Lao, ngày 30 tháng 02 năm 2024", "Mộ Lao, ngày 32/01/2024", "Mộ Lao, 5-13-2024"]
)
def test_an_impossible_date_gives_null_and_a_warning_quoting_it(line: str) -> None:
    text = f"UBND PHƯỜNG MỘ LAO\nSố: 01/KH-UBND\n{line}\nKẾ HOẠCH\nThi đua năm 2024\n"
    result = parse_plan_text(text)
    assert result["date"] is None
    assert result["place"] == "Mộ Lao"
    assert any(
        "Ngày ban hành không hợp lệ" in w and line.split(", ")[1] in w for w in result["warnings"]
    )


def test_the_invalid_date_fixture_warns_about_the_header_and_the_basis() -> None:
    result = parse_plan_file(fixture("kh_invalid_date_tl.txt"))
    assert result["warnings"] == [
        'Ngày ban hành không hợp lệ, để trống: "ngày 30 tháng 02 năm 2024" (dòng 6).',
        'Ngày viết sai, không lấy được ngày: "Kế hoạch số 31/KH-UBND ngày 15/2024" (dòng 9).',
    ]


def test_a_draft_with_blanks_warns_and_keeps_the_type_from_the_symbol() -> None:
    result = parse_plan_file(fixture("kh_draft_blank_number.txt"))
    assert result["number"] is None
    assert result["doc_type"] == "KH"
    assert result["date"] is None
    warnings = " ".join(result["warnings"])
    assert "Số văn bản để trống" in warnings
    assert "Ngày ban hành để trống" in warnings
    assert "dự thảo" in warnings


def test_a_symbol_that_contradicts_the_type_name_is_reported() -> None:
    text = (
        "UBND PHƯỜNG MỘ LAO\nSố: 01/QĐ-UBND\nMộ Lao, ngày 05/3/2024\nKẾ HOẠCH\nThi đua năm 2024\n"
    )
    result = parse_plan_text(text)
    assert result["doc_type"] == "QĐ"
    assert any("không khớp" in w for w in result["warnings"])


def test_text_in_decomposed_unicode_reads_the_same_as_composed() -> None:
    text = fixture_text("kh_so_tttt_phu_tho.txt")
    nfd = unicodedata.normalize("NFD", text).encode("utf-8")
    composed = parse_plan_bytes(text.encode("utf-8"))
    decomposed = parse_plan_bytes(nfd)
    assert decomposed["issuer"] == "Sở Thông tin và Truyền thông tỉnh Phú Thọ"
    for field in ("number", "date", "title", "references", "quotas", "signer", "sections"):
        assert decomposed[field] == composed[field], field


def test_headers_using_old_tone_placement_are_recognised() -> None:
    text = (
        "UỶ BAN NHÂN DÂN\nPHƯỜNG MỘ LAO\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập – Tự do – Hạnh phúc\nSố: 02/KH-UBND\nMộ Lao, ngày 10 tháng 01 năm 2024\n"
        "KẾ HOẠCH\nThi đua cải cách hành chính năm 2024\n"
    )
    result = parse_plan_text(text)
    assert result["issuer"] == "UBND phường Mộ Lao"
    assert result["number"] == "02/KH-UBND"
    assert result["date"] == "2024-01-10"


def test_a_date_line_without_a_place_gives_the_date_and_no_place() -> None:
    result = parse_plan_file(fixture("qd_ban_hanh_kem_ke_hoach.txt"))
    assert (result["place"], result["date"]) == (None, "2024-03-05")


def test_a_title_opening_with_thuc_hien_is_a_title_not_a_legal_basis() -> None:
    text = (
        "UBND PHƯỜNG MỘ LAO\nSố: 03/KH-UBND\nMộ Lao, ngày 05/3/2024\nKẾ HOẠCH\n"
        "Thực hiện phong trào thi đua cải cách hành chính năm 2024\n"
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND quận Hà Đông;\n"
    )
    result = parse_plan_text(text)
    assert result["title"] == "Thực hiện phong trào thi đua cải cách hành chính năm 2024"
    assert [r["number"] for r in result["references"]] == ["12/KH-UBND"]
