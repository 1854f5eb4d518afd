"""Recording business actions."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import ActionLog

# Human-readable Vietnamese names of the actions, shown in the log page.
ACTION_LABELS: dict[str, str] = {
    "auth.login": "Đăng nhập",
    "auth.logout": "Đăng xuất",
    "auth.login_failed": "Đăng nhập thất bại",
    "auth.locked_out": "Tài khoản bị tạm khóa",
    "auth.password_changed": "Đổi mật khẩu",
    "auth.unit_switched": "Chuyển đơn vị làm việc",
    "api.token_created": "Tạo mã truy cập API",
    "people.imported": "Nhập danh sách cán bộ từ Excel",
    "people.created": "Thêm cán bộ",
    "people.updated": "Sửa thông tin cán bộ",
    "demo.loaded": "Nạp dữ liệu mẫu",
}


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    organisation=None,
    data: dict[str, Any] | None = None,
) -> ActionLog:
    """Append one entry to the action log.

    ``organisation`` defaults to the object's own organisation, so the entry is
    visible to exactly those who may see the object.
    """
    if organisation is None and obj is not None:
        organisation = getattr(obj, "organisation", None)
        if organisation is None and obj.__class__.__name__ == "Organisation":
            organisation = obj
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return ActionLog.objects.create(
        actor=actor_obj,
        actor_name=actor_obj.get_username() if actor_obj else "",
        organisation=organisation,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        data=_json_safe(data or {}),
    )


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
