"""Paper surveys entered in Excel: the template, and its import.

Each sheet row is one paper form, identified by its number ("Số phiếu"): importing the
same sheet twice stores each form once.
"""

from __future__ import annotations

import datetime
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from thidua.audit.services import record
from thidua.orgs.models import Organisation, Person
from thidua.vn import search_key

from .models import (
    Channel,
    SipasAnswer,
    SipasCriterion,
    SipasDesk,
    SipasProcedure,
    SipasQuestionnaire,
    SipasResponse,
)
from .queries import questionnaire_for
from .sipas import PAPER_NAMESPACE

FIXED_COLUMNS = {
    "so phieu": "number",
    "ngay": "day",
    "quay": "desk",
    "thu tuc": "procedure",
    "can bo": "staff",
    "danh gia chung": "overall",
}
CODE_HEADER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?(?:\s|$)")


@dataclass
class PaperRow:
    number: int
    form_number: str
    errors: list[str] = field(default_factory=list)
    created: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class PaperReport:
    rows: list[PaperRow] = field(default_factory=list)
    file_error: str | None = None

    @property
    def created(self) -> list[PaperRow]:
        return [r for r in self.rows if r.ok and r.created]

    @property
    def skipped(self) -> list[PaperRow]:
        return [r for r in self.rows if r.ok and not r.created]

    @property
    def rejected(self) -> list[PaperRow]:
        return [r for r in self.rows if not r.ok]


