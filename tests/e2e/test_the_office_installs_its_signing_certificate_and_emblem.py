"""In a browser: the Office installs its signing certificate (.p12 and password) and its
Quốc huy image on the settings page, issues an award decision, and the decision's public
verification page — opened by an anonymous phone — shows the digital signature."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image

from tests.documents.pkcs12 import PASSWORD, SIGNER, make_p12
from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from thidua.documents import services
from thidua.documents.samples import _content
from thidua.orgs.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]


def issue_sample_decision(vanphong):
    content, day, _n = _content("quyet_dinh_khen_thuong", "R2013")
    summary = content.pop("summary")
    for key in ("recipients", "signature_lines", "signer_name"):
        content.pop(key, None)
    draft = services.create_draft(
        vanphong,
        Organisation.objects.get(code="mo-lao"),
        "quyet_dinh_khen_thuong",
        day,
        content,
        summary=summary,
        signer=services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH"),
    )
    return services.issue(vanphong, draft)


@pytest.mark.django_db(transaction=True)
def test_the_office_installs_its_certificate_and_a_phone_sees_the_signature(
    live, page_factory, tmp_path, django_user_model
):
    p12 = tmp_path / "van-phong.p12"
    p12.write_bytes(make_p12())
    emblem = tmp_path / "quoc-huy.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (200, 16, 46)).save(buffer, "PNG")
    emblem.write_bytes(buffer.getvalue())

    page = page_factory(DESKTOP)
    log_in(page, live.url, "vanphong")
    page.goto(f"{live.url}/documents/settings/")
    page.get_by_label("Mật khẩu của tệp").fill("sai-mat-khau")
    page.get_by_label("Tệp chứng thư số (.p12, .pfx)").set_input_files(str(p12))
    page.get_by_role("button", name="Kiểm tra và cài chứng thư").click()
    assert page.get_by_text("sai mật khẩu").is_visible()
    page.get_by_label("Mật khẩu của tệp").fill(PASSWORD)
    page.get_by_label("Tệp chứng thư số (.p12, .pfx)").set_input_files(str(p12))
    page.get_by_role("button", name="Kiểm tra và cài chứng thư").click()
    page.get_by_text("Đã cài chứng thư số").wait_for()
    page.get_by_label("Ảnh Quốc huy (PNG, JPEG hoặc SVG, tối đa 2 MB)").set_input_files(str(emblem))
    page.get_by_role("button", name="Kiểm tra và lưu ảnh").click()
    page.get_by_text("Đã lưu ảnh Quốc huy").wait_for()
    assert page.get_by_text(SIGNER).first.is_visible()
    assert PASSWORD not in page.content()
    screenshot(page, "h2-settings-desktop")
    phone = page_factory(PHONE)
    log_in(phone, live.url, "vanphong")
    phone.goto(f"{live.url}/documents/settings/")
    screenshot(phone, "h2-settings-phone")

    decision = issue_sample_decision(django_user_model.objects.get(username="vanphong"))
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        anonymous = page_factory(viewport)
        anonymous.goto(f"{live.url}/verify/{decision.verification_code}")
        assert anonymous.get_by_role("heading", name="Đã ký số").is_visible()
        assert anonymous.get_by_text(SIGNER, exact=True).is_visible()
        assert anonymous.get_by_text("chưa được xác thực bởi tổ chức cung cấp dịch vụ").is_visible()
        width = anonymous.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"the page overflows sideways on {name}"
        screenshot(anonymous, f"h2-verify-{name}")
