"""Synthetic nominations for ``make bench``: the first part of the award chain that
:func:`thidua.council.synth.add_awards` gives each synthetic ward.

:func:`add_accepted_nominations` proposes the given units and people for an award form of
the movement, all in one dossier of the Office, with every dossier item present as a small
signed scan (a PDF saved through the storage), and leaves the dossier submitted, received
and accepted by the Office. The rows are those :mod:`thidua.nominations.services` leaves
after ``propose`` → ``upload_scan`` → ``submit`` → ``receive`` → ``accept`` (states,
events of the dossier and of each nomination, the eligibility kept at submission, the
appraisal deadline in working days), written with ``bulk_create``: the services check,
log and notify row by row, which costs seconds per ward. The action log and the
notifications are left out. The eligibility itself is the app's own rules
(:func:`thidua.nominations.eligibility.check`), run on the Office's records: the
candidates' 2023 quality ratings are added first, as the Office enters them before anyone
is proposed. Every moment is a fixed one of late 2023.
"""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from thidua.demo.synth import stored_pdf
from thidua.movements.models import AwardForm, Movement, Target
from thidua.orgs.models import Person, Unit
from thidua.tasks.calendar import calendar_for

from .eligibility import Candidate, check
from .models import (
    Dossier,
    DossierEvent,
    DossierFile,
    FileKind,
    Nomination,
    NominationEvent,
    NominationStatus,
    QualityRating,
    Rating,
)
from .services import APPRAISAL_WORKING_DAYS, expected_decision_date

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DOSSIER_DATE = datetime.date(2023, 11, 24)
SCANNED_AT = datetime.datetime(2023, 11, 29, 9, 0, tzinfo=TZ)
SUBMITTED_AT = datetime.datetime(2023, 11, 30, 15, 0, tzinfo=TZ)
RECEIVED_ON = datetime.date(2023, 12, 1)
ACCEPTED_ON = datetime.date(2023, 12, 4)
# When each state was reached, as the demo's nominations put them (demo/nominations.py).
MOMENTS = {
    NominationStatus.DRAFT: datetime.datetime(2023, 11, 24, 9, 0, tzinfo=TZ),
    NominationStatus.SUBMITTED: SUBMITTED_AT,
    "received": datetime.datetime(2023, 12, 1, 9, 0, tzinfo=TZ),
    NominationStatus.ACCEPTED: datetime.datetime(2023, 12, 4, 14, 0, tzinfo=TZ),
}
SUMMARIES = {
    Target.COLLECTIVE: [
        "Hoàn thành đúng hạn 100% nhiệm vụ CCHC năm 2023 được giao",
        "Không có hồ sơ thủ tục hành chính trễ hạn trong năm 2023",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%",
    ],
    Target.INDIVIDUAL: [
        "Trực tiếp giải quyết hồ sơ thủ tục hành chính, không trễ hạn",
        "Báo cáo CCHC quý, 6 tháng, năm đúng hạn",
        "Tham gia đề xuất sáng kiến CCHC được áp dụng tại phường",
    ],
}


def _ratings(movement: Movement, units: list[Unit], people: list[Person], rng) -> None:
    """The candidates' quality ratings of the movement's year, where the Office has none."""
    year = movement.year
    rated_units = set(
        QualityRating.objects.filter(unit__in=units, year=year).values_list("unit_id", flat=True)
    )
    rated_people = set(
        QualityRating.objects.filter(person__in=people, year=year).values_list(
            "person_id", flat=True
        )
    )
    # Proposed candidates did well: the rules ask for at least “Hoàn thành tốt nhiệm vụ”.
    choices = [Rating.EXCELLENT, Rating.GOOD, Rating.GOOD]

    def rated(**subject) -> QualityRating:
        return QualityRating(
            organisation_id=movement.organisation_id,
            year=year,
            rating=rng.choice(choices),
            **subject,
        )

    rows = [rated(unit=unit) for unit in units if unit.pk not in rated_units] + [
        rated(person=person) for person in people if person.pk not in rated_people
    ]
    QualityRating.objects.bulk_create(rows)


