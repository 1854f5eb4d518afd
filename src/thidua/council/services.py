"""The council's domain operations: members and settings, meetings, attendance, conflicts
of interest, votes (show of hands, named ballot, secret ballot), counting, the council's
outcome per candidate within the quota, and closing the meeting.

Each operation checks who may do it, validates, runs in a transaction and writes the
action log. A refused operation raises :class:`CouncilError` (a Vietnamese message that
says what is wrong and how to fix it) or :class:`PermissionError`, and changes nothing.

Decisions, disclosure and the report upward are in :mod:`.decisions`, :mod:`.disclosure`
and :mod:`.reporting`.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.audit.services import record
from thidua.movements.models import Movement, Quota, Target
from thidua.nominations.council_outcomes import set_outcome
from thidua.nominations.models import Nomination, NominationStatus
from thidua.orgs.models import Gender, Membership, Organisation, Role, Unit, UnitKind
from thidua.orgs.services import has_role
from thidua.vn import format_date

from . import ballot_box, tally
from .models import (
    ENDED_DECISION,
    PRESIDING_ROLES,
    Attendance,
    Candidate,
    Choice,
    Conflict,
    ConflictKind,
    Council,
    CouncilMember,
    CouncilRole,
    CouncilSetting,
    CountedReceipt,
    DecisionStatus,
    Denominator,
    Meeting,
    MeetingAct,
    MeetingStatus,
    OpenVote,
    Outcome,
    Participation,
    SealedBallot,
    SecretVote,
    VotingMethod,
)

OFFICE_ROLES = (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN)
WOMEN_SHARE = Decimal("0.70")


class CouncilError(ValueError):
    """A refused operation; the message says what is wrong and how to fix it."""


# --- Who may do what ----------------------------------------------------------------------


def is_office(user, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *OFFICE_ROLES)


def seat_of(user, meeting_or_council) -> CouncilMember | None:
    council_id = (
        meeting_or_council.council_id
        if isinstance(meeting_or_council, Meeting)
        else meeting_or_council.pk
    )
    if not getattr(user, "is_authenticated", False):
        return None
    return CouncilMember.objects.filter(council_id=council_id, user=user, active=True).first()


def can_preside(user, meeting: Meeting) -> bool:
    seat = seat_of(user, meeting)
    return seat is not None and seat.role in PRESIDING_ROLES


def can_keep_record(user, meeting: Meeting) -> bool:
    """The secretary or the Office (standing organ) keep attendance and enter votes."""
    seat = seat_of(user, meeting)
    return (seat is not None and seat.role == CouncilRole.SECRETARY) or is_office(
        user, meeting.organisation_id
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionError(message)


def _require_office(user, organisation) -> None:
    _require(
        is_office(user, organisation),
        "Chỉ Văn phòng (thường trực Hội đồng) và lãnh đạo UBND được làm việc này.",
    )


def _require_presiding(user, meeting: Meeting) -> None:
    _require(
        can_preside(user, meeting),
        "Chỉ Chủ tịch hoặc Phó Chủ tịch Hội đồng (chủ trì cuộc họp) được làm việc này.",
    )


def _require_record_keeper(user, meeting: Meeting) -> None:
    _require(
        can_keep_record(user, meeting),
        "Chỉ Thư ký Hội đồng hoặc Văn phòng được ghi điểm danh và nhập phiếu.",
    )


def _require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise CouncilError(
            "Cuộc họp đã kết thúc nên không thay đổi được nữa. Nếu cần đính chính, hãy ghi "
            "nhận bổ sung ở cuối trang cuộc họp."
        )


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("organisation").get(pk=meeting.pk)


# --- The council and its settings -----------------------------------------------------------

TITLE_ROLES = {
    "chu tich hoi dong": CouncilRole.CHAIR,
    "pho chu tich hoi dong": CouncilRole.VICE_CHAIR,
    "uy vien - thu ky": CouncilRole.SECRETARY,
    "uy vien thu ky": CouncilRole.SECRETARY,
    "thu ky": CouncilRole.SECRETARY,
    "thu ky hoi dong": CouncilRole.SECRETARY,
    "uy vien": CouncilRole.MEMBER,
}
ROLE_ORDER = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.MEMBER, CouncilRole.SECRETARY]

# The law's defaults per award form (DOMAIN §5): CSTĐCS by ballot with ≥ 80% of all
# members (NĐ 98/2023 Điều 30 k.7), absent members voting in writing; the others by a
# simple majority of those voting, commonly by a show of hands. Quorum 2/3 (a model
# provincial rule). All of it editable per council.
LAW_DEFAULTS: dict[str, dict] = {
    "Chiến sĩ thi đua cơ sở": {
        "method": VotingMethod.SECRET,
        "threshold_percent": 80,
        "threshold_strict": False,
        "denominator": Denominator.ALL,
    },
}
MAJORITY = {
    "method": VotingMethod.HANDS,
    "threshold_percent": 50,
    "threshold_strict": True,
    "denominator": Denominator.PRESENT,
}
COMMON = {
    "quorum_numerator": 2,
    "quorum_denominator": 3,
    "allow_written_votes": True,
    "disclosure_days": 5,
}


def law_defaults(award_form: str) -> dict:
    return {**COMMON, **LAW_DEFAULTS.get(award_form, MAJORITY)}


def council_of(organisation: Organisation) -> Council:
    """The organisation's council, made on first use from its council unit."""
    council = Council.objects.filter(organisation=organisation).first()
    if council is not None:
        return council
    unit = Unit.objects.filter(organisation=organisation, kind=UnitKind.COUNCIL).first()
    council, _ = Council.objects.get_or_create(
        organisation=organisation,
        defaults={
            "unit": unit,
            "name": unit.name if unit else f"Hội đồng Thi đua - Khen thưởng {organisation}",
        },
    )
    return council


def role_from_title(title: str) -> CouncilRole:
    from thidua.vn import search_key

    return TITLE_ROLES.get(search_key(title).strip(), CouncilRole.MEMBER)


