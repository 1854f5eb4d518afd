"""When the chair corrects an outcome after closing, the conclusion of the redrafted
minutes counts the corrected list per target group, and still quotes the conclusion
given at the meeting."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document as Docx

from thidua.council import services
from thidua.council.models import Outcome
from thidua.documents import services as documents

pytestmark = pytest.mark.django_db
REASON = "Phát hiện đang bị xem xét kỷ luật sau cuộc họp"


def _conclusion(document) -> str:
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    return next(p.text for p in doc.paragraphs if p.text.startswith("Kết luận:"))


def test_the_redrafted_conclusion_counts_the_corrected_list(closed, user, client_as):
    before = _conclusion(closed.minutes)
    assert "cho 02 tập thể và 02 cá nhân" in before
    second = closed.candidates.filter(target="collective", outcome=Outcome.APPROVED).order_by(
        "position", "id"
    )[1]
    services.correct_outcome(user("chutich"), closed, second, Outcome.REJECTED, REASON)

    closed.minutes.refresh_from_db()
    after = _conclusion(closed.minutes)
    assert after.startswith(
        "Kết luận: Hội đồng thống nhất đề nghị Chủ tịch UBND tặng Giấy khen cho 01 tập thể và "
        "02 cá nhân"
    )
    assert "Kết luận sau điều chỉnh, xem mục “Điều chỉnh sau cuộc họp”" in after
    assert (
        "kết luận tại cuộc họp: Hội đồng thống nhất đề nghị Chủ tịch UBND tặng Giấy khen "
        "cho 02 tập thể và 02 cá nhân" in after
    )
    closed.refresh_from_db()
    assert "02 tập thể và 02 cá nhân" in closed.conclusion  # the meeting's record stays
    page = client_as("chutich").get(reverse("council:meeting", args=[closed.pk]))
    assert "cho 01 tập thể và 02 cá nhân" in page.content.decode()


def test_without_correction_the_conclusion_is_the_meetings_own(closed):
    assert services.conclusion_of(closed) == closed.conclusion
    assert _conclusion(closed.minutes) == f"Kết luận: {closed.conclusion}"
