"""The meeting's papers, rendered by the document register from a context handed over
here: the invitation (Giấy mời), the minutes (Biên bản họp Hội đồng) and, for a secret
ballot, the ballot-count minutes (Biên bản kiểm phiếu). Documents never import us."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from thidua.core.i18n import in_vietnamese
from thidua.documents import services as documents
from thidua.documents.models import Document
from thidua.documents.models import Status as DocumentStatus
from thidua.documents.services import DocumentError, Signer
from thidua.orgs.models import Gender
from thidua.vn import format_date

from .models import Attendance, Conflict, CouncilRole, Meeting, Outcome
from .services import CouncilError, conclusion_of, is_office, results_of


def _time(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút"


def _honorific(member) -> str:
    person = member.person
    if person is None:
        return "Đồng chí"
    return "Bà" if person.gender == Gender.FEMALE else "Ông"


def _who(member) -> str:
    position = f" - {member.position}" if member.position else ""
    return f"{_honorific(member)} {member.full_name}{position}, {member.get_role_display()}"


def meeting_context(meeting: Meeting) -> dict:
    """The ``meeting`` block shared by the invitation and the minutes."""
    attendance = list(Attendance.objects.filter(meeting=meeting).select_related("member__person"))
    members = [a.member for a in attendance]
    chair = meeting.presiding or next((m for m in members if m.role == CouncilRole.CHAIR), None)
    secretary = next((m for m in members if m.role == CouncilRole.SECRETARY), None)
    present = [a for a in attendance if a.present]
    absent = [a for a in attendance if not a.present]
    written = set(meeting.participations.filter(written=True).values_list("member_id", flat=True))
    written |= set(
        meeting.candidates.filter(open_votes__written=True).values_list(
            "open_votes__member_id", flat=True
        )
    )
    absent_text = "Không"
    if absent:
        parts = []
        for a in absent:
            note = f", {a.note}" if a.note else ""
            sent = ", đã gửi phiếu bằng văn bản" if a.member_id in written else ""
            parts.append(f"{_honorific(a.member).lower()} {a.member.full_name}{note}{sent}")
        absent_text = f"{len(absent):02d} thành viên ({'; '.join(parts)})"
    start = timezone.localtime(meeting.starts_at)
    return {
        "start": f"{_time(meeting.starts_at)}, ngày {start:%d/%m/%Y}",
        "end": _time(meeting.ended_at) if meeting.ended_at else "",
        "place": meeting.place,
        "chair": _who(chair) if chair else "",
        "secretary": _who(secretary) if secretary else "",
        "chair_name": chair.full_name if chair else "",
        "secretary_name": secretary.full_name if secretary else "",
        "present": "; ".join(f"{_honorific(a.member)} {a.member.full_name}" for a in present),
        "present_count": f"{len(present):02d}",
        "members_total": f"{len(attendance):02d}",
        "absent": absent_text,
        "voting_method": f"{meeting.get_method_display()} ({meeting.rules_text()})",
        "conclusion": conclusion_of(meeting),
        "agenda": meeting.agenda.replace("\n", "; "),
    }


_COUNT_KEYS = ("votes_for", "votes_against", "votes_abstain", "base")


def _vote_rows(meeting: Meeting) -> tuple[list[dict], list[dict]]:
    """(rows of the vote table, paragraphs with the full counts)."""
    results = results_of(meeting)
    outcomes = dict(meeting.candidates.values_list("pk", "outcome"))
    corrected = set(
        meeting.acts.filter(candidate__isnull=False).values_list("candidate_id", flat=True)
    )
    rows: list[dict] = []
    paragraphs: list[dict] = []
    for roman, group in zip(("I", "II"), results.groups, strict=True):
        if not group.rows:
            continue
        rows.append(
            {
                "stt": roman,
                "heading": group.label.upper(),
                **dict.fromkeys(("name", "form", "votes", "percent", "result", *_COUNT_KEYS), ""),
            }
        )
        for index, row in enumerate(group.rows, start=1):
            if outcomes.get(row.candidate_id) == Outcome.APPROVED:
                result = "Đề nghị khen"
            elif row.passed:
                result = "Đạt tỷ lệ, ngoài số lượng"
            else:
                result = "Không đạt"
            if row.candidate_id in corrected:
                result = f"{Outcome(outcomes[row.candidate_id]).label} (điều chỉnh)"
            rows.append(
                {
                    "stt": str(index),
                    "heading": "",
                    "name": row.name,
                    "form": meeting.award_form,
                    "votes": f"{row.votes_for}/{row.base}",
                    "percent": row.percent_text,
                    "result": result,
                    # The Biên bản kiểm phiếu shows each count and the denominator.
                    "votes_for": str(row.votes_for),
                    "votes_against": str(row.votes_against),
                    "votes_abstain": str(row.votes_abstain),
                    "base": str(row.base),
                }
            )
            paragraphs.append(
                {
                    "kind": "para",
                    "text": (
                        f"- {row.name}: {row.votes_for} đồng ý, {row.votes_against} không đồng "
                        f"ý, {row.votes_abstain} không biểu quyết trên {row.base} thành viên "
                        f"({row.percent_text}% đồng ý)"
                        + (f"; {'; '.join(row.reasons)}" if row.reasons else "")
                        + "."
                    ),
                }
            )
        paragraphs.append(
            {
                "kind": "para",
                "text": f"Số lượng {group.label.lower()} theo kế hoạch: {group.quota.text}",
            }
        )
    return rows, paragraphs


def _conflicts(meeting: Meeting) -> list[dict]:
    conflicts = list(
        Conflict.objects.filter(candidate__meeting=meeting).select_related("member", "candidate")
    )
    if not conflicts:
        return []
    return [
        {
            "kind": "para",
            "text": "Xung đột lợi ích đã khai báo (không biểu quyết đối với người liên quan):",
        },
        *(
            {
                "kind": "para",
                "text": f"- {c.member.full_name}: {c.candidate.name} "
                f"({c.get_kind_display().lower()}).",
            }
            for c in conflicts
        ),
    ]


def _body(meeting: Meeting, detail: list[dict]) -> list[dict]:
    body = [
        {"kind": "para", "text": line.strip()}
        for line in meeting.agenda.splitlines()
        if line.strip()
    ]
    body.extend(_conflicts(meeting))
    body.append({"kind": "para", "text": "Kết quả biểu quyết chi tiết:"})
    body.extend(detail)
    return body + _corrections(meeting)


def _actor_name(user) -> str:
    person = getattr(user, "person", None)
    return person.full_name if person else user.get_full_name() or user.username


def _corrections(meeting: Meeting) -> list[dict]:
    """The “Điều chỉnh sau cuộc họp” section: each act recorded after closing, with its
    date, who recorded it and the reason."""
    acts = list(meeting.acts.select_related("actor__person", "candidate"))
    if not acts:
        return []
    blocks = [{"kind": "heading", "text": "Điều chỉnh sau cuộc họp"}]
    for act in acts:
        day = format_date(act.day)
        if act.candidate_id:
            what = (
                f"điều chỉnh kết quả đối với {act.candidate.name} từ "
                f"“{act.get_from_outcome_display()}” thành “{act.get_to_outcome_display()}”; "
                f"lý do: {act.text}"
            )
        else:
            what = act.text
        blocks.append(
            {"kind": "para", "text": f"- Ngày {day}, {_actor_name(act.actor)}: {what.rstrip('.')}."}
        )
    return blocks


def _count_body(meeting: Meeting) -> list[dict]:
    return [
        {
            "kind": "para",
            "text": "Phiếu kín bỏ trên hệ thống từ thiết bị của từng thành viên; phiếu của thành "
            "viên vắng mặt do Thư ký nhập từ phiếu giấy niêm phong. Hệ thống chỉ nhận phiếu ghi "
            "đủ ý kiến (đồng ý, không đồng ý hoặc không biểu quyết) về từng người mà thành viên "
            "được biểu quyết. Phiếu chỉ được mở khi kết thúc bỏ phiếu và không gắn với người bỏ "
            "phiếu.",
        },
        *_conflicts(meeting),
        *_corrections(meeting),
    ]


def _minutes_contexts(meeting: Meeting) -> tuple[dict, dict]:
    """The content of the Biên bản họp and of the Biên bản kiểm phiếu."""
    context = meeting_context(meeting)
    rows, detail = _vote_rows(meeting)
    return (
        {"meeting": context, "body": _body(meeting, detail), "vote_rows": rows},
        {
            "meeting": context,
            "ballot": ballot_context(meeting, context),
            "vote_rows": rows,
            "body": _count_body(meeting),
        },
    )


@in_vietnamese
def refresh_minutes(meeting: Meeting) -> None:
    """After a correction, minutes still in draft are drafted again from the meeting and
    its acts; signed (issued) minutes never change."""
    minutes, count = _minutes_contexts(meeting)
    for document_id, context in ((meeting.minutes_id, minutes), (meeting.count_minutes_id, count)):
        if document_id is not None:
            Document.objects.filter(pk=document_id, status=DocumentStatus.DRAFT).update(
                context=context
            )


@transaction.atomic
@in_vietnamese
def draft_minutes(actor, meeting: Meeting) -> Meeting:
    """Draft the Biên bản họp (and the Biên bản kiểm phiếu of a secret ballot) in the
    council's own series; the Office numbers them in the register once signed."""
    if not meeting.is_closed:
        raise CouncilError("Chỉ lập biên bản khi cuộc họp đã kết thúc.")
    if not is_office(actor, meeting.organisation_id):
        raise PermissionError("Chỉ Văn phòng hoặc lãnh đạo UBND lập biên bản trong sổ văn bản.")
    day = timezone.localdate(meeting.starts_at)
    minutes, count = _minutes_contexts(meeting)
    updates = {}
    try:
        if meeting.minutes_id is None:
            updates["minutes"] = documents.create_draft(
                actor,
                meeting.organisation,
                "bien_ban_hop_hoi_dong",
                day,
                minutes,
                summary=f"Họp Hội đồng Thi đua - Khen thưởng xét tặng {meeting.award_form} "
                f"trong {meeting.movement.title[:1].lower()}{meeting.movement.title[1:]}",
            )
        if meeting.is_secret and meeting.count_minutes_id is None:
            updates["count_minutes"] = documents.create_draft(
                actor,
                meeting.organisation,
                "bien_ban_kiem_phieu",
                day,
                count,
                summary=f"Kiểm phiếu bầu chọn tập thể, cá nhân đề nghị tặng {meeting.award_form}",
            )
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    if updates:
        Meeting.objects.filter(pk=meeting.pk).update(**updates)
        for name, value in updates.items():
            setattr(meeting, name, value)
    return meeting