@transaction.atomic
def sync_members(actor, council: Council) -> list[CouncilMember]:
    """Take the members from the council unit's memberships (role “council_member”), their
    council role from the membership's title; members no longer there become inactive."""
    if actor is not None:
        _require_office(actor, council.organisation_id)
    if council.unit_id is None:
        raise CouncilError(
            "Chưa có đơn vị loại “Hội đồng” trong danh sách đơn vị; hãy thêm đơn vị đó và "
            "gán vai trò “Thành viên Hội đồng TĐKT” cho từng thành viên."
        )
    memberships = list(
        Membership.objects.filter(unit_id=council.unit_id, role=Role.COUNCIL_MEMBER)
        .select_related("user__person")
        .order_by("id")
    )
    keep = []
    chairs = [m for m in memberships if role_from_title(m.title) == CouncilRole.CHAIR]
    if len(chairs) > 1:
        raise CouncilError("Có hơn một người mang chức danh “Chủ tịch Hội đồng”; hãy sửa lại.")
    ordered = sorted(memberships, key=lambda m: (ROLE_ORDER.index(role_from_title(m.title)), m.id))
    for order, membership in enumerate(ordered, start=1):
        person = getattr(membership.user, "person", None)
        name = person.full_name if person else membership.user.get_full_name()
        member, _ = CouncilMember.objects.update_or_create(
            council=council,
            user=membership.user,
            defaults={
                "person": person,
                "full_name": name or membership.user.get_username(),
                "position": person.position if person else "",
                "role": role_from_title(membership.title),
                "order": order,
                "active": True,
            },
        )
        keep.append(member.pk)
    CouncilMember.objects.filter(council=council).exclude(pk__in=keep).update(active=False)
    if actor is not None:
        record(
            actor,
            "council.members_synced",
            council,
            organisation=council.organisation,
            data={"members": len(keep)},
        )
    return list(CouncilMember.objects.filter(pk__in=keep))


def setting_for(council: Council, award_form: str) -> CouncilSetting:
    """The council's saved rules for ``award_form``, or the law's defaults (not saved)."""
    saved = CouncilSetting.objects.filter(council=council, award_form=award_form).first()
    return saved or CouncilSetting(
        council=council, award_form=award_form, **law_defaults(award_form)
    )


RULE_FIELDS = (
    "quorum_numerator",
    "quorum_denominator",
    "method",
    "threshold_percent",
    "threshold_strict",
    "denominator",
    "allow_written_votes",
)


def _check_rules(values: dict) -> None:
    numerator, denominator = values["quorum_numerator"], values["quorum_denominator"]
    if not denominator or not 0 < numerator <= denominator:
        raise CouncilError(
            "Tỷ lệ có mặt tối thiểu phải là một phân số từ 0 đến 1, ví dụ 2/3 (tử số 2, mẫu số 3)."
        )
    if not 1 <= values["threshold_percent"] <= 100:
        raise CouncilError("Tỷ lệ đồng ý phải từ 1 đến 100%, ví dụ 50 (quá bán) hoặc 80.")
    if values["method"] not in VotingMethod.values:
        raise CouncilError("Hãy chọn hình thức biểu quyết: giơ tay, bỏ phiếu hoặc bỏ phiếu kín.")
    if values["denominator"] not in Denominator.values:
        raise CouncilError(
            "Hãy chọn cách tính tỷ lệ: trên số tham gia hoặc trên tổng số thành viên."
        )


@transaction.atomic
def save_setting(actor, council: Council, award_form: str, values: dict) -> CouncilSetting:
    _require_office(actor, council.organisation_id)
    award_form = " ".join(award_form.split())
    if not award_form:
        raise CouncilError("Hãy ghi hình thức khen thưởng, ví dụ “Giấy khen”.")
    values = {**law_defaults(award_form), **values}
    _check_rules(values)
    if not 1 <= values["disclosure_days"] <= 60:
        raise CouncilError("Số ngày công khai phải từ 1 đến 60.")
    setting, _ = CouncilSetting.objects.update_or_create(
        council=council, award_form=award_form, defaults=values
    )
    record(
        actor,
        "council.settings_changed",
        setting,
        organisation=council.organisation,
        data={"award_form": award_form, **{k: values[k] for k in RULE_FIELDS}},
    )
    return setting


# --- Meetings ----------------------------------------------------------------------------


def _candidate_detail(nomination: Nomination) -> str:
    if nomination.person_id:
        person = nomination.person
        unit = person.unit.name if person.unit_id else ""
        return ", ".join(filter(None, [person.position, unit]))
    return f"Thuộc {nomination.movement.organisation.committee_name}"


def _add_candidates(meeting: Meeting) -> int:
    nominations = (
        Nomination.objects.filter(
            movement=meeting.movement,
            award_form__form=meeting.award_form,
            status=NominationStatus.ACCEPTED,
        )
        .exclude(council_candidacies__meeting=meeting)
        .select_related("person__unit", "unit", "movement__organisation")
        .order_by("target", "id")
    )
    start = meeting.candidates.count()
    added = 0
    for offset, nomination in enumerate(nominations, start=start + 1):
        Candidate.objects.create(
            meeting=meeting,
            nomination=nomination,
            target=nomination.target,
            name=nomination.candidate_name,
            detail=_candidate_detail(nomination),
            position=offset,
        )
        added += 1
    return added


@transaction.atomic
def prepare_meeting(
    actor,
    movement: Movement,
    *,
    award_form: str,
    starts_at: datetime.datetime,
    place: str,
    agenda: str = "",
    title: str = "",
) -> Meeting:
    """A meeting to review the accepted nominations of ``award_form`` of a movement, with
    the council's rules for that form copied in, every active member on the attendance
    list and the accepted nominations as candidates."""
    _require_office(actor, movement.organisation_id)
    council = council_of(movement.organisation)
    if not council.members.filter(active=True).exists():
        sync_members(None, council)
    members = list(council.members.filter(active=True))
    if not members:
        raise CouncilError("Hội đồng chưa có thành viên; hãy cập nhật danh sách thành viên trước.")
    if not movement.award_forms.filter(form=award_form).exists():
        raise CouncilError(
            f"Phong trào không có hình thức “{award_form}”; hãy chọn hình thức khác."
        )
    if not place.strip():
        raise CouncilError("Hãy ghi địa điểm họp.")
    setting = setting_for(council, award_form)
    chair = next((m for m in members if m.role == CouncilRole.CHAIR), None)
    meeting = Meeting.objects.create(
        organisation=movement.organisation,
        council=council,
        movement=movement,
        award_form=award_form,
        title=title.strip()
        or f"Họp Hội đồng Thi đua - Khen thưởng xét tặng {award_form} trong {movement.title}",
        starts_at=starts_at,
        place=place.strip(),
        agenda=agenda.strip()
        or (
            f"1. Văn phòng báo cáo tóm tắt thành tích của các tập thể, cá nhân được đề nghị "
            f"tặng {award_form}.\n2. Hội đồng thảo luận, đối chiếu tiêu chuẩn và số lượng "
            f"theo kế hoạch.\n3. Biểu quyết ({setting.get_method_display().lower()}).\n"
            "4. Thông qua kết quả và biên bản."
        ),
        presiding=chair,
        **{name: getattr(setting, name) for name in RULE_FIELDS},
    )
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member=m) for m in members)
    added = _add_candidates(meeting)
    record(
        actor,
        "council.meeting_prepared",
        meeting,
        data={"candidates": added, "rules": setting.rules_text()},
    )
    return meeting


