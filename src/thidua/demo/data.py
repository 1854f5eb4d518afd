"""The demo's data, fixed so that every machine shows the same thing.

UBND phường Mộ Lao in 2023, with the plan 20/KH-UBND of the seed document and the
plans it implements; a second ward (Văn Quán) to show isolation; the upper levels.
All people are fictional except the seed's signer, whose name the plan prints.
"""

from __future__ import annotations

import datetime

D = datetime.date

# code, level, kind, name, parent code, valid_from, valid_to, place name
ORGANISATIONS = [
    ("ha-noi", "province", "thành phố", "Hà Nội", None, None, None, "Hà Nội"),
    ("quan-ha-dong", "district", "quận", "Hà Đông", "ha-noi", None, D(2025, 6, 30), "Hà Đông"),
    ("mo-lao", "commune", "phường", "Mộ Lao", "quan-ha-dong", None, D(2025, 6, 30), "Mộ Lao"),
    ("van-quan", "commune", "phường", "Văn Quán", "quan-ha-dong", None, D(2025, 6, 30), "Văn Quán"),
    ("phuong-ha-dong", "commune", "phường", "Hà Đông", "ha-noi", D(2025, 7, 1), None, "Hà Đông"),
    ("dai-mo", "commune", "phường", "Đại Mỗ", "ha-noi", D(2025, 7, 1), None, "Đại Mỗ"),
]

# From 01/07/2025 (Nghị quyết 1656/NQ-UBTVQH15): most of Mộ Lao went into the new
# phường Hà Đông, a part into phường Đại Mỗ. Văn Quán's successor is simplified to
# phường Hà Đông for the demo.
SUCCESSIONS = [
    ("mo-lao", "phuong-ha-dong"),
    ("mo-lao", "dai-mo"),
    ("van-quan", "phuong-ha-dong"),
]

COUNCIL = "Hội đồng Thi đua - Khen thưởng phường"

# Internal units of UBND phường Mộ Lao: name, kind, competes as a collective.
MO_LAO_UNITS = [
    ("Lãnh đạo UBND phường", "leadership", False),
    ("Văn phòng UBND phường", "office", True),
    ("Bộ phận tiếp nhận và trả kết quả", "one_stop", True),
    ("Tư pháp - Hộ tịch", "specialist", True),
    ("Địa chính - Xây dựng - Đô thị và Môi trường", "specialist", True),
    ("Văn hóa - Xã hội", "specialist", True),
    ("Tài chính - Kế toán", "specialist", True),
    ("Ban Chỉ huy Quân sự phường", "committee", True),
    ("Ủy ban Mặt trận Tổ quốc phường", "mass_org", True),
    ("Đoàn Thanh niên phường", "mass_org", True),
    ("Hội Liên hiệp Phụ nữ phường", "mass_org", True),
    ("Hội Cựu chiến binh phường", "mass_org", True),
    (COUNCIL, "council", False),
]

F, M = "female", "male"
LEAD, OFFICE, ONE_STOP = (
    "Lãnh đạo UBND phường",
    "Văn phòng UBND phường",
    "Bộ phận tiếp nhận và trả kết quả",
)
TP, DC, VH, TC = (
    "Tư pháp - Hộ tịch",
    "Địa chính - Xây dựng - Đô thị và Môi trường",
    "Văn hóa - Xã hội",
    "Tài chính - Kế toán",
)
QS, MT, DTN, PN, CCB = (
    "Ban Chỉ huy Quân sự phường",
    "Ủy ban Mặt trận Tổ quốc phường",
    "Đoàn Thanh niên phường",
    "Hội Liên hiệp Phụ nữ phường",
    "Hội Cựu chiến binh phường",
)

