"""Registration for a movement (đăng ký thi đua): units and individuals register with
their pledges before the deadline; the Office sees who has and who has not, and exports
the list to Excel."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.audit.services import record
from thidua.movements.models import MilestoneKind, Movement, Target
from thidua.orgs.models import Person, Unit
from thidua.vn import format_date

from .models import Registration
from .services import headed_units, is_office


def deadline_of(movement: Movement) -> datetime.date | None:
    milestone = movement.milestones.filter(kind=MilestoneKind.REGISTRATION).order_by("date").first()
    return milestone.date if milestone else None


def may_register(user, movement: Movement, target: str, subject) -> bool:
    """The Office for anyone; a unit head for the unit and its people; a person for self."""
    if is_office(user, movement.organisation_id):
        return True
    heads = {u.pk for u in headed_units(user, movement.organisation_id)}
    if target == Target.COLLECTIVE:
        return subject.pk in heads
    return subject.unit_id in heads or subject.user_id == user.pk


@transaction.atomic
def register(
    actor,
    movement: Movement,
    target: str,
    subject: Unit | Person,
    pledges: str,
    today: datetime.date | None = None,
) -> Registration:
    """Register (or update the pledges of) a unit or a person. After the deadline only
    the Office may still record a registration, and it is marked late."""
    if subject.organisation_id != movement.organisation_id:
        raise ValidationError("Đơn vị, cá nhân không thuộc đơn vị hành chính của phong trào.")
    if not may_register(actor, movement, target, subject):
        raise PermissionError(
            "Trưởng đơn vị đăng ký cho đơn vị và người của đơn vị mình; mỗi người tự đăng ký "
            "cho mình; Văn phòng đăng ký thay được mọi đơn vị."
        )
    pledges = pledges.strip()
    if len(pledges) < 10:
        raise ValidationError(
            "Hãy ghi nội dung đăng ký, cam kết (ví dụ các chỉ tiêu CCHC phấn đấu hoàn thành)."
        )
    today = today or timezone.localdate()
    deadline = deadline_of(movement)
    late = deadline is not None and today > deadline
    if late and not is_office(actor, movement.organisation_id):
        raise ValidationError(
            f"Đã quá hạn đăng ký thi đua ({format_date(deadline)}). Hãy liên hệ Văn phòng UBND."
        )
    lookup = {"unit": subject} if target == Target.COLLECTIVE else {"person": subject}
    existing = Registration.objects.filter(movement=movement, target=target, **lookup).first()
    if existing is not None and existing.pledges == pledges[:5000]:
        return existing
    registration, created = Registration.objects.update_or_create(
        movement=movement,
        target=target,
        **lookup,
        defaults={"pledges": pledges[:5000], "registered_by": actor},
        create_defaults={
            "pledges": pledges[:5000],
            "registered_by": actor,
            "registered_on": today,
            "late": late,
        },
    )
    record(
        actor,
        "registration.created" if created else "registration.updated",
        registration,
        organisation=movement.organisation,
        data={"subject": registration.subject_name, "late": registration.late},
    )
    return registration


@dataclass
class RegistrationRow:
    target: str
    subject: Unit | Person
    registration: Registration | None

    @property
    def name(self) -> str:
        return self.subject.name if self.target == Target.COLLECTIVE else self.subject.full_name


def overview(movement: Movement) -> dict[str, list[RegistrationRow]]:
    """Every competing unit and active person, with their registration or none (three
    queries whatever the numbers)."""
    registrations = {
        (r.target, r.unit_id or r.person_id): r
        for r in Registration.objects.filter(movement=movement)
    }
    units = Unit.objects.filter(organisation_id=movement.organisation_id, competes=True)
    people = Person.objects.filter(
        organisation_id=movement.organisation_id, is_active=True
    ).select_related("unit")
    return {
        Target.COLLECTIVE: [
            RegistrationRow(Target.COLLECTIVE, u, registrations.get((Target.COLLECTIVE, u.pk)))
            for u in units
        ],
        Target.INDIVIDUAL: [
            RegistrationRow(Target.INDIVIDUAL, p, registrations.get((Target.INDIVIDUAL, p.pk)))
            for p in people
        ],
    }


def workbook(movement: Movement):
    """The registration list as an Excel workbook: one sheet per target group."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = overview(movement)
    book = Workbook()
    first = True
    for target, title in ((Target.COLLECTIVE, "Tập thể"), (Target.INDIVIDUAL, "Cá nhân")):
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        sheet.append([f"Đăng ký thi đua — {movement.title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        deadline = deadline_of(movement)
        sheet.append(
            [
                f"{movement.organisation.committee_name}; hạn đăng ký: "
                f"{format_date(deadline) if deadline else 'không ghi'}"
            ]
        )
        sheet.append([])
        header = ["STT", "Tên tập thể" if target == Target.COLLECTIVE else "Họ và tên"]
        if target == Target.INDIVIDUAL:
            header.append("Đơn vị")
        header += ["Đã đăng ký", "Ngày đăng ký", "Sau hạn", "Nội dung đăng ký, cam kết"]
        sheet.append(header)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for index, row in enumerate(rows[target], start=1):
            reg = row.registration
            line = [index, row.name]
            if target == Target.INDIVIDUAL:
                line.append(row.subject.unit.name if row.subject.unit_id else "")
            line += [
                "Có" if reg else "Chưa",
                format_date(reg.registered_on) if reg else "",
                "Có" if reg and reg.late else "",
                reg.pledges if reg else "",
            ]
            sheet.append(line)
        sheet.column_dimensions["B"].width = 40
        sheet.column_dimensions["G" if target == Target.INDIVIDUAL else "F"].width = 70
        for row in sheet.iter_rows(min_row=5):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return book


def registrable(user, movement: Movement) -> dict[str, list]:
    """What ``user`` may register: units and people, for the form's choices."""
    units = Unit.objects.filter(organisation_id=movement.organisation_id, competes=True)
    people = Person.objects.filter(organisation_id=movement.organisation_id, is_active=True)
    if not is_office(user, movement.organisation_id):
        heads = [u.pk for u in headed_units(user, movement.organisation_id)]
        units = units.filter(pk__in=heads)
        people = people.filter(Q(unit_id__in=heads) | Q(user=user))
    return {Target.COLLECTIVE: list(units), Target.INDIVIDUAL: list(people.select_related("unit"))}