@transaction.atomic
def refresh_candidates(actor, meeting: Meeting) -> int:
    """Add nominations the Office accepted after the meeting was prepared."""
    meeting = _locked(meeting)
    _require_office(actor, meeting.organisation_id)
    if meeting.status not in (MeetingStatus.PREPARED, MeetingStatus.IN_SESSION):
        raise CouncilError("Đã bắt đầu biểu quyết nên không thêm người được xét được nữa.")
    added = _add_candidates(meeting)
    record(actor, "council.candidates_added", meeting, data={"added": added})
    return added


@transaction.atomic
def change_rules(actor, meeting: Meeting, values: dict) -> Meeting:
    """Change the rules of one meeting before its vote opens (e.g. a secret ballot asked
    for by the members)."""
    meeting = _locked(meeting)
    _require_office(actor, meeting.organisation_id)
    if meeting.status not in (MeetingStatus.PREPARED, MeetingStatus.IN_SESSION):
        raise CouncilError("Đã bắt đầu biểu quyết nên không đổi quy chế của cuộc họp được nữa.")
    merged = {name: values.get(name, getattr(meeting, name)) for name in RULE_FIELDS}
    _check_rules(merged)
    voting_item = f"Biểu quyết ({meeting.get_method_display().lower()})"
    for name, value in merged.items():
        setattr(meeting, name, value)
    # The agenda prepared from the council's settings names the method: the invitation
    # and the minutes must not announce a secret ballot for a show of hands.
    meeting.agenda = meeting.agenda.replace(
        voting_item, f"Biểu quyết ({meeting.get_method_display().lower()})"
    )
    meeting.save(update_fields=[*RULE_FIELDS, "agenda"])
    record(actor, "council.rules_changed", meeting, data=merged)
    return meeting


@transaction.atomic
def record_attendance(
    actor, meeting: Meeting, present_ids: set[int], notes: dict[int, str]
) -> Meeting:
    """Mark who is present (member ids); the meeting is then in session."""
    meeting = _locked(meeting)
    _require_record_keeper(actor, meeting)
    _require_open(meeting)
    if meeting.status not in (MeetingStatus.PREPARED, MeetingStatus.IN_SESSION):
        raise CouncilError("Đã bắt đầu biểu quyết nên không sửa điểm danh được nữa.")
    rows = list(meeting.attendance.select_related("member"))
    known = {row.member_id for row in rows}
    unknown = set(present_ids) - known
    if unknown:
        raise CouncilError("Danh sách có người không phải thành viên của cuộc họp này.")
    for row in rows:
        row.present = row.member_id in present_ids
        row.note = notes.get(row.member_id, "").strip()[:200]
    Attendance.objects.bulk_update(rows, ["present", "note"])
    meeting.status = MeetingStatus.IN_SESSION
    meeting.save(update_fields=["status"])
    record(
        actor,
        "council.attendance_recorded",
        meeting,
        data={
            "present": sorted(r.member.full_name for r in rows if r.present),
            "absent": sorted(r.member.full_name for r in rows if not r.present),
        },
    )
    return meeting


@dataclass
class QuorumState:
    members: int
    present: int
    needed: int
    reached: bool

    @property
    def text(self) -> str:
        state = "đủ" if self.reached else "chưa đủ"
        return (
            f"Có mặt {self.present}/{self.members} thành viên, cần ít nhất {self.needed}: "
            f"{state} số lượng để biểu quyết."
        )


def quorum_of(meeting: Meeting, attendance: list[Attendance] | None = None) -> QuorumState:
    rows = attendance if attendance is not None else list(meeting.attendance.all())
    members = len(rows)
    present = sum(1 for r in rows if r.present)
    return QuorumState(
        members,
        present,
        tally.quorum_needed(members, meeting.quorum_numerator, meeting.quorum_denominator),
        tally.has_quorum(present, members, meeting.quorum_numerator, meeting.quorum_denominator),
    )


# --- Conflicts of interest --------------------------------------------------------------------


@dataclass(frozen=True)
class DetectedConflict:
    member: CouncilMember
    candidate: Candidate
    kind: str

    @property
    def label(self) -> str:
        return ConflictKind(self.kind).label


def detect_conflicts(meeting: Meeting) -> list[DetectedConflict]:
    """Conflicts the records show: a member who is the candidate, heads the candidate unit,
    or heads the unit of a candidate person (direct superior). Family ties are not in the
    records: members declare those themselves."""
    members = [a.member for a in meeting.attendance.select_related("member__person")]
    heads: dict[int, set[int]] = defaultdict(set)
    for user_id, unit_id in Membership.objects.filter(
        user_id__in=[m.user_id for m in members], role=Role.UNIT_HEAD
    ).values_list("user_id", "unit_id"):
        heads[user_id].add(unit_id)
    found = []
    for candidate in meeting.candidates.select_related("nomination__person"):
        nomination = candidate.nomination
        for member in members:
            kind = None
            if nomination.person_id and member.person_id == nomination.person_id:
                kind = ConflictKind.IS_CANDIDATE
            elif nomination.unit_id and nomination.unit_id in heads[member.user_id]:
                kind = ConflictKind.HEADS_UNIT
            elif nomination.person_id and nomination.person.unit_id in heads[member.user_id]:
                kind = ConflictKind.SUPERIOR
            if kind:
                found.append(DetectedConflict(member, candidate, kind))
    return found


