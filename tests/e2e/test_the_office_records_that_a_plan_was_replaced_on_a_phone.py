"""In a real browser on a phone: the plan 20/KH-UBND of 2023 is replaced by a later plan
of the ward; the Office records it on the old plan's page, which then leads to the new one."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import PHONE, log_in, screenshot
from thidua.documents import services
from thidua.documents.models import Document, Status

pytestmark = pytest.mark.browser

REASON = "Bổ sung chỉ tiêu SIPAS theo Kế hoạch 60/KH-UBND của quận"


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 390px phone"


def test_the_office_marks_the_old_plan_replaced_by_the_new_one(live, page_factory):
    office = get_user_model().objects.get(username="vanphong")
    old = Document.objects.get(organisation__code="mo-lao", symbol="20/KH-UBND")
    draft = services.create_draft(
        office,
        old.organisation,
        services.FRAME_TEMPLATE,
        datetime.date(2023, 3, 20),
        {"body": services.body_blocks("I. MỤC ĐÍCH, YÊU CẦU\nThay thế Kế hoạch 20/KH-UBND.")},
        summary="Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023 (thay thế)",
        recipients=[("Lưu: VT", "")],
        signer=services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH", "TM", "ỦY BAN NHÂN DÂN"),
    )
    new = services.issue(office, draft)

    page = page_factory(PHONE)
    log_in(page, live.url, "vanphong")
    page.goto(f"{live.url}/documents/{old.pk}/")
    page.get_by_text("Ghi văn bản này đã được thay thế").click()
    page.get_by_label("Văn bản thay thế").select_option(str(new.pk))
    page.get_by_label("Lý do thay thế").fill(REASON)
    fits(page)
    screenshot(page, "document-replace-form-phone")
    page.get_by_role("button", name="Ghi thay thế").click()
    page.wait_for_url(f"{live.url}/documents/{old.pk}/")
    old.refresh_from_db()
    assert (old.status, old.replaced_by_id) == (Status.REPLACED, new.pk)
    assert page.get_by_text(f"Đã được thay thế bởi {new.symbol} ngày 20/03/2023").is_visible()
    fits(page)
    screenshot(page, "document-replaced-phone")

    page.get_by_role("link", name=f"{new.symbol} ngày 20/03/2023").click()
    page.wait_for_url(f"{live.url}/documents/{new.pk}/")
    assert page.get_by_role("link", name="Kế hoạch 20/KH-UBND ngày 28/02/2023").is_visible()
