"""Many failed logins from one address, whatever the usernames, pause logins from that
address for a while; the account lock (per username) stays as it was."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from thidua.audit.models import ActionLog
from thidua.orgs.models import LoginFailure

ATTACKER = "203.0.113.9"
PAUSED = "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này"


def login(address: str, username: str, password: str):
    return Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": username, "password": password}
    )


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 4
    return settings


@pytest.mark.django_db
def test_failures_over_many_usernames_pause_the_address_even_for_a_right_password(demo, limits):
    for username in ("vanphong", "chutich", "canbo", "khong-co-ai"):
        response = login(ATTACKER, username, "mat-khau-doan")
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()

    response = login(ATTACKER, "truongmotcua", "thidua-demo")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{PAUSED}; mọi tài khoản đăng nhập từ đây tạm dừng 15 phút" in page
    assert "_auth_user_id" not in response.client.session
    logged = ActionLog.objects.get(action="auth.address_locked_out")
    assert logged.data == {"username": "khong-co-ai", "ip": ATTACKER}

    # Another address is not paused, and no account reached its own limit.
    assert login("198.51.100.3", "truongmotcua", "thidua-demo").status_code == 302
    assert login("198.51.100.3", "vanphong", "thidua-demo").status_code == 302


@pytest.mark.django_db
def test_the_account_lock_still_bites_below_the_address_limit(demo, limits):
    limits.LOGIN_ADDRESS_FAILURE_LIMIT = 30
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        login(address, "vanphong", "mat-khau-doan")
    page = login("192.0.2.6", "vanphong", "thidua-demo").content.decode()
    assert "Tài khoản tạm khóa 15 phút" in page and PAUSED not in page


@pytest.mark.django_db
def test_the_address_pause_ends_after_its_minutes(demo, limits):
    for username in ("vanphong", "chutich", "canbo", "hoidong2"):
        login(ATTACKER, username, "mat-khau-doan")
    assert PAUSED in login(ATTACKER, "truongmotcua", "thidua-demo").content.decode()
    later = timezone.now() - datetime.timedelta(minutes=limits.LOGIN_LOCKOUT_MINUTES + 1)
    LoginFailure.objects.filter(ip_address=ATTACKER).update(at=later)
    assert login(ATTACKER, "truongmotcua", "thidua-demo").status_code == 302
