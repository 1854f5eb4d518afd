"""The consolidated list the Office sends to the council, as an Excel workbook."""

from __future__ import annotations

from thidua.movements.models import Movement
from thidua.orgs.models import Gender
from thidua.vn import format_date

from .queries import consolidated


def consolidated_workbook(movement: Movement):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    groups = consolidated(movement)
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách trình Hội đồng"
    sheet.append(["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"{movement.title} — {movement.organisation.committee_name}"])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Tên tập thể, họ và tên cá nhân",
            "Năm sinh (Nam/Nữ)",
            "Chức vụ, đơn vị",
            "Tóm tắt thành tích",
            "Hình thức đề nghị",
            "Đơn vị đề nghị",
            "Văn phòng tiếp nhận",
        ]
    )
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for roman, heading, key in (("I", "TẬP THỂ", "collective"), ("II", "CÁ NHÂN", "individual")):
        sheet.append([roman, heading])
        sheet.cell(sheet.max_row, 2).font = Font(bold=True)
        for index, n in enumerate(groups[key], start=1):
            person = n.person
            birth = ""
            if person is not None and person.birth_year:
                birth = f"{person.birth_year} ({'Nữ' if person.gender == Gender.FEMALE else 'Nam'})"
            position = (
                ", ".join(
                    p for p in (person.position, person.unit.name if person.unit_id else "") if p
                )
                if person
                else ""
            )
            sheet.append(
                [
                    index,
                    n.candidate_name,
                    birth,
                    position,
                    n.achievement_summary,
                    n.award_form.form,
                    n.proposing_unit.name,
                    format_date(n.dossier.accepted_on)
                    if n.dossier and n.dossier.accepted_on
                    else "",
                ]
            )
    for column, width in zip("ABCDEFGH", (6, 36, 14, 36, 50, 14, 30, 14), strict=True):
        sheet.column_dimensions[column].width = width
    return book
