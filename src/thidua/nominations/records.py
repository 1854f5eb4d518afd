"""The facts eligibility needs, kept by the Office per person and unit: the annual
quality rating, discipline / inspection / complaint records with their dates, and the
award history. Entered one by one in the UI or imported from Excel (one sheet per kind of
record, read with the shared ``core.spreadsheets`` helpers). Importing the same sheet
twice changes nothing: each row updates the record it names.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.audit.services import record
from thidua.core.spreadsheets import ImportReport, ImportRow, read_sheet
from thidua.orgs.models import Organisation, Person, Unit
from thidua.vn import parse_date, search_key

from .models import (
    AwardRecord,
    ConductKind,
    ConductRecord,
    DisciplineLevel,
    QualityRating,
    Rating,
)
from .services import is_office

QUALITY, CONDUCT, AWARD = "quality", "conduct", "award"
KINDS = {
    QUALITY: "Xếp loại chất lượng hằng năm",
    CONDUCT: "Kỷ luật, thanh tra, khiếu nại",
    AWARD: "Khen thưởng đã nhận",
}
MODELS = {QUALITY: QualityRating, CONDUCT: ConductRecord, AWARD: AwardRecord}

SUBJECT_COLUMNS = {
    "full_name": ("ho va ten", "ho ten", "ca nhan"),
    "birth_year": ("nam sinh",),
    "collective": ("tap the", "ten tap the"),
}
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    QUALITY: {
        **SUBJECT_COLUMNS,
        "year": ("nam", "nam xep loai", "nam danh gia"),
        "rating": ("xep loai", "xep loai chat luong", "muc xep loai", "ket qua xep loai"),
    },
    CONDUCT: {
        **SUBJECT_COLUMNS,
        "kind": ("loai", "loai ho so"),
        "title": ("noi dung", "noi dung vu viec"),
        "opened_on": ("ngay bat dau", "tu ngay"),
        "closed_on": ("ngay ket thuc", "ngay ket thuc xem xet", "den ngay"),
        "discipline_level": ("hinh thuc ky luat",),
        "discipline_until": ("thoi han ky luat den", "ky luat den", "het thoi han ky luat"),
        "signs": ("co dau hieu vi pham", "dau hieu vi pham"),
    },
    AWARD: {
        **SUBJECT_COLUMNS,
        "year": ("nam",),
        "form": ("danh hieu, hinh thuc", "hinh thuc khen thuong", "danh hieu", "hinh thuc"),
        "decision_number": ("so quyet dinh", "so qd"),
        "decision_date": ("ngay quyet dinh", "ngay qd"),
        "issuer": ("cap quyet dinh", "co quan quyet dinh"),
        "themed": ("chuyen de", "khen chuyen de"),
    },
}
REQUIRED = {
    QUALITY: ("year", "rating"),
    CONDUCT: ("kind", "title", "opened_on"),
    AWARD: ("year", "form", "decision_number", "decision_date"),
}
LABELS = {
    "year": "Năm",
    "rating": "Xếp loại",
    "kind": "Loại",
    "title": "Nội dung",
    "opened_on": "Ngày bắt đầu",
    "form": "Danh hiệu, hình thức",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
}
# Example rows of the downloadable templates.
TEMPLATE_ROWS: dict[str, tuple[list[str], list[list[Any]]]] = {
    QUALITY: (
        ["Họ và tên", "Năm sinh", "Tập thể", "Năm", "Xếp loại"],
        [
            ["Lê Thị Mai", 1993, "", 2023, "Hoàn thành xuất sắc nhiệm vụ"],
            ["", "", "Bộ phận tiếp nhận và trả kết quả", 2023, "Hoàn thành tốt nhiệm vụ"],
        ],
    ),
    CONDUCT: (
        [
            "Họ và tên",
            "Năm sinh",
            "Tập thể",
            "Loại",
            "Nội dung",
            "Ngày bắt đầu",
            "Ngày kết thúc",
            "Hình thức kỷ luật",
            "Thời hạn kỷ luật đến",
            "Có dấu hiệu vi phạm",
        ],
        [
            [
                "Nguyễn Văn An",
                1987,
                "",
                "Kỷ luật",
                "Vi phạm giờ giấc",
                "05/03/2023",
                "20/03/2023",
                "Khiển trách",
                "20/09/2023",
                "",
            ]
        ],
    ),
    AWARD: (
        [
            "Họ và tên",
            "Năm sinh",
            "Tập thể",
            "Năm",
            "Danh hiệu, hình thức",
            "Số quyết định",
            "Ngày quyết định",
            "Cấp quyết định",
            "Chuyên đề",
        ],
        [
            [
                "Lê Thị Mai",
                1993,
                "",
                2022,
                "Lao động tiên tiến",
                "112/QĐ-UBND",
                "28/12/2022",
                "Chủ tịch UBND phường",
                "",
            ]
        ],
    ),
}
YES = {"x", "co", "1", "yes", "true", "dung"}


def parse_rating(text: str) -> str | None:
    key = search_key(text)
    if "xuat sac" in key:
        return Rating.EXCELLENT
    if "khong hoan thanh" in key:
        return Rating.NOT_DONE
    if "tot" in key:
        return Rating.GOOD
    if "hoan thanh" in key:
        return Rating.DONE
    return None


def parse_conduct_kind(text: str) -> str | None:
    key = search_key(text)
    if "ky luat" in key:
        return ConductKind.DISCIPLINE
    if any(w in key for w in ("thanh tra", "kiem tra", "kiem toan")):
        return ConductKind.INSPECTION
    if any(w in key for w in ("khieu nai", "to cao")):
        return ConductKind.COMPLAINT
    return None


def parse_discipline(text: str) -> str | None:
    key = search_key(text)
    for value, label in DisciplineLevel.choices:
        if search_key(str(label)) == key:
            return value
    return None


def _date(values: dict, key: str, label: str, errors: list[str], required: bool = False):
    text = values.get(key, "").strip()
    if not text:
        if required:
            errors.append(f"Thiếu {label}: ghi ngày dạng dd/mm/yyyy, ví dụ 05/03/2023.")
        return None
    try:
        return parse_date(text)
    except ValueError:
        errors.append(f"{label} “{text}” không hợp lệ: ghi dạng dd/mm/yyyy, ví dụ 05/03/2023.")
        return None


def _year(values: dict, errors: list[str]) -> int | None:
    text = values.get("year", "").strip()
    try:
        year = int(float(text))
    except ValueError:
        year = 0
    if not 1990 <= year <= 2100:
        errors.append(f"Năm “{text}” không hợp lệ: ghi 4 chữ số, ví dụ 2023.")
        return None
    return year


def _subject(
    organisation: Organisation, values: dict, people: dict, units: dict, errors: list[str]
) -> dict | None:
    name = " ".join(values.get("full_name", "").split())
    unit_name = values.get("collective", "").strip()
    if name:
        found = people.get(search_key(name), [])
        year = values.get("birth_year", "").strip()
        if year:
            found = [p for p in found if str(p.birth_year) == str(int(float(year)))]
        if len(found) == 1:
            return {"person": found[0], "unit": None}
        if not found:
            errors.append(
                f"Không có cán bộ “{name}” trong {organisation.committee_name}: ghi đúng họ tên "
                "như trong danh sách cán bộ, công chức."
            )
        else:
            errors.append(f"Có {len(found)} người tên “{name}”: hãy ghi thêm cột Năm sinh.")
        return None
    if unit_name:
        unit = units.get(search_key(unit_name))
        if unit is None:
            errors.append(
                f"Không có tập thể “{unit_name}” trong {organisation.committee_name}: ghi đúng "
                "tên đơn vị như trong danh sách đơn vị."
            )
            return None
        return {"person": None, "unit": unit}
    errors.append("Mỗi dòng cần cột Họ và tên (cá nhân) hoặc Tập thể.")
    return None


def parse_row(
    kind: str, organisation: Organisation, values: dict, people: dict, units: dict
) -> tuple[dict, dict, list[str]]:
    """(lookup, defaults, errors) of one sheet row."""
    errors: list[str] = []
    subject = _subject(organisation, values, people, units, errors) or {}
    lookup: dict[str, Any] = dict(subject)
    data: dict[str, Any] = {}
    if kind == QUALITY:
        lookup["year"] = _year(values, errors)
        data["rating"] = parse_rating(values.get("rating", ""))
        if data["rating"] is None:
            errors.append(
                f"Xếp loại “{values.get('rating', '')}” không hợp lệ: ghi một trong "
                + ", ".join(f"“{label}”" for label in Rating.labels)
                + "."
            )
    elif kind == CONDUCT:
        lookup["kind"] = parse_conduct_kind(values.get("kind", ""))
        if lookup["kind"] is None:
            errors.append(
                f"Loại “{values.get('kind', '')}” không hợp lệ: ghi “Kỷ luật”, “Thanh tra” "
                "hoặc “Khiếu nại”."
            )
        lookup["title"] = values.get("title", "").strip()[:300]
        if not lookup["title"]:
            errors.append("Thiếu nội dung vụ việc.")
        lookup["opened_on"] = _date(values, "opened_on", "Ngày bắt đầu", errors, required=True)
        data["closed_on"] = _date(values, "closed_on", "Ngày kết thúc", errors)
        level_text = values.get("discipline_level", "").strip()
        data["discipline_level"] = parse_discipline(level_text) if level_text else ""
        if data["discipline_level"] is None:
            errors.append(
                f"Hình thức kỷ luật “{level_text}” không hợp lệ: ghi một trong "
                + ", ".join(f"“{label}”" for label in DisciplineLevel.labels)
                + "."
            )
        data["discipline_until"] = _date(values, "discipline_until", "Thời hạn kỷ luật", errors)
        signs = values.get("signs", "").strip()
        data["signs_of_violation"] = search_key(signs) in YES if signs else True
        if (
            lookup.get("opened_on")
            and data.get("closed_on")
            and data["closed_on"] < lookup["opened_on"]
        ):
            errors.append("Ngày kết thúc trước ngày bắt đầu: hãy kiểm tra lại hai ngày.")
    else:
        lookup["decision_number"] = values.get("decision_number", "").strip()[:60]
        lookup["form"] = values.get("form", "").strip()[:200]
        if not lookup["decision_number"] or not lookup["form"]:
            errors.append("Thiếu số quyết định hoặc danh hiệu, hình thức khen thưởng.")
        data["year"] = _year(values, errors)
        data["decision_date"] = _date(
            values, "decision_date", "Ngày quyết định", errors, required=True
        )
        data["issuer"] = values.get("issuer", "").strip()[:200]
        data["themed"] = search_key(values.get("themed", "")) in YES
    return lookup, data, errors


def _require_office(actor, organisation: Organisation) -> None:
    if not is_office(actor, organisation):
        raise PermissionError("Chỉ Văn phòng UBND được nhập hồ sơ xét khen thưởng.")


def import_records(actor, organisation: Organisation, kind: str, uploaded) -> ImportReport:
    """Import one kind of record from the first sheet; each rejected row is explained."""
    _require_office(actor, organisation)
    if kind not in KINDS:
        raise ValidationError("Hãy chọn loại hồ sơ cần nhập.")
    report = ImportReport()
    labels = {**LABELS, **{k: LABELS.get(k, k) for k in COLUMNS[kind]}}
    rows, error = read_sheet(uploaded, COLUMNS[kind], REQUIRED[kind], labels)
    if error:
        report.file_error = error
        return report
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(organisation=organisation):
        people.setdefault(search_key(person.full_name), []).append(person)
    units = {search_key(u.name): u for u in Unit.objects.filter(organisation=organisation)}
    model = MODELS[kind]
    with transaction.atomic():
        for sheet_row in rows:
            row = ImportRow(number=sheet_row.number, values=sheet_row.values)
            lookup, data, row.errors = parse_row(kind, organisation, row.values, people, units)
            report.rows.append(row)
            if row.errors:
                continue
            row.obj, row.created = model.objects.update_or_create(
                organisation=organisation,
                **lookup,
                defaults={**data, "created_by": actor},
            )
        record(
            actor,
            "records.imported",
            organisation,
            data={
                "kind": kind,
                "accepted": len(report.accepted),
                "rejected": [{"row": r.number, "errors": r.errors} for r in report.rejected],
            },
        )
    return report


@transaction.atomic
def add_record(actor, organisation: Organisation, kind: str, values: dict[str, str]):
    """Add (or update) one record from the form's text values, validated like a sheet row."""
    _require_office(actor, organisation)
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(organisation=organisation):
        people.setdefault(search_key(person.full_name), []).append(person)
    units = {search_key(u.name): u for u in Unit.objects.filter(organisation=organisation)}
    lookup, data, errors = parse_row(kind, organisation, values, people, units)
    if errors:
        raise ValidationError(errors)
    obj, created = MODELS[kind].objects.update_or_create(
        organisation=organisation, **lookup, defaults={**data, "created_by": actor}
    )
    record(actor, "records.saved", obj, data={"kind": kind, "created": created})
    return obj


@transaction.atomic
def delete_record(actor, obj) -> None:
    _require_office(actor, obj.organisation)
    if getattr(obj, "nomination_id", None):
        raise PermissionError(
            f"Khen thưởng theo Quyết định số {obj.decision_number} được ghi khi quyết định ban "
            "hành nên không xóa được; nếu khen thưởng sai, hãy thu hồi ở trang quyết định."
        )
    record(actor, "records.deleted", obj, data={"record": str(obj)})
    obj.delete()


def template_workbook(kind: str):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, examples = TEMPLATE_ROWS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = KINDS[kind][:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in examples:
        sheet.append(row)
    for column in "ABCDEFGHIJ":
        sheet.column_dimensions[column].width = 22
    return book