@transaction.atomic
def declare_conflict(
    actor, meeting: Meeting, candidate: Candidate, kind: str, note: str = "", member=None
) -> Conflict:
    """A member declares a conflict of interest on a candidate (the secretary may record
    it for a member); they will not vote on that candidate."""
    meeting = _locked(meeting)
    _require_open(meeting)
    if meeting.status == MeetingStatus.COUNTED:
        raise CouncilError("Đã kiểm phiếu; không khai báo xung đột lợi ích được nữa.")
    if member is None:
        member = seat_of(actor, meeting)
        _require(member is not None, "Chỉ thành viên Hội đồng mới khai báo xung đột lợi ích.")
    else:
        _require_record_keeper(actor, meeting)
    if candidate.meeting_id != meeting.pk:
        raise CouncilError("Người được xét không thuộc cuộc họp này.")
    if kind not in ConflictKind.values:
        raise CouncilError("Hãy chọn lý do xung đột lợi ích.")
    if (
        meeting.status == MeetingStatus.VOTING
        and Participation.objects.filter(meeting=meeting, member=member).exists()
    ):
        raise CouncilError(
            "Thành viên đã bỏ phiếu; xung đột lợi ích phải khai báo trước khi bỏ phiếu."
        )
    conflict, created = Conflict.objects.get_or_create(
        candidate=candidate, member=member, defaults={"kind": kind, "note": note.strip()[:300]}
    )
    if created:
        record(
            actor,
            "council.conflict_declared",
            meeting,
            data={"member": member.full_name, "candidate": candidate.name, "kind": kind},
        )
    return conflict


def conflicts_of(meeting: Meeting) -> set[tuple[int, int]]:
    """(candidate id, member id) of every declared conflict."""
    return set(
        Conflict.objects.filter(candidate__meeting=meeting).values_list("candidate_id", "member_id")
    )


# --- Voting ------------------------------------------------------------------------------


@transaction.atomic
def open_voting(actor, meeting: Meeting) -> Meeting:
    """Open the vote — only with a quorum present."""
    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    _require_open(meeting)
    if meeting.status != MeetingStatus.IN_SESSION:
        raise CouncilError("Hãy điểm danh trước; chỉ biểu quyết khi cuộc họp đang diễn ra.")
    if not meeting.candidates.exists():
        raise CouncilError("Chưa có tập thể, cá nhân nào được đưa ra xét.")
    quorum = quorum_of(meeting)
    if not quorum.reached:
        raise CouncilError(
            f"Không đủ số thành viên để biểu quyết: có mặt {quorum.present}/{quorum.members}, "
            f"cần ít nhất {quorum.needed} ({meeting.quorum_numerator}/"
            f"{meeting.quorum_denominator} số thành viên). Hãy hoãn biểu quyết."
        )
    if meeting.is_secret:
        meeting.ballot_box = ballot_box.new_box_name()
        ballot_box.open_box(meeting.ballot_box)
    meeting.status = MeetingStatus.VOTING
    meeting.save(update_fields=["status", "ballot_box"])
    record(
        actor,
        "council.voting_opened",
        meeting,
        data={"method": meeting.method, "present": quorum.present, "members": quorum.members},
    )
    return meeting


def entitled_candidates(
    meeting: Meeting, member: CouncilMember
) -> tuple[list[Candidate], list[Candidate]]:
    """(candidates the member votes on, candidates they declared a conflict on)."""
    conflicted = set(
        Conflict.objects.filter(candidate__meeting=meeting, member=member).values_list(
            "candidate_id", flat=True
        )
    )
    candidates = list(meeting.candidates.all())
    return (
        [c for c in candidates if c.pk not in conflicted],
        [c for c in candidates if c.pk in conflicted],
    )


def _check_choices(
    meeting: Meeting, member: CouncilMember, choices: dict[int, str]
) -> dict[int, str]:
    voting_on, conflicted = entitled_candidates(meeting, member)
    conflicted_ids = {c.pk for c in conflicted}
    if conflicted_ids & set(choices):
        raise CouncilError(
            "Phiếu có ý kiến về người mà thành viên đã khai báo xung đột lợi ích; "
            "hãy bỏ trống những người đó."
        )
    undeclared = {
        d.candidate.name
        for d in detect_conflicts(meeting)
        if d.member.pk == member.pk and d.candidate.pk not in conflicted_ids
    }
    if undeclared:
        raise CouncilError(
            "Hồ sơ cho thấy thành viên có xung đột lợi ích với: "
            f"{', '.join(sorted(undeclared))}. Hãy khai báo xung đột lợi ích trước khi bỏ phiếu."
        )
    missing = [c.name for c in voting_on if choices.get(c.pk) not in Choice.values]
    if missing:
        raise CouncilError(
            f"Phiếu chưa có ý kiến về: {', '.join(missing)}. Hãy chọn “Đồng ý”, “Không đồng ý” "
            "hoặc “Không biểu quyết” cho từng người."
        )
    extra = set(choices) - {c.pk for c in voting_on}
    if extra:
        raise CouncilError("Phiếu có người không thuộc cuộc họp này.")
    return {c.pk: choices[c.pk] for c in voting_on}


def _store_ballot(
    meeting: Meeting, member: CouncilMember, choices: dict[int, str], written: bool
) -> str | None:
    """Store one member's ballot; returns the receipt code of a secret ballot."""
    try:
        with transaction.atomic():
            Participation.objects.create(meeting=meeting, member=member, written=written)
    except IntegrityError as exc:
        raise CouncilError(
            f"{member.full_name} đã bỏ phiếu; mỗi thành viên chỉ bỏ phiếu một lần."
        ) from exc
    if meeting.is_secret:
        receipt = ballot_box.new_receipt()
        sealed = ballot_box.seal(
            meeting.ballot_box,
            choices,
            ballot_box.receipt_digest(meeting.ballot_box, receipt),
            meeting.candidates.count(),
        )
        SealedBallot.objects.create(meeting=meeting, sealed=sealed)
        return receipt
    OpenVote.objects.bulk_create(
        OpenVote(candidate_id=cid, member=member, choice=choice, written=written)
        for cid, choice in choices.items()
    )
    return None


@transaction.atomic
def cast_ballot(actor, meeting: Meeting, choices: dict[int, str]) -> str | None:
    """A present member votes from their own session: one choice per candidate they are
    entitled to vote on. Returns the receipt code of a secret ballot (shown once)."""
    meeting = _locked(meeting)
    member = seat_of(actor, meeting)
    _require(member is not None, "Chỉ thành viên Hội đồng mới được bỏ phiếu.")
    if meeting.status != MeetingStatus.VOTING:
        raise CouncilError("Chủ trì chưa mở biểu quyết, hoặc đã kết thúc bỏ phiếu.")
    if meeting.method == VotingMethod.HANDS:
        raise CouncilError("Cuộc họp biểu quyết bằng giơ tay; Thư ký ghi kết quả.")
    if not meeting.attendance.filter(member=member, present=True).exists():
        raise CouncilError(
            "Bạn không có tên trong danh sách có mặt. Thành viên vắng mặt gửi phiếu bằng văn bản "
            "cho Thư ký."
        )
    choices = _check_choices(meeting, member, choices)
    receipt = _store_ballot(meeting, member, choices, written=False)
    # Who voted is public; what they voted never reaches the log.
    record(actor, "council.ballot_cast", meeting, data={"member": member.full_name})
    return receipt