# family and middle name, given name, gender, birth year, position, unit,
# directly performs CCHC tasks, demo username (or None)
MO_LAO_PEOPLE = [
    ("Nguyễn Thị", "Thanh", F, 1975, "Chủ tịch UBND phường", LEAD, False, "chutich"),
    ("Trần Quốc", "Hùng", M, 1978, "Phó Chủ tịch UBND phường", LEAD, False, "hoidong1"),
    ("Lê Văn", "Cường", M, 1980, "Phó Chủ tịch UBND phường", LEAD, False, None),
    ("Phạm Thu", "Hà", F, 1988, "Công chức Văn phòng - Thống kê", OFFICE, True, "vanphong"),
    ("Bùi Thị", "Ngọc", F, 1991, "Công chức Văn phòng - Thống kê", OFFICE, True, None),
    ("Đinh Văn", "Khải", M, 1986, "Công chức Văn phòng - Thống kê", OFFICE, False, None),
    (
        "Đỗ Minh",
        "Tuấn",
        M,
        1982,
        "Trưởng Bộ phận tiếp nhận và trả kết quả",
        ONE_STOP,
        True,
        "truongmotcua",
    ),
    ("Lê Thị", "Mai", F, 1993, "Công chức tiếp nhận hồ sơ", ONE_STOP, True, "canbo"),
    ("Nguyễn Thị Thu", "Trang", F, 1995, "Công chức tiếp nhận hồ sơ", ONE_STOP, True, None),
    ("Vương Đình", "Phúc", M, 1990, "Công chức tiếp nhận hồ sơ", ONE_STOP, True, None),
    ("Hoàng Thị", "Yến", F, 1989, "Công chức Tư pháp - Hộ tịch", TP, True, None),
    ("Trịnh Văn", "Long", M, 1984, "Công chức Tư pháp - Hộ tịch", TP, True, None),
    ("Cao Thị", "Ánh", F, 1997, "Công chức Tư pháp - Hộ tịch", TP, False, None),
    ("Vũ Đức", "Thắng", M, 1981, "Công chức Địa chính - Xây dựng", DC, True, None),
    ("Lương Văn", "Sơn", M, 1987, "Công chức Địa chính - Xây dựng", DC, False, None),
    ("Ngô Thị", "Hằng", F, 1992, "Công chức Đô thị và Môi trường", DC, True, None),
    ("Tạ Quang", "Dũng", M, 1979, "Công chức Địa chính - Xây dựng", DC, False, None),
    ("Đặng Thị", "Loan", F, 1985, "Công chức Văn hóa - Xã hội", VH, True, None),
    ("Phan Văn", "Đức", M, 1990, "Công chức Văn hóa - Xã hội", VH, False, None),
    ("Mai Thị", "Hương", F, 1994, "Công chức Lao động - Thương binh và Xã hội", VH, True, None),
    ("Kiều Thị", "Oanh", F, 1983, "Công chức Tài chính - Kế toán", TC, True, None),
    ("Lại Văn", "Bình", M, 1989, "Công chức Tài chính - Kế toán", TC, False, None),
    ("Hà Minh", "Quân", M, 1980, "Chỉ huy trưởng Quân sự", QS, False, None),
    ("Tống Văn", "Hải", M, 1992, "Phó Chỉ huy trưởng Quân sự", QS, False, None),
    ("Vũ Thị", "Hạnh", F, 1970, "Chủ tịch Ủy ban MTTQ phường", MT, False, "hoidong2"),
    ("Chu Văn", "Thành", M, 1968, "Phó Chủ tịch Ủy ban MTTQ phường", MT, False, None),
    ("Hoàng Văn", "Nam", M, 1996, "Bí thư Đoàn Thanh niên phường", DTN, False, "hoidong3"),
    ("Đoàn Thị", "Vân", F, 1998, "Phó Bí thư Đoàn Thanh niên phường", DTN, False, None),
    ("Ngô Thị", "Lan", F, 1976, "Chủ tịch Hội Liên hiệp Phụ nữ phường", PN, False, "hoidong4"),
    ("Lê Thị", "Thảo", F, 1982, "Phó Chủ tịch Hội Liên hiệp Phụ nữ phường", PN, False, None),
    ("Trần Văn", "Toàn", M, 1958, "Chủ tịch Hội Cựu chiến binh phường", CCB, False, None),
    ("Nguyễn Văn", "An", M, 1987, "Nhân viên hợp đồng", ONE_STOP, True, None),
    ("Phùng Thị", "Ân", F, 1991, "Nhân viên hợp đồng", OFFICE, False, None),
    (
        "Dương Văn",
        "Tú",
        M,
        1993,
        "Công chức Văn phòng - Thống kê (công nghệ thông tin)",
        OFFICE,
        True,
        None,
    ),
    ("Lưu Thị", "Nga", F, 1988, "Công chức Tư pháp - Hộ tịch", TP, True, None),
    ("Hồ Văn", "Thịnh", M, 1985, "Công chức Địa chính - Xây dựng", DC, True, None),
    ("Âu Thị", "Nhung", F, 1990, "Kế toán", TC, False, None),
    ("Khúc Văn", "Lực", M, 1977, "Phó Chủ tịch Hội Cựu chiến binh phường", CCB, False, None),
    ("Quách Thị", "Hoa", F, 1999, "Nhân viên hợp đồng", VH, False, None),
    ("Giang Minh", "Châu", F, 1994, "Công chức Văn hóa - Xã hội", VH, False, None),
]

