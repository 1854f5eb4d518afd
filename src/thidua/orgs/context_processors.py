"""The UI shell's context: current unit, unit switcher and navigation by role."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from .models import Role
from .services import current_membership, memberships_of

OFFICE_ROLES = {Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.ADMIN}


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_mode": settings.DEMO_MODE}
    membership = current_membership(request)
    roles = {m.role for m in memberships_of(user)}
    # Labels name lists; "list" context where the same Vietnamese word is also a
    # singular label elsewhere ("Kế hoạch": Plans here, Plan beside a movement).
    nav = [
        ("home", gettext("Trang chủ"), reverse("home")),
        ("movements", gettext("Phong trào thi đua"), reverse("movements:list")),
        ("indexes", gettext("Chỉ số CCHC, SIPAS"), reverse("indexes:par_list")),
        ("tasks", gettext("Nhiệm vụ CCHC"), reverse("tasks:list")),
        ("scoring", gettext("Bảng điểm, xếp hạng"), reverse("scoring:index")),
        ("council", gettext("Hội đồng TĐKT, khen thưởng"), reverse("council:index")),
        ("nominations", gettext("Đề nghị khen thưởng"), reverse("nominations:index")),
        ("initiatives", gettext("Sáng kiến"), reverse("initiatives:list")),
        ("plans", pgettext("list", "Kế hoạch"), reverse("plans:list")),
        ("documents", gettext("Sổ văn bản"), reverse("documents:list")),
        ("units", pgettext("list", "Đơn vị"), reverse("orgs:unit_list")),
        ("people", gettext("Cán bộ, công chức"), reverse("orgs:person_list")),
        ("organisations", gettext("Đơn vị hành chính"), reverse("orgs:organisation_list")),
    ]
    if roles & OFFICE_ROLES or user.is_superuser:
        nav.append(("audit", gettext("Nhật ký thao tác"), reverse("audit:list")))
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