def ballot_context(meeting: Meeting, context: dict) -> dict:
    """The counts of the Biên bản kiểm phiếu, all from the stored ballot."""
    # One ballot per member present, and the absent members' written ballots the
    # secretary entered: the sum close_voting stored when the box was opened.
    issued = meeting.ballots_issued
    written = meeting.participations.filter(written=True).count()
    present = issued - written
    returned = meeting.participations.count()
    # Opening the box writes one receipt digest per ballot it could read and count. The
    # system has no notion of an invalid ballot: one not giving a choice on every candidate
    # the member may vote on is refused when cast. A ballot returned but not counted is
    # therefore the only invalid one there can be.
    valid = meeting.receipts.count()
    issued_detail = f"{present:02d} thành viên có mặt"
    if written:
        issued_detail += f", {written:02d} phiếu bằng văn bản của thành viên vắng mặt"
    return {
        "tellers": f"{context['secretary']} (Trưởng ban); {context['chair']} (giám sát)",
        "members_total": context["members_total"],
        "issued": f"{issued:02d} ({issued_detail})",
        "returned": f"{returned:02d}",
        "valid": f"{valid:02d}",
        "invalid": f"{returned - valid:02d}",
        "rule": f"{meeting.rules_text()}. Thành viên đã khai báo xung đột lợi ích với một "
        "người được xét không được tính vào tỷ lệ đối với người đó.",
        "supervisor_name": context["chair_name"],
        "head_name": context["secretary_name"],
    }