# username, role, unit, title in that unit (besides the membership of one's own unit)
MO_LAO_ROLES = [
    ("chutich", "chairman", LEAD, "Chủ tịch UBND phường"),
    ("chutich", "council_member", COUNCIL, "Chủ tịch Hội đồng"),
    ("hoidong1", "vice_chairman", LEAD, "Phó Chủ tịch UBND phường"),
    ("hoidong1", "council_member", COUNCIL, "Phó Chủ tịch Hội đồng"),
    ("hoidong2", "unit_head", MT, "Chủ tịch Ủy ban MTTQ phường"),
    ("hoidong2", "council_member", COUNCIL, "Ủy viên"),
    ("hoidong3", "unit_head", DTN, "Bí thư Đoàn Thanh niên phường"),
    ("hoidong3", "council_member", COUNCIL, "Ủy viên"),
    ("hoidong4", "unit_head", PN, "Chủ tịch Hội Liên hiệp Phụ nữ phường"),
    ("hoidong4", "council_member", COUNCIL, "Ủy viên"),
    ("truongmotcua", "unit_head", ONE_STOP, "Trưởng bộ phận"),
    ("truongmotcua", "council_member", COUNCIL, "Ủy viên"),
    ("vanphong", "office", OFFICE, "Công chức Văn phòng - Thống kê"),
    ("vanphong", "council_member", COUNCIL, "Ủy viên - Thư ký"),
    ("canbo", "staff", ONE_STOP, "Công chức tiếp nhận hồ sơ"),
]

VAN_QUAN_UNITS = [
    ("Lãnh đạo UBND phường", "leadership", False),
    ("Văn phòng UBND phường", "office", True),
    ("Bộ phận tiếp nhận và trả kết quả", "one_stop", True),
    ("Tư pháp - Hộ tịch", "specialist", True),
    ("Đoàn Thanh niên phường", "mass_org", True),
]

VAN_QUAN_PEOPLE = [
    ("Nghiêm Xuân", "Thủy", F, 1974, "Chủ tịch UBND phường", LEAD, False, None),
    ("Tô Thị", "Huyền", F, 1987, "Công chức Văn phòng - Thống kê", OFFICE, True, "vanquan"),
    ("Mạc Văn", "Kiên", M, 1985, "Trưởng Bộ phận tiếp nhận và trả kết quả", ONE_STOP, True, None),
    ("Lã Thị", "Duyên", F, 1992, "Công chức tiếp nhận hồ sơ", ONE_STOP, True, None),
    ("Văn Đức", "Trọng", M, 1990, "Công chức Tư pháp - Hộ tịch", TP, True, None),
    ("Yên Thị", "Liên", F, 1997, "Bí thư Đoàn Thanh niên phường", DTN, False, None),
]

VAN_QUAN_ROLES = [("vanquan", "office", OFFICE, "Công chức Văn phòng - Thống kê")]

# Upper-level viewers: username, organisation code, unit name, full name
UPPER_VIEWERS = [
    (
        "capquan",
        "quan-ha-dong",
        "Văn phòng HĐND và UBND quận Hà Đông",
        "Chuyên viên Văn phòng quận",
    ),
    ("capthanhpho", "ha-noi", "Văn phòng UBND thành phố Hà Nội", "Chuyên viên Văn phòng thành phố"),
]

