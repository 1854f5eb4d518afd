"""Login: lock-out after repeated failures (per account and per address), and the demo
password outside demo mode."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .services import (
    clear_login_failures,
    is_address_locked_out,
    is_locked_out,
    record_login_failure,
)


class ThiduaBackend(ModelBackend):
    """Django's backend, refusing the published demo password unless in demo mode.

    The demo's accounts share one password printed in the README; were the demo
    loaded on a real server by mistake, those accounts must stay closed.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == settings.DEMO_PASSWORD and not settings.DEMO_MODE:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
        "locked_out": _(
            "Tài khoản tạm khóa %(minutes)s phút vì đăng nhập sai nhiều lần. "
            "Hãy thử lại sau hoặc liên hệ quản trị hệ thống."
        ),
        "address_locked_out": _(
            "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này; mọi tài khoản đăng nhập từ "
            "đây tạm dừng %(minutes)s phút. Hãy thử lại sau hoặc liên hệ quản trị hệ thống."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        address = client_ip(self.request)
        if is_address_locked_out(address):
            raise self._locked("address_locked_out")
        if username and is_locked_out(username):
            raise self._locked("locked_out")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                record_login_failure(username, address)
            raise
        clear_login_failures(username)
        return cleaned

    def _locked(self, code: str) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages[code],
            code=code,
            params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )
