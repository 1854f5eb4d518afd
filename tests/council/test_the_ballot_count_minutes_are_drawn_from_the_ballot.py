"""The Biên bản kiểm phiếu of a secret ballot says what the ballot box held: ballots
issued (members present and written ballots of absent members), returned (ballots cast),
valid and invalid, and for each candidate the votes for, against and abstaining, the
denominator, the share of it and the result."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx

from thidua.council import services
from thidua.documents import services as documents

from .conftest import all_for, candidate

pytestmark = pytest.mark.django_db
ONE_STOP = "Bộ phận tiếp nhận và trả kết quả"


@pytest.fixture
def counted(in_session, seats, user):
    """Secret ballot over all members: hoidong3 absent, hoidong4 absent with a written
    ballot, hoidong2 present but never casting hers; truongmotcua has his conflicts.
    Trịnh Văn Long: 3 for, 1 against, 1 abstain of 7. Lê Thị Mai: 4 for of 6 (her
    superior is out of her denominator)."""
    meeting = in_session(absent=("hoidong3", "hoidong4"), method="secret", denominator="all")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    head = user("truongmotcua")
    services.declare_conflict(head, meeting, candidate(meeting, ONE_STOP), "heads_unit")
    for name in ("Lê Thị Mai", "Vương Đình Phúc"):
        services.declare_conflict(head, meeting, candidate(meeting, name), "superior")
    on_long = {"truongmotcua": "against", "vanphong": "abstain"}
    for name in ("chutich", "hoidong1", "truongmotcua", "vanphong"):
        overrides = {"Trịnh Văn Long": on_long[name]} if name in on_long else {}
        services.cast_ballot(user(name), meeting, all_for(meeting, seats[name], "for", overrides))
    services.enter_written_ballot(
        user("vanphong"), meeting, seats["hoidong4"], all_for(meeting, seats["hoidong4"])
    )
    services.close_voting(user("chutich"), meeting)
    services.apply_ranking(user("chutich"), meeting)
    services.close_meeting(user("chutich"), meeting)
    meeting.refresh_from_db()
    return meeting


def _read(document) -> tuple[str, list[list[str]]]:
    doc = Docx(io.BytesIO(documents.render_docx(document)))
    text = "\n".join(p.text for p in doc.paragraphs)
    rows = [[c.text.strip() for c in r.cells] for t in doc.tables for r in t.rows]
    return text, rows


def test_the_ballots_issued_returned_and_valid_come_from_the_ballot_box(counted):
    text, _rows = _read(counted.count_minutes)
    assert "- Tổng số thành viên Hội đồng: 07" in text
    assert (
        "- Số phiếu phát ra: 06 (05 thành viên có mặt, 01 phiếu bằng văn bản của thành viên "
        "vắng mặt)" in text
    )
    # hoidong2 was handed a ballot and never cast it.
    assert "- Số phiếu thu vào: 05" in text
    assert "- Số phiếu hợp lệ: 05" in text
    assert "- Số phiếu không hợp lệ: 00" in text
    assert "đạt khi trên 50% tổng số thành viên Hội đồng đồng ý" in text
    assert "- Đỗ Minh Tuấn: Lê Thị Mai (là cấp trên trực tiếp của người được xét)." in text


def test_the_head_of_the_count_and_the_supervising_chair_sign_it(counted):
    text, rows = _read(counted.count_minutes)
    assert (
        "Ban kiểm phiếu gồm: Bà Phạm Thu Hà - Công chức Văn phòng - Thống kê, Ủy viên - Thư ký "
        "(Trưởng ban); Bà Nguyễn Thị Thanh - Chủ tịch UBND phường, Chủ tịch Hội đồng (giám sát)"
        in text
    )
    assert ["CHỦ TRÌ CUỘC HỌP", "TRƯỞNG BAN KIỂM PHIẾU"] in rows
    assert ["Nguyễn Thị Thanh", "Phạm Thu Hà"] in rows


def test_each_candidate_shows_for_against_abstain_and_the_share_of_the_denominator(counted):
    _text, rows = _read(counted.count_minutes)
    header = next(r for r in rows if r and r[0] == "STT")
    assert header == [
        "STT",
        "Tên tập thể, họ và tên cá nhân",
        "Đồng ý",
        "Không đồng ý",
        "Không biểu quyết",
        "Số thành viên tính tỷ lệ",
        "Tỷ lệ đồng ý (%)",
        "Kết quả",
    ]
    by_name = {r[1]: r[2:] for r in rows if len(r) == 8 and r[0] != "STT"}
    assert by_name["Trịnh Văn Long"] == ["3", "1", "1", "7", "42,9", "Không đạt"]
    assert by_name["Lê Thị Mai"] == ["4", "0", "0", "6", "66,7", "Đề nghị khen"]
    assert by_name["Vương Đình Phúc"] == ["4", "0", "0", "6", "66,7", "Đề nghị khen"]
    # The unit truongmotcua heads: one member fewer in its denominator.
    assert by_name[ONE_STOP][:5] == ["4", "0", "0", "6", "66,7"]
    assert by_name["Tư pháp - Hộ tịch"][:5] == ["5", "0", "0", "7", "71,4"]
    assert ["I", "TẬP THỂ", "", "", "", "", "", ""] in rows
    assert ["II", "CÁ NHÂN", "", "", "", "", "", ""] in rows


def test_a_show_of_hands_has_no_ballot_count_minutes(in_session, user):
    meeting = in_session(method="hands")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    services.enter_hands(
        user("vanphong"), meeting, {c.pk: (5, 0, 0) for c in meeting.candidates.all()}
    )
    services.close_voting(user("chutich"), meeting)
    services.apply_ranking(user("chutich"), meeting)
    services.close_meeting(user("chutich"), meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_id is not None and meeting.count_minutes_id is None
