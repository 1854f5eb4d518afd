"""The default legal data: the three regimes of DOMAIN §2, the base-salary table and the
multipliers of §8. Loaded by a data migration and, when the tables were emptied (a test
database flush), again on first use.

What could not be confirmed in a public source is listed in ``unconfirmed`` or marked
``confirmed=False``, so that an operator knows what to check.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

D = datetime.date

LTCCQDP_2015 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
    "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 "
    "tháng 11 năm 2019;"
)
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"

REGIMES = [
    {
        "code": "R2013",
        "name": "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP",
        "valid_from": None,
        "valid_to": D(2023, 12, 31),
        "decree": "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
        "legal_bases": [
            LTCCQDP_2015,
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
            "một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 "
            "tháng 11 năm 2013;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        ],
        "form_numbers": {
            "to_trinh": "",
            "bao_cao_thanh_tich_tap_the": "Mẫu số 01",
            "bao_cao_thanh_tich_ca_nhan": "Mẫu số 02",
            "bao_cao_thanh_tich_chuyen_de": "Mẫu số 07",
        },
        "unconfirmed": [],
    },
    {
        "code": "R2022a",
        "name": "Luật Thi đua, khen thưởng 2022, Nghị định 98/2023/NĐ-CP",
        "valid_from": D(2024, 1, 1),
        "valid_to": D(2025, 6, 30),
        "decree": "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ",
        "legal_bases": [
            LTCCQDP_2015,
            LAW_2022,
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        ],
        "form_numbers": {
            "to_trinh": "",
            "bao_cao_thanh_tich_tap_the": "Mẫu số 02",
            "bao_cao_thanh_tich_ca_nhan": "Mẫu số 03",
            "bao_cao_thanh_tich_chuyen_de": "Mẫu số 08",
        },
        "unconfirmed": [
            "form_numbers.bao_cao_thanh_tich_ca_nhan",
            "form_numbers.bao_cao_thanh_tich_chuyen_de",
            "multiplier Giấy khen tập thể 0,3",
        ],
    },
    {
        "code": "R2022b",
        "name": "Luật Thi đua, khen thưởng 2022, Nghị định 152/2025/NĐ-CP",
        "valid_from": D(2025, 7, 1),
        "valid_to": None,
        "decree": "Nghị định số 152/2025/NĐ-CP của Chính phủ",
        "legal_bases": [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            LAW_2022,
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của "
            "Luật Thi đua, khen thưởng;",
        ],
        "form_numbers": {
            "to_trinh": "Mẫu số 01",
            "bao_cao_thanh_tich_tap_the": "Mẫu số 02",
            "bao_cao_thanh_tich_ca_nhan": "Mẫu số 05",
            "bao_cao_thanh_tich_chuyen_de": "Mẫu số 08",
        },
        "unconfirmed": [
            "form_numbers.bao_cao_thanh_tich_tap_the",
            "form_numbers.bao_cao_thanh_tich_chuyen_de",
            "legal_bases: ngày ban hành Nghị định 152/2025/NĐ-CP",
        ],
    },
]

BASE_SALARIES = [
    (D(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (D(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (D(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]

# regime, form, target, value, source, confirmed
MULTIPLIERS = [
    ("R2013", "Giấy khen", "individual", "0.15", "NĐ 91/2017 Điều 73 k.1 điểm d", True),
    ("R2013", "Giấy khen", "collective", "0.3", "NĐ 91/2017 Điều 73 k.2 điểm b", True),
    ("R2013", "Lao động tiên tiến", "individual", "0.3", "NĐ 91/2017 Điều 71", True),
    ("R2013", "Chiến sĩ thi đua cơ sở", "individual", "1", "NĐ 91/2017 Điều 71", True),
    ("R2013", "Tập thể lao động tiên tiến", "collective", "0.8", "NĐ 91/2017 Điều 72", True),
    ("R2022a", "Giấy khen", "individual", "0.15", "NĐ 98/2023", True),
    ("R2022a", "Giấy khen", "collective", "0.3", "NĐ 98/2023", False),
    ("R2022a", "Lao động tiên tiến", "individual", "0.3", "NĐ 98/2023", False),
    ("R2022a", "Chiến sĩ thi đua cơ sở", "individual", "1", "NĐ 98/2023", False),
    ("R2022a", "Tập thể lao động tiên tiến", "collective", "0.8", "NĐ 98/2023", False),
    ("R2022b", "Giấy khen", "individual", "0.3", "NĐ 152/2025 Điều 54 k.1 điểm e", True),
    ("R2022b", "Giấy khen", "collective", "0.6", "NĐ 152/2025 Điều 54", True),
    ("R2022b", "Giấy khen", "household", "0.45", "NĐ 152/2025 Điều 54", True),
    ("R2022b", "Lao động tiên tiến", "individual", "0.3", "NĐ 152/2025", True),
    ("R2022b", "Chiến sĩ thi đua cơ sở", "individual", "1", "NĐ 152/2025", True),
    ("R2022b", "Tập thể lao động tiên tiến", "collective", "0.8", "NĐ 152/2025", True),
    ("R2022b", "Tập thể lao động xuất sắc", "collective", "1.5", "NĐ 152/2025", True),
]


def load(LegalRegime, BaseSalary, Multiplier) -> None:
    """Create or update the defaults (idempotent); takes the model classes so that the
    data migration can pass its historical models."""
    regimes = {}
    for spec in REGIMES:
        values = dict(spec)
        code = values.pop("code")
        regimes[code], _ = LegalRegime.objects.update_or_create(code=code, defaults=values)
    for valid_from, amount, source in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            valid_from=valid_from, defaults={"amount": amount, "source": source}
        )
    for code, form, target, value, source, confirmed in MULTIPLIERS:
        Multiplier.objects.update_or_create(
            regime=regimes[code],
            form=form,
            target=target,
            defaults={"value": Decimal(value), "source": source, "confirmed": confirmed},
        )
