"""Domain operations on organisations, people and accounts.

Each operation validates, runs in a transaction and writes the action log.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from thidua.audit.services import record
from thidua.core.spreadsheets import ImportReport, SheetRow, read_sheet
from thidua.core.spreadsheets import ImportRow as BaseImportRow
from thidua.vn import search_key

from .models import Gender, LoginFailure, Membership, Organisation, Person, Role, Unit

SESSION_UNIT_KEY = "thidua_unit_id"


# --- Lock-out after repeated failed logins --------------------------------------------


def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked_out(username: str) -> bool:
    """True while the username has too many recent failures, from whatever addresses:
    the attack to stop is guessing one account's password."""
    recent = LoginFailure.objects.filter(username=username.lower(), at__gte=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def is_address_locked_out(ip_address: str | None) -> bool:
    """True while the address has too many recent failures, whatever the usernames.

    This stops one password tried on many accounts, each staying under its own limit.
    The limit is higher than an account's, since a ward office's staff share one
    address behind NAT; a successful login does not reset it, or an attacker holding
    one account could wipe the count between rounds.
    """
    if not ip_address:
        return False
    recent = LoginFailure.objects.filter(ip_address=ip_address, at__gte=_window_start())
    return recent.count() >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def record_login_failure(username: str, ip_address: str | None) -> None:
    from .signals import home_organisation

    username = username.lower()[:150]
    LoginFailure.objects.create(username=username, ip_address=ip_address)
    user = get_user_model().objects.filter(username__iexact=username).first()
    organisation = home_organisation(user) if user else None
    data = {"username": username, "ip": ip_address}
    record(None, "auth.login_failed", organisation=organisation, data=data)
    if is_locked_out(username):
        record(None, "auth.locked_out", organisation=organisation, data=data)
    if is_address_locked_out(ip_address):
        record(None, "auth.address_locked_out", organisation=organisation, data=data)


def clear_login_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()


# --- The current unit (unit switcher) ---------------------------------------------------


def memberships_of(user) -> list[Membership]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_thidua_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("unit__organisation__parent")
            .order_by("unit__organisation__level", "unit__sort_name", "role")
        )
        user._thidua_memberships = cached
    return cached


