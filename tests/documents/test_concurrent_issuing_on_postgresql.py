"""20 people issuing at the same moment get 20 distinct, consecutive numbers."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from thidua.documents import services
from thidua.documents.models import Document

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent transactions: run with DATABASE_URL=postgres://…",
)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_issues_get_twenty_consecutive_numbers(make_draft, user):
    office = user("vanphong")
    drafts = [make_draft("giay_moi", datetime.date(2024, 3, 1)) for _ in range(20)]
    barrier = threading.Barrier(len(drafts))
    errors: list[BaseException] = []

    def issue(draft: Document) -> None:
        try:
            barrier.wait(timeout=30)
            services.issue(office, draft)
        except BaseException as exc:  # report any failure to the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(
        Document.objects.filter(pk__in=[d.pk for d in drafts]).values_list("number", flat=True)
    )
    assert numbers == list(range(1, 21))
