"""Signature blocks in every mode, and the recipients beside them."""

from __future__ import annotations

import pytest

from tests.plans.parsing.parsing_helpers import fixture
from thidua.plans.parsing import parse_plan_file, parse_plan_text


@pytest.mark.parametrize(
    ("name", "signer", "authority"),
    [
        ("kh_khuong_dinh_layout.txt", ("Trần Minh Đức", "CHỦ TỊCH", "TM."), "ỦY BAN NHÂN DÂN"),
        ("kh_tan_lap_interleaved.txt", ("Lê Thị Hồng Nhung", "PHÓ CHỦ TỊCH", "KT."), "CHỦ TỊCH"),
        ("kh_so_tttt_phu_tho.txt", ("Phạm Quang Huy", "PHÓ GIÁM ĐỐC", "KT."), "GIÁM ĐỐC"),
        (
            "kh_hoi_dong_tdkt_van_quan.txt",
            ("Đỗ Văn Bình", "CHỦ TỊCH", "TM."),
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        ),
        ("kh_ha_dong_giai_doan.txt", ("Nguyễn Hữu Thắng", None, "Q."), "CHỦ TỊCH"),
        ("kh_invalid_date_tl.txt", ("Vũ Thị Mai", "CHÁNH VĂN PHÒNG", "TL."), "CHỦ TỊCH"),
        ("kh_tinh_tuq.txt", ("Trương Quốc Hưng", "GIÁM ĐỐC SỞ NỘI VỤ", "TUQ."), "CHỦ TỊCH"),
        ("kh_dai_mo_wrapped.txt", ("Hoàng Văn Sơn", "CHỦ TỊCH", "TM."), "ỦY BAN NHÂN DÂN"),
        ("kh_single_line_header.txt", ("Bùi Thanh Tùng", "CHỦ TỊCH", "TM."), "ỦY BAN NHÂN DÂN"),
        ("kh_phan_bullets.txt", ("Ngô Thị Lan", "CHỦ TỊCH", None), None),
        ("qd_khen_thuong_mo_lao.txt", ("Nguyễn Thị Thanh", "CHỦ TỊCH", None), None),
        ("kh_phong_noi_vu_quoc_hieu_first.txt", ("NGUYỄN VĂN AN", "TRƯỞNG PHÒNG", None), None),
        ("kh_dong_hung_danh_hieu.txt", ("Đặng Thị Thu Hà", "PHÓ CHỦ TỊCH", "KT."), "CHỦ TỊCH"),
        ("kh_draft_blank_number.txt", (None, None, None), None),
    ],
)
def test_signer_of_each_test_document(name: str, signer: tuple, authority: str | None) -> None:
    result = parse_plan_file(fixture(name))
    assert result["signer"] == dict(zip(("name", "title", "mode"), signer, strict=True))
    assert result["details"]["signer"]["authority"] == authority


def test_names_that_look_like_offices_when_folded_are_still_names() -> None:
    # "Trương" folds to "truong" (as "trưởng"), "Phương" to "phuong" (as "phường").
    text = "KẾ HOẠCH\nThi đua\nI. NỘI DUNG\nThi đua./.\nCHỦ TỊCH\nLê Thị Phương\n"
    assert parse_plan_text(text)["signer"]["name"] == "Lê Thị Phương"


@pytest.mark.parametrize(
    ("name", "recipients"),
    [
        (
            "kh_khuong_dinh_layout.txt",
            [
                "UBND quận Thanh Xuân (để b/c)",
                "Thường trực Đảng ủy phường (để b/c)",
                "Các bộ phận chuyên môn (để t/h)",
                "Lưu: VT, VP",
            ],
        ),
        ("kh_tan_lap_interleaved.txt", ["UBND huyện (để b/c)", "Đảng ủy xã (để b/c)", "Lưu: VT"]),
        (
            "kh_tinh_tuq.txt",
            [
                "Thủ tướng Chính phủ (để b/c)",
                "Bộ Nội vụ (để b/c)",
                "Các sở, ban, ngành",
                "Lưu: VT, NV",
            ],
        ),
        ("kh_single_line_header.txt", ["Lưu: VT"]),
        ("qd_khen_thuong_mo_lao.txt", ["Như Điều 3", "Lưu: VT"]),
        ("kh_hoi_dong_tdkt_van_quan.txt", []),
        (
            "kh_phong_noi_vu_quoc_hieu_first.txt",
            ["UBND quận (để b/c)", "Các phòng chuyên môn", "Lưu: VT"],
        ),
    ],
)
def test_recipients_without_dash_and_final_punctuation(name: str, recipients: list[str]) -> None:
    assert parse_plan_file(fixture(name))["recipients"] == recipients


def test_recipients_carry_their_purpose_in_the_details() -> None:
    details = parse_plan_file(fixture("kh_khuong_dinh_layout.txt"))["details"]["recipients"]
    assert details == [
        {"name": "UBND quận Thanh Xuân", "purpose": "để b/c"},
        {"name": "Thường trực Đảng ủy phường", "purpose": "để b/c"},
        {"name": "Các bộ phận chuyên môn", "purpose": "để t/h"},
        {"name": "Lưu: VT, VP", "purpose": None},
    ]


def test_a_plan_without_noi_nhan_still_has_its_signer_and_no_recipients() -> None:
    result = parse_plan_file(fixture("kh_hoi_dong_tdkt_van_quan.txt"))
    assert result["recipients"] == []
    assert result["signer"]["name"] == "Đỗ Văn Bình"
    assert "recipients" not in result["sources"]


def test_signature_lines_name_their_sources() -> None:
    result = parse_plan_file(fixture("kh_so_tttt_phu_tho.txt"))
    assert result["sources"]["signer.mode"] == [39, 39]
    assert result["sources"]["signer.title"] == [40, 40]
    assert result["sources"]["signer.name"] == [42, 42]
    assert result["sources"]["signer"] == [39, 42]


def test_recipients_and_signature_joined_by_single_spaces_are_told_apart() -> None:
    text = (
        "KẾ HOẠCH\nThi đua năm 2024\nI. NỘI DUNG\nThi đua./.\n"
        "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- UBND quận (để b/c); CHỦ TỊCH\n- Lưu: VT. Nguyễn Văn An\n"
    )
    result = parse_plan_text(text)
    assert result["recipients"] == ["UBND quận (để b/c)", "Lưu: VT"]
    assert result["signer"] == {"name": "Nguyễn Văn An", "title": "CHỦ TỊCH", "mode": "TM."}
