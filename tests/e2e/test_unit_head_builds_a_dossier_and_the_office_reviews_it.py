"""Walkthrough: truongmotcua nominates Bộ phận tiếp nhận và trả kết quả and canbo (Lê Thị
Mai) from the ranking; submitting is refused while the dossier is incomplete, naming what
is missing; the head generates the documents, uploads the signed minutes and submits;
vanphong returns it once with a reason, the head resubmits, vanphong accepts. Every step
is in the action log."""

from __future__ import annotations

import os
import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
REASON = "Biên bản họp bình xét thiếu chữ ký của thư ký cuộc họp; đề nghị bổ sung."


@pytest.mark.browser
def test_unit_head_builds_a_dossier_and_the_office_reviews_it(live, page_factory, tmp_path):
    from thidua.audit.models import ActionLog
    from thidua.movements.models import Movement
    from thidua.nominations.models import Dossier, DossierEvent

    movement = Movement.objects.get(organisation__code="mo-lao", year=2023)
    start = ActionLog.objects.order_by("-id").values_list("id", flat=True).first() or 0
    base = live.url
    scan = tmp_path / "bien-ban-hop-binh-xet-da-ky.pdf"
    scan.write_bytes(PDF)

    head = page_factory(DESKTOP)
    log_in(head, base, "truongmotcua")
    head.goto(f"{base}/nominations/movements/{movement.pk}/propose/?target=collective")
    screenshot(head, "dossier-01-ranking-collective")
    head.get_by_role("button", name="Đề nghị Bộ phận tiếp nhận và trả kết quả").click()
    head.wait_for_url(re.compile(r"/nominations/dossiers/\d+/$"))
    head.goto(f"{base}/nominations/movements/{movement.pk}/propose/?target=individual")
    head.get_by_role("button", name="Đề nghị Lê Thị Mai").click()
    head.wait_for_url(re.compile(r"/nominations/dossiers/\d+/$"))
    dossier_url = head.url

    head.get_by_role("button", name="Gửi hồ sơ đến Văn phòng").click()
    error = head.locator(".message-error")
    for missing in (
        "Tờ trình đề nghị khen thưởng",
        "Biên bản họp bình xét đề nghị khen thưởng",
        "Báo cáo thành tích của tập thể, cá nhân — Lê Thị Mai",
        "Bản trích ngang",
    ):
        assert missing in error.inner_text()
    screenshot(head, "dossier-02-submit-refused")

    head.get_by_role("button", name="Tạo văn bản từ dữ liệu hệ thống").click()
    head.wait_for_selector(".message-success")
    head.get_by_label("Thành phần hồ sơ").select_option(
        label="Biên bản họp bình xét đề nghị khen thưởng"
    )
    head.get_by_label("Bản scan đã ký (PDF, PNG, JPEG)").set_input_files(str(scan))
    head.get_by_role("button", name="Tải lên bản scan").click()
    head.wait_for_selector("text=Hồ sơ đã đủ các thành phần theo kế hoạch.")
    screenshot(head, "dossier-03-complete")
    head.get_by_role("button", name="Gửi hồ sơ đến Văn phòng").click()
    head.wait_for_selector("text=Đã gửi hồ sơ đến Văn phòng UBND.")

    office = page_factory(DESKTOP)
    log_in(office, base, "vanphong")
    office.goto(dossier_url)
    office.get_by_role("button", name="Nhận hồ sơ (tính hạn thẩm định)").click()
    office.wait_for_selector("text=Hạn thẩm định")
    office.get_by_label("Lý do trả lại (đơn vị cần bổ sung, sửa gì)").fill(REASON)
    office.get_by_role("button", name="Trả lại để bổ sung").click()
    office.wait_for_selector("text=Đã trả lại hồ sơ để đơn vị bổ sung.")
    screenshot(office, "dossier-04-returned")

    head.goto(dossier_url)
    assert REASON in head.locator(".history").inner_text()
    head.get_by_role("button", name="Gửi lại hồ sơ đến Văn phòng").click()
    head.wait_for_selector("text=Đã gửi hồ sơ đến Văn phòng UBND.")

    office.goto(dossier_url)
    office.get_by_role("button", name="Tiếp nhận hồ sơ hợp lệ").click()
    office.wait_for_selector("text=Đã tiếp nhận hồ sơ hợp lệ")
    screenshot(office, "dossier-05-accepted")
    phone = page_factory(PHONE)
    log_in(phone, base, "vanphong")
    phone.goto(dossier_url)
    screenshot(phone, "dossier-06-accepted-phone")

    dossier = Dossier.objects.get(pk=int(dossier_url.rstrip("/").rsplit("/", 1)[1]))
    assert dossier.status == "accepted"
    assert sorted(n.candidate_name for n in dossier.nominations.all()) == [
        "Bộ phận tiếp nhận và trả kết quả",
        "Lê Thị Mai",
    ]
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True)) == [
        "submitted",
        "received",
        "returned",
        "submitted",
        "accepted",
    ]
    logged = list(
        ActionLog.objects.filter(pk__gt=start, action__regex=r"^(nomination|dossier)\.")
        .order_by("id")
        .values_list("action", "actor_name")
    )
    assert logged == [
        ("nomination.created", "truongmotcua"),
        ("nomination.created", "truongmotcua"),
        ("dossier.submit_refused", "truongmotcua"),
        ("dossier.documents_generated", "truongmotcua"),
        ("dossier.scan_uploaded", "truongmotcua"),
        ("dossier.submitted", "truongmotcua"),
        ("dossier.received", "vanphong"),
        ("dossier.returned", "vanphong"),
        ("dossier.resubmitted", "truongmotcua"),
        ("dossier.accepted", "vanphong"),
    ]