@transaction.atomic
def enter_written_ballot(
    actor, meeting: Meeting, member: CouncilMember, choices: dict[int, str]
) -> str | None:
    """The secretary enters an absent member's sealed written ballot into the same box."""
    meeting = _locked(meeting)
    _require_record_keeper(actor, meeting)
    if meeting.status != MeetingStatus.VOTING:
        raise CouncilError("Chỉ nhập phiếu bằng văn bản khi đang biểu quyết.")
    if not meeting.allow_written_votes:
        raise CouncilError(
            "Quy chế của cuộc họp không nhận phiếu bằng văn bản của thành viên vắng mặt."
        )
    attendance = meeting.attendance.filter(member=member).first()
    if attendance is None:
        raise CouncilError("Người này không phải thành viên của cuộc họp.")
    if attendance.present:
        raise CouncilError(f"{member.full_name} có mặt; thành viên có mặt tự bỏ phiếu.")
    choices = _check_choices(meeting, member, choices)
    receipt = _store_ballot(meeting, member, choices, written=True)
    record(actor, "council.written_ballot_entered", meeting, data={"member": member.full_name})
    return receipt


@transaction.atomic
def enter_hands(actor, meeting: Meeting, counts: dict[int, tuple[int, int, int]]) -> Meeting:
    """The secretary records the show of hands in the room: per candidate (for, against,
    abstain) among the members present who have no conflict on them."""
    meeting = _locked(meeting)
    _require_record_keeper(actor, meeting)
    if meeting.status != MeetingStatus.VOTING or meeting.method != VotingMethod.HANDS:
        raise CouncilError("Chỉ ghi kết quả giơ tay khi cuộc họp đang biểu quyết bằng giơ tay.")
    present = set(meeting.attendance.filter(present=True).values_list("member_id", flat=True))
    conflicts = conflicts_of(meeting)
    candidates = {c.pk: c for c in meeting.candidates.all()}
    for cid, (yes, no, abstain) in counts.items():
        candidate = candidates.get(cid)
        if candidate is None:
            raise CouncilError("Có người không thuộc cuộc họp này.")
        eligible = len([m for m in present if (cid, m) not in conflicts])
        if min(yes, no, abstain) < 0 or yes + no + abstain > eligible:
            raise CouncilError(
                f"{candidate.name}: tổng số đồng ý, không đồng ý, không biểu quyết "
                f"({yes + no + abstain}) vượt số thành viên có mặt được biểu quyết ({eligible})."
            )
        candidate.hands_for, candidate.hands_against, candidate.hands_abstain = yes, no, abstain
        candidate.save(update_fields=["hands_for", "hands_against", "hands_abstain"])
    record(
        actor,
        "council.hands_entered",
        meeting,
        data={candidates[c].name: list(v) for c, v in counts.items()},
    )
    return meeting


@transaction.atomic
def reset_ballot(actor, meeting: Meeting, reason: str) -> Meeting:
    """Hold the vote again (e.g. the box's key was lost): everything cast is discarded."""
    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    if meeting.status != MeetingStatus.VOTING:
        raise CouncilError("Chỉ cho bỏ phiếu lại khi đang biểu quyết.")
    if not reason.strip():
        raise CouncilError("Hãy ghi lý do cho bỏ phiếu lại.")
    SealedBallot.objects.filter(meeting=meeting).delete()
    Participation.objects.filter(meeting=meeting).delete()
    OpenVote.objects.filter(candidate__meeting=meeting).delete()
    meeting.candidates.update(hands_for=None, hands_against=None, hands_abstain=None)
    if meeting.is_secret:
        ballot_box.destroy_box(meeting.ballot_box)
        meeting.ballot_box = ballot_box.new_box_name()
        ballot_box.open_box(meeting.ballot_box)
        meeting.save(update_fields=["ballot_box"])
    record(actor, "council.ballot_reset", meeting, data={"reason": reason.strip()})
    return meeting


@transaction.atomic
def close_voting(actor, meeting: Meeting) -> Meeting:
    """End the vote. For a secret ballot: open the box, write each candidate's marks as
    anonymous rows in random order, keep the receipts (shuffled), destroy the sealed
    ballots and the key."""
    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    if meeting.status != MeetingStatus.VOTING:
        raise CouncilError("Cuộc họp không ở bước biểu quyết.")
    present = meeting.attendance.filter(present=True).count()
    if meeting.method == VotingMethod.HANDS:
        missing = [c.name for c in meeting.candidates.filter(hands_for__isnull=True)]
        if missing:
            raise CouncilError(f"Chưa ghi kết quả giơ tay cho: {', '.join(missing)}.")
    participants = Participation.objects.filter(meeting=meeting)
    written = participants.filter(written=True).count()
    meeting.ballots_issued = present + written
    if meeting.is_secret:
        sealed = list(SealedBallot.objects.filter(meeting=meeting).values_list("sealed", flat=True))
        try:
            opened = [ballot_box.unseal(meeting.ballot_box, bytes(s)) for s in sealed]
        except ballot_box.BoxUnreadable as exc:
            raise CouncilError(str(exc)) from exc
        votes = [
            SecretVote(candidate_id=cid, choice=choice)
            for choices, _receipt in opened
            for cid, choice in choices.items()
        ]
        receipts = [CountedReceipt(meeting=meeting, digest=r) for _c, r in opened]
        # The order rows are written in (and so their ids) must say nothing of who voted when.
        shuffle = random.SystemRandom().shuffle
        shuffle(votes)
        shuffle(receipts)
        SecretVote.objects.bulk_create(votes)
        CountedReceipt.objects.bulk_create(receipts)
        SealedBallot.objects.filter(meeting=meeting).delete()
        transaction.on_commit(lambda box=meeting.ballot_box: ballot_box.destroy_box(box))
    meeting.status = MeetingStatus.COUNTED
    meeting.save(update_fields=["status", "ballots_issued"])
    record(
        actor,
        "council.voting_closed",
        meeting,
        data={"ballots": participants.count(), "issued": meeting.ballots_issued},
    )
    return meeting


