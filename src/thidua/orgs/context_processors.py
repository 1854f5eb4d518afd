"""The UI shell's context: current unit, unit switcher and navigation by role."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .models import Role
from .services import current_membership, memberships_of

OFFICE_ROLES = {Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.ADMIN}


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_mode": settings.DEMO_MODE}
    membership = current_membership(request)
    roles = {m.role for m in memberships_of(user)}
    nav = [
        ("home", "Trang chủ", reverse("home")),
        ("movements", "Phong trào thi đua", reverse("movements:list")),
        ("tasks", "Nhiệm vụ CCHC", reverse("tasks:list")),
        ("scoring", "Bảng điểm, xếp hạng", reverse("scoring:index")),
        ("plans", "Kế hoạch", reverse("plans:list")),
        ("documents", "Sổ văn bản", reverse("documents:list")),
        ("units", "Đơn vị", reverse("orgs:unit_list")),
        ("people", "Cán bộ, công chức", reverse("orgs:person_list")),
        ("organisations", "Đơn vị hành chính", reverse("orgs:organisation_list")),
    ]
    if roles & OFFICE_ROLES or user.is_superuser:
        nav.append(("audit", "Nhật ký thao tác", reverse("audit:list")))
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
