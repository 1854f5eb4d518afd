"""update_draft is the one way to change a draft: it checks, logs the fields changed,
and an issued document never changes."""

from __future__ import annotations

import datetime

import pytest

from thidua.audit.models import ActionLog
from thidua.documents import services
from thidua.documents.models import Document

D = datetime.date


@pytest.fixture
def draft(make_draft):
    return make_draft("giay_moi", D(2024, 3, 1))


@pytest.mark.django_db
def test_the_office_changes_a_draft_and_the_log_names_the_fields(draft, user):
    services.update_draft(
        user("vanphong"),
        draft,
        summary="Về việc dự Hội nghị sơ kết phong trào thi đua",
        date=D(2024, 3, 5),
        recipients=[("Các bộ phận chuyên môn", "để t/h"), ("Lưu: VT", "")],
        signer=services.Signer("Trần Quốc Hùng", "PHÓ CHỦ TỊCH", "KT", principal_title="CHỦ TỊCH"),
    )
    draft.refresh_from_db()
    assert draft.summary == "Về việc dự Hội nghị sơ kết phong trào thi đua"
    assert (draft.date, draft.year) == (D(2024, 3, 5), 2024)
    assert list(draft.recipients.values_list("name", "purpose")) == [
        ("Các bộ phận chuyên môn", "để t/h"),
        ("Lưu: VT", ""),
    ]
    assert draft.signature_lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    entry = ActionLog.objects.filter(action="document.updated", object_id=str(draft.pk)).get()
    assert entry.actor.username == "vanphong"
    assert entry.data["fields"] == ["summary", "date", "recipients", "signer"]
    assert entry.data["changes"]["date"] == ["2024-03-01", "2024-03-05"]


@pytest.mark.django_db
def test_an_unchanged_draft_writes_nothing_to_the_log(draft, user):
    services.update_draft(user("vanphong"), draft, summary=draft.summary, place=draft.place)
    assert not ActionLog.objects.filter(action="document.updated").exists()


@pytest.mark.django_db
def test_an_issued_document_cannot_be_updated(draft, user):
    office = user("vanphong")
    services.issue(office, draft)
    with pytest.raises(services.DocumentError, match="soạn văn bản mới thay thế"):
        services.update_draft(office, draft, summary="Sửa sau khi ban hành")
    assert Document.objects.get(pk=draft.pk).summary != "Sửa sau khi ban hành"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date": D(2025, 7, 15)}, "đã chấm dứt hoạt động từ 30/06/2025"),
        ({"summary": "   "}, "Hãy ghi trích yếu"),
        ({"recipients": [("UBND quận Hà Đông", "để xem")]}, "không hợp lệ"),
        ({"doc_type": "XYZ"}, "không có trong Phụ lục III"),
        ({"signer": services.Signer("Phạm Thu Hà", "CHÁNH VĂN PHÒNG", "TL")}, "người đứng đầu"),
        ({"signer": services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH", "TM")}, "tập thể được thay"),
    ],
)
@pytest.mark.django_db
def test_bad_input_is_refused_and_changes_nothing(draft, user, changes, message):
    before = Document.objects.filter(pk=draft.pk).values().get()
    recipients = list(draft.recipients.values_list("name", "purpose"))
    with pytest.raises(services.DocumentError, match=message):
        services.update_draft(user("vanphong"), draft, **{"place": "Hà Đông", **changes})
    assert Document.objects.filter(pk=draft.pk).values().get() == before
    assert list(draft.recipients.values_list("name", "purpose")) == recipients
    assert not ActionLog.objects.filter(action="document.updated").exists()


@pytest.mark.django_db
def test_only_the_fields_of_a_draft_may_be_named(draft, user):
    with pytest.raises(TypeError, match="number"):
        services.update_draft(user("vanphong"), draft, number=7)


@pytest.mark.parametrize("username", ["canbo", "truongmotcua", "hoidong2", "vanquan"])
@pytest.mark.django_db
def test_who_is_not_the_office_cannot_change_the_wards_draft(draft, user, username):
    with pytest.raises(PermissionError):
        services.update_draft(user(username), draft, summary="Không được sửa")
    assert Document.objects.get(pk=draft.pk).summary != "Không được sửa"


@pytest.mark.django_db
def test_body_text_round_trips_and_capitals_make_a_heading():
    blocks = services.body_blocks("I. MỤC ĐÍCH, YÊU CẦU\nTổ chức sơ kết.\n\n")
    assert blocks == [
        {"kind": "heading", "text": "I. MỤC ĐÍCH, YÊU CẦU"},
        {"kind": "para", "text": "Tổ chức sơ kết."},
    ]
    assert services.body_text({"body": blocks}) == "I. MỤC ĐÍCH, YÊU CẦU\nTổ chức sơ kết."
    with pytest.raises(services.DocumentError, match="không được để trống"):
        services.body_blocks(" \n ")
