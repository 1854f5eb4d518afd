"""Realistic sample contexts: the Mộ Lao movement for administrative reform, per regime.

Used to check uploaded templates (every placeholder must resolve), by ``thidua documents
samples`` and by the tests. No database: amounts come from the default legal data.

R2013 is the seed's own year 2023; R2022a replays it in 2024; R2022b in late 2025, when
Mộ Lao has become part of phường Hà Đông and reports go to the city, no longer a district.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from thidua.regulations import defaults as legal
from thidua.regulations.services import round_bonus
from thidua.vn import build_symbol, date_line, format_date, format_money

from .catalog import SPECS
from .qr import qr_png

D = datetime.date

SCENARIOS: dict[str, dict[str, Any]] = {
    "R2013": {
        "year": 2023,
        "ward": "phường Mộ Lao",
        "place": "Mộ Lao",
        "upper": "UBND quận Hà Đông",
        "chairman": "Nguyễn Thị Thanh",
        "vice": "Trần Quốc Hùng",
        "qd_signed_by_vice": False,
    },
    "R2022a": {
        "year": 2024,
        "ward": "phường Mộ Lao",
        "place": "Mộ Lao",
        "upper": "UBND quận Hà Đông",
        "chairman": "Nguyễn Thị Thanh",
        "vice": "Trần Quốc Hùng",
        "qd_signed_by_vice": False,
    },
    "R2022b": {
        "year": 2025,
        "ward": "phường Hà Đông",
        "place": "Hà Đông",
        "upper": "UBND thành phố Hà Nội",
        "chairman": "Nguyễn Văn Hải",
        "vice": "Trần Quốc Hùng",
        "qd_signed_by_vice": True,
    },
}

COLLECTIVES = [
    ("Bộ phận tiếp nhận và trả kết quả", "Tiếp nhận, giải quyết đúng hạn 100% hồ sơ TTHC"),
    ("Tư pháp - Hộ tịch", "Số hóa 100% sổ hộ tịch, rút ngắn thời gian giải quyết hồ sơ"),
]
INDIVIDUALS = [
    (
        "Lê Thị Mai",
        1993,
        "Nữ",
        "Công chức tiếp nhận hồ sơ, Bộ phận tiếp nhận và trả kết quả",
        "Trực tiếp tiếp nhận 2.315 hồ sơ, không có hồ sơ trễ hạn; hướng dẫn nộp trực tuyến",
    ),
    (
        "Vương Đình Phúc",
        1990,
        "Nam",
        "Công chức tiếp nhận hồ sơ, Bộ phận tiếp nhận và trả kết quả",
        "Đề xuất sáng kiến tra cứu hồ sơ bằng mã QR tại bộ phận một cửa",
    ),
]


def _bonus(regime: str, target: str, day: datetime.date) -> int:
    base = max((row for row in legal.BASE_SALARIES if row[0] <= day), key=lambda r: r[0])[1]
    value = next(
        Decimal(m[3])
        for m in legal.MULTIPLIERS
        if m[0] == regime and m[1] == "Giấy khen" and m[2] == target
    )
    return round_bonus(value * base)


def _frame(regime: str, key: str, day: datetime.date, number: int | None) -> dict[str, Any]:
    sc = SCENARIOS[regime]
    spec = SPECS[key]
    ward_upper = sc["ward"].upper()
    regime_data = next(r for r in legal.REGIMES if r["code"] == regime)
    if spec.issuer_kind == "UBND":
        governing, issuer, short = "", f"ỦY BAN NHÂN DÂN\n{ward_upper}", f"UBND {sc['ward']}"
    elif spec.issuer_kind == "HĐTĐKT":
        governing = f"UBND {ward_upper}"
        issuer = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
        short = f"Hội đồng Thi đua - Khen thưởng {sc['ward']}"
    else:
        governing, issuer = f"UBND {ward_upper}", COLLECTIVES[0][0].upper()
        short = COLLECTIVES[0][0]
    number_symbol = (
        build_symbol(number, spec.doc_type, spec.issuer_kind) if number is not None else ""
    )
    return {
        "governing_body": governing,
        "issuer_name": issuer,
        "issuer_short": short,
        "number_line": f"Số: {number_symbol}" if number_symbol else "",
        "number_symbol": number_symbol,
        "date_line": date_line(sc["place"], day),
        "date_short": format_date(day),
        "type_name": {"KH": "KẾ HOẠCH", "TTr": "TỜ TRÌNH", "BB": "BIÊN BẢN", "BC": "BÁO CÁO"}.get(
            spec.doc_type,
            {"QĐ": "QUYẾT ĐỊNH", "TB": "THÔNG BÁO", "GM": "GIẤY MỜI"}.get(spec.doc_type, ""),
        ),
        "summary": "",
        "recipients": [],
        "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "signer_name": sc["chairman"],
        "form_number": regime_data["form_numbers"].get(spec.form_number_key or "", ""),
        "decree": regime_data["decree"],
    }


def _p(text: str, kind: str = "para") -> dict[str, str]:
    return {"kind": kind, "text": text}


def _list_rows(with_detail: bool) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = [
        {"stt": "I", "heading": "TẬP THỂ", "name": "", "birth": "", "position": "", "form": ""}
    ]
    for index, (name, achievement) in enumerate(COLLECTIVES, start=1):
        rows.append(
            {
                "stt": str(index),
                "heading": "",
                "name": name,
                "birth": "",
                "position": "Thuộc UBND phường",
                "achievement": achievement,
                "form": "Giấy khen",
            }
        )
    rows.append(
        {"stt": "II", "heading": "CÁ NHÂN", "name": "", "birth": "", "position": "", "form": ""}
    )
    for index, (name, year, gender, position, achievement) in enumerate(INDIVIDUALS, start=1):
        rows.append(
            {
                "stt": str(index),
                "heading": "",
                "name": name,
                "birth": f"{year} ({gender})",
                "position": position,
                "achievement": achievement,
                "form": "Giấy khen",
            }
        )
    for row in rows:
        row.setdefault("achievement", "")
        row["note"] = ""
    return rows


def _vote_rows(members: int, present: int) -> list[dict[str, str]]:
    names = [c[0] for c in COLLECTIVES] + [i[0] for i in INDIVIDUALS]
    votes = [present, present - 1, present, present - 2]
    rows = []
    for index, (name, count) in enumerate(zip(names, votes, strict=True), start=1):
        rows.append(
            {
                "stt": str(index),
                "heading": "",
                "name": name,
                "form": "Giấy khen",
                "votes": f"{count}/{present}",
                "percent": f"{100 * count / present:.1f}".replace(".", ","),
                "result": "Đạt",
                "votes_for": str(count),
                "votes_against": str(present - count),
                "votes_abstain": "0",
                "base": str(present),
            }
        )
    return rows


def _report_award_rows(regime: str, day: datetime.date) -> list[dict[str, Any]]:
    """The awardees' list of the report upward: the sample decision's four awards."""
    decision = f"125/QĐ-UBND ngày {format_date(day)}"
    section = {"name": "", "form": "", "decision": ""}
    rows: list[dict[str, Any]] = [{"stt": "I", "heading": "TẬP THỂ", **section}]
    for index, (name, _a) in enumerate(COLLECTIVES, start=1):
        rows.append(
            {
                "stt": str(index),
                "heading": "",
                "name": name,
                "form": "Giấy khen",
                "decision": decision,
                "amount": _bonus(regime, "collective", day),
            }
        )
    rows.append({"stt": "II", "heading": "CÁ NHÂN", **section})
    for index, (name, _y, _g, position, _a) in enumerate(INDIVIDUALS, start=1):
        rows.append(
            {
                "stt": str(index),
                "heading": "",
                "name": f"{name}, {position}",
                "form": "Giấy khen",
                "decision": decision,
                "amount": _bonus(regime, "individual", day),
            }
        )
    return rows


def _results(year: int) -> list[dict[str, str]]:
    rows = [
        ("Hồ sơ TTHC giải quyết đúng hạn", "100%", "100%", "100"),
        ("Hồ sơ nộp trực tuyến toàn trình", "50%", "63,4%", "126,8"),
        ("Chỉ số hài lòng SIPAS của phường", "≥ 85%", "91,2%", "107,3"),
        ("Xếp hạng PAR INDEX trong nhóm dẫn đầu", "Tốp 5", "Hạng 3/17", "Đạt"),
    ]
    return [
        {
            "stt": str(i),
            "heading": "",
            "target": f"{t} năm {year}",
            "planned": p,
            "achieved": a,
            "percent": r,
        }
        for i, (t, p, a, r) in enumerate(rows, start=1)
    ]


def _awards_received(year: int) -> list[dict[str, str]]:
    return [
        {
            "year": str(year - 1),
            "form": "Giấy khen của Chủ tịch UBND phường",
            "decision": f"Quyết định số 98/QĐ-UBND ngày 20/12/{year - 1} của UBND phường",
        },
        {
            "year": str(year - 2),
            "form": "Tập thể lao động tiên tiến",
            "decision": f"Quyết định số 110/QĐ-UBND ngày 28/12/{year - 2} của UBND phường",
        },
    ]


def _content(key: str, regime: str) -> tuple[dict[str, Any], datetime.date, int | None]:
    sc = SCENARIOS[regime]
    y = sc["year"]
    ward = sc["ward"]
    movement = f"phong trào thi đua đẩy mạnh cải cách hành chính năm {y}"
    plan = f"Kế hoạch số 20/KH-UBND ngày 28/02/{y} của UBND {ward}"
    members, present = 9, 8
    meeting = {
        "start": f"08 giờ 30 phút, ngày 01/12/{y}",
        "end": "10 giờ 45 phút",
        "place": f"Phòng họp tầng 2, trụ sở UBND {ward}",
        "chair": f"Bà {sc['chairman']} - Chủ tịch UBND phường, Chủ tịch Hội đồng",
        "secretary": "Bà Phạm Thu Hà - Công chức Văn phòng - Thống kê, Thư ký Hội đồng",
        "chair_name": sc["chairman"],
        "secretary_name": "Phạm Thu Hà",
        "present": "các thành viên Hội đồng Thi đua - Khen thưởng phường",
        "present_count": str(present),
        "members_total": str(members),
        "absent": "01 thành viên (ông Lê Văn Cường, đi công tác, đã gửi ý kiến bằng văn bản)",
        "voting_method": "Bỏ phiếu kín",
        "conclusion": (
            "Hội đồng thống nhất đề nghị Chủ tịch UBND phường tặng Giấy khen cho 02 tập thể "
            "và 02 cá nhân có thành tích xuất sắc trong " + movement + "."
        ),
        "agenda": f"Xét đề nghị khen thưởng tập thể, cá nhân trong {movement}",
    }
    upper_lines = [f"{sc['upper']} (để b/c)", "TT Đảng ủy phường (để b/c)"]
    if key == "ke_hoach":
        return (
            {
                "summary": f"Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm {y}",
                "body": [
                    _p(
                        f"Thực hiện Kế hoạch số 60/KH-UBND ngày 20/02/{y} của {sc['upper']} về "
                        f"tổ chức {movement}; Kế hoạch số 17/KH-UBND ngày 16/02/{y} của UBND "
                        f"{ward} về cải cách hành chính năm {y}, UBND {ward} xây dựng kế hoạch "
                        f"tổ chức {movement} như sau:"
                    ),
                    _p("I. MỤC ĐÍCH, YÊU CẦU", "heading"),
                    _p("1. Mục đích", "heading"),
                    _p(
                        "- Xây dựng nền hành chính trong sạch, vững mạnh, hiện đại, tăng tính "
                        "dân chủ, giảm thiểu chi phí về thời gian và kinh phí trong thực hiện "
                        "TTHC; gắn với kết quả thực hiện cơ chế một cửa."
                    ),
                    _p("2. Yêu cầu", "heading"),
                    _p(
                        "- Phong trào thi đua triển khai rộng khắp, thường xuyên, phát huy được "
                        "sức sáng tạo trong công tác cải cách hành chính."
                    ),
                    _p("II. NỘI DUNG", "heading"),
                    _p(
                        "- Thi đua triển khai toàn diện, đồng bộ, có hiệu quả các nội dung CCHC; "
                        "góp phần nâng cao Chỉ số CCHC (PAR INDEX) và Chỉ số SIPAS của phường."
                    ),
                    _p("III. HÌNH THỨC, TIÊU CHUẨN, SỐ LƯỢNG, THỦ TỤC HỒ SƠ", "heading"),
                    _p("- Tặng Giấy khen của Chủ tịch UBND phường cho 1-2 tập thể, 1-2 cá nhân."),
                    _p("IV. TỔ CHỨC THỰC HIỆN", "heading"),
                    _p(
                        "Giao Văn phòng UBND phường tổng hợp, đề xuất Hội đồng TĐKT phường khen "
                        "thưởng cho các tập thể, cá nhân đạt thành tích xuất sắc theo kế hoạch "
                        "này"
                    ),
                ],
                "recipients": [
                    f"- {upper_lines[0]};",
                    f"- {upper_lines[1]};",
                    "- MTTQ và các đoàn thể;",
                    "- Cán bộ, công chức;",
                    "- Lưu: VT.",
                ],
            },
            D(y, 2, 28),
            20,
        )
    if key == "to_trinh":
        return (
            {
                "summary": f"Về việc đề nghị tặng Giấy khen cho các tập thể, cá nhân có thành "
                f"tích xuất sắc trong {movement}",
                "kinh_gui": f"Chủ tịch UBND {ward}",
                "body": [
                    _p(f"Căn cứ {plan} về tổ chức {movement};"),
                    _p(
                        f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng phường số "
                        f"03/BB-HĐTĐKT ngày 01/12/{y};"
                    ),
                    _p(
                        "Hội đồng Thi đua - Khen thưởng phường đề nghị Chủ tịch UBND phường "
                        "tặng Giấy khen cho 02 tập thể và 02 cá nhân đã có thành tích xuất sắc "
                        f"trong {movement} (có danh sách kèm theo)."
                    ),
                    _p("Kính trình Chủ tịch UBND phường xem xét, quyết định"),
                ],
                "list_title": f"Đề nghị tặng Giấy khen của Chủ tịch UBND {ward} trong {movement}",
                "list_rows": _list_rows(True),
                "recipients": ["- Như trên;", "- Lưu: VT, HĐTĐKT."],
                "signature_lines": ["TM. HỘI ĐỒNG", "CHỦ TỊCH"],
            },
            D(y, 12, 5),
            5,
        )
    if key in ("bien_ban_hop_don_vi", "bien_ban_hop_hoi_dong"):
        council = key.endswith("hoi_dong")
        if not council:
            meeting = {
                **meeting,
                "start": f"14 giờ 00 phút, ngày 24/11/{y}",
                "end": "15 giờ 30 phút",
                "place": "Bộ phận tiếp nhận và trả kết quả",
                "chair": "Ông Đỗ Minh Tuấn - Trưởng Bộ phận tiếp nhận và trả kết quả",
                "secretary": "Bà Nguyễn Thị Thu Trang - Công chức tiếp nhận hồ sơ",
                "chair_name": "Đỗ Minh Tuấn",
                "secretary_name": "Nguyễn Thị Thu Trang",
                "present": "05/05 cán bộ, công chức, người lao động của bộ phận",
                "absent": "Không",
                "voting_method": "Biểu quyết giơ tay",
            }
        return (
            {
                "summary": (
                    f"Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng trong {movement}"
                    if council
                    else f"Họp bình xét đề nghị khen thưởng trong {movement}"
                ),
                "meeting": meeting,
                "body": [
                    _p(
                        "Thư ký báo cáo tóm tắt thành tích của các tập thể, cá nhân được đề nghị "
                        f"khen thưởng theo {plan}."
                    ),
                    _p(
                        "Các thành viên thảo luận, đối chiếu tiêu chuẩn; ưu tiên cán bộ, công "
                        "chức trực tiếp thực hiện nhiệm vụ CCHC."
                    ),
                ],
                "vote_rows": _vote_rows(members if council else 5, present if council else 5),
            },
            D(y, 12, 1) if council else D(y, 11, 24),
            3 if council else None,
        )
    if key == "bien_ban_kiem_phieu":
        return (
            {
                "summary": "Kiểm phiếu bầu chọn tập thể, cá nhân đề nghị tặng Giấy khen",
                "meeting": meeting,
                "ballot": {
                    "tellers": f"{meeting['secretary']} (Trưởng ban); {meeting['chair']} "
                    "(giám sát)",
                    "members_total": f"{members:02d}",
                    # One member absent who sent a written ballot: every ballot returned.
                    "issued": f"{members:02d} ({present:02d} thành viên có mặt, "
                    f"{members - present:02d} phiếu bằng văn bản của thành viên vắng mặt)",
                    "returned": f"{members:02d}",
                    "valid": f"{members:02d}",
                    "invalid": "00",
                    "rule": "Bỏ phiếu kín; đạt khi trên 50% tổng số thành viên Hội đồng đồng "
                    "ý; có mặt tối thiểu 2/3 thành viên.",
                    "supervisor_name": meeting["chair_name"],
                    "head_name": meeting["secretary_name"],
                },
                "vote_rows": _vote_rows(members, members),
                "body": [
                    _p(
                        "Số phiếu tính trên tổng số thành viên Hội đồng, kể cả thành viên vắng "
                        "mặt đã gửi phiếu bằng văn bản."
                    )
                ],
            },
            D(y, 12, 1),
            4,
        )
    if key.startswith("bao_cao_thanh_tich"):
        kind = key.rsplit("_", 1)[-1]
        subject: dict[str, Any] = {}
        if kind == "nhan":
            name, year, gender, position, achievement = INDIVIDUALS[0]
            subject = {
                "person": {
                    "name": name,
                    "birth": f"12/05/{year}",
                    "gender": gender,
                    "hometown": "Xã Vân Đình, huyện Ứng Hòa, Hà Nội",
                    "residence": f"Tổ dân phố số 3, {ward}, Hà Nội",
                    "unit": "Bộ phận tiếp nhận và trả kết quả, UBND phường",
                    "position": "Công chức tiếp nhận hồ sơ",
                    "education": "Cử nhân Luật",
                },
                "head_name": "Đỗ Minh Tuấn",
                "signer_name": name,
                "summary": f"Đề nghị tặng Giấy khen của Chủ tịch UBND {ward}",
            }
        elif kind == "the":
            subject = {
                "collective": {
                    "name": COLLECTIVES[0][0],
                    "address": f"Trụ sở UBND {ward}",
                    "situation": (
                        "Bộ phận có 05 công chức, người lao động; tiếp nhận và trả kết quả "
                        "giải quyết thủ tục hành chính của phường theo cơ chế một cửa."
                    ),
                },
                "head_name": sc["chairman"],
                "signer_name": "Đỗ Minh Tuấn",
                "summary": f"Đề nghị tặng Giấy khen của Chủ tịch UBND {ward}",
            }
        else:
            subject = {
                "subject": {
                    "name": COLLECTIVES[0][0],
                    "position": f"Thuộc UBND {ward}",
                },
                "head_name": sc["chairman"],
                "signer_name": "Đỗ Minh Tuấn",
                "summary": f"Đề nghị tặng Giấy khen trong {movement}",
            }
        return (
            {
                **subject,
                "body": [
                    _p(
                        "Triển khai đầy đủ các nhiệm vụ CCHC được giao theo Kế hoạch số "
                        f"17/KH-UBND ngày 16/02/{y}; không có hồ sơ giải quyết trễ hạn."
                    ),
                    _p(
                        "Các biện pháp: niêm yết công khai TTHC, hướng dẫn người dân nộp hồ sơ "
                        "trực tuyến, khảo sát sự hài lòng bằng mã QR tại bộ phận một cửa."
                    ),
                ],
                "results": _results(y),
                "awards_received": _awards_received(y),
            },
            D(y, 11, 20),
            None,
        )
    if key == "quyet_dinh_khen_thuong":
        day = D(y, 12, 15)
        rows: list[dict[str, Any]] = [{"stt": "I", "heading": "TẬP THỂ", "name": ""}]
        for index, (name, _a) in enumerate(COLLECTIVES, start=1):
            rows.append(
                {
                    "stt": str(index),
                    "heading": "",
                    "name": name,
                    "amount": _bonus(regime, "collective", day),
                }
            )
        rows.append({"stt": "II", "heading": "CÁ NHÂN", "name": ""})
        for index, (name, _y, gender, position, _a) in enumerate(INDIVIDUALS, start=1):
            title = "Bà" if gender == "Nữ" else "Ông"
            rows.append(
                {
                    "stt": str(index),
                    "heading": "",
                    "name": f"{title} {name}, {position}",
                    "amount": _bonus(regime, "individual", day),
                }
            )
        legal_bases = next(r for r in legal.REGIMES if r["code"] == regime)["legal_bases"]
        collective = format_money(_bonus(regime, "collective", day))
        individual = format_money(_bonus(regime, "individual", day))
        signer = (
            (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], sc["vice"])
            if sc["qd_signed_by_vice"]
            else (["CHỦ TỊCH"], sc["chairman"])
        )
        return (
            {
                "summary": f"Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích "
                f"xuất sắc trong {movement}",
                "authority_line": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {ward.upper()}",
                "legal_bases": [
                    *legal_bases,
                    f"Căn cứ {plan} về tổ chức {movement};",
                    "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường tại Tờ trình số "
                    f"05/TTr-HĐTĐKT ngày 05/12/{y}.",
                ],
                "articles": [
                    {
                        "label": "Điều 1.",
                        "text": "Tặng Giấy khen cho 02 tập thể và 02 cá nhân (có danh sách "
                        f"kèm theo) đã có thành tích xuất sắc trong {movement}.",
                    },
                    {
                        "label": "Điều 2.",
                        "text": f"Mức tiền thưởng: tập thể {collective} đồng, cá nhân "
                        f"{individual} đồng, từ nguồn quỹ thi đua, khen thưởng của phường.",
                    },
                    {
                        "label": "Điều 3.",
                        "text": "Chánh Văn phòng UBND phường, công chức Tài chính - Kế toán, các "
                        "tập thể và cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
                        "Quyết định này",
                    },
                ],
                "annex": {
                    "title": f"Tập thể, cá nhân được tặng Giấy khen trong {movement}",
                    "issuer": f"Chủ tịch UBND {ward}",
                    "rows": rows,
                },
                "recipients": [
                    "- Như Điều 3;",
                    f"- {upper_lines[0]};",
                    "- Lưu: VT, TĐKT.",
                ],
                "signature_lines": signer[0],
                "signer_name": signer[1],
            },
            day,
            125,
        )
    if key == "thong_bao_cong_khai":
        rows = [
            {
                "stt": r["stt"],
                "heading": r["heading"],
                "name": r["name"],
                "position": r["position"],
                "form": r["form"],
            }
            for r in _list_rows(False)
        ]
        return (
            {
                "summary": "Công khai danh sách tập thể, cá nhân đề nghị tặng Giấy khen trong "
                + movement,
                "intro": [
                    _p(
                        f"Căn cứ {plan}; căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng "
                        f"phường ngày 01/12/{y}, UBND {ward} thông báo công khai danh sách "
                        "tập thể, cá nhân đề nghị tặng Giấy khen như sau:"
                    )
                ],
                "list_rows": rows,
                "body": [
                    _p(
                        f"Thời gian nhận ý kiến: từ ngày 06/12/{y} đến hết ngày 10/12/{y}, tại "
                        "Văn phòng UBND phường. Ý kiến phản ánh ghi rõ họ tên, địa chỉ"
                    )
                ],
                "recipients": ["- Các ban, ngành, đoàn thể phường;", "- Lưu: VT."],
                "signature_lines": ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
                "signer_name": "Phạm Thu Hà",
            },
            D(y, 12, 6),
            121,
        )
    if key == "bao_cao_ket_qua":
        return (
            {
                "summary": f"Kết quả {movement}",
                "kinh_gui": sc["upper"],
                "intro": [
                    _p(f"Thực hiện {plan}, UBND {ward} báo cáo kết quả như sau:"),
                    _p("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "heading"),
                ],
                "results": _results(y),
                "awards_intro": [
                    _p("II. KẾT QUẢ KHEN THƯỞNG", "heading"),
                    _p(
                        f"Chủ tịch UBND phường đã tặng Giấy khen cho 02 tập thể, 02 cá nhân tại "
                        f"Quyết định số 125/QĐ-UBND ngày 15/12/{y}, cụ thể như sau:"
                    ),
                ],
                "awards": {"rows": _report_award_rows(regime, D(y, 12, 15))},
                "body": [_p("UBND phường trân trọng báo cáo")],
                "recipients": [f"- {sc['upper']};", "- Lưu: VT."],
            },
            D(y, 12, 20),
            130,
        )
    if key == "giay_moi":
        return (
            {
                "summary": "Họp Hội đồng Thi đua - Khen thưởng phường",
                "invitee": "Các thành viên Hội đồng Thi đua - Khen thưởng phường",
                "meeting": meeting,
                "body": [_p("Rất mong các đồng chí tham dự đúng thời gian, địa điểm trên")],
                "recipients": ["- Như thành phần mời;", "- Lưu: VT."],
            },
            D(y, 11, 27),
            118,
        )
    raise KeyError(key)


def sample_context(key: str, regime: str) -> dict[str, Any]:
    """A full context (frame + content) for template ``key`` under ``regime``."""
    from .rendering import prepare_content

    sc = SCENARIOS[regime]
    spec = SPECS[key]
    if spec.certificate:
        y = sc["year"]
        code = "MoLao-Mau-" + regime
        verify_url = f"https://thidua.example/verify/{code}"
        signer = (
            (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], sc["vice"])
            if sc["qd_signed_by_vice"]
            else (["CHỦ TỊCH"], sc["chairman"])
        )
        name, _year, gender, position, _a = INDIVIDUALS[0]
        return {
            "awarding_title": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {sc['ward'].upper()}",
            "awardee_name": f"{'Bà' if gender == 'Nữ' else 'Ông'} {name}",
            "awardee_detail": position,
            "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách "
            f"hành chính năm {y}",
            "decision_symbol": "125/QĐ-UBND",
            "decision_date": f"15/12/{y}",
            "golden_book": "03",
            "qr_png": qr_png(verify_url),
            "verification_code": code,
            "verify_url": verify_url,
            "date_line": date_line(sc["place"], D(y, 12, 15)),
            "signature_lines": signer[0],
            "signer_name": signer[1],
            "emblem_png": None,
        }
    content, day, number = _content(key, regime)
    frame = _frame(regime, key, day, number if spec.issuer_kind != "UNIT" else None)
    return {**frame, **prepare_content(key, content)}


def all_samples() -> list[tuple[str, str]]:
    """Every (regime, key) pair."""
    return [(regime, key) for regime in SCENARIOS for key in SPECS]