def template(questionnaire: SipasQuestionnaire, organisation: Organisation) -> bytes:
    """The sheet to type paper forms into, with the criteria as columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phiếu giấy"
    criteria = SipasCriterion.objects.filter(factor__questionnaire=questionnaire).order_by(
        "factor__position", "position"
    )
    headers = ["Số phiếu", "Ngày", "Quầy", "Thủ tục", "Cán bộ"]
    headers += [f"{c.code}. {c.text}" for c in criteria] + ["Đánh giá chung"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
    desk = SipasDesk.objects.filter(organisation=organisation).first()
    example = ["P-001", datetime.date(2023, 5, 15), desk.name if desk else "", "", ""]
    sheet.append(example + [5, 4, 4, 5] + [""] * (len(headers) - len(example) - 5) + [4])
    sheet.cell(row=2, column=2).number_format = "DD/MM/YYYY"
    for index in range(1, len(headers) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = (
            14 if index <= 5 else 10
        )
    notes = workbook.create_sheet("Hướng dẫn")
    for line in (
        "Mỗi dòng là một phiếu giấy. Số phiếu không được trùng trong năm.",
        "Ngày ghi dạng dd/mm/yyyy. Quầy, thủ tục, cán bộ ghi đúng tên như trong phần mềm.",
        "Mỗi câu ghi một số từ 1 đến 5: "
        + "; ".join(f"{i} = {label}" for i, label in enumerate(questionnaire.scale, start=1)),
        "Câu bỏ trống là người dân không trả lời câu đó.",
    ):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def import_paper(actor, organisation: Organisation, uploaded) -> PaperReport:
    """Import paper forms; valid rows are stored, each rejected row explained."""
    report = PaperReport()
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.file_error = "Tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy dùng tệp mẫu."
        return report
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    if not rows:
        report.file_error = "Bảng tính trống. Hãy dùng tệp mẫu."
        return report
    header: dict[int, str] = {}
    codes: dict[int, str] = {}
    for index, cell in enumerate(rows[0]):
        text = "" if cell is None else str(cell)
        key = FIXED_COLUMNS.get(search_key(text))
        match = CODE_HEADER.match(text)
        if key:
            header[index] = key
        elif match:
            codes[index] = match.group(1)
    missing = [
        label
        for label, key in (("Số phiếu", "number"), ("Ngày", "day"), ("Quầy", "desk"))
        if key not in header.values()
    ]
    if missing:
        report.file_error = "Thiếu cột: " + ", ".join(missing) + ". Hãy dùng tệp mẫu."
        return report
    desks = {search_key(d.name): d for d in SipasDesk.objects.filter(organisation=organisation)}
    procedures = {
        search_key(p.name): p for p in SipasProcedure.objects.filter(organisation=organisation)
    }
    people = {search_key(p.full_name): p for p in Person.objects.filter(organisation=organisation)}
    questionnaires: dict[int, tuple[SipasQuestionnaire, dict[str, SipasCriterion]]] = {}
    with transaction.atomic():
        for number, raw in enumerate(rows[1:], start=2):
            values = {key: raw[i] for i, key in header.items() if i < len(raw)}
            answers = {code: raw[i] for i, code in codes.items() if i < len(raw)}
            if not any(v not in (None, "") for v in list(values.values()) + list(answers.values())):
                continue
            row = PaperRow(number=number, form_number=str(values.get("number") or "").strip())
            report.rows.append(row)
            _import_row(
                organisation, row, values, answers, desks, procedures, people, questionnaires
            )
        record(
            actor,
            "sipas.paper_imported",
            organisation,
            data={
                "created": len(report.created),
                "skipped": len(report.skipped),
                "rejected": [{"row": r.number, "errors": r.errors} for r in report.rejected],
            },
        )
    return report


def _import_row(organisation, row, values, answers, desks, procedures, people, questionnaires):
    if not row.form_number:
        row.errors.append("Thiếu số phiếu: mỗi phiếu giấy cần một số riêng, ví dụ P-001.")
    day = _day(values.get("day"))
    if day is None:
        row.errors.append(f"Ngày “{values.get('day') or ''}” không hợp lệ: ghi dạng 15/05/2023.")
    desk = desks.get(search_key(str(values.get("desk") or "")))
    if desk is None:
        row.errors.append(
            f"Không có quầy “{values.get('desk') or ''}”: ghi đúng tên quầy như trong phần mềm."
        )
    procedure = staff = None
    if values.get("procedure"):
        procedure = procedures.get(search_key(str(values["procedure"])))
        if procedure is None:
            row.errors.append(f"Không có thủ tục “{values['procedure']}” trong danh mục thủ tục.")
    if values.get("staff"):
        staff = people.get(search_key(str(values["staff"])))
        if staff is None:
            row.errors.append(f"Không có cán bộ “{values['staff']}” của phường.")
    if row.errors:
        return
    questionnaire = questionnaire_for(organisation, day)
    if questionnaire is None:
        row.errors.append(f"Chưa có mẫu phiếu áp dụng ngày {day:%d/%m/%Y}.")
        return
    if questionnaire.pk not in questionnaires:
        questionnaires[questionnaire.pk] = (
            questionnaire,
            {c.code: c for c in SipasCriterion.objects.filter(factor__questionnaire=questionnaire)},
        )
    criteria = questionnaires[questionnaire.pk][1]
    cleaned: list[tuple[SipasCriterion, int]] = []
    for code, raw in answers.items():
        if raw in (None, ""):
            continue
        criterion = criteria.get(code)
        value = _value(raw)
        if criterion is None:
            row.errors.append(f"Cột “{code}” không có trong mẫu phiếu đang áp dụng.")
        elif value is None:
            row.errors.append(f"Câu {code}: “{raw}” không hợp lệ, ghi một số từ 1 đến 5.")
        else:
            cleaned.append((criterion, value))
    overall_raw = values.get("overall")
    overall = _value(overall_raw) if overall_raw not in (None, "") else None
    if overall_raw not in (None, "") and overall is None:
        row.errors.append(f"Đánh giá chung “{overall_raw}” không hợp lệ, ghi một số từ 1 đến 5.")
    if not cleaned and overall is None and not row.errors:
        row.errors.append("Phiếu không có câu trả lời nào.")
    if row.errors:
        return
    client_uuid = uuid.uuid5(PAPER_NAMESPACE, f"{organisation.pk}:{day.year}:{row.form_number}")
    if SipasResponse.objects.filter(client_uuid=client_uuid).exists():
        return
    response = SipasResponse.objects.create(
        organisation=organisation,
        desk=desk,
        procedure=procedure,
        staff=staff,
        questionnaire=questionnaire,
        client_uuid=client_uuid,
        channel=Channel.PAPER,
        day=day,
        overall=overall,
        paper_number=row.form_number[:40],
    )
    SipasAnswer.objects.bulk_create(
        SipasAnswer(
            response=response,
            criterion=criterion,
            factor_id=criterion.factor_id,
            organisation=organisation,
            day=day,
            value=value,
        )
        for criterion, value in cleaned
    )
    row.created = True


def _value(raw) -> int | None:
    try:
        number = float(str(raw).strip().replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1 <= number <= 5 else None
