"""From the council's list to certificates: disclosure with comments handled, the Office's
draft with the bonus annex, the signer's approval under their own account, numbering in
the register, one Giấy khen per awardee rendered as one job, and revocation."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as Docx
from openpyxl import load_workbook
from pypdf import PdfReader

from thidua.council import decisions, disclosure
from thidua.council.models import DecisionStatus
from thidua.council.services import CouncilError
from thidua.documents import services as documents
from thidua.documents.models import JobStatus, RenderJob
from thidua.nominations.models import NominationStatus

D = datetime.date


@pytest.mark.django_db
def test_comments_are_taken_only_during_the_period_and_must_be_handled(disclosed, user):
    meeting, listing, comment = disclosed
    with pytest.raises(CouncilError, match="Đã hết thời gian nhận ý kiến"):
        disclosure.add_comment(
            listing, author="A B", contact="", text="Muộn quá rồi", today=D(2023, 12, 9)
        )
    with pytest.raises(CouncilError, match="1 ý kiến góp ý chưa xử lý"):
        decisions.draft_decision(user("vanphong"), meeting, D(2023, 12, 15), user("chutich"))
    disclosure.handle_comment(
        user("vanphong"), comment, "Đã bổ sung tóm tắt thành tích vào danh sách."
    )
    with pytest.raises(CouncilError, match="phải sau thời hạn đó"):
        decisions.draft_decision(user("vanphong"), meeting, D(2023, 12, 8), user("chutich"))


@pytest.mark.django_db
def test_the_draft_carries_the_bonus_per_regime_in_figures_and_words(drafted):
    assert drafted.regime == "R2013"
    amounts = sorted(drafted.awards.values_list("target", "amount"))
    assert amounts == [("collective", 540_000)] * 2 + [("individual", 270_000)] * 2
    assert drafted.total == 1_620_000
    doc = Docx(io.BytesIO(documents.render_docx(drafted.document)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO" in text
    assert "540.000 đồng (Bằng chữ: Năm trăm bốn mươi nghìn đồng)" in text
    assert "270.000 đồng (Bằng chữ: Hai trăm bảy mươi nghìn đồng)" in text
    assert "Một triệu sáu trăm hai mươi nghìn đồng" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Bà Lê Thị Mai" in cells and "1.620.000" in cells
    assert "CHỦ TỊCH" in drafted.document.signature_lines


@pytest.mark.django_db
def test_only_the_named_signer_approves(drafted, user):
    with pytest.raises(PermissionError):
        decisions.approve_decision(user("hoidong1"), drafted)
    with pytest.raises(PermissionError):
        decisions.approve_decision(user("vanphong"), drafted)
    with pytest.raises(CouncilError, match="chưa được lãnh đạo duyệt ký"):
        decisions.issue_decision(user("vanphong"), drafted)
    decisions.approve_decision(user("chutich"), drafted)


@pytest.mark.django_db
def test_a_vice_chairman_signs_for_the_chairman(disclosed, user):
    meeting, _listing, comment = disclosed
    disclosure.handle_comment(user("vanphong"), comment, "Đã trả lời trực tiếp người góp ý.")
    with pytest.raises(CouncilError, match="Chủ tịch hoặc Phó Chủ tịch"):
        decisions.draft_decision(user("vanphong"), meeting, D(2023, 12, 15), user("hoidong2"))
    decision = decisions.draft_decision(
        user("vanphong"), meeting, D(2023, 12, 15), user("hoidong1")
    )
    assert decision.document.signature_lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert decision.document.signer_name == "Trần Quốc Hùng"


@pytest.mark.django_db
def test_issuing_numbers_it_and_makes_the_certificates_as_one_job(
    drafted, user, django_capture_on_commit_callbacks
):
    decisions.approve_decision(user("chutich"), drafted)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decisions.issue_decision(user("vanphong"), drafted)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert decision.document.symbol.endswith("/QĐ-UBND")
    awards = list(decision.awards.select_related("certificate", "candidate__nomination"))
    assert [a.certificate.golden_book_number for a in awards] == [1, 2, 3, 4]
    assert all(a.certificate.verification_code for a in awards)
    assert {a.candidate.nomination.status for a in awards} == {NominationStatus.AWARDED}
    job = RenderJob.objects.get(pk=decision.certificate_job_id)
    assert job.status == JobStatus.DONE, job.message
    with job.result.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert len(reader.pages) == 4
    text = " ".join(page.extract_text() for page in reader.pages)
    # pypdf splits Vietnamese letters with stacked marks; the codes are plain ASCII.
    for award in awards:
        assert award.certificate.verification_code in text
    book = load_workbook(io.BytesIO(decisions.payment_workbook(decision)))
    values = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert "Ký nhận" in values and 1_620_000 in values


@pytest.mark.django_db
def test_revoking_an_award_shows_on_its_verification_page(drafted, user, quyet_dinh):
    decisions.approve_decision(user("chutich"), drafted)
    decision = decisions.issue_decision(user("vanphong"), drafted, render=False)
    award = decision.awards.select_related("certificate").first()
    first = quyet_dinh(D(2023, 12, 20))
    with pytest.raises(CouncilError, match="lý do thu hồi"):
        decisions.revoke_award(user("vanphong"), award, " ", first)
    decisions.revoke_award(user("vanphong"), award, "Phát hiện khai man thành tích", first)
    verification = documents.verify(award.certificate.verification_code)
    assert not verification.valid
    assert verification.revocation.symbol == first.symbol
    second = quyet_dinh(D(2023, 12, 22), "Về việc thu hồi Quyết định khen thưởng")
    decisions.revoke_decision(
        user("vanphong"), decision, "Quyết định ban hành sai thẩm quyền", second
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REVOKED
    assert not documents.verify(decision.document.verification_code).valid
    assert all(a.revoked for a in decision.awards.all())
