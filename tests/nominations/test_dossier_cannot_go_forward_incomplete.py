"""A unit head proposes from the ranking; submitting is refused, naming what is missing,
until the documents are generated and the signed minutes uploaded."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from thidua.audit.models import ActionLog
from thidua.movements.models import Target
from thidua.nominations import services
from thidua.nominations.models import NominationStatus

from .conftest import scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(movement, giay_khen, one_stop, person, user):
    head = user("truongmotcua")
    services.propose(
        head,
        movement,
        award_form=giay_khen,
        target=Target.COLLECTIVE,
        subject_id=one_stop.pk,
        proposing_unit=one_stop,
    )
    nomination = services.propose(
        head,
        movement,
        award_form=giay_khen,
        target=Target.INDIVIDUAL,
        subject_id=person("Lê Thị Mai").pk,
        proposing_unit=one_stop,
    )
    return nomination.dossier


def test_both_nominations_share_the_units_dossier(dossier):
    assert sorted(n.candidate_name for n in dossier.nominations.all()) == [
        "Bộ phận tiếp nhận và trả kết quả",
        "Lê Thị Mai",
    ]


def test_submitting_an_incomplete_dossier_names_every_missing_item(dossier, user):
    with pytest.raises(ValidationError) as refusal:
        services.submit(user("truongmotcua"), dossier)
    text = " ".join(refusal.value.messages)
    for item in (
        "Tờ trình đề nghị khen thưởng",
        "Biên bản họp bình xét đề nghị khen thưởng",
        "Báo cáo thành tích của tập thể, cá nhân — Lê Thị Mai",
        "Báo cáo thành tích của tập thể, cá nhân — Bộ phận tiếp nhận và trả kết quả",
        "Bản trích ngang thành tích của tập thể, cá nhân",
    ):
        assert item in text
    dossier.refresh_from_db()
    assert dossier.status == NominationStatus.DRAFT
    assert ActionLog.objects.filter(
        action="dossier.submit_refused", object_id=str(dossier.pk)
    ).exists()


def test_generated_documents_leave_only_the_signed_minutes_missing(dossier, user):
    head = user("truongmotcua")
    services.generate_documents(head, dossier)
    missing = [s.label for s in services.missing_items(dossier)]
    assert missing == ["Biên bản họp bình xét đề nghị khen thưởng"]
    with pytest.raises(ValidationError, match="Biên bản họp bình xét"):
        services.submit(head, dossier)


def test_generating_twice_refreshes_the_drafts_instead_of_copying_them(dossier, user):
    head = user("truongmotcua")
    first = {f.document_id for f in services.generate_documents(head, dossier)}
    second = {f.document_id for f in services.generate_documents(head, dossier)}
    assert first == second


def test_a_scan_is_checked_by_content(dossier, user, movement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    minutes = movement.dossier_items.get(name__startswith="Biên bản")
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError, match="chương trình chạy được"):
        services.upload_scan(user("truongmotcua"), dossier, minutes, fake)
    assert not dossier.files.exists()


def test_the_complete_dossier_is_submitted_and_the_office_is_told(dossier, user, movement):
    head = user("truongmotcua")
    services.generate_documents(head, dossier)
    minutes = movement.dossier_items.get(name__startswith="Biên bản")
    services.upload_scan(head, dossier, minutes, scan())
    services.submit(head, dossier)
    dossier.refresh_from_db()
    assert dossier.status == NominationStatus.SUBMITTED
    assert set(dossier.nominations.values_list("status", flat=True)) == {"submitted"}
    office = user("vanphong")
    assert office.notifications.filter(title__contains="gửi hồ sơ đề nghị khen thưởng").exists()
    assert ActionLog.objects.filter(action="dossier.submitted", actor=head).exists()


def test_a_staff_member_cannot_edit_the_units_dossier(dossier, user):
    with pytest.raises(PermissionError):
        services.generate_documents(user("canbo"), dossier)


def test_a_head_cannot_propose_another_units_people(movement, giay_khen, one_stop, person, user):
    with pytest.raises(ValidationError, match="trưởng đơn vị chỉ đề nghị"):
        services.propose(
            user("truongmotcua"),
            movement,
            award_form=giay_khen,
            target=Target.INDIVIDUAL,
            subject_id=person("Hoàng Thị Yến").pk,
            proposing_unit=one_stop,
        )


def test_an_ineligible_candidate_is_refused_and_nothing_is_saved(
    movement, giay_khen, one_stop, person, user
):
    from thidua.nominations.models import Nomination

    an = person("Nguyễn Văn An")  # rated only "Hoàn thành nhiệm vụ" in 2023
    before = Nomination.objects.count()
    with pytest.raises(ValidationError) as refusal:
        services.propose(
            user("truongmotcua"),
            movement,
            award_form=giay_khen,
            target=Target.INDIVIDUAL,
            subject_id=an.pk,
            proposing_unit=one_stop,
        )
    assert "hoàn thành tốt nhiệm vụ" in " ".join(refusal.value.messages)
    assert Nomination.objects.count() == before
