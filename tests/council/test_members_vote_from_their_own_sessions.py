"""Members vote from their own sessions (a page per member); the chair watches a live
tally that, for a secret ballot, shows turnout only; another ward sees nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thidua.council import services

from .conftest import candidate


@pytest.fixture
def voting(in_session, user):
    meeting = in_session(method="secret")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    return meeting


def _ballot_post(meeting, choice="for", skip=()):
    return {f"c{c.pk}": choice for c in meeting.candidates.all() if c.name not in skip}


@pytest.mark.django_db
def test_a_member_votes_once_and_gets_a_receipt(voting, client_as):
    client = client_as("hoidong2")
    url = reverse("council:ballot", kwargs={"meeting_id": voting.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Bỏ phiếu" in page.content.decode()
    response = client.post(url, _ballot_post(voting))
    text = response.content.decode()
    assert response.status_code == 200
    receipt = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text).group(0)
    again = client.post(url, _ballot_post(voting), follow=True)
    assert "chỉ bỏ phiếu một lần" in again.content.decode()
    assert voting.participations.count() == 1
    assert receipt


@pytest.mark.django_db
def test_an_incomplete_ballot_is_refused_and_changes_nothing(voting, client_as):
    client = client_as("hoidong3")
    url = reverse("council:ballot", kwargs={"meeting_id": voting.pk})
    response = client.post(url, _ballot_post(voting, skip=("Trịnh Văn Long",)))
    assert "Hãy chọn ý kiến cho Trịnh Văn Long" in response.content.decode()
    assert voting.participations.count() == 0


@pytest.mark.django_db
def test_the_member_with_a_conflict_declares_it_from_their_page(voting, client_as):
    client = client_as("truongmotcua")
    url = reverse("council:ballot", kwargs={"meeting_id": voting.pk})
    page = client.get(url).content.decode()
    assert "Theo hồ sơ, bạn có quan hệ" in page
    one_stop = candidate(voting, "Bộ phận tiếp nhận và trả kết quả")
    client.post(
        reverse("council:conflict", kwargs={"meeting_id": voting.pk}),
        {"candidate": one_stop.pk, "kind": "heads_unit", "next": url},
    )
    assert one_stop.conflicts.filter(member__user__username="truongmotcua").exists()


@pytest.mark.django_db
def test_the_live_tally_of_a_secret_ballot_shows_turnout_not_counts(voting, client_as):
    client_as("hoidong2").post(
        reverse("council:ballot", kwargs={"meeting_id": voting.pk}), _ballot_post(voting)
    )
    tally = client_as("chutich").get(reverse("council:tally", kwargs={"meeting_id": voting.pk}))
    text = tally.content.decode()
    assert "Đã bỏ phiếu: 1" in text
    assert 'hx-trigger="every 3s"' in text
    assert "Tỷ lệ đồng ý" not in text


@pytest.mark.django_db
def test_another_wards_user_gets_404_on_every_meeting_page(voting, client_as):
    client = client_as("vanquan")
    for name in ("meeting", "ballot", "tally", "hands", "receipt"):
        assert (
            client.get(reverse(f"council:{name}", kwargs={"meeting_id": voting.pk})).status_code
            == 404
        )
    assert (
        client.post(
            reverse("council:ballot", kwargs={"meeting_id": voting.pk}), _ballot_post(voting)
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_staff_member_who_is_not_on_the_council_has_no_ballot(voting, client_as):
    assert (
        client_as("canbo")
        .get(reverse("council:ballot", kwargs={"meeting_id": voting.pk}))
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_the_meeting_page_query_count_does_not_grow_with_candidates(
    voting, client_as, django_assert_max_num_queries
):
    client = client_as("chutich")
    url = reverse("council:meeting", kwargs={"meeting_id": voting.pk})
    with django_assert_max_num_queries(60):
        assert client.get(url).status_code == 200
