"""Repeated failed logins lock the account for a while, and the log says so."""

import pytest
from django.test import Client

from thidua.audit.models import ActionLog


def login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_the_right_password_logs_in_and_is_logged(demo):
    client = Client()
    response = login(client, "vanphong", "thidua-demo")
    assert response.status_code == 302 and response["Location"] == "/"
    entry = ActionLog.objects.filter(action="auth.login").latest("at")
    assert entry.actor.username == "vanphong"
    assert entry.organisation.name == "Mộ Lao"


@pytest.mark.django_db
def test_a_wrong_password_gets_a_vietnamese_message(demo):
    response = login(Client(), "vanphong", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_for_the_right_password(demo, settings):
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, "vanphong", "sai-mat-khau")
    response = login(client, "vanphong", "thidua-demo")
    assert response.status_code == 200
    assert "tạm khóa 15 phút" in response.content.decode()
    assert ActionLog.objects.filter(action="auth.locked_out", data__username="vanphong").exists()
    assert login(Client(), "canbo", "thidua-demo").status_code == 302  # others unaffected


@pytest.mark.django_db
def test_the_demo_password_does_not_open_accounts_outside_demo_mode(demo, settings):
    settings.DEMO_MODE = False
    response = login(Client(), "vanphong", "thidua-demo")
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(client_as):
    client = client_as("vanphong")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_user_changes_their_password(client_as):
    client = client_as("canbo")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "thidua-demo",
            "new_password1": "Mot-mat-khau-moi-2023",
            "new_password2": "Mot-mat-khau-moi-2023",
        },
    )
    assert response.status_code == 302
    assert login(Client(), "canbo", "Mot-mat-khau-moi-2023").status_code == 302
    assert ActionLog.objects.filter(
        action="auth.password_changed", actor__username="canbo"
    ).exists()
