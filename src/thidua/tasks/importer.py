"""Importing a CCHC plan's task annex from Excel, with a row-by-row rejection report.

The usual annex ("Phụ lục nhiệm vụ CCHC") has the columns STT, Nội dung nhiệm vụ,
Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn thành, Sản phẩm; optional columns
Lĩnh vực, Người trực tiếp thực hiện, Chế độ báo cáo. Tasks are grouped under headings
numbered I, II, III… that name the PAR field ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"):
a heading sets the field of the tasks below it. A task already present (same plan and
STT) is updated, so importing the same annex twice changes nothing.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.audit.services import record
from thidua.core.spreadsheets import ImportReport, ImportRow, read_sheet
from thidua.orgs.models import Organisation, Person, Unit
from thidua.plans.models import Plan
from thidua.vn import parse_date, search_key

from .calendar import calendar_for
from .fields import is_roman, match_par_field
from .models import ParField, Recurrence, Task
from .services import TaskData, _apply, _check

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("stt", "tt", "so tt", "so thu tu"),
    "content": (
        "noi dung nhiem vu",
        "noi dung",
        "nhiem vu",
        "noi dung cong viec",
        "ten nhiem vu",
        "nhiem vu, giai phap",
    ),
    "lead_unit": ("don vi chu tri", "chu tri", "co quan chu tri", "don vi thuc hien"),
    "cooperating_units": ("don vi phoi hop", "phoi hop", "co quan phoi hop"),
    "deadline": (
        "thoi gian hoan thanh",
        "thoi han hoan thanh",
        "thoi han",
        "thoi gian thuc hien",
    ),
    "expected_output": ("san pham", "san pham du kien", "ket qua, san pham", "hinh thuc san pham"),
    "par_field": ("linh vuc", "linh vuc cchc"),
    "performers": ("nguoi truc tiep thuc hien", "can bo thuc hien", "nguoi thuc hien"),
    "recurrence": ("che do bao cao", "ky bao cao"),
}
REQUIRED = ("number", "content", "lead_unit", "deadline")
LABELS = {
    "number": "STT",
    "content": "Nội dung nhiệm vụ",
    "lead_unit": "Đơn vị chủ trì",
    "deadline": "Thời gian hoàn thành",
}
HEADERS = [
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
    "Người trực tiếp thực hiện",
    "Chế độ báo cáo",
]
# Phrases that mean "every unit concerned" in the cooperating column.
ALL_UNITS = (
    "cac don vi lien quan",
    "cac bo phan lien quan",
    "cac ban, nganh, doan the",
    "cac ban nganh doan the",
    "cac bo phan chuyen mon",
)

_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class TaskImportRow(ImportRow):
    """A row of the annex: a task, or a heading naming the PAR field of what follows."""

    heading: bool = False
    par_field: ParField | None = None


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _calendar.monthrange(year, month)[1])


def parse_deadline(text: str, year: int) -> tuple[datetime.date, str | None]:
    """The deadline an annex writes, as a date, with the reporting rhythm it implies.

    Accepts dates (30/6/2023, "trước ngày 30/6"), quarters ("Quý II", "Quý II/2023"),
    months ("Tháng 3", "tháng 3/2023"), halves ("6 tháng đầu năm") and the whole year
    ("Năm 2023", "Thường xuyên", "Hằng quý"). Raises ValueError with a Vietnamese message.
    """
    key = search_key(text)
    year_match = re.search(r"\b(20\d\d)\b", key)
    if year_match and not re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]", key):
        year = int(year_match.group(1))
    date_match = re.search(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?", key)
    if date_match:
        day, month, given_year = date_match.groups()
        if given_year and len(given_year) == 2:
            given_year = "20" + given_year
        try:
            return parse_date(f"{day}/{month}/{given_year or year}"), None
        except ValueError:
            raise ValueError(f"Ngày “{text}” không tồn tại: hãy ghi dạng dd/mm/yyyy.") from None
    quarter = re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", key)
    if quarter:
        q = _QUARTER[quarter.group(1)]
        return _end_of_month(year, q * 3), None
    month = re.search(r"\bthang\s+(\d{1,2})\b", key)
    if month and "6 thang" not in key:
        number = int(month.group(1))
        if not 1 <= number <= 12:
            raise ValueError(f"Tháng “{text}” không hợp lệ.")
        return _end_of_month(year, number), None
    if "6 thang dau nam" in key:
        return datetime.date(year, 6, 30), None
    if "hang thang" in key:
        return datetime.date(year, 12, 31), Recurrence.MONTHLY
    if "hang quy" in key or "thuong xuyen" in key:
        return datetime.date(year, 12, 31), Recurrence.QUARTERLY
    if "nam" in key or "ca nam" in key or "trong nam" in key or "6 thang cuoi nam" in key:
        return datetime.date(year, 12, 31), None
    raise ValueError(
        f"Không hiểu thời gian hoàn thành “{text}”: ghi ngày (30/06/{year}), "
        f"“Quý II”, “Tháng 3” hoặc “Năm {year}”."
    )


def _recurrence(text: str) -> str | None:
    key = search_key(text)
    if not key:
        return None
    if "thang" in key:
        return Recurrence.MONTHLY
    if "quy" in key:
        return Recurrence.QUARTERLY
    if "hoan thanh" in key or "mot lan" in key:
        return Recurrence.NONE
    raise ValueError(f"Chế độ báo cáo “{text}” không hợp lệ: ghi “Hằng tháng” hoặc “Hằng quý”.")


class UnitMatcher:
    """Finds a unit by the name an annex writes: exactly, or the one unit whose name
    contains it ("Tư pháp" → "Tư pháp - Hộ tịch"), or the one it contains
    ("Văn phòng UBND phường Mộ Lao" → "Văn phòng UBND phường")."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.keys = [(search_key(u.name), u) for u in units]

    def find(self, name: str) -> Unit | None:
        key = search_key(name).strip(" .;,")
        if not key:
            return None
        exact = [u for k, u in self.keys if k == key]
        if exact:
            return exact[0]
        inside = [u for k, u in self.keys if key in k]
        if len(inside) == 1:
            return inside[0]
        around = [u for k, u in self.keys if k in key]
        if len(around) == 1:
            return around[0]
        return None

    def find_many(self, text: str, lead: Unit | None) -> tuple[list[Unit], list[str]]:
        key = search_key(text)
        if not key:
            return [], []
        if any(phrase in key for phrase in ALL_UNITS):
            return [u for u in self.units if u.competes and u != lead], []
        pieces = [p for p in re.split(r"[;\n]", text) if p.strip()]
        found, unknown = [], []
        for piece in pieces:
            unit = self.find(piece)
            if unit is None and "," in piece:
                # Commas separate units too, unless they are part of a unit's name.
                for part in piece.split(","):
                    sub = self.find(part)
                    (found.append(sub) if sub else unknown.append(part.strip()))
            elif unit is None:
                unknown.append(piece.strip())
            else:
                found.append(unit)
        return list(dict.fromkeys(u for u in found if u != lead)), unknown


