"""The award chain of a synthetic ward for ``make bench``: a ward hook for
:mod:`thidua.demo.synth`.

``add_awards(ward, units, people, rng)`` carries the ward's 2023 movement to the end, as
the council demo (:mod:`thidua.demo.council`) carries Mộ Lao's 2022 one:

- the ward's people who run it: five of them get an account (no usable password) with
  their committee role — the Chairman, a vice-chairman, the Office — and a seat on the
  council (chair, vice-chair, two members, the secretary), through memberships of the
  leadership and council units, as the demo's people have theirs;
- nominations of units and people, accepted by the Office with complete dossiers
  (:func:`thidua.nominations.synth.add_accepted_nominations`);
- the council's meeting on 06/12/2023 by a show of hands: attendance, votes, the
  ranking within the quotas (1–2 per target group), closed, with its minutes;
- the list disclosed for five days, and the Chairman's decision of 15/12/2023 with its
  bonus amounts, approved, numbered in the register and issued with a Giấy khen per
  awardee; the nominations end awarded, with their award records.

From the meeting on, the council's own services do the work (they check the quorum,
the threshold and the quotas, and write the action log): a meeting holds a handful of
rows, and they cost little. Two steps are written here instead, because the services
render the .docx (``documents.issue``, ``decisions.issue_decision``) and give random
codes: numbering the minutes, the notice and the decision in their series of the year
(``documents.next_number``, the same lock and the same series), and making the
certificates. Their rows are those the services leave with ``render=False``: the
register renders a document's .docx when it is first asked for, and certificates are
printed on demand. The verification codes and the disclosure page's code come from the
ward's ``rng`` and code — reproducible, which real codes must never be.

Deterministic: only ``rng`` chooses, and the moments are fixed in late 2023, except the
stamps Django puts on insert (the action log, ``created_at``).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import random
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction

from thidua.audit.services import record
from thidua.documents import services as documents
from thidua.documents.models import Certificate, Document
from thidua.movements.models import AwardForm, Movement, Target
from thidua.nominations.models import Nomination, NominationEvent, NominationStatus
from thidua.nominations.synth import add_accepted_nominations
from thidua.orgs.models import Membership, Organisation, Person, Role, Unit, UnitKind

from . import decisions, disclosure, minutes, services
from .models import PRESIDING_ROLES, AwardDecision, Disclosure, Meeting

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MEETING_AT = datetime.datetime(2023, 12, 6, 8, 30, tzinfo=TZ)
MEETING_END = datetime.datetime(2023, 12, 6, 10, 15, tzinfo=TZ)
MINUTES_ISSUED_AT = datetime.datetime(2023, 12, 6, 16, 0, tzinfo=TZ)
DISCLOSED_ON = datetime.date(2023, 12, 7)
NOTICE_ISSUED_AT = datetime.datetime(2023, 12, 7, 8, 0, tzinfo=TZ)
DECISION_DAY = datetime.date(2023, 12, 15)
APPROVED_AT = datetime.datetime(2023, 12, 15, 10, 0, tzinfo=TZ)
ISSUED_AT = datetime.datetime(2023, 12, 15, 15, 0, tzinfo=TZ)
LEADERSHIP = "Lãnh đạo UBND phường"  # the demo's names (demo/data.py)
COUNCIL = "Hội đồng Thi đua - Khen thưởng phường"
# The seats, most needed first (a ward of two people still has a chair and an Office):
# (account suffix, title in the council unit, role in the committee or None).
SEATS = [
    ("chutich", "Chủ tịch Hội đồng", Role.CHAIRMAN),
    ("vanphong", "Ủy viên - Thư ký", Role.OFFICE),
    ("phochutich", "Phó Chủ tịch Hội đồng", Role.VICE_CHAIRMAN),
    ("hoidong1", "Ủy viên", None),
    ("hoidong2", "Ủy viên", None),
]
ABSENCE = "đi công tác, vắng có lý do"


@dataclass
class Staff:
    """Who acts in the chain: the Chairman (chairs the council, signs), the Office
    (proposes, keeps the record, issues) and the people holding a council seat."""

    chairman: Any
    office: Any
    office_unit: Unit
    members: list[Person]


def code_for(ward: Organisation, rng: random.Random) -> str:
    """A code shaped like ``secrets.token_urlsafe(12)``, reproducible from the seed and
    distinct between wards (the ward's code is mixed in)."""
    digest = hashlib.sha256(f"{ward.code}:{rng.getrandbits(96)}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def _unit(ward: Organisation, name: str, kind: str) -> Unit:
    # Neither takes part as a collective: like the demo's, they only hold roles.
    unit, _ = Unit.objects.get_or_create(
        organisation=ward, name=name, defaults={"kind": kind, "competes": False}
    )
    return unit


def _staff(ward: Organisation, units: list[Unit], people: list[Person], rng) -> Staff:
    """Accounts, committee roles and council seats for people chosen by ``rng``."""
    User = get_user_model()
    leadership = _unit(ward, LEADERSHIP, UnitKind.LEADERSHIP)
    council_unit = _unit(ward, COUNCIL, UnitKind.COUNCIL)
    office_unit = next((u for u in units if u.kind == UnitKind.OFFICE), units[0])
    seats = SEATS[: len(people)]
    chosen = rng.sample(people, len(seats))
    linked = []
    for (suffix, _title, _role), person in zip(seats, chosen, strict=True):
        if person.user_id is None:
            username = f"{ward.code}-{suffix}"
            person.user = User(
                username=username,
                first_name=person.given_name,
                last_name=person.family_name,
                # Nobody logs in as a synthetic person; a fixed unusable hash keeps the
                # rows the same on every run.
                password=UNUSABLE_PASSWORD_PREFIX
                + hashlib.sha256(username.encode()).hexdigest()[:40],
            )
            linked.append(person)
    User.objects.bulk_create([p.user for p in linked])
    for person in linked:
        person.user_id = person.user.pk
    Person.objects.bulk_update(linked, ["user"])
    where = {Role.CHAIRMAN: leadership, Role.VICE_CHAIRMAN: leadership, Role.OFFICE: office_unit}
    rows = []
    for (_suffix, title, role), person in zip(seats, chosen, strict=True):
        rows.append(
            Membership(user=person.user, unit=council_unit, role=Role.COUNCIL_MEMBER, title=title)
        )
        if role is not None:
            rows.append(Membership(user=person.user, unit=where[role], role=role))
    Membership.objects.bulk_create(rows, ignore_conflicts=True)
    return Staff(
        chairman=chosen[0].user,
        office=chosen[1].user,
        office_unit=office_unit,
        members=chosen,
    )


def _hands(meeting: Meeting, present: int, rng) -> dict[int, tuple[int, int, int]]:
    """The show of hands per candidate: (for, against, abstain) among those present.

    In each target group one candidate or more passes the majority (so the group gets
    its quota's minimum), often more than the quota's maximum (the ranking then leaves
    the last out). The counts for differ within a group where they can, so the
    ranking never falls to the tie-breaks after the share of votes: the scorecard's
    score among them moves with the day it is computed."""
    majority = present // 2 + 1
    passing, failing = list(range(majority, present + 1)), list(range(majority))
    counts = {}
    for target in (Target.COLLECTIVE, Target.INDIVIDUAL):
        group = list(meeting.candidates.filter(target=target).order_by("position", "id"))
        if not group:
            continue
        # Most proposals pass: the council's harder choice is the quota.
        passed = max(1, min(len(group), len(passing)) - rng.choice([0, 0, 1]))
        fors = rng.sample(passing, passed) + _some(failing, len(group) - passed, rng)
        rng.shuffle(fors)
        for candidate, yes in zip(group, fors, strict=True):
            rest = present - yes
            against = rng.randint(0, rest)
            counts[candidate.pk] = (yes, against, rest - against)
    return counts


def _some(values: list[int], count: int, rng) -> list[int]:
    """``count`` of ``values``, all different while there are enough."""
    if count <= len(values):
        return rng.sample(values, count)
    return [rng.choice(values) for _ in range(count)]


def _meeting(movement: Movement, form: AwardForm, staff: Staff, rng) -> Meeting:
    office, chair = staff.office, staff.chairman
    council = services.council_of(movement.organisation)
    services.sync_members(None, council)
    services.save_setting(office, council, form.form, {})
    meeting = services.prepare_meeting(
        office,
        movement,
        award_form=form.form,
        starts_at=MEETING_AT,
        place=f"Phòng họp trụ sở {movement.organisation.committee_name}",
    )
    seats = list(council.members.filter(active=True).order_by("order", "id"))
    # Now and then an ordinary member is away; four of five still make the quorum (2/3).
    ordinary = [m for m in seats if m.role not in PRESIDING_ROLES and m.user_id != office.pk]
    notes = {}
    if len(seats) >= 5 and rng.random() < 0.3:
        notes[rng.choice(ordinary).pk] = ABSENCE
    present = {m.pk for m in seats} - set(notes)
    services.record_attendance(office, meeting, present, notes)
    services.open_voting(chair, meeting)
    services.enter_hands(office, meeting, _hands(meeting, len(present), rng))
    services.close_voting(chair, meeting)
    services.apply_ranking(chair, meeting)
    services.close_meeting(chair, meeting)
    Meeting.objects.filter(pk=meeting.pk).update(ended_at=MEETING_END, closed_at=MEETING_END)
    meeting.refresh_from_db()
    # The draft minutes printed the clock's end time: they take the fixed one.
    document = meeting.minutes
    document.context = {**document.context, "meeting": minutes.meeting_context(meeting)}
    Document.objects.filter(pk=document.pk).update(context=document.context)
    return meeting


def _issue(actor, document: Document, at: datetime.datetime, code: str | None = None) -> Document:
    """``documents.issue`` without rendering: the next number of the document's series
    (issuer × year, the series row locked), its symbol, issued at ``at``; a decision gets
    its verification code. No .docx is kept: ``render_docx`` renders it when asked."""
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    documents.mark_issued(doc, at=at, code=code)
    record(actor, "document.issued", doc, data={"symbol": doc.symbol, "date": doc.date})
    return doc


def _issue_decision(actor, decision: AwardDecision, ward: Organisation, rng) -> AwardDecision:
    """``decisions.issue_decision(render=False)`` without the .docx: numbered, one
    certificate per award (số sổ vàng as ``create_certificates`` gives it), the
    nominations awarded with their records (``record_award``)."""
    decision = AwardDecision.objects.select_related("meeting__movement", "organisation").get(
        pk=decision.pk
    )
    document = _issue(actor, decision.document, ISSUED_AT, code_for(ward, rng))
    awards = list(
        decision.awards.select_related("candidate__nomination__person").order_by("position")
    )
    running = documents.settings_for(ward).running_golden_book
    certificates = [
        Certificate(
            organisation=ward,
            decision=document,
            golden_book_number=(
                documents.next_number(ward, documents.GOLDEN_BOOK_SERIES, document.year)
                if running
                else index
            ),
            award_form=line["form"],
            awardee_name=line["name"],
            awardee_detail=line["detail"],
            achievement=line["achievement"],
            is_collective=line["collective"],
            verification_code=code_for(ward, rng),
        )
        for index, line in enumerate(decisions.certificate_lines(decision, awards), start=1)
    ]
    Certificate.objects.bulk_create(certificates)
    record(actor, "certificate.created", document, data={"count": len(certificates)})
    decisions.award_issued(actor, decision, document, awards, certificates)
    return decision


@transaction.atomic
def add_awards(
    ward: Organisation,
    units: list[Unit],
    people: list[Person],
    rng: random.Random,
    *,
    nominations: int = 6,
) -> None:
    """Carry the ward's 2023 movement from ``nominations`` nominations (collectives and
    individuals half and half, collectives first when odd) to the issued decision."""
    movement = Movement.objects.filter(organisation=ward, year=2023).order_by("-id").first()
    if movement is None or Nomination.objects.filter(movement=movement).exists():
        return  # nothing to carry, or done before: add nothing
    form = movement.award_forms.order_by("position", "id").first()
    if form is None or not units or len(people) < 2 or nominations < 1:
        return
    staff = _staff(ward, units, people, rng)
    competing = [u for u in units if u.competes]
    collectives = rng.sample(competing, min(len(competing), (nominations + 1) // 2))
    others = [p for p in people if p.is_active and p not in staff.members]
    individuals = rng.sample(others, min(len(others), nominations // 2))
    add_accepted_nominations(
        movement,
        form,
        office_user=staff.office,
        office_unit=staff.office_unit,
        units=collectives,
        people=individuals,
        rng=rng,
    )
    meeting = _meeting(movement, form, staff, rng)
    _issue(staff.office, meeting.minutes, MINUTES_ISSUED_AT)
    listing = disclosure.publish(staff.office, meeting, DISCLOSED_ON)
    Disclosure.objects.filter(pk=listing.pk).update(code=code_for(ward, rng))
    _issue(staff.office, listing.notice, NOTICE_ISSUED_AT)
    decision = decisions.draft_decision(staff.office, meeting, DECISION_DAY, staff.chairman)
    decisions.approve_decision(staff.chairman, decision)
    AwardDecision.objects.filter(pk=decision.pk).update(approved_at=APPROVED_AT)
    _issue_decision(staff.office, decision, ward, rng)
    # The council's and the decision's state changes were stamped with the clock.
    events = NominationEvent.objects.filter(nomination__movement=movement)
    events.filter(to_status__in=[NominationStatus.APPROVED, NominationStatus.REJECTED]).update(
        at=MEETING_END
    )
    events.filter(to_status=NominationStatus.AWARDED).update(at=ISSUED_AT)
