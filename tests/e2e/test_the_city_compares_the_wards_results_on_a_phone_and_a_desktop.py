"""In a real browser: the city's viewer reads the wards' results side by side; on a phone
the wide table scrolls inside its frame and the page itself does not overflow."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot

pytestmark = pytest.mark.browser


def test_on_a_desktop_the_wards_results_sit_side_by_side(live, page_factory):
    page = page_factory(DESKTOP)
    log_in(page, live.url, "capthanhpho")
    page.goto(f"{live.url}/council/upper/?year=2023")
    table = page.locator("table.side-by-side")
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    mo_lao = rows.filter(has_text="UBND phường Mộ Lao").inner_text()
    assert "22/30" in mo_lao and "92,25" in mo_lao and "86,82%" in mo_lao
    assert "3/5" in rows.filter(has_text="UBND phường Văn Quán").inner_text()
    screenshot(page, "upper_desktop")
    # On a desktop the whole table fits: nothing to scroll sideways.
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")


def test_on_a_phone_the_table_scrolls_inside_its_frame(live, page_factory):
    page = page_factory(PHONE)
    log_in(page, live.url, "capthanhpho")
    page.goto(f"{live.url}/council/upper/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a 390px phone"
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls, not the page
    for header in ("Đơn vị, phong trào", "Tham gia"):
        assert page.get_by_role("columnheader", name=header).is_visible()
    # Scrolled to its end, the ward's name stays in view beside the last figures.
    wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    name = page.locator("table.side-by-side tbody th").first.bounding_box()
    frame = wrap.bounding_box()
    assert frame["x"] - 1 <= name["x"] <= frame["x"] + 1
    screenshot(page, "upper_phone_scrolled")
    wrap.evaluate("e => { e.scrollLeft = 0; }")
    screenshot(page, "upper_phone")
