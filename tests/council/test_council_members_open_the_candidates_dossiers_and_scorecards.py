"""From the meeting page each candidate links to its dossier and its scorecard. A council
member of the ward reads the dossier and its files without being able to change them; a
user of another ward gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_with_dossiers(make_meeting):
    meeting = make_meeting()
    with_dossier = list(
        meeting.candidates.filter(nomination__dossier__isnull=False).select_related(
            "nomination__dossier"
        )
    )
    assert with_dossier, "the demo's accepted nominations come with their dossiers"
    return meeting, with_dossier


def test_the_meeting_page_links_each_candidate_to_its_dossier_and_scorecard(
    meeting_with_dossiers, client_as
):
    meeting, with_dossier = meeting_with_dossiers
    page = client_as("hoidong2").get(reverse("council:meeting", args=[meeting.pk]))
    body = page.content.decode()
    for candidate in with_dossier:
        assert reverse("nominations:dossier", args=[candidate.nomination.dossier_id]) in body
    for candidate in meeting.candidates.select_related("nomination"):
        nomination = candidate.nomination
        card = (
            reverse("scoring:person_card", args=[meeting.movement_id, nomination.person_id])
            if nomination.person_id
            else reverse("scoring:unit_card", args=[meeting.movement_id, nomination.unit_id])
        )
        assert card in body
        assert client_as("hoidong2").get(card).status_code == 200


def test_a_council_member_reads_the_dossier_and_its_files_but_cannot_change_it(
    meeting_with_dossiers, client_as
):
    _meeting, with_dossier = meeting_with_dossiers
    dossier = with_dossier[0].nomination.dossier
    member = client_as("hoidong2")  # heads the Fatherland Front, not the proposing unit
    page = member.get(reverse("nominations:dossier", args=[dossier.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("nominations:upload", args=[dossier.pk]) not in body
    files = list(dossier.files.all())
    shown = [f for f in files if reverse("nominations:file", args=[f.pk]) in body]
    assert shown
    for dossier_file in shown:
        link = reverse("nominations:file", args=[dossier_file.pk])
        assert member.get(link).status_code == 200
        assert client_as("vanquan").get(link).status_code == 404
        member.post(reverse("nominations:file_remove", args=[dossier_file.pk]))
    assert dossier.files.count() == len(files)


def test_another_wards_user_gets_404_on_the_dossier(meeting_with_dossiers, client_as):
    _meeting, with_dossier = meeting_with_dossiers
    dossier = with_dossier[0].nomination.dossier
    assert (
        client_as("vanquan").get(reverse("nominations:dossier", args=[dossier.pk])).status_code
        == 404
    )
