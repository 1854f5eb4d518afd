"""Two people of the Office press “Ban hành” on two drafts of the same issuer at the same
moment, through the real view: both succeed, with two distinct consecutive numbers.

On PostgreSQL the number series row is locked (SELECT … FOR UPDATE); on SQLite each
writing transaction begins IMMEDIATE, so the two issues queue one behind the other.
Both run in a separate process against a real file or server database, where two
threads really hold two connections at once (pytest's in-memory SQLite cannot).
"""

from __future__ import annotations

import pytest

from .conftest import SITE_DATABASE, Site

SCENARIO = """
import threading

from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from thidua.documents import services
from thidua.documents.models import Document, NumberSeries
from thidua.documents.samples import _content
from thidua.orgs.models import Membership, Organisation, Role

User = get_user_model()
mo_lao = Organisation.objects.get(code="mo-lao")
first = User.objects.get(username="vanphong")
# A second account of the Office (the demo has one): a colleague on the same desk.
second, _ = User.objects.get_or_create(username="vanphong2")
office = Membership.objects.filter(user=first, role=Role.OFFICE).first()
Membership.objects.get_or_create(user=second, unit=office.unit, role=Role.OFFICE)

drafts = []
for user in (first, second):
    content, day, _n = _content("quyet_dinh_khen_thuong", "R2013")
    summary = content.pop("summary")
    for key in ("recipients", "signature_lines", "signer_name"):
        content.pop(key, None)
    drafts.append(services.create_draft(
        user, mo_lao, "quyet_dinh_khen_thuong", day, content, summary=summary,
        signer=services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH"),
    ))
year = drafts[0].year
series = NumberSeries.objects.filter(organisation=mo_lao, series="UBND", year=year).first()
last_before = series.last_number if series else 0

barrier = threading.Barrier(2)
answers = {}

def press_issue(user, draft):
    try:
        client = Client()
        client.force_login(user)
        barrier.wait(timeout=30)
        response = client.post(f"/documents/{draft.pk}/issue/", follow=True)
        page = response.content.decode()
        said = [line.strip() for line in page.splitlines() if "Đã ban hành văn bản số" in line]
        answers[draft.pk] = (response.status_code, said)
    except BaseException as exc:  # reported to the test through the result
        answers[draft.pk] = (repr(exc), [])
    finally:
        connections.close_all()

threads = [threading.Thread(target=press_issue, args=pair) for pair in zip((first, second), drafts)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=120)

issued = Document.objects.filter(pk__in=[d.pk for d in drafts]).order_by("number")
result = {
    "answers": list(answers.values()),
    "issued": [(d.status, d.number, d.symbol) for d in issued],
    "last_before": last_before,
    "last_after": NumberSeries.objects.get(organisation=mo_lao, series="UBND", year=year).last_number,
}
"""


@pytest.mark.faults
@SITE_DATABASE
def test_two_simultaneous_issues_get_two_distinct_consecutive_numbers(site: Site):
    outcome = site.python(SCENARIO, timeout=120)
    for status, messages in outcome["answers"]:
        assert status == 200, status
        assert any("Đã ban hành văn bản số " in m for m in messages), messages
    before = outcome["last_before"]
    assert [(s, n) for s, n, _symbol in outcome["issued"]] == [
        ("issued", before + 1),
        ("issued", before + 2),
    ]
    symbols = [symbol for _s, _n, symbol in outcome["issued"]]
    assert symbols == [f"{before + 1:02d}/QĐ-UBND", f"{before + 2:02d}/QĐ-UBND"]
    assert outcome["last_after"] == before + 2
