"""The Office receives (the appraisal deadline runs in working days), returns with a
reason (history kept), the unit resubmits, the Office accepts: the council's candidates."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.movements.models import Target
from thidua.nominations import services
from thidua.nominations.models import DossierEvent, NominationStatus
from thidua.nominations.queries import consolidated

from .conftest import scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(movement, giay_khen, one_stop, person, user):
    head = user("truongmotcua")
    nomination = services.propose(
        head,
        movement,
        award_form=giay_khen,
        target=Target.INDIVIDUAL,
        subject_id=person("Lê Thị Mai").pk,
        proposing_unit=one_stop,
    )
    dossier = nomination.dossier
    services.generate_documents(head, dossier)
    services.upload_scan(
        head, dossier, movement.dossier_items.get(name__startswith="Biên bản"), scan()
    )
    services.submit(head, dossier)
    return dossier


def test_receiving_sets_the_appraisal_deadline_in_working_days(submitted, user):
    # Received on Thursday 30/11/2023: ten working days later is Thursday 14/12/2023.
    dossier = services.receive(user("vanphong"), submitted, today=datetime.date(2023, 11, 30))
    assert dossier.appraisal_due == datetime.date(2023, 12, 14)
    assert services.appraisal_overdue(dossier, today=datetime.date(2023, 12, 15))


def test_a_return_needs_a_reason_and_is_kept_in_the_history(submitted, user):
    office = user("vanphong")
    with pytest.raises(ValidationError, match="lý do"):
        services.return_dossier(office, submitted, "")
    services.return_dossier(office, submitted, "Biên bản chưa có chữ ký của thư ký cuộc họp.")
    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.RETURNED and submitted.return_count == 1
    event = DossierEvent.objects.get(dossier=submitted, to_status=NominationStatus.RETURNED)
    assert event.reason == "Biên bản chưa có chữ ký của thư ký cuộc họp."
    head = user("truongmotcua")
    assert head.notifications.filter(title__contains="trả lại").exists()
    assert user("canbo").notifications.filter(title__contains="trả lại").exists()


def test_the_unit_resubmits_and_the_office_accepts(submitted, user, movement):
    office, head = user("vanphong"), user("truongmotcua")
    services.return_dossier(office, submitted, "Bổ sung chữ ký của thư ký.")
    services.upload_scan(
        head,
        submitted,
        movement.dossier_items.get(name__startswith="Biên bản"),
        scan("bb-ky-lai.pdf"),
    )
    services.submit(head, submitted)
    services.accept(office, submitted, today=datetime.date(2023, 12, 5))
    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.ACCEPTED
    actions = list(submitted.events.values_list("to_status", flat=True))
    assert actions == ["submitted", "returned", "submitted", "accepted"]
    assert {n.candidate_name for n in consolidated(movement)["individual"]} == {
        "Bùi Thị Ngọc",
        "Lê Thị Mai",
    }


def test_only_the_office_reviews(submitted, user):
    with pytest.raises(PermissionError):
        services.accept(user("truongmotcua"), submitted)
    with pytest.raises(PermissionError):
        services.return_dossier(user("chutich"), submitted, "Không rõ lý do gì cả")


def test_a_submitted_dossier_cannot_be_edited(submitted, user):
    with pytest.raises(ValidationError, match="không sửa được"):
        services.generate_documents(user("truongmotcua"), submitted)