def current_membership(request: HttpRequest) -> Membership | None:
    """The membership the user works in now: chosen in the switcher, else the first."""
    memberships = memberships_of(request.user)
    if not memberships:
        return None
    chosen = request.session.get(SESSION_UNIT_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    # Prefer the roles that run the movement, so a Chairman who also sits on the
    # council starts in the Chairman's view.
    order = [r.value for r in Role]
    return min(memberships, key=lambda m: order.index(m.role))


@transaction.atomic
def switch_membership(request: HttpRequest, membership_id: int) -> Membership:
    """Make one of the user's own memberships the current one."""
    for membership in memberships_of(request.user):
        if membership.pk == membership_id:
            request.session[SESSION_UNIT_KEY] = membership.pk
            record(
                request.user,
                "auth.unit_switched",
                membership.unit,
                organisation=membership.unit.organisation,
                data={"role": membership.role},
            )
            return membership
    raise PermissionError(gettext("Bạn không có vai trò trong đơn vị này."))


def has_role(user, organisation: Organisation | int, *roles: str) -> bool:
    """Whether ``user`` holds one of ``roles`` in ``organisation``."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    if getattr(user, "is_superuser", False):
        return True
    return any(
        m.unit.organisation_id == org_id and (m.role in roles or m.role == Role.ADMIN)
        for m in memberships_of(user)
    )


def organisations_where(user, *roles: str) -> list[Organisation]:
    """The organisations where ``user`` holds one of ``roles``."""
    seen: dict[int, Organisation] = {}
    for m in memberships_of(user):
        if m.role in roles or m.role == Role.ADMIN:
            seen.setdefault(m.unit.organisation_id, m.unit.organisation)
    return list(seen.values())


# --- People --------------------------------------------------------------------------


def search_people(queryset, query: str):
    """Accent-insensitive search: "nguyen thi thanh" finds "Nguyễn Thị Thanh"."""
    for word in search_key(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


@dataclass
class ImportRow(BaseImportRow):
    """One row of the people import; ``person`` is the person saved from it."""

    person: Person | None = None


# Column headers accepted in the people sheet, normalised by search_key.
PEOPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "full_name": ("ho va ten", "ho ten"),
    "gender": ("gioi tinh",),
    "birth_year": ("nam sinh",),
    "position": ("chuc vu", "chuc danh", "chuc vu, chuc danh", "chuc vu chuc danh"),
    "unit": ("don vi", "don vi cong tac", "bo phan"),
    "performs_cchc": (
        "truc tiep thuc hien cchc",
        "truc tiep thuc hien nhiem vu cchc",
        "truc tiep cchc",
    ),
}
REQUIRED_PEOPLE_COLUMNS = ("full_name", "gender", "unit")
YES = {"x", "co", "1", "yes", "true", "dung"}


def _parse_person_row(
    organisation: Organisation, values: dict[str, str], units: dict[str, Unit]
) -> tuple[dict, list[str]]:
    errors: list[str] = []
    data: dict = {}
    full_name = " ".join(values.get("full_name", "").split())
    words = full_name.split(" ")
    if len(words) < 2:
        errors.append(
            gettext("Thiếu họ và tên đầy đủ (cần ít nhất họ và tên, ví dụ “Nguyễn Văn An”).")
        )
    else:
        data["family_name"] = " ".join(words[:-1])
        data["given_name"] = words[-1]
    gender = search_key(values.get("gender", ""))
    if gender == "nam":
        data["gender"] = Gender.MALE
    elif gender == "nu":
        data["gender"] = Gender.FEMALE
    else:
        errors.append(
            gettext("Giới tính “%(gender)s” không hợp lệ: ghi “Nam” hoặc “Nữ”.")
            % {"gender": values.get("gender", "")}
        )
    year_text = values.get("birth_year", "").strip()
    if year_text:
        try:
            year = int(float(year_text))
        except ValueError:
            year = None
        if year is None or not 1900 <= year <= timezone.localdate().year:
            errors.append(
                gettext("Năm sinh “%(year)s” không hợp lệ: ghi 4 chữ số, ví dụ 1985.")
                % {"year": year_text}
            )
        else:
            data["birth_year"] = year
    unit_name = values.get("unit", "").strip()
    unit = units.get(search_key(unit_name))
    if unit is None:
        errors.append(
            gettext(
                "Không có đơn vị “%(unit)s” trong %(organisation)s: "
                "ghi đúng tên đơn vị như trong danh sách đơn vị."
            )
            % {"unit": unit_name, "organisation": organisation.committee_name}
        )
    else:
        data["unit"] = unit
    data["position"] = values.get("position", "").strip()[:200]
    data["performs_cchc"] = search_key(values.get("performs_cchc", "")) in YES
    return data, errors


def read_people_sheet(uploaded) -> tuple[list[SheetRow], str | None]:
    """Rows of the first sheet keyed by our column names, or an error."""
    labels = {"full_name": "Họ và tên", "gender": "Giới tính", "unit": "Đơn vị"}
    return read_sheet(uploaded, PEOPLE_COLUMNS, REQUIRED_PEOPLE_COLUMNS, labels)


def import_people(actor, organisation: Organisation, uploaded) -> ImportReport:
    """Import people from an Excel sheet; valid rows are saved, each rejection explained.

    A person already present (same name, birth year and unit) is updated, never
    duplicated, so importing the same sheet twice changes nothing.
    """
    report = ImportReport()
    rows, error = read_people_sheet(uploaded)
    if error:
        report.file_error = error
        return report
    units = {search_key(u.name): u for u in Unit.objects.filter(organisation=organisation)}
    with transaction.atomic():
        for sheet_row in rows:
            row = ImportRow(number=sheet_row.number, values=sheet_row.values)
            data, row.errors = _parse_person_row(organisation, row.values, units)
            report.rows.append(row)
            if row.errors:
                continue
            person, row.created = Person.objects.update_or_create(
                organisation=organisation,
                family_name=data.pop("family_name"),
                given_name=data.pop("given_name"),
                birth_year=data.pop("birth_year", None),
                defaults=data,
            )
            row.person = row.obj = person
        record(
            actor,
            "people.imported",
            organisation,
            data={
                "accepted": len(report.accepted),
                "rejected": [{"row": r.number, "errors": r.errors} for r in report.rejected],
            },
        )
    return report


# --- Accounts ------------------------------------------------------------------------


def ensure_user(
    username: str, *, first_name: str = "", last_name: str = "", password: str | None = None
):
    """Create or update a login account (used by the demo and by operators)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    changed = created
    if user.first_name != first_name or user.last_name != last_name:
        user.first_name, user.last_name = first_name, last_name
        changed = True
    if password is not None and (created or not user.check_password(password)):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    return user


def organisation_for_documents(organisation: Organisation, day: datetime.date) -> Organisation:
    """Refuse a document dated after its issuer ceased to exist."""
    if organisation.valid_to is not None and day > organisation.valid_to:
        raise ValueError(
            gettext(
                "%(organisation)s đã chấm dứt hoạt động từ %(ceased)s; "
                "không thể ban hành văn bản ngày %(day)s."
            )
            % {
                "organisation": organisation.committee_name,
                "ceased": f"{organisation.valid_to:%d/%m/%Y}",
                "day": f"{day:%d/%m/%Y}",
            }
        )
    return organisation