def _scans(dossier: Dossier, nominations: list[Nomination], actor) -> None:
    """One signed scan per required item (per candidate where the item asks for it),
    stored and described as ``services.upload_scan`` keeps an upload, under a name made
    from the rows so that the same data gives the same files."""
    movement = dossier.movement
    rows = []
    for item in movement.dossier_items.all():
        owners: list[Nomination | None] = list(nominations) if item.per_candidate else [None]
        for nomination in owners:
            whom = f"-{nomination.pk}" if nomination is not None else ""
            lines = [
                f"Ho so de nghi khen thuong nam {movement.year}",
                f"Thanh phan so {item.position + 1}",
            ]
            stored, content = stored_pdf(
                f"dossiers/{movement.organisation_id}/synth-{dossier.pk}-{item.pk}{whom}.pdf",
                "Ban scan da ky",
                lines,
            )
            rows.append(
                DossierFile(
                    dossier=dossier,
                    item=item,
                    nomination=nomination,
                    kind=FileKind.UPLOADED,
                    file=stored,
                    original_name=f"thanh-phan-{item.position + 1}{whom}.pdf",
                    content_kind="pdf",
                    size=len(content),
                    added_by=actor,
                )
            )
    DossierFile.objects.bulk_create(rows)
    DossierFile.objects.filter(dossier=dossier).update(added_at=SCANNED_AT)


def _events(dossier: Dossier, nominations: list[Nomination], actor) -> None:
    """The history ``submit``, ``receive`` and ``accept`` write, at fixed moments."""
    draft, submitted, accepted = (
        NominationStatus.DRAFT,
        NominationStatus.SUBMITTED,
        NominationStatus.ACCEPTED,
    )
    DossierEvent.objects.bulk_create(
        DossierEvent(dossier=dossier, actor=actor, from_status=a, to_status=b, action=action)
        for a, b, action in (
            (draft, submitted, "submitted"),
            (submitted, submitted, "received"),
            (submitted, accepted, "accepted"),
        )
    )
    NominationEvent.objects.bulk_create(
        NominationEvent(nomination=nomination, actor=actor, from_status=a, to_status=b)
        for nomination in nominations
        for a, b in (("", draft), (draft, submitted), (submitted, accepted))
    )
    # ``at`` is stamped with the clock on insert: the moments are set afterwards.
    for action in ("submitted", "received", "accepted"):
        DossierEvent.objects.filter(dossier=dossier, action=action).update(at=MOMENTS[action])
    for status in (draft, submitted, accepted):
        NominationEvent.objects.filter(nomination__dossier=dossier, to_status=status).update(
            at=MOMENTS[status]
        )


def add_accepted_nominations(
    movement: Movement,
    award_form: AwardForm,
    *,
    office_user,
    office_unit: Unit,
    units: list[Unit],
    people: list[Person],
    rng: random.Random,
) -> list[Nomination]:
    """Propose ``units`` (collectives) and ``people`` (individuals) for ``award_form`` in
    the Office's dossier, complete and accepted; returns the nominations, collectives
    first."""
    _ratings(movement, units, people, rng)
    calendar = calendar_for(movement.organisation_id)
    dossier = Dossier.objects.create(
        movement=movement,
        proposing_unit=office_unit,
        status=NominationStatus.ACCEPTED,
        document_date=DOSSIER_DATE,
        submitted_at=SUBMITTED_AT,
        received_on=RECEIVED_ON,
        received_by=office_user,
        appraisal_due=calendar.add_working_days(RECEIVED_ON, APPRAISAL_WORKING_DAYS),
        accepted_on=ACCEPTED_ON,
        created_by=office_user,
    )
    day = expected_decision_date(movement)
    nominations = [
        Nomination(
            movement=movement,
            award_form=award_form,
            target=target,
            unit=subject if target == Target.COLLECTIVE else None,
            person=subject if target == Target.INDIVIDUAL else None,
            proposing_unit=office_unit,
            proposed_by=office_user,
            status=NominationStatus.ACCEPTED,
            achievement_summary=rng.choice(SUMMARIES[target]),
            dossier=dossier,
            expected_decision_date=day,
        )
        for target, subjects in ((Target.COLLECTIVE, units), (Target.INDIVIDUAL, people))
        for subject in subjects
    ]
    Nomination.objects.bulk_create(nominations)
    # Kept as ``submit`` keeps it: checked with all the dossier's nominations in place,
    # so the quota rule counts the others (a warning when a group is over its maximum).
    for nomination in nominations:
        candidate = Candidate(nomination.target, nomination.unit, nomination.person)
        result = check(movement, award_form, candidate, day, exclude_nomination_id=nomination.pk)
        if not result.eligible:
            raise ValueError(f"{candidate.name}: {result.message()}")
        nomination.eligibility = result.as_list()
    Nomination.objects.bulk_update(nominations, ["eligibility"])
    _scans(dossier, nominations, office_user)
    _events(dossier, nominations, office_user)
    return nominations
