"""Deterministic synthetic data at scale: a city of wards, or the country's communes.

Used by ``make bench`` to measure how pages grow with data. The same arguments give
the same rows on every machine (one ``random.Random`` seeded per ward), and running
it again adds nothing: wards are keyed by code.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from thidua.demo.tasks import text_pdf
from thidua.movements.models import AwardForm, Criterion, DossierItem, Movement, Quota, TargetGroup
from thidua.orgs.models import Organisation, Person, Unit
from thidua.plans.models import Plan

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quốc", "Đức", "Thanh", "Ngọc", "Hữu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Đào",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]
UNITS = [
    ("Văn phòng UBND", "office"),
    ("Bộ phận tiếp nhận và trả kết quả", "one_stop"),
    ("Tư pháp - Hộ tịch", "specialist"),
    ("Địa chính - Xây dựng - Đô thị và Môi trường", "specialist"),
    ("Văn hóa - Xã hội", "specialist"),
    ("Tài chính - Kế toán", "specialist"),
    ("Đoàn Thanh niên", "mass_org"),
    ("Hội Liên hiệp Phụ nữ", "mass_org"),
]
# Taken in order when a size asks for more units per ward than UNITS holds.
MORE_UNITS = [
    ("Công an phường", "committee"),
    ("Ban Chỉ huy Quân sự", "committee"),
    ("Mặt trận Tổ quốc", "mass_org"),
    ("Hội Cựu chiến binh", "mass_org"),
    ("Hội Nông dân", "mass_org"),
    ("Hội Người cao tuổi", "mass_org"),
    ("Trạm Y tế", "specialist"),
    ("Lao động - Thương binh và Xã hội", "specialist"),
    ("Kinh tế", "specialist"),
    ("Thống kê", "specialist"),
]

# Other domains add their rows per ward here (tasks, SIPAS answers, …); each hook
# receives the ward, its units and people, and the ward's seeded Random.
WardHook = Callable[[Organisation, list[Unit], list[Person], random.Random], None]
WARD_HOOKS: list[WardHook] = []


def stored_pdf(path: str, title: str, lines: list[str]) -> tuple[str, bytes]:
    """A small text PDF saved at ``path`` in the default storage (the domains' synthetic
    evidence files): the name it was stored under, and its bytes for size and hash."""
    content = text_pdf(title, lines)
    return default_storage.save(path, ContentFile(content)), content


@dataclass
class SynthSize:
    wards: int = 10
    people_per_ward: int = 40
    units_per_ward: int = len(UNITS)
    city_code: str = "synth-city"
    prefix: str = "synth"


def _city(size: SynthSize) -> Organisation:
    city, _ = Organisation.objects.get_or_create(
        code=size.city_code,
        defaults={
            "level": "province",
            "kind": "thành phố",
            "name": "Tổng hợp",
            "place_name": "Tổng hợp",
        },
    )
    return city


def _ward(city: Organisation, size: SynthSize, index: int) -> Organisation | None:
    code = f"{size.prefix}-{index:05d}"
    if Organisation.objects.filter(code=code).exists():
        return None
    return Organisation.objects.create(
        code=code,
        level="commune",
        kind="phường",
        name=f"Số {index}",
        parent=city,
        place_name=f"Số {index}",
    )


def _fill_ward(
    ward: Organisation, size: SynthSize, rng: random.Random, hooks: list[WardHook]
) -> None:
    specs = (UNITS + MORE_UNITS)[: max(size.units_per_ward, 1)]
    units = [Unit.objects.create(organisation=ward, name=name, kind=kind) for name, kind in specs]
    people = []
    for _ in range(size.people_per_ward):
        person = Person(
            organisation=ward,
            family_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)}",
            given_name=rng.choice(GIVEN),
            gender=rng.choice(["male", "female"]),
            birth_year=rng.randint(1965, 2000),
            position="Công chức",
            unit=rng.choice(units),
            performs_cchc=rng.random() < 0.4,
        )
        person.save()  # save() computes the sort and search keys
        people.append(person)
    plan = Plan.objects.create(
        organisation=ward,
        number=f"{rng.randint(10, 99)}/KH-UBND",
        issuer_name=ward.committee_name,
        date="2023-02-28",
        title="Tổ chức phong trào thi đua đẩy mạnh cải cách hành chính năm 2023",
        year=2023,
    )
    movement = Movement.objects.create(
        organisation=ward,
        plan=plan,
        title="Phong trào thi đua CCHC năm 2023",
        year=2023,
        status="active",
    )
    form = AwardForm.objects.create(
        movement=movement, form="Giấy khen", awarded_by="Chủ tịch UBND phường"
    )
    for position, target in enumerate(("collective", "individual")):
        TargetGroup.objects.create(
            movement=movement, position=position, target=target, description="…"
        )
        Criterion.objects.create(movement=movement, position=position, target=target, text="…")
        Quota.objects.create(
            movement=movement, award_form=form, target=target, minimum=1, maximum=2
        )
    DossierItem.objects.create(movement=movement, name="Tờ trình đề nghị khen thưởng")
    for hook in hooks:
        hook(ward, units, people, rng)


def synthesise(
    size: SynthSize,
    progress: Callable[[int], None] | None = None,
    hooks: list[WardHook] | None = None,
) -> int:
    """Create the missing wards of ``size``, each filled by ``hooks`` (default:
    ``WARD_HOOKS``); returns how many were created."""
    city = _city(size)
    created = 0
    for index in range(1, size.wards + 1):
        with transaction.atomic():
            ward = _ward(city, size, index)
            if ward is None:
                continue
            _fill_ward(ward, size, random.Random(index), WARD_HOOKS if hooks is None else hooks)
        created += 1
        if progress:
            progress(index)
    return created
