"""A unit head drafts their own unit's documents in the unit's name; only the Office and
the leadership write in the name of the People's Committee and number documents."""

from __future__ import annotations

import datetime

import pytest

from thidua.documents import services
from thidua.documents.models import Document, Status
from thidua.documents.rendering import frame_context
from thidua.orgs.models import Unit

ONE_STOP = "Bộ phận tiếp nhận và trả kết quả"
BODY = {"body": [{"kind": "para", "text": "Bộ phận đã hoàn thành 12/12 nhiệm vụ CCHC."}]}


def unit_report(actor, mo_lao, unit_name=ONE_STOP, **kw):
    unit = Unit.objects.get(organisation=mo_lao, name=unit_name) if unit_name else None
    return services.create_draft(
        actor,
        mo_lao,
        services.FRAME_TEMPLATE,
        datetime.date(2023, 11, 20),
        BODY,
        summary="Báo cáo kết quả thực hiện nhiệm vụ CCHC năm 2023",
        issuer_kind=kw.pop("issuer_kind", "UNIT"),
        doc_type=kw.pop("doc_type", "BC"),
        unit=unit,
        signer=services.Signer("Vương Đình Phúc", "TRƯỞNG BỘ PHẬN"),
        **kw,
    )


@pytest.mark.django_db
def test_the_unit_head_drafts_in_the_units_name_under_the_ward(demo, user):
    head = user("truongmotcua")
    report = unit_report(head, demo["mo_lao"])
    frame = frame_context(report)
    assert frame["governing_body"] == "UBND PHƯỜNG MỘ LAO"
    assert frame["issuer_name"] == "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    assert frame["number_line"] == ""  # a unit's document takes no number of the ward
    assert report.created_by == head


@pytest.mark.django_db
def test_the_unit_head_finalises_the_units_document_without_a_number(demo, user):
    head = user("truongmotcua")
    report = unit_report(head, demo["mo_lao"])
    services.update_draft(head, report, summary="Báo cáo thành tích của Bộ phận một cửa")
    services.issue(head, report)
    report.refresh_from_db()
    assert report.status == Status.ISSUED and report.number is None and report.symbol == ""


@pytest.mark.parametrize(
    "kw",
    [
        {"unit_name": "Văn phòng UBND phường"},  # another unit of the ward
        {"issuer_kind": "UBND", "unit_name": ""},  # the People's Committee: numbered
        {"issuer_kind": "HĐTĐKT", "unit_name": ""},  # the council: numbered
    ],
)
@pytest.mark.django_db
def test_the_unit_head_cannot_draft_for_another_unit_or_the_ward(demo, user, kw):
    count = Document.objects.count()
    with pytest.raises(PermissionError):
        unit_report(user("truongmotcua"), demo["mo_lao"], **kw)
    assert Document.objects.count() == count


@pytest.mark.parametrize("username", ["canbo", "hoidong2", "vanquan"])
@pytest.mark.django_db
def test_staff_council_members_and_another_ward_cannot_draft_for_the_unit(demo, user, username):
    with pytest.raises(PermissionError):
        unit_report(user(username), demo["mo_lao"])


@pytest.mark.django_db
def test_a_unit_writes_only_proposals_reports_and_minutes(demo, user):
    with pytest.raises(services.DocumentError, match="do UBND hoặc Hội đồng ban hành"):
        unit_report(user("truongmotcua"), demo["mo_lao"], doc_type="QĐ")


@pytest.mark.django_db
def test_the_office_drafts_for_a_unit_and_the_head_may_then_edit_it(demo, user):
    report = unit_report(user("vanphong"), demo["mo_lao"])
    services.update_draft(user("truongmotcua"), report, place="Hà Đông")
    assert Document.objects.get(pk=report.pk).place == "Hà Đông"


@pytest.mark.django_db
def test_the_unit_head_cannot_issue_or_cancel_a_numbered_draft(demo, user, make_draft):
    head = user("truongmotcua")
    draft = make_draft("giay_moi", datetime.date(2024, 3, 1))
    with pytest.raises(PermissionError):
        services.issue(head, draft)
    with pytest.raises(PermissionError):
        services.cancel(head, draft, "Không cần nữa")
    assert Document.objects.get(pk=draft.pk).status == Status.DRAFT
