"""The templates the movement needs: key, Vietnamese name, document type, default issuer,
and the content keys each one expects from its caller (besides the frame the register
supplies). Shown on the template page so that an Office editing a template in Word
knows which placeholders it may use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Keys the register fills for every document (see rendering.frame_context).
FRAME_KEYS: dict[str, str] = {
    "governing_body": "Cơ quan chủ quản (chữ in hoa, có thể trống)",
    "issuer_name": "Tên cơ quan ban hành (chữ in hoa, đậm)",
    "issuer_short": "Tên viết gọn của cơ quan ban hành, ví dụ “UBND phường Hà Cầu”",
    "number_line": "Dòng “Số: 15/KH-UBND” (trống với văn bản không đánh số)",
    "number_symbol": "Số, ký hiệu, ví dụ “15/KH-UBND”",
    "date_line": "Dòng địa danh, ngày tháng, ví dụ “Hà Cầu, ngày 05 tháng 3 năm 2024”",
    "date_short": "Ngày văn bản dạng 28/02/2023",
    "type_name": "Tên loại văn bản in hoa, ví dụ “KẾ HOẠCH”",
    "summary": "Trích yếu",
    "recipients": "Các dòng Nơi nhận",
    "signature_lines": "Các dòng thẩm quyền ký, ví dụ “TM. ỦY BAN NHÂN DÂN”, “CHỦ TỊCH”",
    "signer_name": "Họ và tên người ký",
    "form_number": "Số hiệu mẫu theo nghị định, ví dụ “Mẫu số 07”",
    "decree": "Nghị định hướng dẫn của chế độ pháp lý",
}


@dataclass(frozen=True)
class TemplateSpec:
    """One template: what it is and what its caller must hand over."""

    key: str
    name: str
    doc_type: str
    issuer_kind: str
    content_keys: tuple[str, ...] = ()
    # The list whose last paragraph must end with "./." (NĐ 30/2020: the body ends so).
    closing: str | None = "body"
    certificate: bool = False
    form_number_key: str | None = None
    extra: dict = field(default_factory=dict)


SPECS: dict[str, TemplateSpec] = {
    spec.key: spec
    for spec in [
        TemplateSpec("ke_hoach", "Kế hoạch", "KH", "UBND", ("body",)),
        TemplateSpec(
            "to_trinh",
            "Tờ trình đề nghị khen thưởng (kèm Danh sách trích ngang)",
            "TTr",
            "HĐTĐKT",
            ("kinh_gui", "body", "list_title", "list_rows"),
            form_number_key="to_trinh",
        ),
        TemplateSpec(
            "bien_ban_hop_don_vi",
            "Biên bản họp bình xét của đơn vị",
            "BB",
            "UNIT",
            ("meeting", "body", "vote_rows"),
            closing=None,
        ),
        TemplateSpec(
            "bien_ban_hop_hoi_dong",
            "Biên bản họp Hội đồng Thi đua - Khen thưởng",
            "BB",
            "HĐTĐKT",
            ("meeting", "body", "vote_rows"),
            closing=None,
        ),
        TemplateSpec(
            "bien_ban_kiem_phieu",
            "Biên bản kiểm phiếu",
            "BB",
            "HĐTĐKT",
            ("meeting", "ballot", "vote_rows", "body"),
            closing=None,
        ),
        TemplateSpec(
            "bao_cao_thanh_tich_tap_the",
            "Báo cáo thành tích của tập thể",
            "BC",
            "UNIT",
            ("collective", "body", "results", "awards_received", "head_name"),
            closing=None,
            form_number_key="bao_cao_thanh_tich_tap_the",
        ),
        TemplateSpec(
            "bao_cao_thanh_tich_ca_nhan",
            "Báo cáo thành tích của cá nhân",
            "BC",
            "UNIT",
            ("person", "body", "results", "awards_received", "head_name"),
            closing=None,
            form_number_key="bao_cao_thanh_tich_ca_nhan",
        ),
        TemplateSpec(
            "bao_cao_thanh_tich_chuyen_de",
            "Báo cáo thành tích khen thưởng theo chuyên đề",
            "BC",
            "UNIT",
            ("subject", "body", "results", "awards_received", "head_name"),
            closing=None,
            form_number_key="bao_cao_thanh_tich_chuyen_de",
        ),
        TemplateSpec(
            "quyet_dinh_khen_thuong",
            "Quyết định khen thưởng (kèm danh sách, tiền thưởng)",
            "QĐ",
            "UBND",
            ("authority_line", "legal_bases", "articles", "annex"),
            closing="articles",
        ),
        TemplateSpec(
            "thong_bao_cong_khai",
            "Thông báo công khai danh sách đề nghị khen thưởng",
            "TB",
            "UBND",
            ("intro", "list_rows", "body"),
        ),
        TemplateSpec(
            "bao_cao_ket_qua",
            "Báo cáo kết quả phong trào thi đua (gửi cấp trên)",
            "BC",
            "UBND",
            ("kinh_gui", "intro", "results", "awards_intro", "awards", "body"),
        ),
        TemplateSpec("giay_moi", "Giấy mời họp", "GM", "UBND", ("invitee", "meeting", "body")),
        TemplateSpec(
            "giay_khen",
            "Giấy khen (in trên giấy trắng)",
            "",
            "UBND",
            closing=None,
            certificate=True,
        ),
        TemplateSpec(
            "giay_khen_phoi",
            "Giấy khen (in lên phôi in sẵn)",
            "",
            "UBND",
            closing=None,
            certificate=True,
        ),
    ]
}

CERTIFICATE_KEYS: dict[str, str] = {
    "awarding_title": "Chức danh người tặng, in hoa, màu đỏ",
    "awardee_name": "Tên tập thể hoặc họ và tên cá nhân được tặng",
    "awardee_detail": "Chức vụ, đơn vị hoặc địa chỉ",
    "achievement": "Thành tích",
    "decision_symbol": "Số, ký hiệu quyết định",
    "decision_date": "Ngày quyết định dạng 15/12/2023",
    "golden_book": "Số sổ vàng",
    "qr": "Mã QR xác minh (hình)",
    "emblem": "Ảnh Quốc huy Văn phòng đã tải lên (trống nếu chưa có; dùng trong {%p if emblem %})",
    "verification_code": "Mã xác minh",
    "verify_url": "Địa chỉ trang xác minh (mã QR dẫn tới đây)",
}

DOCUMENT_KEYS = [key for key, spec in SPECS.items() if not spec.certificate]


def spec_for(key: str) -> TemplateSpec:
    try:
        return SPECS[key]
    except KeyError:
        raise ValueError(f"Không có mẫu văn bản “{key}”.") from None
