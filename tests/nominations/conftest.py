"""Fixtures of the nomination tests: the 2023 movement of phường Mộ Lao and its people."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.movements.models import AwardForm, Movement
from thidua.orgs.models import Person, Unit

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DEC_2023 = datetime.date(2023, 12, 15)
DEC_2024 = datetime.date(2024, 12, 15)
DEC_2025 = datetime.date(2025, 12, 15)


@pytest.fixture
def movement(demo) -> Movement:
    return Movement.objects.get(organisation=demo["mo_lao"], year=2023)


@pytest.fixture
def giay_khen(movement) -> AwardForm:
    return movement.award_forms.get(form="Giấy khen")


@pytest.fixture
def award_form(movement):
    """``award_form("Tập thể lao động tiên tiến")`` — another form of the movement."""

    def make(form: str, *, upward: bool = False) -> AwardForm:
        return AwardForm.objects.create(
            movement=movement,
            form=form,
            awarded_by="Chủ tịch UBND phường",
            position=10,
            proposed_upward=upward,
        )

    return make


@pytest.fixture
def one_stop(demo) -> Unit:
    return Unit.objects.get(organisation=demo["mo_lao"], name="Bộ phận tiếp nhận và trả kết quả")


@pytest.fixture
def person(demo):
    def get(full_name: str) -> Person:
        family, given = full_name.rsplit(" ", 1)
        return Person.objects.get(organisation=demo["mo_lao"], family_name=family, given_name=given)

    return get


def scan(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")
