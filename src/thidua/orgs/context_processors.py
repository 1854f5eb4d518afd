"""The UI shell's context: current unit, unit switcher and navigation by role."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Role
from .services import current_membership, memberships_of

OFFICE_ROLES = {Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.ADMIN}


# Labels name lists; "list" context where the same Vietnamese word is also a singular
# label elsewhere ("Kế hoạch": Plans here, Plan beside a movement).
NAV = [
    ("home", _("Trang chủ"), "home"),
    ("movements", _("Phong trào thi đua"), "movements:list"),
    ("indexes", _("Chỉ số CCHC, SIPAS"), "indexes:par_list"),
    ("tasks", _("Nhiệm vụ CCHC"), "tasks:list"),
    ("scoring", _("Bảng điểm, xếp hạng"), "scoring:index"),
    ("council", _("Hội đồng TĐKT, khen thưởng"), "council:index"),
    ("nominations", _("Đề nghị khen thưởng"), "nominations:index"),
    ("initiatives", _("Sáng kiến"), "initiatives:list"),
    ("plans", pgettext_lazy("list", "Kế hoạch"), "plans:list"),
    ("documents", _("Sổ văn bản"), "documents:list"),
    ("units", pgettext_lazy("list", "Đơn vị"), "orgs:unit_list"),
    ("people", _("Cán bộ, công chức"), "orgs:person_list"),
    ("organisations", _("Đơn vị hành chính"), "orgs:organisation_list"),
]


@functools.cache
def _nav(script_prefix: str) -> tuple[tuple[str, str, str], ...]:
    """The navigation with its addresses, reversed once per process (they never change;
    the labels stay lazy and are translated when the page is drawn)."""
    return tuple((key, label, reverse(name)) for key, label, name in NAV)


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_mode": settings.DEMO_MODE}
    membership = current_membership(request)
    roles = {m.role for m in memberships_of(user)}
    nav = list(_nav(get_script_prefix()))
    if roles & OFFICE_ROLES or user.is_superuser:
        nav.append(("audit", _("Nhật ký thao tác"), reverse("audit:list")))
    return {
        "current_membership": membership,
        "all_memberships": memberships_of(user),
        "nav_items": nav,
        "user_roles": roles,
        "demo_mode": settings.DEMO_MODE,
        # Vietnamese order: family and middle name first ("Phạm Thu Hà").
        "user_display_name": " ".join(filter(None, [user.last_name, user.first_name]))
        or user.get_username(),
    }
