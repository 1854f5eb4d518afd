"""In real browsers, the whole Mộ Lao 2023 chain after the nominations: the Office prepares
the meeting of the seven council members; hoidong4 is absent and votes in writing;
truongmotcua declares his conflicts on his own unit and its staff; each member casts a
secret ballot from their own session; the chair counts, and approving a third collective
is refused with the reason; the meeting closes with its minutes; a member reads a candidate's dossier; the chair
corrects an outcome after closing; the corrected list is disclosed
and read by an anonymous visitor; the Chairman approves the decision, the Office issues it
(numbered by the register) and downloads the certificates as PDF; an anonymous browser
opens a certificate's QR page; the 2023 report reaches the district."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from thidua.council.models import AwardDecision, Meeting
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination, NominationStatus
from thidua.orgs.models import Person, Unit

pytestmark = pytest.mark.browser

PRESENT = ["chutich", "hoidong1", "hoidong2", "hoidong3", "truongmotcua", "vanphong"]


def _accepted_nominations() -> Movement:
    """What the nominations stage hands the council: the demo's accepted dossier (Tư pháp -
    Hộ tịch, Bùi Thị Ngọc) plus the one-stop section, Văn hóa - Xã hội and Lê Thị Mai."""
    movement = Movement.objects.get(organisation__code="mo-lao", year=2023)
    form = movement.award_forms.get(form="Giấy khen")
    org = movement.organisation
    office = Unit.objects.get(organisation=org, name="Văn phòng UBND phường")
    from django.contrib.auth import get_user_model

    vanphong = get_user_model().objects.get(username="vanphong")
    common = {
        "status": NominationStatus.ACCEPTED,
        "proposing_unit": office,
        "proposed_by": vanphong,
    }
    for name in ("Bộ phận tiếp nhận và trả kết quả", "Văn hóa - Xã hội"):
        unit = Unit.objects.get(organisation=org, name=name)
        Nomination.objects.update_or_create(
            movement=movement, award_form=form, target="collective", unit=unit, defaults=common
        )
    mai = Person.objects.get(organisation=org, family_name="Lê Thị", given_name="Mai")
    Nomination.objects.update_or_create(
        movement=movement, award_form=form, target="individual", person=mai, defaults=common
    )
    return movement


def _as(page_factory, base: str, username: str, viewport=DESKTOP):
    page = page_factory(viewport)
    log_in(page, base, username)
    return page


def _post_button(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    page.wait_for_load_state("networkidle")


def test_the_council_runs_the_mo_lao_2023_chain(live, page_factory):
    base = live.url
    movement = _accepted_nominations()

    # The Office prepares the meeting and the invitation, then takes attendance.
    office = _as(page_factory, base, "vanphong")
    office.goto(f"{base}/council/meetings/new/")
    office.get_by_label("Phong trào").select_option(label=movement.title)
    office.get_by_label("Thời gian họp").fill("2023-12-01T08:30")
    _post_button(office, "Tạo cuộc họp")
    meeting = Meeting.objects.get(movement=movement)
    meeting_url = f"{base}/council/meetings/{meeting.pk}/"
    assert office.url == meeting_url
    assert meeting.method == "secret"  # the demo council's rule for Giấy khen
    _post_button(office, "Lập giấy mời")
    assert "Giấy mời (dự thảo)" in office.content()
    office.get_by_role("checkbox", name="Ngô Thị Lan").uncheck()
    office.get_by_label("Ghi chú về Ngô Thị Lan").fill("đi công tác, gửi phiếu bằng văn bản")
    _post_button(office, "Ghi điểm danh")
    assert "Có mặt 6/7 thành viên, cần ít nhất 5" in office.content()
    screenshot(office, "council-meeting-attendance-desktop")

    # truongmotcua declares his conflicts from his own page (on a phone).
    head = _as(page_factory, base, "truongmotcua", PHONE)
    head.goto(f"{meeting_url}ballot/")
    assert "Theo hồ sơ, bạn có quan hệ" in head.content()
    while head.get_by_role("button", name="Khai báo", exact=True).count():
        _post_button(head, "Khai báo")
    declared = set(
        meeting.candidates.filter(conflicts__member__user__username="truongmotcua").values_list(
            "name", flat=True
        )
    )
    assert declared == {"Bộ phận tiếp nhận và trả kết quả", "Lê Thị Mai"}

    # The chair opens the vote.
    chair = _as(page_factory, base, "chutich")
    chair.goto(meeting_url)
    _post_button(chair, "Mở biểu quyết")
    assert "Đang biểu quyết" in chair.content()

    # Every present member votes from their own session; each gets a receipt.
    receipts = {}
    for username in PRESENT:
        page = head if username == "truongmotcua" else _as(page_factory, base, username, PHONE)
        page.goto(f"{meeting_url}ballot/")
        rows = page.locator("fieldset.ballot-row")
        for i in range(rows.count()):
            rows.nth(i).get_by_label("Đồng ý", exact=True).check()
        if username == "hoidong2":
            screenshot(page, "council-ballot-phone")
        _post_button(page, "Bỏ phiếu")
        code = page.locator(".receipt-code").inner_text()
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
        receipts[username] = code
    assert head.locator("fieldset.ballot-row").count() == 0

    # The secretary enters hoidong4's sealed written ballot.
    office.goto(meeting_url)
    office.get_by_role("link", name="Nhập phiếu văn bản của Ngô Thị Lan").click()
    # count() does not wait: let the ballot form load before counting its rows, or an
    # empty ballot is posted while the page is still the meeting's.
    rows = office.locator("fieldset.ballot-row")
    rows.first.wait_for()
    assert rows.count() == meeting.candidates.count()
    for i in range(rows.count()):
        rows.nth(i).get_by_label("Đồng ý", exact=True).check()
    _post_button(office, "Nhập phiếu")

    # The chair's live tally shows turnout only; then the chair counts.
    chair.goto(meeting_url)
    chair.wait_for_selector("text=Đã bỏ phiếu: 7")
    assert "Tỷ lệ đồng ý" not in chair.locator("#tally").inner_text()
    _post_button(chair, "Kết thúc bỏ phiếu, kiểm phiếu")
    assert "Đã kiểm phiếu" in chair.content()
    screenshot(chair, "council-results-desktop")

    def decide(name: str, button: str) -> None:
        row = chair.locator("tr").filter(has=chair.get_by_role("cell", name=name, exact=True))
        row = row.filter(has=chair.get_by_role("button", name=button, exact=True))
        row.get_by_role("button", name=button, exact=True).click()
        chair.wait_for_load_state("networkidle")

    decide("Tư pháp - Hộ tịch", "Đề nghị khen")
    decide("Văn hóa - Xã hội", "Đề nghị khen")
    decide("Bộ phận tiếp nhận và trả kết quả", "Đề nghị khen")
    refusal = chair.locator(".message-error").inner_text()
    assert "đã đủ số tối đa 2 tập thể theo kế hoạch" in refusal
    decide("Bộ phận tiếp nhận và trả kết quả", "Không đề nghị")
    decide("Lê Thị Mai", "Đề nghị khen")
    decide("Bùi Thị Ngọc", "Đề nghị khen")
    _post_button(chair, "Kết thúc cuộc họp")
    assert "Đã kết thúc" in chair.content()
    meeting.refresh_from_db()
    assert meeting.minutes is not None and meeting.count_minutes is not None

    # A member reads a candidate's dossier from the meeting page, on a phone.
    member = _as(page_factory, base, "hoidong2", PHONE)
    member.goto(meeting_url)
    row = member.locator("tr", has_text="Bùi Thị Ngọc")
    row.get_by_role("link", name="Hồ sơ", exact=True).click()
    member.wait_for_load_state("networkidle")
    assert member.locator("h1").inner_text().startswith("Hồ sơ đề nghị khen thưởng của")
    assert "Bùi Thị Ngọc" in member.content()
    screenshot(member, "council-member-reads-dossier-phone")

    # After closing, the chair corrects an outcome as a new act: Văn hóa - Xã hội out, the
    # one-stop section (passed, left out by the quota) in.
    def correct(name: str, current: str, outcome: str, reason: str) -> None:
        chair.goto(meeting_url)
        chair.get_by_text("Điều chỉnh kết quả của một người được xét").click()
        chair.get_by_label("Tập thể, cá nhân").select_option(label=f"{name} (hiện: {current})")
        chair.get_by_label("Kết quả đúng").select_option(label=outcome)
        chair.get_by_label("Lý do điều chỉnh").fill(reason)
        _post_button(chair, "Ghi nhận điều chỉnh")
        assert f"Đã điều chỉnh kết quả đối với {name}" in chair.content()

    correct(
        "Văn hóa - Xã hội",
        "Đề nghị khen",
        "Không đề nghị",
        "Phát hiện đang bị kiểm tra có dấu hiệu vi phạm",
    )
    correct(
        "Bộ phận tiếp nhận và trả kết quả",
        "Không đề nghị",
        "Đề nghị khen",
        "Xếp kế tiếp, thay Văn hóa - Xã hội",
    )
    assert "Điều chỉnh sau cuộc họp" in chair.content()
    screenshot(chair, "council-correction-desktop")

    # A voter checks their receipt.
    voter = _as(page_factory, base, "hoidong3")
    voter.goto(f"{meeting_url}receipt/")
    voter.get_by_label("Mã biên nhận phiếu").fill(receipts["hoidong3"])
    _post_button(voter, "Kiểm tra")
    assert "đã được kiểm và tính vào kết quả" in voter.content()

    # The Office discloses the list; an anonymous visitor reads it.
    office.goto(meeting_url)
    office.get_by_role("link", name="Công khai danh sách").click()
    office.get_by_label("Công khai từ ngày").fill("2023-12-04")
    _post_button(office, "Công khai")
    public_url = office.locator("a.url").inner_text()
    anonymous = page_factory(PHONE)
    anonymous.goto(public_url)
    assert "công khai danh sách đề nghị tặng Giấy khen" in anonymous.content()
    assert "Bùi Thị Ngọc" in anonymous.content()
    screenshot(anonymous, "council-public-disclosure-phone")

    # The Office drafts the decision; the Chairman approves it under her own account.
    office.goto(meeting_url)
    office.get_by_role("link", name="Lập dự thảo quyết định khen thưởng").click()
    office.get_by_label("Ngày quyết định").fill("2023-12-15")
    _post_button(office, "Lập dự thảo")
    decision = AwardDecision.objects.get(meeting=meeting)
    assert decision.total == 2 * 540_000 + 2 * 270_000
    assert set(decision.awards.filter(target="collective").values_list("name", flat=True)) == {
        "Tư pháp - Hộ tịch",
        "Bộ phận tiếp nhận và trả kết quả",
    }
    chair.goto(f"{base}/council/decisions/{decision.pk}/")
    _post_button(chair, "Duyệt ký quyết định")

    # The Office issues it: numbered by the register; the certificates render as one job.
    office.goto(f"{base}/council/decisions/{decision.pk}/")
    _post_button(office, "Ban hành (cấp số) và in Giấy khen")
    decision.refresh_from_db()
    assert re.fullmatch(r"\d{2,}/QĐ-UBND", decision.document.symbol)
    assert decision.document.symbol in office.content()
    office.reload()
    with office.expect_download() as download:
        office.get_by_role("link", name="Tải Giấy khen (PDF)").click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert len(reader.pages) == 4
    screenshot(office, "council-decision-desktop")

    # An anonymous browser opens a certificate's QR page.
    award = decision.awards.select_related("certificate").get(name="Lê Thị Mai")
    qr = page_factory(PHONE)
    qr.goto(f"{base}/verify/{award.certificate.verification_code}")
    assert "Lê Thị Mai" in qr.content() and "Còn hiệu lực" in qr.content()
    screenshot(qr, "council-certificate-verify-phone")

    # The report upward reaches the district.
    office.goto(f"{base}/council/movements/{movement.pk}/report/")
    office.get_by_label("Ngày báo cáo").fill("2023-12-28")
    _post_button(office, "Lập dự thảo báo cáo")
    _post_button(office, "Ban hành và gửi cấp trên")
    district = _as(page_factory, base, "capquan")
    district.goto(f"{base}/council/upper/?year=2023")
    row = district.locator("tr", has_text="UBND phường Mộ Lao")
    assert "Đã nhận" in row.inner_text()
    screenshot(district, "council-upper-desktop")
