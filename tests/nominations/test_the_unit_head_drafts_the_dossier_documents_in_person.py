"""The dossier's documents are drafted by the unit head in person (not on the system's
behalf), in the proposing unit's name, and regenerating them goes through update_draft."""

from __future__ import annotations

import pytest

from thidua.audit.models import ActionLog
from thidua.documents.models import IssuerKind
from thidua.movements.models import Target
from thidua.nominations import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(movement, giay_khen, one_stop, user):
    nomination = services.propose(
        user("truongmotcua"),
        movement,
        award_form=giay_khen,
        target=Target.COLLECTIVE,
        subject_id=one_stop.pk,
        proposing_unit=one_stop,
    )
    return nomination.dossier


def test_the_head_is_the_author_of_the_units_drafts(dossier, user):
    head = user("truongmotcua")
    files = services.generate_documents(head, dossier)
    documents = {f.document for f in files}
    assert documents and all(d.created_by == head for d in documents)
    assert all(d.issuer_kind == IssuerKind.UNIT for d in documents)
    assert {d.issuer_name for d in documents} == {"BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"}
    drafted = ActionLog.objects.filter(action="document.drafted", actor=head)
    assert drafted.count() == len(documents)


def test_regenerating_updates_the_same_drafts_and_logs_it(dossier, user):
    head = user("truongmotcua")
    first = {f.document_id for f in services.generate_documents(head, dossier)}
    proposal = next(f for f in dossier.files.all() if f.document.template_key == "to_trinh")
    services.edit_document(head, proposal, "Căn cứ kết quả công tác năm 2023;\nĐề nghị")
    second = {f.document_id for f in services.generate_documents(user("vanphong"), dossier)}
    assert first == second
    edits = ActionLog.objects.filter(action="document.updated", object_id=str(proposal.document_id))
    assert [e.actor.username for e in edits.order_by("id")] == ["truongmotcua", "vanphong"]