SEED_TITLE = "Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023"

# organisation code, number, date, title, issuer, signer, implements (numbers)
PLANS = [
    (
        "quan-ha-dong",
        "60/KH-UBND",
        D(2023, 2, 20),
        "Tổ chức phong trào thi đua đẩy mạnh cải cách hành chính năm 2023",
        "UBND quận Hà Đông",
        "",
        [],
    ),
    (
        "mo-lao",
        "17/KH-UBND",
        D(2023, 2, 16),
        "Cải cách hành chính năm 2023",
        "UBND phường Mộ Lao",
        "Nguyễn Thị Thanh",
        [],
    ),
    (
        "mo-lao",
        "20/KH-UBND",
        D(2023, 2, 28),
        SEED_TITLE,
        "UBND phường Mộ Lao",
        "Nguyễn Thị Thanh",
        ["60/KH-UBND", "17/KH-UBND"],
    ),
    (
        "van-quan",
        "25/KH-UBND",
        D(2023, 3, 6),
        "Phát động phong trào thi đua cải cách hành chính năm 2023",
        "UBND phường Văn Quán",
        "Nghiêm Xuân Thủy",
        ["60/KH-UBND"],
    ),
]

# The seed's movement, section by section (plan 20/KH-UBND, parts II.2 and III).
MO_LAO_MOVEMENT = {
    "plan": "20/KH-UBND",
    "title": "Phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023",
    "year": 2023,
    "status": "active",
    "dossier_destination": "UBND phường (qua Văn phòng UBND)",
    "target_groups": [
        ("collective", "Các ban, ngành, đoàn thể, bộ phận chuyên môn thuộc UBND phường"),
        ("individual", "Cán bộ, công chức, người lao động trong cơ quan phường."),
    ],
    "award_forms": [("Giấy khen", "Chủ tịch UBND phường")],
    "criteria": [
        (
            "collective",
            "Triển khai có hiệu quả, đảm bảo chất lượng, tiến độ các nhiệm vụ CCHC được giao "
            "theo kế hoạch số 17/KH-UBND ngày 16/02/2023.",
        ),
        (
            "individual",
            "Thực hiện xuất sắc các nhiệm vụ CCHC được giao (ưu tiên cho các cán bộ, công chức "
            "trực tiếp thực hiện nhiệm vụ).",
        ),
    ],
    "quotas": [
        (
            "collective",
            1,
            2,
            None,
            "Lãnh đạo UBND phường sau khi đánh giá bình xét khen thưởng từ 1-2 tập thể có thành "
            "tích xuất sắc trong công tác CCHC.",
        ),
        (
            "individual",
            1,
            2,
            None,
            "Bình xét khen thưởng từ 1-2 cá nhân có thành tích xuất sắc trong công tác CCHC.",
        ),
    ],
    "dossier_items": [
        ("Tờ trình đề nghị khen thưởng", False),
        ("Biên bản họp bình xét đề nghị khen thưởng", False),
        ("Báo cáo thành tích của tập thể, cá nhân", True),
        ("Bản trích ngang thành tích của tập thể, cá nhân", False),
    ],
}

VAN_QUAN_MOVEMENT = {
    "plan": "25/KH-UBND",
    "title": "Phong trào thi đua cải cách hành chính phường Văn Quán năm 2023",
    "year": 2023,
    "status": "active",
    "dossier_destination": "UBND phường (qua Văn phòng UBND)",
    "target_groups": [
        ("collective", "Các bộ phận, đoàn thể thuộc UBND phường"),
        ("individual", "Cán bộ, công chức, người lao động"),
    ],
    "award_forms": [("Giấy khen", "Chủ tịch UBND phường")],
    "criteria": [
        ("collective", "Hoàn thành tốt các nhiệm vụ cải cách hành chính được giao."),
        ("individual", "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính được giao."),
    ],
    "quotas": [
        ("collective", None, 1, None, "không quá 01 tập thể"),
        ("individual", None, 3, None, "không quá 03 cá nhân"),
    ],
    "dossier_items": [
        ("Tờ trình đề nghị khen thưởng", False),
        ("Báo cáo thành tích", True),
    ],
}
