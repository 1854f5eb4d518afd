"""Loading the demo: idempotent (a second run changes nothing) and deterministic."""

from __future__ import annotations

from django.db import transaction

from thidua.audit.services import record
from thidua.movements.models import Movement
from thidua.movements.services import set_parts
from thidua.orgs.models import Membership, Organisation, Person, Role, Unit
from thidua.orgs.services import ensure_user
from thidua.plans.models import Plan

from . import council as demo_council
from . import data
from . import documents as documents_demo
from . import indexes as indexes_demo
from . import nominations as demo_nominations
from . import plan_import as demo_plan_import
from . import tasks as demo_tasks


def _organisations() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for code, level, kind, name, parent, valid_from, valid_to, place in data.ORGANISATIONS:
        orgs[code], _ = Organisation.objects.update_or_create(
            code=code,
            defaults={
                "level": level,
                "kind": kind,
                "name": name,
                "parent": orgs[parent] if parent else None,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "place_name": place,
            },
        )
    for old, new in data.SUCCESSIONS:
        orgs[old].successors.add(orgs[new])
    return orgs


def _units(organisation: Organisation, specs) -> dict[str, Unit]:
    units = {}
    for name, kind, competes in specs:
        units[name], _ = Unit.objects.update_or_create(
            organisation=organisation, name=name, defaults={"kind": kind, "competes": competes}
        )
    return units


def _people(organisation: Organisation, units: dict[str, Unit], specs, password: str) -> dict:
    users = {}
    for family, given, gender, year, position, unit, cchc, username in specs:
        user = None
        if username:
            user = ensure_user(username, first_name=given, last_name=family, password=password)
            users[username] = user
        Person.objects.update_or_create(
            organisation=organisation,
            family_name=family,
            given_name=given,
            birth_year=year,
            defaults={
                "gender": gender,
                "position": position,
                "unit": units[unit],
                "performs_cchc": cchc,
                "user": user,
            },
        )
    return users


def _roles(users: dict, units: dict[str, Unit], specs) -> None:
    for username, role, unit, title in specs:
        Membership.objects.update_or_create(
            user=users[username], unit=units[unit], role=role, defaults={"title": title}
        )


def _plans(orgs: dict[str, Organisation]) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    for code, number, date, title, issuer, signer, _implements in data.PLANS:
        plans[number], _ = Plan.objects.update_or_create(
            organisation=orgs[code],
            number=number,
            date=date,
            defaults={
                "doc_type": "KH",
                "issuer_name": issuer,
                "title": title,
                "year": date.year,
                "signer_name": signer,
            },
        )
    for _code, number, *_rest, implements in data.PLANS:
        plans[number].implements.set([plans[n] for n in implements])
    return plans


def _movement(organisation: Organisation, plan: Plan, spec: dict) -> tuple[Movement, bool]:
    movement, created = Movement.objects.update_or_create(
        organisation=organisation,
        plan=plan,
        defaults={
            "title": spec["title"],
            "year": spec["year"],
            "status": spec["status"],
            "dossier_destination": spec["dossier_destination"],
        },
    )
    set_parts(movement, spec)
    return movement, created


@transaction.atomic
def load_demo(password: str) -> dict[str, object]:
    """Create or refresh the demo. Returns what was loaded, for the command's summary."""
    orgs = _organisations()
    mo_lao_units = _units(orgs["mo-lao"], data.MO_LAO_UNITS)
    users = _people(orgs["mo-lao"], mo_lao_units, data.MO_LAO_PEOPLE, password)
    _roles(users, mo_lao_units, data.MO_LAO_ROLES)

    van_quan_units = _units(orgs["van-quan"], data.VAN_QUAN_UNITS)
    vq_users = _people(orgs["van-quan"], van_quan_units, data.VAN_QUAN_PEOPLE, password)
    _roles(vq_users, van_quan_units, data.VAN_QUAN_ROLES)
    users.update(vq_users)

    for username, code, unit_name, title in data.UPPER_VIEWERS:
        unit, _ = Unit.objects.update_or_create(
            organisation=orgs[code], name=unit_name, defaults={"kind": "office", "competes": False}
        )
        user = ensure_user(username, first_name=title, password=password)
        Membership.objects.update_or_create(
            user=user, unit=unit, role=Role.UPPER_VIEWER, defaults={"title": title}
        )
        users[username] = user

    plans = _plans(orgs)
    movement, created = _movement(orgs["mo-lao"], plans["20/KH-UBND"], data.MO_LAO_MOVEMENT)
    _movement(orgs["van-quan"], plans["25/KH-UBND"], data.VAN_QUAN_MOVEMENT)
    demo_plan_import.load(orgs["mo-lao"], plans["20/KH-UBND"], users["vanphong"])
    documents_demo.load(orgs["mo-lao"])
    demo_tasks.load(orgs, plans)
    indexes_demo.load(orgs)
    # The 2022 decision writes its award records, which the 2023 achievement reports cite.
    demo_council.load(orgs["mo-lao"])
    demo_nominations.load(orgs["mo-lao"], movement)
    if created:
        record(None, "demo.loaded", orgs["mo-lao"], data={"movement": movement.pk})
    return {"users": sorted(users), "movement": movement}


DEMO_ACCOUNTS = [
    ("chutich", "Chủ tịch UBND phường Mộ Lao (Nguyễn Thị Thanh), Chủ tịch Hội đồng TĐKT"),
    ("vanphong", "Văn phòng UBND phường Mộ Lao, thư ký Hội đồng TĐKT"),
    ("truongmotcua", "Trưởng Bộ phận tiếp nhận và trả kết quả, ủy viên Hội đồng"),
    ("canbo", "Công chức Bộ phận tiếp nhận và trả kết quả"),
    ("hoidong1", "Phó Chủ tịch UBND phường, Phó Chủ tịch Hội đồng TĐKT"),
    ("hoidong2", "Ủy viên Hội đồng TĐKT (Chủ tịch Ủy ban MTTQ phường)"),
    ("hoidong3", "Ủy viên Hội đồng TĐKT (Bí thư Đoàn Thanh niên)"),
    ("hoidong4", "Ủy viên Hội đồng TĐKT (Chủ tịch Hội LHPN)"),
    ("vanquan", "Văn phòng UBND phường Văn Quán (phường khác)"),
    ("capquan", "Cấp trên: UBND quận Hà Đông (xem)"),
    ("capthanhpho", "Cấp trên: UBND thành phố Hà Nội (xem)"),
]
