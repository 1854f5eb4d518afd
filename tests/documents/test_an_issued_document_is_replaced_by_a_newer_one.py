"""An issued document is marked "replaced" by a later issued document of the same issuer:
its page, the new one's page, the register list and the API say so; the act is logged;
every unfit choice is refused with a message and changes nothing."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from tests.api.test_movements_api import token_for
from thidua.audit.models import ActionLog
from thidua.documents import services
from thidua.documents.models import Document, Status

pytestmark = pytest.mark.django_db

REASON = "Điều chỉnh thời gian tổ chức hội nghị sơ kết"


@pytest.fixture
def plans(make_draft, user):
    """Two plans of UBND phường Mộ Lao issued in 2024: the first, and the one replacing it."""
    office = user("vanphong")
    old = services.issue(office, make_draft("ke_hoach", datetime.date(2024, 2, 28)))
    new = services.issue(office, make_draft("ke_hoach", datetime.date(2024, 3, 15)))
    return old, new


def fresh(document: Document) -> Document:
    return Document.objects.get(pk=document.pk)


def test_the_office_records_the_replacement_on_the_old_documents_page(client_as, plans):
    old, new = plans
    client = client_as("vanphong")
    page = client.get(f"/documents/{old.pk}/").content.decode()
    offered = re.findall(r'<option value="(\d+)"', page)
    assert str(new.pk) in offered and str(old.pk) not in offered

    response = client.post(
        f"/documents/{old.pk}/replace/", {"by": new.pk, "reason": REASON}, follow=True
    )
    page = response.content.decode()
    assert f"Đã ghi văn bản {old.symbol} được thay thế bởi văn bản {new.symbol}." in page
    old = fresh(old)
    assert (old.status, old.replaced_by_id, old.cancel_reason) == (Status.REPLACED, new.pk, REASON)
    assert old.number == 1  # the number stays with the replaced document
    link = f'<a href="/documents/{new.pk}/">{new.symbol} ngày 15/03/2024</a>'
    assert f"Đã được thay thế bởi {link}" in page
    assert "Lý do thay thế" in page and REASON in page
    assert "Ghi văn bản này đã được thay thế" not in page  # no second replacement

    new_page = client.get(f"/documents/{new.pk}/").content.decode()
    assert f'Thay thế <a href="/documents/{old.pk}/">Kế hoạch {old.symbol} ngày 28/02/2024</a>' in (
        new_page
    )

    entry = ActionLog.objects.get(action="document.replaced", object_id=str(old.pk))
    assert entry.data == {"by": new.symbol, "reason": REASON}
    assert entry.actor.username == "vanphong"


def test_the_register_list_shows_the_status_and_the_replacement(client_as, plans, user):
    old, new = plans
    services.replace(user("vanphong"), old, new, REASON)
    page = client_as("vanphong").get("/documents/", {"q": old.symbol}).content.decode()
    row = next(r for r in page.split("<tr>") if f">{old.symbol}</a>" in r.split("</td>")[0])
    assert '<span class="badge status-replaced">Đã được thay thế</span>' in row
    assert f'bởi <a href="/documents/{new.pk}/">{new.symbol}</a>' in row
    listed = client_as("vanphong").get("/documents/", {"status": "replaced"}).content.decode()
    assert f'<td><a href="/documents/{old.pk}/">' in listed
    assert f'<td><a href="/documents/{new.pk}/">' not in listed


def test_the_api_names_the_replacement(plans, user):
    old, new = plans
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('vanphong')}")
    assert api.get(f"/api/v1/documents/{old.pk}/").json()["replaced_by"] is None
    services.replace(user("vanphong"), old, new, REASON)
    body = api.get(f"/api/v1/documents/{old.pk}/").json()
    assert body["status"] == "replaced"
    assert body["replaced_by"] == {"id": new.pk, "symbol": new.symbol, "date": "2024-03-15"}
    assert api.get(f"/api/v1/documents/{new.pk}/").json()["replaced_by"] is None


def refused(actor, old: Document, new: Document | None, reason: str = REASON) -> str:
    """The message of a refused replacement, after checking that nothing changed."""
    before = (fresh(old).status, fresh(old).replaced_by_id, fresh(old).cancel_reason)
    with pytest.raises(services.DocumentError) as refusal:
        services.replace(actor, old, new, reason)
    assert (fresh(old).status, fresh(old).replaced_by_id, fresh(old).cancel_reason) == before
    assert not ActionLog.objects.filter(action="document.replaced").exists()
    return str(refusal.value)


def test_a_document_cannot_replace_itself(plans, user):
    old, _new = plans
    message = refused(user("vanphong"), old, old)
    assert message == (
        f"Văn bản {old.symbol} ngày 28/02/2024 không thể tự thay thế chính nó; hãy chọn văn "
        "bản mới đã ban hành để thay thế."
    )


def test_a_draft_or_a_cancelled_document_cannot_replace(plans, make_draft, user):
    old, _new = plans
    office = user("vanphong")
    draft = make_draft("ke_hoach", datetime.date(2024, 4, 1))
    message = refused(office, old, draft)
    assert message.startswith("Dự thảo “")
    assert "đang ở trạng thái “Dự thảo”: chỉ văn bản đã ban hành (cấp số)" in message
    cancelled = services.cancel(
        office, services.issue(office, make_draft("ke_hoach", datetime.date(2024, 4, 2))), "Nhầm"
    )
    assert refused(office, old, cancelled) == (
        f"Văn bản {cancelled.symbol} ngày 02/04/2024 đang ở trạng thái “Đã hủy”: chỉ văn bản "
        "đã ban hành (cấp số) mới thay thế được văn bản khác; hãy ban hành nó trước."
    )


@pytest.fixture
def van_quan_plan(make_draft, user, demo):
    """A plan issued by UBND phường Văn Quán, another ward."""
    office = user("vanquan")
    draft = make_draft(
        "ke_hoach", datetime.date(2024, 4, 4), actor=office, organisation=demo["van_quan"]
    )
    return services.issue(office, draft)


def test_a_document_of_another_issuer_cannot_replace(plans, make_draft, user, van_quan_plan):
    old, _new = plans
    office = user("vanphong")
    council = services.issue(office, make_draft("to_trinh", datetime.date(2024, 4, 3)))
    assert council.issuer_kind == "HĐTĐKT"
    assert refused(office, old, council) == (
        "Văn bản thay thế phải do UBND phường Mộ Lao ban hành như văn bản được thay thế. "
        f"Văn bản {council.symbol} ngày 03/04/2024 là của Hội đồng Thi đua - Khen thưởng "
        "phường Mộ Lao; hãy chọn văn bản khác."
    )
    assert refused(office, old, van_quan_plan).endswith(
        "là của UBND phường Văn Quán; hãy chọn văn bản khác."
    )


def test_only_an_issued_document_is_replaced(plans, make_draft, user):
    old, new = plans
    office = user("vanphong")
    draft = make_draft("ke_hoach", datetime.date(2024, 2, 1))
    assert refused(office, draft, new) == (
        "Văn bản đang ở trạng thái “Dự thảo”: chỉ văn bản đã ban hành mới được thay thế."
    )
    services.cancel(office, old, "Ban hành nhầm")
    assert refused(office, old, new) == (
        "Văn bản đang ở trạng thái “Đã hủy”: chỉ văn bản đã ban hành mới được thay thế."
    )


def test_an_older_document_or_a_missing_reason_is_refused(plans, user):
    old, new = plans
    office = user("vanphong")
    assert refused(office, new, old) == (
        f"Văn bản {old.symbol} ngày 28/02/2024 có trước văn bản được thay thế (ngày "
        "15/03/2024); hãy chọn văn bản ban hành từ ngày đó."
    )
    assert refused(office, old, new, reason="  ") == "Hãy ghi lý do thay thế văn bản."
    assert refused(office, old, None) == "Hãy chọn văn bản thay thế trong sổ văn bản đi."


def test_staff_cannot_replace_and_another_ward_sees_nothing(client_as, plans, van_quan_plan):
    old, new = plans
    url, form = f"/documents/{old.pk}/replace/", {"by": new.pk, "reason": REASON}
    assert client_as("canbo").post(url, form).status_code == 403
    assert client_as("vanquan").post(url, form).status_code == 404
    assert fresh(old).status == Status.ISSUED
    # Another ward's document is not in the Office's register: as if none was chosen.
    response = client_as("vanphong").post(
        f"/documents/{old.pk}/replace/", {"by": van_quan_plan.pk, "reason": REASON}, follow=True
    )
    assert "Hãy chọn văn bản thay thế trong sổ văn bản đi." in response.content.decode()
    assert fresh(old).status == Status.ISSUED


def test_a_replaced_decisions_verification_page_names_the_decision_that_stands(make_draft, user):
    office = user("vanphong")
    old = services.issue(office, make_draft("quyet_dinh_khen_thuong", datetime.date(2023, 12, 15)))
    new = services.issue(office, make_draft("quyet_dinh_khen_thuong", datetime.date(2023, 12, 20)))
    assert Client().get(f"/verify/{old.verification_code}").status_code == 200
    services.replace(office, old, new, "Bổ sung cá nhân bị sót trong danh sách")

    page = Client().get(f"/verify/{old.verification_code}").content.decode()
    assert f"Quyết định đã được thay thế bằng Quyết định số {new.symbol} ngày 20/12/2023" in page
    assert 'class="verify-status bad"' in page
    page = Client().get(f"/verify/{new.verification_code}").content.decode()
    assert 'class="verify-status ok"' in page and "Còn hiệu lực" in page