def check_receipt(meeting: Meeting, code: str) -> str:
    """What a voter learns from their receipt code (nothing about anyone else)."""
    if not meeting.is_secret:
        return "Cuộc họp này không bỏ phiếu kín nên không có mã biên nhận."
    if meeting.status in (MeetingStatus.PREPARED, MeetingStatus.IN_SESSION, MeetingStatus.VOTING):
        return "Chưa kiểm phiếu. Hãy kiểm tra lại sau khi chủ trì kết thúc bỏ phiếu."
    digest = ballot_box.receipt_digest(meeting.ballot_box, code)
    if CountedReceipt.objects.filter(meeting=meeting, digest=digest).exists():
        return "Phiếu có mã này đã được kiểm và tính vào kết quả."
    return "Không có phiếu nào mang mã này trong số phiếu đã kiểm. Hãy kiểm tra lại mã đã ghi."


# --- Results, quota and the council's outcome ---------------------------------------------------


@dataclass
class GroupResult:
    """The results of one target group with its quota."""

    target: str
    label: str
    rows: list[tally.Result]
    quota: tally.QuotaLimit
    approved: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class MeetingResults:
    groups: list[GroupResult]
    members: int
    present: int
    participants: int
    visible: bool  # False while a secret ballot is open: nothing but turnout is shown

    def row(self, candidate_id: int) -> tally.Result | None:
        for group in self.groups:
            for row in group.rows:
                if row.candidate_id == candidate_id:
                    return row
        return None


def quota_for(meeting: Meeting, target: str) -> tally.QuotaLimit:
    quotas = Quota.objects.filter(movement_id=meeting.movement_id, target=target).select_related(
        "award_form"
    )
    for quota in quotas:
        if quota.award_form_id is None or quota.award_form.form == meeting.award_form:
            maximum = quota.maximum
            if quota.percent_max is not None:
                from thidua.scoring.services import subjects_of

                cap = len(subjects_of(meeting.movement, target)) * quota.percent_max // 100
                maximum = cap if maximum is None else min(maximum, cap)
            text = quota.source_text or quota.describe()
            return tally.QuotaLimit(quota.minimum, maximum, text)
    return tally.QuotaLimit(None, None, "Kế hoạch không giới hạn số lượng")


def _women_first(nomination: Nomination, unit_women: dict[int, tuple[int, int]]) -> bool:
    if nomination.person_id:
        return nomination.person.gender == Gender.FEMALE
    women, people = unit_women.get(nomination.unit_id, (0, 0))
    return bool(people) and Decimal(women) / Decimal(people) >= WOMEN_SHARE


def results_of(meeting: Meeting, *, with_scores: bool = True) -> MeetingResults:
    """Each candidate's for / against / abstain against their denominator, ranked per
    target group, with the quota. A secret ballot shows nothing until it is counted."""
    attendance = list(meeting.attendance.all())
    members = len(attendance)
    present_ids = {a.member_id for a in attendance if a.present}
    participation = dict(
        Participation.objects.filter(meeting=meeting).values_list("member_id", "written")
    )
    conflicts = conflicts_of(meeting)
    candidates = list(
        meeting.candidates.select_related("nomination__person", "nomination__unit").order_by(
            "target", "position", "id"
        )
    )
    counts: dict[int, Counter] = defaultdict(Counter)
    visible = not (
        meeting.is_secret
        and meeting.status
        in (MeetingStatus.PREPARED, MeetingStatus.IN_SESSION, MeetingStatus.VOTING)
    )
    written_open: set[int] = set()
    if visible:
        if meeting.is_secret:
            source = SecretVote.objects.filter(candidate__meeting=meeting)
        else:
            source = OpenVote.objects.filter(candidate__meeting=meeting)
            written_open = set(source.filter(written=True).values_list("member_id", flat=True))
        for cid, choice, n in _grouped(source):
            counts[cid][choice] += n
    if meeting.method == VotingMethod.HANDS:
        participants = present_ids | written_open
    else:
        participants = set(participation)
    unit_ids = [c.nomination.unit_id for c in candidates if c.nomination.unit_id]
    unit_women = _unit_women(unit_ids)
    scores = _scores(meeting) if with_scores else {}
    groups = []
    for target in (Target.COLLECTIVE, Target.INDIVIDUAL):
        rows = []
        for c in (c for c in candidates if c.target == target):
            if meeting.method == VotingMethod.HANDS and c.hands_for is not None:
                counts[c.pk][Choice.FOR] += c.hands_for
                counts[c.pk][Choice.AGAINST] += c.hands_against or 0
                counts[c.pk][Choice.ABSTAIN] += c.hands_abstain or 0
            pool = (
                {a.member_id for a in attendance}
                if meeting.denominator == Denominator.ALL
                else participants
            )
            base = len([m for m in pool if (c.pk, m) not in conflicts])
            nomination = c.nomination
            score, priority = scores.get(
                (target, nomination.person_id or nomination.unit_id), (Decimal("0"), None)
            )
            if priority is None:
                priority = bool(nomination.person_id and nomination.person.performs_cchc)
            result = tally.Result(
                candidate_id=c.pk,
                target=target,
                name=c.name,
                votes_for=counts[c.pk][Choice.FOR],
                votes_against=counts[c.pk][Choice.AGAINST],
                votes_abstain=counts[c.pk][Choice.ABSTAIN],
                base=base,
                priority=priority,
                women_first=_women_first(nomination, unit_women),
                score=score,
                sort_name=_sort_name(c),
            )
            result.passed = visible and tally.passes(
                result.votes_for, base, meeting.threshold_percent, meeting.threshold_strict
            )
            rows.append(result)
        women = "nữ" if target == Target.INDIVIDUAL else "tập thể có từ 70% nữ"
        ranked = tally.rank(rows, women) if visible else rows
        quota = quota_for(meeting, target)
        approved = sum(
            1 for c in candidates if c.target == target and c.outcome == Outcome.APPROVED
        )
        group = GroupResult(target, Target(target).label, ranked, quota, approved)
        if quota.maximum is not None and len([r for r in ranked if r.passed]) > quota.maximum:
            group.warnings.append(
                f"Có {len([r for r in ranked if r.passed])} {group.label.lower()} đạt tỷ lệ, "
                f"nhiều hơn số tối đa {quota.maximum} theo kế hoạch: chỉ đề nghị theo thứ tự xếp hạng."
            )
        if candidates and quota.below_minimum(approved) and meeting.status == MeetingStatus.COUNTED:
            group.warnings.append(
                f"Mới đề nghị {approved} {group.label.lower()}, ít hơn số tối thiểu "
                f"{quota.minimum} theo kế hoạch."
            )
        groups.append(group)
    return MeetingResults(groups, members, len(present_ids), len(participants), visible)


def _grouped(queryset):
    from django.db.models import Count

    return queryset.values_list("candidate_id", "choice").annotate(n=Count("id")).order_by()