def _find_people(text: str, people: dict[str, Person]) -> tuple[list[Person], list[str]]:
    found, unknown = [], []
    for piece in re.split(r"[;,\n]", text):
        if not piece.strip():
            continue
        person = people.get(search_key(piece))
        (found.append(person) if person else unknown.append(piece.strip()))
    return found, unknown


def _parse_row(
    row: TaskImportRow,
    plan: Plan,
    matcher: UnitMatcher,
    fields: list[ParField],
    people: dict[str, Person],
    current_field: ParField | None,
) -> TaskData | None:
    values = row.values
    year = plan.year or plan.date.year
    errors: list[str] = []
    lead = matcher.find(values.get("lead_unit", ""))
    if lead is None:
        name = values.get("lead_unit", "")
        errors.append(
            f"Không có đơn vị chủ trì “{name}” trong {plan.organisation.committee_name}: "
            "ghi đúng tên đơn vị như trong danh sách đơn vị."
            if name
            else "Thiếu đơn vị chủ trì."
        )
    cooperating, unknown = matcher.find_many(values.get("cooperating_units", ""), lead)
    if unknown:
        errors.append(
            "Không có đơn vị phối hợp: "
            + ", ".join(f"“{u}”" for u in unknown)
            + ". Ghi tên đơn vị, cách nhau bởi dấu “;”."
        )
    deadline, recurrence = None, None
    deadline_text = values.get("deadline", "")
    if not deadline_text:
        errors.append("Thiếu thời gian hoàn thành.")
    else:
        try:
            deadline, recurrence = parse_deadline(deadline_text, year)
        except ValueError as exc:
            errors.append(str(exc))
    try:
        recurrence = _recurrence(values.get("recurrence", "")) or recurrence
    except ValueError as exc:
        errors.append(str(exc))
    par_field = current_field
    if values.get("par_field"):
        par_field = match_par_field(values["par_field"], fields)
        if par_field is None:
            errors.append(
                f"Không nhận ra lĩnh vực “{values['par_field']}”: ghi một trong "
                + "; ".join(f.name for f in fields)
                + "."
            )
    performers, unknown_people = _find_people(values.get("performers", ""), people)
    if unknown_people:
        errors.append(
            "Không có cán bộ: "
            + ", ".join(f"“{p}”" for p in unknown_people)
            + ". Ghi đủ họ và tên như trong danh sách cán bộ."
        )
    if not values.get("content"):
        errors.append("Thiếu nội dung nhiệm vụ.")
    row.errors = errors
    if errors or lead is None or deadline is None:
        return None
    data = TaskData(
        plan=plan,
        number=values["number"],
        content=values["content"],
        lead_unit=lead,
        deadline=deadline,
        par_field=par_field,
        cooperating_units=cooperating,
        performers=performers,
        expected_output=values.get("expected_output", ""),
        recurrence=recurrence or Recurrence.NONE,
    )
    try:
        _check(plan.organisation, data)
    except ValidationError as exc:
        row.errors = list(exc.messages)
        return None
    return data


