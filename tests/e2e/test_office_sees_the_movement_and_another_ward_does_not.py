"""In a real browser: the Office sees the 2023 movement with its quotas; another ward gets 404."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from thidua.movements.models import Movement

pytestmark = pytest.mark.browser


def test_the_office_sees_the_2023_movement_with_its_quotas(live, page_factory):
    page = page_factory(DESKTOP)
    log_in(page, live.url, "vanphong")
    assert page.get_by_role("heading", name="UBND phường Mộ Lao").is_visible()
    card = page.locator("article.movement-card").first
    assert "Phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023" in card.inner_text()
    assert "Tập thể: 1–2" in card.inner_text() and "Cá nhân: 1–2" in card.inner_text()
    screenshot(page, "home-vanphong-desktop")
    card.get_by_role("link").click()
    page.wait_for_url(f"{live.url}/movements/*/")
    quotas = page.locator("table.quota-table").inner_text()
    assert "1–2 tập thể" in quotas and "1–2 cá nhân" in quotas
    assert "Giấy khen của Chủ tịch UBND phường" in page.content()
    screenshot(page, "movement-vanphong-desktop")


def test_on_a_phone_the_menu_folds_and_the_page_does_not_overflow(live, page_factory):
    page = page_factory(PHONE)
    log_in(page, live.url, "vanphong")
    movement = Movement.objects.get(organisation__code="mo-lao", year=2023)
    page.goto(f"{live.url}/movements/{movement.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a 390px phone"
    screenshot(page, "movement-vanphong-phone")


def test_another_wards_office_gets_404_on_the_same_url(live, page_factory):
    movement = Movement.objects.get(organisation__code="mo-lao", year=2023)
    page = page_factory(DESKTOP)
    log_in(page, live.url, "vanquan")
    response = page.goto(f"{live.url}/movements/{movement.pk}/")
    assert response.status == 404
    assert "Không tìm thấy trang" in page.content()
    assert "Mộ Lao" not in page.content()
    screenshot(page, "movement-vanquan-404")


def test_the_login_form_works_from_the_keyboard(live, page_factory):
    page = page_factory(DESKTOP)
    page.goto(f"{live.url}/accounts/login/")
    # The username field has the focus when the page opens.
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type("canbo")
    page.keyboard.press("Tab")
    page.keyboard.type("thidua-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live.url}/")
    assert "Bộ phận tiếp nhận và trả kết quả" in page.content()