def _unit_women(unit_ids: list[int]) -> dict[int, tuple[int, int]]:
    from django.db.models import Count, Q

    rows = (
        Unit.objects.filter(pk__in=unit_ids)
        .annotate(
            people_count=Count("people", filter=Q(people__is_active=True)),
            women_count=Count(
                "people", filter=Q(people__is_active=True, people__gender=Gender.FEMALE)
            ),
        )
        .values_list("pk", "women_count", "people_count")
    )
    return {pk: (women, people) for pk, women, people in rows}


def _scores(meeting: Meeting) -> dict[tuple[str, int], tuple[Decimal, bool]]:
    """The scorecards of the movement (scoring app): score and the plan's priority."""
    from thidua.scoring.services import compute_ranking

    out: dict[tuple[str, int], tuple[Decimal, bool]] = {}
    targets = set(meeting.candidates.values_list("target", flat=True))
    for target in targets:
        for row in compute_ranking(meeting.movement, target).rows:
            out[(target, row.subject.pk)] = (row.score, row.priority)
    return out


def _sort_name(candidate: Candidate) -> str:
    nomination = candidate.nomination
    return nomination.person.sort_name if nomination.person_id else nomination.unit.sort_name


def _check_approval(meeting: Meeting, candidate: Candidate, row: tally.Result | None) -> None:
    """Approving needs the threshold passed and room in the quota, during the meeting
    and in a correction after it alike."""
    if row is None or not row.passed:
        raise CouncilError(
            f"Không thể đề nghị khen “{candidate.name}”: số phiếu đồng ý "
            f"{row.votes_for if row else 0}/{row.base if row else 0} "
            f"({row.percent_text if row else '0'}%) chưa đạt tỷ lệ theo quy chế."
        )
    quota = quota_for(meeting, candidate.target)
    approved = (
        meeting.candidates.filter(target=candidate.target, outcome=Outcome.APPROVED)
        .exclude(pk=candidate.pk)
        .count()
    )
    if quota.refuses(approved):
        label = Target(candidate.target).label.lower()
        raise CouncilError(
            f"Không thể đề nghị khen “{candidate.name}”: đã đủ số tối đa {quota.maximum} "
            f"{label} theo kế hoạch (“{quota.text}”). Muốn đề nghị người này, hãy chuyển một "
            f"{label} đã chọn sang “Không đề nghị” trước."
        )


@transaction.atomic
def decide(
    actor, meeting: Meeting, candidate: Candidate, outcome: str, reason: str = ""
) -> Candidate:
    """The chair records the council's outcome on a candidate: approving needs the
    threshold passed and room in the quota; refusals say why and change nothing."""
    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    _require_open(meeting)
    if meeting.status != MeetingStatus.COUNTED:
        raise CouncilError("Chỉ quyết định sau khi đã kết thúc bỏ phiếu và kiểm phiếu.")
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk, meeting=meeting)
    if outcome not in Outcome.values:
        raise CouncilError("Kết quả phải là “Đề nghị khen” hoặc “Không đề nghị”.")
    row = results_of(meeting, with_scores=False).row(candidate.pk)
    if outcome == Outcome.APPROVED:
        _check_approval(meeting, candidate, row)
        reason = reason or f"Đạt {row.votes_for}/{row.base} phiếu đồng ý ({row.percent_text}%)"
    elif not reason:
        reason = (
            f"Chỉ đạt {row.votes_for}/{row.base} phiếu đồng ý ({row.percent_text}%)"
            if row and not row.passed
            else "Hội đồng không đề nghị (ngoài số lượng theo kế hoạch)"
        )
    candidate.outcome = outcome
    candidate.outcome_reason = reason.strip()[:500]
    candidate.save(update_fields=["outcome", "outcome_reason"])
    record(
        actor,
        "council.candidate_decided",
        meeting,
        data={"candidate": candidate.name, "outcome": outcome, "reason": candidate.outcome_reason},
    )
    return candidate


@transaction.atomic
def apply_ranking(actor, meeting: Meeting) -> list[Candidate]:
    """Approve, in ranking order, those who passed, up to each quota's maximum; the rest
    are not proposed, each with the reason."""
    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    _require_open(meeting)
    if meeting.status != MeetingStatus.COUNTED:
        raise CouncilError("Chỉ áp dụng xếp hạng sau khi đã kiểm phiếu.")
    results = results_of(meeting)
    by_id = {c.pk: c for c in meeting.candidates.all()}
    changed = []
    for group in results.groups:
        taken = 0
        for row in group.rows:
            candidate = by_id[row.candidate_id]
            if row.passed and (group.quota.maximum is None or taken < group.quota.maximum):
                taken += 1
                candidate.outcome = Outcome.APPROVED
                candidate.outcome_reason = (
                    f"Xếp thứ {row.rank}; đạt {row.votes_for}/{row.base} phiếu đồng ý "
                    f"({row.percent_text}%)"
                )
            elif row.passed:
                candidate.outcome = Outcome.REJECTED
                candidate.outcome_reason = (
                    f"Xếp thứ {row.rank}, ngoài số tối đa {group.quota.maximum} theo kế hoạch"
                    + (f" ({'; '.join(row.reasons)})" if row.reasons else "")
                )
            else:
                candidate.outcome = Outcome.REJECTED
                candidate.outcome_reason = (
                    f"Chỉ đạt {row.votes_for}/{row.base} phiếu đồng ý ({row.percent_text}%)"
                )
            changed.append(candidate)
    Candidate.objects.bulk_update(changed, ["outcome", "outcome_reason"])
    record(actor, "council.ranking_applied", meeting, data={c.name: c.outcome for c in changed})
    return changed


@transaction.atomic
def close_meeting(actor, meeting: Meeting, conclusion: str = "") -> Meeting:
    """The chair closes the meeting: from now on nothing of it changes. The nominations
    take the council's outcome; the minutes are drafted in the register."""
    from . import minutes

    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    _require_open(meeting)
    if meeting.status != MeetingStatus.COUNTED:
        raise CouncilError(
            "Hãy kết thúc bỏ phiếu và quyết định từng người trước khi kết thúc cuộc họp."
        )
    candidates = list(meeting.candidates.select_related("nomination"))
    pending = [c.name for c in candidates if c.outcome == Outcome.PENDING]
    if pending:
        raise CouncilError(f"Chưa quyết định đề nghị hay không đối với: {', '.join(pending)}.")
    approved = [c for c in candidates if c.outcome == Outcome.APPROVED]
    meeting.conclusion = conclusion.strip() or default_conclusion(meeting, approved)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = meeting.ended_at = timezone.now()
    meeting.closed_by = actor
    meeting.save(update_fields=["conclusion", "status", "closed_at", "ended_at", "closed_by"])
    for candidate in candidates:
        status = (
            NominationStatus.APPROVED
            if candidate.outcome == Outcome.APPROVED
            else NominationStatus.REJECTED
        )
        try:
            set_outcome(actor, candidate.nomination, status, candidate.outcome_reason)
        except ValueError as exc:
            raise CouncilError(str(exc)) from exc
    record(
        actor,
        "council.meeting_closed",
        meeting,
        data={"approved": [c.name for c in approved], "conclusion": meeting.conclusion},
    )
    minutes.draft_minutes(actor, meeting)
    return meeting


