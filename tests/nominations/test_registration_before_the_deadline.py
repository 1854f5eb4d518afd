from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from thidua.movements.models import Milestone, Target
from thidua.nominations import registrations

pytestmark = pytest.mark.django_db
PLEDGE = "Hoàn thành đúng hạn mọi nhiệm vụ CCHC được giao"


def test_a_head_registers_the_unit_before_the_deadline(movement, one_stop, user):
    Milestone.objects.create(
        movement=movement, kind="registration", date=datetime.date(2023, 3, 15)
    )
    movement.registrations.filter(unit=one_stop).delete()
    reg = registrations.register(
        user("truongmotcua"),
        movement,
        Target.COLLECTIVE,
        one_stop,
        PLEDGE,
        today=datetime.date(2023, 3, 14),
    )
    assert not reg.late and reg.registered_on == datetime.date(2023, 3, 14)


def test_after_the_deadline_only_the_office_records_a_late_registration(movement, one_stop, user):
    Milestone.objects.create(
        movement=movement, kind="registration", date=datetime.date(2023, 3, 15)
    )
    one_stop_reg = movement.registrations.filter(unit=one_stop)
    one_stop_reg.delete()
    with pytest.raises(ValidationError, match="quá hạn đăng ký"):
        registrations.register(
            user("truongmotcua"),
            movement,
            Target.COLLECTIVE,
            one_stop,
            PLEDGE,
            today=datetime.date(2023, 3, 20),
        )
    reg = registrations.register(
        user("vanphong"),
        movement,
        Target.COLLECTIVE,
        one_stop,
        PLEDGE,
        today=datetime.date(2023, 3, 20),
    )
    assert reg.late


def test_a_staff_member_registers_only_themself(movement, person, user):
    canbo = user("canbo")
    registrations.register(canbo, movement, Target.INDIVIDUAL, person("Lê Thị Mai"), PLEDGE)
    with pytest.raises(PermissionError):
        registrations.register(
            canbo, movement, Target.INDIVIDUAL, person("Vương Đình Phúc"), PLEDGE
        )


def test_the_office_sees_who_has_not_registered_and_exports_it(client_as, movement):
    client = client_as("vanphong")
    page = client.get(reverse("nominations:registrations", args=[movement.pk]))
    assert "Chưa đăng ký" in page.content.decode()
    export = client.get(reverse("nominations:registrations_xlsx", args=[movement.pk]))
    book = load_workbook(io.BytesIO(export.content))
    units = {row[1]: row[2] for row in book["Tập thể"].iter_rows(min_row=5, values_only=True)}
    assert units["Bộ phận tiếp nhận và trả kết quả"] == "Có"
    assert units["Hội Cựu chiến binh phường"] == "Chưa"
    assert (
        client_as("vanquan")
        .get(reverse("nominations:registrations", args=[movement.pk]))
        .status_code
        == 404
    )
