"""Helpers of the tasks tests: evidence files of each kind and a fresh task of Mộ Lao."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.demo.tasks import _png, text_pdf
from thidua.orgs.models import Unit
from thidua.plans.models import Plan
from thidua.tasks.calendar import calendar_for, due_date
from thidua.tasks.models import ParField, Task


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence written by a test goes to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def pdf_file(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text_pdf("Bao cao", ["Noi dung"]), "application/pdf")


def png_file(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _png(1), "image/png")


@pytest.fixture
def new_task(demo):
    """A task of plan 17/KH-UBND led by the one-stop desk (truongmotcua's unit), with no
    report yet, due Friday 30/06/2023."""

    def make(number: str = "9.1", deadline: datetime.date = datetime.date(2023, 6, 30)) -> Task:
        mo_lao = demo["mo_lao"]
        plan = Plan.objects.get(organisation=mo_lao, number="17/KH-UBND")
        unit = Unit.objects.get(organisation=mo_lao, name="Bộ phận tiếp nhận và trả kết quả")
        task = Task.objects.create(
            organisation=mo_lao,
            plan=plan,
            number=number,
            content="Thí điểm tiếp nhận hồ sơ hộ tịch qua dịch vụ bưu chính công ích",
            par_field=ParField.objects.get(code="tthc"),
            lead_unit=unit,
            deadline=deadline,
            due_on=due_date(calendar_for(mo_lao.pk), deadline),
        )
        task.performers.set(unit.people.filter(performs_cchc=True))
        return task

    return make