def default_conclusion(meeting: Meeting, approved: list[Candidate]) -> str:
    collectives = sum(1 for c in approved if c.target == Target.COLLECTIVE)
    individuals = sum(1 for c in approved if c.target == Target.INDIVIDUAL)
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    if not parts:
        return "Hội đồng không đề nghị khen thưởng tập thể, cá nhân nào."
    return (
        f"Hội đồng thống nhất đề nghị Chủ tịch UBND tặng {meeting.award_form} cho "
        f"{' và '.join(parts)} có thành tích xuất sắc trong {meeting.movement.title[:1].lower()}"
        f"{meeting.movement.title[1:]}."
    )


def conclusion_of(meeting: Meeting) -> str:
    """The conclusion as it stands: the one given at the meeting or, once the chair has
    corrected an outcome, the conclusion of the corrected list (counts per target group)
    followed by the one given at the meeting, so the minutes show both."""
    if not meeting.acts.filter(candidate__isnull=False).exists():
        return meeting.conclusion
    approved = list(meeting.candidates.filter(outcome=Outcome.APPROVED))
    return (
        f"{default_conclusion(meeting, approved)} (Kết luận sau điều chỉnh, xem mục “Điều "
        f"chỉnh sau cuộc họp”; kết luận tại cuộc họp: {meeting.conclusion.rstrip('.')}.)"
    )


def _require_closed_with_text(meeting: Meeting, text: str) -> None:
    if meeting.status != MeetingStatus.CLOSED:
        raise CouncilError("Cuộc họp chưa kết thúc: hãy sửa trực tiếp trong cuộc họp.")
    if len(text.strip()) < 10:
        raise CouncilError("Hãy ghi rõ nội dung đính chính (ít nhất 10 ký tự).")


@transaction.atomic
def add_act(actor, meeting: Meeting, text: str) -> MeetingAct:
    """Record a correction or explanation about a closed meeting as a new act; minutes
    still in draft show it."""
    from . import minutes

    _require(
        can_keep_record(actor, meeting) or can_preside(actor, meeting),
        "Chỉ chủ trì, Thư ký Hội đồng hoặc Văn phòng được ghi nhận bổ sung.",
    )
    meeting = _locked(meeting)
    _require_closed_with_text(meeting, text)
    act = MeetingAct.objects.create(meeting=meeting, text=text.strip(), actor=actor)
    record(actor, "council.act_recorded", meeting, data={"text": act.text})
    minutes.refresh_minutes(meeting)
    return act


@transaction.atomic
def correct_outcome(
    actor,
    meeting: Meeting,
    candidate: Candidate,
    outcome: str,
    reason: str,
    *,
    today: datetime.date | None = None,
) -> MeetingAct:
    """The chair corrects the council's outcome on a candidate after the meeting closed
    (a person found ineligible, the next in rank taking the freed place): a new act with
    its reason. The votes stay as cast; approving still needs the threshold passed and
    room in the quota. The list of a decision standing (drafted, approved or issued)
    cannot change this way: the Office first discards the draft or the decision is
    revoked. A list already disclosed is disclosed again from ``today`` (publicity)."""
    from . import disclosure, minutes

    today = today or timezone.localdate()
    meeting = _locked(meeting)
    _require_presiding(actor, meeting)
    _require_closed_with_text(meeting, reason)
    if not timezone.localdate(meeting.starts_at) <= today <= timezone.localdate():
        raise CouncilError(
            "Ngày điều chỉnh phải từ ngày họp "
            f"({format_date(timezone.localdate(meeting.starts_at))}) đến hôm nay."
        )
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk, meeting=meeting)
    if outcome not in (Outcome.APPROVED, Outcome.REJECTED):
        raise CouncilError("Kết quả phải là “Đề nghị khen” hoặc “Không đề nghị”.")
    if outcome == candidate.outcome:
        raise CouncilError(
            f"“{candidate.name}” đã có kết quả “{candidate.get_outcome_display()}”; "
            "không có gì để điều chỉnh."
        )
    decision = meeting.decisions.exclude(status__in=ENDED_DECISION).first()
    if decision is not None:
        undo = (
            "hãy thu hồi quyết định đó trước"
            if decision.status == DecisionStatus.ISSUED
            else "Văn phòng hãy hủy dự thảo quyết định đó trước (nút “Hủy dự thảo quyết định”)"
        )
        raise CouncilError(
            f"Đã lập quyết định khen thưởng {decision} theo danh sách này; muốn điều chỉnh "
            f"kết quả của Hội đồng, {undo}."
        )
    if outcome == Outcome.APPROVED:
        _check_approval(
            meeting, candidate, results_of(meeting, with_scores=False).row(candidate.pk)
        )
    previous = candidate.outcome
    day = format_date(today)
    candidate.outcome = outcome
    candidate.outcome_reason = f"Điều chỉnh sau cuộc họp ngày {day}: {reason.strip()}"[:500]
    candidate.save(update_fields=["outcome", "outcome_reason"])
    status = NominationStatus.APPROVED if outcome == Outcome.APPROVED else NominationStatus.REJECTED
    try:
        set_outcome(actor, candidate.nomination, status, candidate.outcome_reason)
    except ValueError as exc:
        raise CouncilError(str(exc)) from exc
    act = MeetingAct.objects.create(
        meeting=meeting,
        candidate=candidate,
        from_outcome=previous,
        to_outcome=outcome,
        text=reason.strip(),
        day=today,
        actor=actor,
    )
    record(
        actor,
        "council.outcome_corrected",
        meeting,
        data={"candidate": candidate.name, "from": previous, "to": outcome, "reason": act.text},
    )
    minutes.refresh_minutes(meeting)
    disclosure.restart_after_correction(actor, meeting, today)
    return act
