"""A unit's own document is linked to the unit, not matched by its name: once the unit is
renamed its head still edits the unit's older drafts, the head of another unit still
cannot, and another ward's user still gets 404."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from thidua.documents import services
from thidua.documents.models import Document
from thidua.orgs.models import Unit

pytestmark = pytest.mark.django_db

ONE_STOP = "Bộ phận tiếp nhận và trả kết quả"
RENAMED = "Trung tâm phục vụ hành chính công phường"
SUMMARY = "Báo cáo kết quả thực hiện nhiệm vụ CCHC năm 2023"
EDIT = {
    "doc_type": "BC",
    "summary": "Báo cáo thành tích của Bộ phận một cửa năm 2023",
    "body": "Bộ phận đã hoàn thành 12/12 nhiệm vụ CCHC.",
    "place": "Mộ Lao",
    "date": "2023-11-20",
    "recipients": "Văn phòng UBND phường\nLưu: VT",
    "signer_name": "Vương Đình Phúc",
    "signer_title": "TRƯỞNG BỘ PHẬN",
    "authority": "",
    "authority_body": "",
    "principal_title": "",
}


@pytest.fixture
def one_stop(demo):
    return Unit.objects.get(organisation=demo["mo_lao"], name=ONE_STOP)


def unit_draft(actor, organisation, unit, issuer_kind="UNIT") -> Document:
    return services.create_draft(
        actor,
        organisation,
        services.FRAME_TEMPLATE,
        datetime.date(2023, 11, 20),
        {"body": [{"kind": "para", "text": "Bộ phận đã hoàn thành 12/12 nhiệm vụ CCHC."}]},
        summary=SUMMARY,
        issuer_kind=issuer_kind,
        doc_type="BC",
        unit=unit,
        signer=services.Signer("Vương Đình Phúc", "TRƯỞNG BỘ PHẬN"),
    )


@pytest.fixture
def report(demo, user, one_stop):
    """The one-stop unit's draft report, then the unit renamed."""
    document = unit_draft(user("truongmotcua"), demo["mo_lao"], one_stop)
    one_stop.name = RENAMED
    one_stop.save()
    return document


def test_the_draft_keeps_the_name_it_was_drafted_under_and_links_the_unit(report, one_stop):
    report.refresh_from_db()
    assert report.unit == one_stop
    assert report.issuer_short == ONE_STOP


def test_the_head_still_edits_and_issues_the_draft_after_the_renaming(report, user):
    head = user("truongmotcua")
    assert services.may_write(head, report)
    services.update_draft(head, report, place="Hà Đông")
    services.issue(head, report)
    report.refresh_from_db()
    assert (report.place, report.status) == ("Hà Đông", "issued")


def test_the_head_still_edits_it_on_the_web_after_the_renaming(report, client_as):
    client = client_as("truongmotcua")
    assert client.get(f"/documents/{report.pk}/edit/").status_code == 200
    response = client.post(f"/documents/{report.pk}/edit/", EDIT)
    assert response.status_code == 302
    assert Document.objects.get(pk=report.pk).summary == EDIT["summary"]


def test_the_head_of_another_unit_cannot_edit_it(report, user, client_as):
    # hoidong2 heads the Fatherland Front committee of the same ward.
    other_head = user("hoidong2")
    assert not services.may_write(other_head, report)
    with pytest.raises(PermissionError):
        services.update_draft(other_head, report, place="Hà Đông")
    assert client_as("hoidong2").post(f"/documents/{report.pk}/edit/", EDIT).status_code == 403
    assert Document.objects.get(pk=report.pk).summary == SUMMARY


def test_a_user_of_another_ward_gets_404(report, client_as):
    client = client_as("vanquan")
    assert client.get(f"/documents/{report.pk}/edit/").status_code == 404
    assert client.post(f"/documents/{report.pk}/edit/", EDIT).status_code == 404
    assert Document.objects.get(pk=report.pk).summary == SUMMARY


def test_a_unit_of_another_ward_or_a_unit_on_a_committee_document_is_refused(demo, user):
    office = user("vanphong")
    other_ward_unit = Unit.objects.filter(organisation=demo["van_quan"]).first()
    own_unit = Unit.objects.get(organisation=demo["mo_lao"], name=ONE_STOP)
    count = Document.objects.count()
    cases = [("UNIT", other_ward_unit, "không thuộc"), ("UBND", own_unit, "bỏ chọn đơn vị")]
    for kind, unit, message in cases:
        with pytest.raises(services.DocumentError, match=message):
            unit_draft(office, demo["mo_lao"], unit, issuer_kind=kind)
    assert Document.objects.count() == count


def test_the_migration_links_older_unit_drafts_by_their_name(demo, user, one_stop):
    """Drafts made before the link existed: the data migration finds the unit by the
    name within the same organisation, and leaves alone a name no unit has any more."""
    office = user("vanphong")
    van_quan_one_stop = Unit.objects.get(organisation=demo["van_quan"], name=ONE_STOP)
    office_unit = Unit.objects.get(organisation=demo["mo_lao"], name="Văn phòng UBND phường")
    drafts = [unit_draft(office, demo["mo_lao"], unit) for unit in (one_stop, office_unit)]
    Document.objects.filter(pk__in=[d.pk for d in drafts]).update(unit=None, search_text="")
    Unit.objects.filter(pk=drafts[1].unit_id).update(name="Văn phòng HĐND và UBND phường")

    migration = importlib.import_module(
        "thidua.documents.migrations.0004_unit_link_and_search_text"
    )
    migration.fill_unit_and_search_text(apps, None)

    linked = Document.objects.get(pk=drafts[0].pk)
    assert linked.unit_id == one_stop.pk != van_quan_one_stop.pk
    assert linked.search_text.startswith("bao cao ket qua")
    assert Document.objects.get(pk=drafts[1].pk).unit_id is None
