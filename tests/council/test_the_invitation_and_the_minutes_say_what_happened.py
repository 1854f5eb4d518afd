"""The meeting's papers, read back from the rendered Word files: the Giấy mời gives the
time, the place and every item of the agenda; the Biên bản họp Hội đồng names who came and
who did not, the agenda, how the council voted, each candidate's votes and the
conclusion."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx

from thidua.council import minutes
from thidua.documents import services as documents

from .conftest import D

pytestmark = pytest.mark.django_db
AGENDA = [
    "1. Văn phòng báo cáo tóm tắt thành tích của các tập thể, cá nhân được đề nghị tặng Giấy khen.",
    "2. Hội đồng thảo luận, đối chiếu tiêu chuẩn và số lượng theo kế hoạch.",
]
PRESENT = [
    "Bà Nguyễn Thị Thanh",
    "Ông Trần Quốc Hùng",
    "Bà Vũ Thị Hạnh",
    "Ông Hoàng Văn Nam",
    "Ông Đỗ Minh Tuấn",
    "Bà Phạm Thu Hà",
]


def _paragraphs(document) -> list[str]:
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    return [p.text for p in doc.paragraphs]


def _line(paragraphs: list[str], start: str) -> str:
    return next(p for p in paragraphs if p.startswith(start))


def test_the_invitation_gives_the_time_the_place_and_each_agenda_item(make_meeting, user):
    meeting = make_meeting()
    document = minutes.draft_invitation(user("vanphong"), meeting, D(2023, 11, 27))
    paragraphs = _paragraphs(document)
    assert "Thời gian: 08 giờ 30 phút, ngày 01/12/2023" in paragraphs
    assert "Địa điểm: Phòng họp tầng 2, trụ sở UBND phường Mộ Lao" in paragraphs
    invitee = next(p for p in paragraphs if "trân trọng kính mời: " in p)
    assert invitee.endswith("kính mời: Các thành viên Hội đồng Thi đua - Khen thưởng phường")
    programme = paragraphs.index("Chương trình họp:")
    assert paragraphs[programme + 1 : programme + 3] == AGENDA
    assert paragraphs[programme + 3] == "3. Biểu quyết (bỏ phiếu kín)."
    assert paragraphs[programme + 4] == "4. Thông qua kết quả và biên bản."


def test_the_minutes_name_who_came_and_who_did_not(closed_by_hands):
    paragraphs = _paragraphs(closed_by_hands.minutes)
    attending = _line(paragraphs, "Thành phần: ")
    assert attending == (f"Thành phần: 06/07 thành viên Hội đồng có mặt: {'; '.join(PRESENT)}")
    assert "Ngô Thị Lan" not in attending
    assert "Vắng mặt: 01 thành viên (bà Ngô Thị Lan, đi học tập trung)" in paragraphs
    assert _line(paragraphs, "Chủ trì: ").startswith("Chủ trì: Bà Nguyễn Thị Thanh")
    assert _line(paragraphs, "Thư ký: ").startswith("Thư ký: Bà Phạm Thu Hà")


def test_the_minutes_give_the_agenda_the_method_each_vote_and_the_conclusion(closed_by_hands):
    paragraphs = _paragraphs(closed_by_hands.minutes)
    for item in AGENDA:
        assert item in paragraphs
    assert "3. Biểu quyết (biểu quyết giơ tay)." in paragraphs
    assert _line(paragraphs, "Hình thức biểu quyết: ") == (
        "Hình thức biểu quyết: Biểu quyết giơ tay (Biểu quyết giơ tay; đạt khi trên 50% số "
        "thành viên tham gia biểu quyết đồng ý; có mặt tối thiểu 2/3 thành viên)"
    )
    assert _line(paragraphs, "- Trịnh Văn Long: ").startswith(
        "- Trịnh Văn Long: 3 đồng ý, 2 không đồng ý, 1 không biểu quyết trên 6 thành viên "
        "(50,0% đồng ý); Chưa đạt tỷ lệ đồng ý theo quy chế"
    )
    assert _line(paragraphs, "- Vương Đình Phúc: ").startswith(
        "- Vương Đình Phúc: 4 đồng ý, 0 không đồng ý, 1 không biểu quyết trên 5 thành viên "
        "(80,0% đồng ý)"
    )
    assert _line(paragraphs, "- Bộ phận tiếp nhận và trả kết quả: ").startswith(
        "- Bộ phận tiếp nhận và trả kết quả: 4 đồng ý, 1 không đồng ý, 0 không biểu quyết "
        "trên 5 thành viên (80,0% đồng ý)"
    )
    assert "- Đỗ Minh Tuấn: Lê Thị Mai (là cấp trên trực tiếp của người được xét)." in paragraphs
    assert _line(paragraphs, "Kết luận: ") == (
        "Kết luận: Hội đồng thống nhất đề nghị Chủ tịch UBND tặng Giấy khen cho 02 tập thể "
        "và 02 cá nhân có thành tích xuất sắc trong phong trào thi đua đẩy mạnh Cải cách "
        "hành chính năm 2023."
    )
