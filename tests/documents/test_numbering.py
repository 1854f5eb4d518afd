"""Numbers are given at issue, per issuer and year, zero-padded, never reused."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from thidua.documents import services
from thidua.documents.models import Document, Status
from thidua.orgs.models import OrganisationName

D = datetime.date


@pytest.mark.django_db
def test_documents_of_one_issuer_share_one_series_and_numbers_below_ten_are_padded(
    make_draft, user
):
    office = user("vanphong")
    first = services.issue(office, make_draft("giay_moi", D(2024, 3, 1)))
    second = services.issue(office, make_draft("quyet_dinh_khen_thuong", D(2024, 3, 2)))
    assert (first.number, first.symbol) == (1, "01/GM-UBND")
    assert (second.number, second.symbol) == (2, "02/QĐ-UBND")


@pytest.mark.django_db
def test_the_council_keeps_its_own_series(make_draft, user):
    office = user("vanphong")
    services.issue(office, make_draft("giay_moi", D(2024, 3, 1)))
    minutes = services.issue(office, make_draft("bien_ban_hop_hoi_dong", D(2024, 3, 2)))
    assert minutes.symbol == "01/BB-HĐTĐKT"
    assert minutes.issuer_name == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert minutes.governing_body == "UBND PHƯỜNG MỘ LAO"


@pytest.mark.django_db
def test_numbers_restart_each_year(make_draft, user):
    office = user("vanphong")
    services.issue(office, make_draft("giay_moi", D(2024, 12, 30)))
    services.issue(office, make_draft("giay_moi", D(2024, 12, 31)))
    new_year = services.issue(office, make_draft("giay_moi", D(2025, 1, 2)))
    assert new_year.symbol == "01/GM-UBND"


@pytest.mark.django_db
def test_a_cancelled_documents_number_is_never_given_again(make_draft, user):
    office = user("vanphong")
    cancelled = services.issue(office, make_draft("giay_moi", D(2024, 3, 1)))
    services.cancel(office, cancelled, "Sai thời gian họp")
    following = services.issue(office, make_draft("giay_moi", D(2024, 3, 1)))
    assert following.number == cancelled.number + 1
    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.number) == (Status.CANCELLED, 1)


@pytest.mark.django_db
def test_a_draft_has_no_number_and_an_issued_document_cannot_be_issued_again(make_draft, user):
    draft = make_draft("giay_moi", D(2024, 3, 1))
    assert draft.number is None and draft.symbol == ""
    issued = services.issue(user("vanphong"), draft)
    with pytest.raises(services.DocumentError, match="không ban hành lại"):
        services.issue(user("vanphong"), issued)
    assert Document.objects.get(pk=issued.pk).number == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_a_number_given_twice(make_draft, user):
    issued = services.issue(user("vanphong"), make_draft("giay_moi", D(2024, 3, 1)))
    other = make_draft("giay_moi", D(2024, 3, 2))
    other.number, other.symbol = issued.number, issued.symbol
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


@pytest.mark.django_db
def test_no_document_is_dated_after_its_issuer_ceased(make_draft):
    # Mộ Lao ceased on 30/06/2025 (merged into phường Hà Đông and phường Đại Mỗ).
    with pytest.raises(services.DocumentError, match="chấm dứt hoạt động"):
        make_draft("giay_moi", D(2025, 7, 2))


@pytest.mark.django_db
def test_the_issuer_name_is_the_one_valid_on_the_documents_date(make_draft, demo):
    OrganisationName.objects.create(
        organisation=demo["mo_lao"],
        kind="xã",
        name="Mộ Lao",
        valid_from=D(2000, 1, 1),
        valid_to=D(2008, 7, 31),
    )
    OrganisationName.objects.create(
        organisation=demo["mo_lao"], kind="phường", name="Mộ Lao", valid_from=D(2008, 8, 1)
    )
    old = make_draft("giay_moi", D(2008, 5, 1))
    assert old.issuer_name == "ỦY BAN NHÂN DÂN\nXÃ MỘ LAO"
    assert old.issuer_short == "UBND xã Mộ Lao"
    assert old.regime == "R2013"


@pytest.mark.django_db
def test_a_staff_member_cannot_issue(make_draft, user):
    with pytest.raises(PermissionError):
        services.issue(user("canbo"), make_draft("giay_moi", D(2024, 3, 1)))


@pytest.mark.django_db
def test_an_incoming_document_gets_the_next_arrival_number(demo, user):
    office = user("vanphong")
    first = services.register_incoming(
        office,
        demo["mo_lao"],
        received_on=D(2024, 2, 21),
        sender="UBND quận Hà Đông",
        their_symbol="60/KH-UBND",
        their_date=D(2024, 2, 20),
        summary="Tổ chức phong trào thi đua đẩy mạnh cải cách hành chính năm 2024",
    )
    second = services.register_incoming(
        office,
        demo["mo_lao"],
        received_on=D(2024, 2, 22),
        sender="UBND quận Hà Đông",
        their_symbol="Số: 61 / KH-UBND",
        their_date=D(2024, 2, 21),
        summary="Kế hoạch khác",
    )
    assert (first.arrival_number, second.arrival_number) == (1, 2)
    assert (first.doc_type, second.their_symbol) == ("KH", "61/KH-UBND")
    with pytest.raises(services.DocumentError, match="không thể sau ngày đến"):
        services.register_incoming(
            office,
            demo["mo_lao"],
            received_on=D(2024, 2, 22),
            sender="UBND quận Hà Đông",
            their_symbol="62/KH-UBND",
            their_date=D(2024, 3, 1),
            summary="Sai ngày",
        )