def import_tasks(actor, organisation: Organisation, plan: Plan, uploaded) -> ImportReport:
    """Import the annex of ``plan``; valid rows are saved, each rejected row says why."""
    report = ImportReport()
    if plan.organisation_id != organisation.pk:
        report.file_error = "Kế hoạch không thuộc đơn vị của bạn."
        return report
    rows, error = read_sheet(uploaded, COLUMNS, REQUIRED, LABELS)
    if error:
        report.file_error = error
        return report
    matcher = UnitMatcher(list(Unit.objects.filter(organisation=organisation)))
    fields = list(ParField.objects.all())
    people = {
        search_key(p.full_name): p
        for p in Person.objects.filter(organisation=organisation, is_active=True)
    }
    calendar = calendar_for(organisation.pk)
    existing = {t.number: t for t in Task.objects.filter(plan=plan)}
    current_field: ParField | None = None
    seen: set[str] = set()
    with transaction.atomic():
        for sheet_row in rows:
            row = TaskImportRow(number=sheet_row.number, values=sheet_row.values)
            report.rows.append(row)
            number = row.values.get("number", "").strip().rstrip(".")
            row.values["number"] = number
            only_text = not any(
                row.values.get(k) for k in ("lead_unit", "deadline", "cooperating_units")
            )
            if is_roman(number) or (not number and only_text):
                row.heading = True
                heading = row.values.get("content", "")
                current_field = row.par_field = match_par_field(heading, fields)
                if current_field is None and heading:
                    row.errors = [
                        f"Không nhận ra lĩnh vực của mục “{heading}”; các nhiệm vụ bên dưới "
                        "sẽ chưa có lĩnh vực cho đến mục tiếp theo."
                    ]
                continue
            if not number:
                row.errors = ["Thiếu số thứ tự (STT) của nhiệm vụ."]
                continue
            if number in seen:
                row.errors = [f"STT {number} bị lặp trong tệp: mỗi nhiệm vụ một số thứ tự."]
                continue
            seen.add(number)
            data = _parse_row(row, plan, matcher, fields, people, current_field)
            if data is None:
                continue
            task = existing.get(number) or Task(organisation=organisation)
            row.created = task.pk is None
            _apply(task, data, calendar)
            task.save()
            task.cooperating_units.set(data.cooperating_units)
            if data.performers or row.created:
                task.performers.set(data.performers)
            row.obj = task
        accepted = [r for r in report.accepted if not r.heading]
        record(
            actor,
            "tasks.imported",
            plan,
            organisation=organisation,
            data={
                "plan": plan.number,
                "accepted": len(accepted),
                "rejected": [{"row": r.number, "errors": r.errors} for r in report.rejected],
            },
        )
    return report


def template_workbook(organisation: Organisation):
    """An annex template with the expected columns, the units and the PAR fields."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục nhiệm vụ"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"])
    sheet.append(
        [
            "1",
            "Xây dựng, ban hành Kế hoạch kiểm tra công tác CCHC năm",
            "Văn phòng UBND phường",
            "Tư pháp - Hộ tịch",
            "Quý I",
            "Kế hoạch kiểm tra",
            "",
            "",
        ]
    )
    for column, width in zip("ABCDEFGH", (6, 60, 28, 28, 18, 28, 28, 16), strict=True):
        sheet.column_dimensions[column].width = width
    units = workbook.create_sheet("Đơn vị")
    units.append(["Tên đơn vị (ghi đúng như dưới đây)"])
    for unit in Unit.objects.filter(organisation=organisation).order_by("sort_name"):
        units.append([unit.name])
    fields = workbook.create_sheet("Lĩnh vực")
    fields.append(["Lĩnh vực (ghi ở dòng mục I, II, III… hoặc ở cột Lĩnh vực)"])
    for field in ParField.objects.all():
        fields.append([field.name])
    return workbook
