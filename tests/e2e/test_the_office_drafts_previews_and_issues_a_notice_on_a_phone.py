"""In a real browser on a phone: the Office drafts a Thông báo, previews its pages and
issues it with the next number of the ward's register."""

import pytest

from tests.documents.conftest import needs_soffice
from tests.e2e.conftest import PHONE, log_in, screenshot
from thidua.documents.models import Document, Status

pytestmark = [pytest.mark.browser, needs_soffice]

SUMMARY = "Về việc tổ chức Hội nghị sơ kết phong trào thi đua năm 2023"


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 390px phone"


def test_the_office_drafts_previews_and_issues_a_notice(live, page_factory):
    page = page_factory(PHONE)
    log_in(page, live.url, "vanphong")
    page.goto(f"{live.url}/documents/")
    page.get_by_role("link", name="Soạn văn bản").click()
    page.wait_for_url(f"{live.url}/documents/new/")
    fits(page)
    page.get_by_label("Loại văn bản").select_option("TB")
    page.get_by_label("Ngày văn bản").fill("2023-11-10")
    page.get_by_label("Trích yếu").fill(SUMMARY)
    page.get_by_label("Nội dung").fill(
        "I. THỜI GIAN, ĐỊA ĐIỂM\nVào 08 giờ ngày 20/11/2023 tại Hội trường UBND phường."
    )
    page.get_by_label("Nơi nhận").fill("Các bộ phận chuyên môn (để t/h)\nLưu: VT")
    page.get_by_label("Người ký (họ và tên)").fill("Nguyễn Thị Thanh")
    screenshot(page, "document-draft-form-phone")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url(f"{live.url}/documents/*/")
    assert "Đã lưu dự thảo" in page.content()
    document = Document.objects.get(summary=SUMMARY)
    assert document.status == Status.DRAFT and document.number is None

    page.get_by_role("link", name="Xem trước").click()
    page.wait_for_url(f"{live.url}/documents/{document.pk}/preview/", timeout=120_000)
    first = page.get_by_role("img", name="Trang 1 của văn bản")
    assert first.evaluate("img => img.complete && img.naturalWidth > 300")
    fits(page)
    screenshot(page, "document-preview-phone")

    page.get_by_role("link", name="Quay lại văn bản").click()
    page.get_by_role("button", name="Ban hành và cấp số").click()
    page.wait_for_url(f"{live.url}/documents/{document.pk}/")
    document.refresh_from_db()
    assert document.status == Status.ISSUED and document.symbol.endswith("/TB-UBND")
    assert f"Đã ban hành văn bản số {document.symbol}" in page.content()
    assert page.get_by_role("link", name="Sửa dự thảo").count() == 0
    fits(page)
    screenshot(page, "document-issued-phone")