@transaction.atomic
@in_vietnamese
def draft_invitation(actor, meeting: Meeting, day: datetime.date):
    """The Giấy mời of the meeting (UBND series), signed by the Chairman for the committee."""
    if not is_office(actor, meeting.organisation_id):
        raise PermissionError("Chỉ Văn phòng lập giấy mời.")
    if meeting.invitation_id is not None:
        raise CouncilError("Cuộc họp đã có giấy mời; hãy mở giấy mời đó trong sổ văn bản.")
    if day > timezone.localdate(meeting.starts_at):
        raise CouncilError("Ngày giấy mời phải trước hoặc bằng ngày họp.")
    chair = meeting.presiding
    try:
        document = documents.create_draft(
            actor,
            meeting.organisation,
            "giay_moi",
            day,
            {
                "invitee": "Các thành viên Hội đồng Thi đua - Khen thưởng phường",
                "meeting": meeting_context(meeting),
                "body": [
                    {"kind": "para", "text": "Chương trình họp:"},
                    *[
                        {"kind": "para", "text": line}
                        for line in meeting.agenda.splitlines()
                        if line.strip()
                    ],
                    {
                        "kind": "para",
                        "text": "Thành viên vắng mặt có lý do gửi phiếu bằng văn bản (niêm phong) "
                        "cho Thư ký Hội đồng trước giờ họp. Rất mong các đồng chí tham dự đúng "
                        "thời gian, địa điểm trên",
                    },
                ],
            },
            summary=f"Mời họp Hội đồng Thi đua - Khen thưởng xét tặng {meeting.award_form}",
            recipients=[("Như thành phần mời", ""), ("Lưu: VT", "")],
            signer=Signer(chair.full_name if chair else "", "CHỦ TỊCH", "TM", "ỦY BAN NHÂN DÂN"),
        )
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    Meeting.objects.filter(pk=meeting.pk).update(invitation=document)
    meeting.invitation = document
    return document
