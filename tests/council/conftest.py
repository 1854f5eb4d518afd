"""Fixtures of the council's tests: the Mộ Lao 2023 movement with accepted nominations
(three collectives, three individuals) and helpers that carry a meeting to a step."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from thidua.council import decisions, disclosure, services
from thidua.council.models import Council, CouncilMember, Meeting
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination, NominationStatus
from thidua.orgs.models import Person, Unit

COLLECTIVES = [
    "Bộ phận tiếp nhận và trả kết quả",
    "Tư pháp - Hộ tịch",
    "Địa chính - Xây dựng - Đô thị và Môi trường",
]
INDIVIDUALS = [("Lê Thị", "Mai"), ("Vương Đình", "Phúc"), ("Trịnh Văn", "Long")]
D = datetime.date
MEMBERS = ["chutich", "hoidong1", "hoidong2", "hoidong3", "hoidong4", "truongmotcua", "vanphong"]


@pytest.fixture
def movement(demo) -> Movement:
    return Movement.objects.get(organisation=demo["mo_lao"], year=2023, plan__number="20/KH-UBND")


@pytest.fixture
def nominations(movement, user) -> dict[str, Nomination]:
    """Accepted nominations of the six candidates; any other nomination of the movement is
    put aside so that the meeting holds exactly these."""
    form = movement.award_forms.get(form="Giấy khen")
    office = Unit.objects.get(organisation=movement.organisation, name="Văn phòng UBND phường")
    vanphong = user("vanphong")
    made = {}
    for name in COLLECTIVES:
        unit = Unit.objects.get(organisation=movement.organisation, name=name)
        made[name], _ = Nomination.objects.update_or_create(
            movement=movement,
            award_form=form,
            unit=unit,
            target="collective",
            defaults={
                "status": NominationStatus.ACCEPTED,
                "proposing_unit": office,
                "proposed_by": vanphong,
            },
        )
    for family, given in INDIVIDUALS:
        person = Person.objects.get(
            organisation=movement.organisation, family_name=family, given_name=given
        )
        made[person.full_name], _ = Nomination.objects.update_or_create(
            movement=movement,
            award_form=form,
            person=person,
            target="individual",
            defaults={
                "status": NominationStatus.ACCEPTED,
                "proposing_unit": office,
                "proposed_by": vanphong,
            },
        )
    Nomination.objects.filter(movement=movement).exclude(
        pk__in=[n.pk for n in made.values()]
    ).update(status=NominationStatus.WITHDRAWN)
    return made


@pytest.fixture
def council(demo) -> Council:
    council = services.council_of(demo["mo_lao"])
    services.sync_members(None, council)
    return council


@pytest.fixture
def seats(council, user) -> dict[str, CouncilMember]:
    return {name: CouncilMember.objects.get(council=council, user=user(name)) for name in MEMBERS}


@pytest.fixture
def make_meeting(movement, nominations, council, user):
    """``make_meeting(method=..., **rules)`` — a prepared meeting of the seven members."""

    def make(**rules) -> Meeting:
        meeting = services.prepare_meeting(
            user("vanphong"),
            movement,
            award_form="Giấy khen",
            starts_at=timezone.make_aware(datetime.datetime(2023, 12, 1, 8, 30)),
            place="Phòng họp tầng 2, trụ sở UBND phường Mộ Lao",
        )
        if rules:
            services.change_rules(user("vanphong"), meeting, rules)
        return Meeting.objects.get(pk=meeting.pk)

    return make


@pytest.fixture
def in_session(make_meeting, seats, user):
    """``in_session(absent=("hoidong4",), **rules)`` — attendance taken."""

    def make(absent=(), **rules) -> Meeting:
        meeting = make_meeting(**rules)
        present = {seat.pk for name, seat in seats.items() if name not in absent}
        services.record_attendance(user("vanphong"), meeting, present, {})
        return Meeting.objects.get(pk=meeting.pk)

    return make


def candidate(meeting: Meeting, name: str):
    return meeting.candidates.get(name=name)


def all_for(
    meeting: Meeting, member: CouncilMember, choice: str = "for", overrides: dict | None = None
) -> dict:
    """A full ballot for ``member``: ``choice`` on every candidate they may vote on, except
    the candidates named in ``overrides`` (name → choice)."""
    voting_on, _ = services.entitled_candidates(meeting, member)
    overrides = overrides or {}
    return {c.pk: overrides.get(c.name, choice) for c in voting_on}


@pytest.fixture
def closed(in_session, seats, user):
    """A secret-ballot meeting of 01/12/2023, counted and closed: hoidong4 absent voting in
    writing, truongmotcua declaring his conflicts, everyone for everyone; the ranking applied
    (two collectives, two individuals approved)."""
    meeting = in_session(absent=("hoidong4",), method="secret")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    for who, kind in (
        ("Bộ phận tiếp nhận và trả kết quả", "heads_unit"),
        ("Lê Thị Mai", "superior"),
        ("Vương Đình Phúc", "superior"),
    ):
        services.declare_conflict(user("truongmotcua"), meeting, candidate(meeting, who), kind)
    for name, seat in seats.items():
        if name == "hoidong4":
            services.enter_written_ballot(user("vanphong"), meeting, seat, all_for(meeting, seat))
        else:
            services.cast_ballot(user(name), meeting, all_for(meeting, seat))
    services.close_voting(user("chutich"), meeting)
    services.apply_ranking(user("chutich"), meeting)
    services.close_meeting(user("chutich"), meeting)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def disclosed(closed, user):
    listing = disclosure.publish(user("vanphong"), closed, D(2023, 12, 4))
    assert listing.ends_on == D(2023, 12, 8)
    comment = disclosure.add_comment(
        listing,
        author="Nguyễn Văn Dân",
        contact="Tổ dân phố 3",
        text="Đề nghị nêu rõ thành tích.",
        today=D(2023, 12, 5),
    )
    return closed, listing, comment


@pytest.fixture
def drafted(disclosed, user):
    meeting, _listing, comment = disclosed
    disclosure.handle_comment(user("vanphong"), comment, "Đã trả lời trực tiếp người góp ý.")
    return decisions.draft_decision(user("vanphong"), meeting, D(2023, 12, 15), user("chutich"))


@pytest.fixture
def issued(drafted, user):
    """The drafted decision approved by the Chairman and issued (certificates not rendered)."""
    decisions.approve_decision(user("chutich"), drafted)
    return decisions.issue_decision(user("vanphong"), drafted, render=False)


# Show of hands among the six present (hoidong4 away): (for, against, abstain). The
# unit's head, truongmotcua, votes on neither his unit nor his two staff (five eligible).
HANDS = {
    "Bộ phận tiếp nhận và trả kết quả": (4, 1, 0),  # 4/5 = 80%
    "Tư pháp - Hộ tịch": (6, 0, 0),
    "Địa chính - Xây dựng - Đô thị và Môi trường": (3, 3, 0),  # 3/6 = 50%: not a majority
    "Lê Thị Mai": (3, 2, 0),  # 3/5 = 60%
    "Vương Đình Phúc": (4, 0, 1),  # 4/5 = 80%
    "Trịnh Văn Long": (3, 2, 1),  # 3/6 = 50%: not a majority
}


@pytest.fixture
def closed_by_hands(make_meeting, seats, user):
    """A show-of-hands meeting of 01/12/2023 counted on the members present (above 50%),
    hoidong4 absent with a reason and no written vote; the ranking applied and closed."""
    meeting = make_meeting(method="hands", denominator="present")
    present = {seat.pk for name, seat in seats.items() if name != "hoidong4"}
    services.record_attendance(
        user("vanphong"), meeting, present, {seats["hoidong4"].pk: "đi học tập trung"}
    )
    head = user("truongmotcua")
    services.declare_conflict(
        head, meeting, candidate(meeting, "Bộ phận tiếp nhận và trả kết quả"), "heads_unit"
    )
    for name in ("Lê Thị Mai", "Vương Đình Phúc"):
        services.declare_conflict(head, meeting, candidate(meeting, name), "superior")
    services.open_voting(user("chutich"), meeting)
    meeting.refresh_from_db()
    services.enter_hands(
        user("vanphong"), meeting, {c.pk: HANDS[c.name] for c in meeting.candidates.all()}
    )
    services.close_voting(user("chutich"), meeting)
    services.apply_ranking(user("chutich"), meeting)
    services.close_meeting(user("chutich"), meeting)
    meeting.refresh_from_db()
    return meeting
