"""Public disclosure (công khai) of the list the council proposes: a public page open for
the configured number of days, where anyone may comment, and the Office's handling of
each comment. The notice (Thông báo công khai) is drafted in the register."""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.i18n import in_vietnamese
from thidua.documents import services as documents
from thidua.documents.models import Status as DocumentStatus
from thidua.documents.services import DocumentError, Signer
from thidua.movements.models import Target
from thidua.vn import format_date

from .models import CommentStatus, Disclosure, DisclosureComment, Meeting, Outcome
from .services import CouncilError, council_of, is_office, setting_for

MAX_COMMENT = 3000


def _rows(meeting: Meeting) -> list[dict]:
    rows: list[dict] = []
    approved = list(
        meeting.candidates.filter(outcome=Outcome.APPROVED).order_by("target", "position")
    )
    for roman, target in (("I", Target.COLLECTIVE), ("II", Target.INDIVIDUAL)):
        group = [c for c in approved if c.target == target]
        if not group:
            continue
        rows.append(
            {
                "stt": roman,
                "heading": Target(target).label.upper(),
                "name": "",
                "position": "",
                "form": "",
            }
        )
        for index, c in enumerate(group, start=1):
            rows.append(
                {
                    "stt": str(index),
                    "heading": "",
                    "name": c.name,
                    "position": c.detail,
                    "form": meeting.award_form,
                }
            )
    return rows


def _notice(meeting: Meeting, starts_on: datetime.date, ends_on: datetime.date) -> dict:
    """The content of the Thông báo công khai: the list and the period for comments."""
    movement = meeting.movement.title[:1].lower() + meeting.movement.title[1:]
    name = meeting.organisation.name_on(starts_on)
    return {
        "summary": f"Công khai danh sách tập thể, cá nhân đề nghị tặng {meeting.award_form} "
        f"trong {movement}",
        "context": {
            "intro": [
                {
                    "kind": "para",
                    "text": f"Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng phường ngày "
                    f"{format_date(timezone.localdate(meeting.starts_at))}, UBND {name} thông báo "
                    f"công khai danh sách tập thể, cá nhân đề nghị tặng {meeting.award_form} "
                    f"trong {movement} như sau:",
                }
            ],
            "list_rows": _rows(meeting),
            "body": [
                {
                    "kind": "para",
                    "text": f"Thời gian nhận ý kiến: từ ngày {format_date(starts_on)} đến hết "
                    f"ngày {format_date(ends_on)}, tại Văn phòng UBND phường hoặc trên trang "
                    "công khai của phường. Ý kiến ghi rõ họ tên, địa chỉ",
                }
            ],
        },
    }


def _draft_notice(actor, meeting: Meeting, starts_on: datetime.date, ends_on: datetime.date):
    notice = _notice(meeting, starts_on, ends_on)
    try:
        return documents.create_draft(
            actor,
            meeting.organisation,
            "thong_bao_cong_khai",
            starts_on,
            notice["context"],
            summary=notice["summary"],
            recipients=[("Các ban, ngành, đoàn thể phường", ""), ("Lưu: VT", "")],
            signer=Signer("", "CHÁNH VĂN PHÒNG", "TL", principal_title="CHỦ TỊCH"),
        )
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc


@transaction.atomic
@in_vietnamese
def publish(
    actor, meeting: Meeting, starts_on: datetime.date, days: int | None = None
) -> Disclosure:
    """Publish the approved list from ``starts_on`` for the council's number of days."""
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("organisation", "movement")
        .get(pk=meeting.pk)
    )
    if not is_office(actor, meeting.organisation_id):
        raise PermissionError("Chỉ Văn phòng công khai danh sách.")
    if not meeting.is_closed:
        raise CouncilError("Chỉ công khai sau khi cuộc họp Hội đồng đã kết thúc.")
    if Disclosure.objects.filter(meeting=meeting).exists():
        raise CouncilError("Danh sách của cuộc họp này đã được công khai.")
    if not meeting.candidates.filter(outcome=Outcome.APPROVED).exists():
        raise CouncilError("Hội đồng không đề nghị ai nên không có danh sách để công khai.")
    if starts_on < timezone.localdate(meeting.starts_at):
        raise CouncilError("Ngày bắt đầu công khai không thể trước ngày họp.")
    days = days or setting_for(council_of(meeting.organisation), meeting.award_form).disclosure_days
    if not 1 <= days <= 60:
        raise CouncilError("Số ngày công khai phải từ 1 đến 60.")
    ends_on = starts_on + datetime.timedelta(days=days - 1)
    notice = _draft_notice(actor, meeting, starts_on, ends_on)
    disclosure = Disclosure.objects.create(
        organisation=meeting.organisation,
        meeting=meeting,
        code=secrets.token_urlsafe(12),
        starts_on=starts_on,
        ends_on=ends_on,
        notice=notice,
        created_by=actor,
    )
    record(actor, "council.list_disclosed", disclosure, data={"from": starts_on, "to": ends_on})
    return disclosure


@transaction.atomic
@in_vietnamese
def restart_after_correction(actor, meeting: Meeting, today: datetime.date) -> Disclosure | None:
    """The chair corrected the list after it was disclosed: the public must see the list
    that will be decided, for the whole period (publicity, DOMAIN §5–§6). The period, of
    the same length, counts again from ``today`` (or stays, if it has not begun); the
    notice shows the new list — redrafted while a draft, or a new notice when the first
    was already issued (an issued document never changes). Comments already received stay
    and still need handling. Nothing happens before the list is disclosed."""
    disclosure = (
        Disclosure.objects.select_for_update(of=("self",))
        .select_related("notice")
        .filter(meeting=meeting)
        .first()
    )
    if disclosure is None:
        return None
    previous = (disclosure.starts_on, disclosure.ends_on)
    days = (disclosure.ends_on - disclosure.starts_on).days + 1
    starts_on = max(today, disclosure.starts_on)
    ends_on = starts_on + datetime.timedelta(days=days - 1)
    notice = disclosure.notice
    try:
        if notice is not None and notice.status == DocumentStatus.DRAFT:
            content = _notice(meeting, starts_on, ends_on)
            documents.update_draft(actor, notice, date=starts_on, **content)
        else:
            notice = _draft_notice(actor, meeting, starts_on, ends_on)
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    disclosure.starts_on, disclosure.ends_on = starts_on, ends_on
    disclosure.restarted_on = today
    disclosure.notice = notice
    disclosure.save(update_fields=["starts_on", "ends_on", "restarted_on", "notice"])
    record(
        actor,
        "council.disclosure_restarted",
        disclosure,
        data={"from": starts_on, "to": ends_on, "before": previous},
    )
    return disclosure


def is_open(disclosure: Disclosure, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return disclosure.starts_on <= today <= disclosure.ends_on


@transaction.atomic
def add_comment(
    disclosure: Disclosure,
    *,
    author: str,
    contact: str,
    text: str,
    today: datetime.date | None = None,
) -> DisclosureComment:
    """Anyone comments on the disclosed list while it is open."""
    today = today or timezone.localdate()
    if today < disclosure.starts_on:
        raise CouncilError(
            f"Chưa đến thời gian nhận ý kiến (từ ngày {format_date(disclosure.starts_on)})."
        )
    if today > disclosure.ends_on:
        raise CouncilError(
            f"Đã hết thời gian nhận ý kiến (đến hết ngày {format_date(disclosure.ends_on)})."
        )
    author, text = " ".join(author.split()), text.strip()
    if len(author) < 2:
        raise CouncilError("Hãy ghi họ và tên của người góp ý.")
    if len(text) < 5:
        raise CouncilError("Hãy ghi nội dung ý kiến (ít nhất 5 ký tự).")
    if len(text) > MAX_COMMENT:
        raise CouncilError(f"Ý kiến dài quá {MAX_COMMENT} ký tự; hãy viết ngắn gọn hơn.")
    comment = DisclosureComment.objects.create(
        disclosure=disclosure, author=author[:120], contact=contact.strip()[:200], text=text
    )
    record(
        None,
        "council.comment_received",
        disclosure,
        data={"comment": comment.pk, "author": comment.author},
    )
    return comment


@transaction.atomic
def handle_comment(actor, comment: DisclosureComment, handling: str) -> DisclosureComment:
    """The Office records how a comment was handled."""
    comment = (
        DisclosureComment.objects.select_for_update()
        .select_related("disclosure")
        .get(pk=comment.pk)
    )
    if not is_office(actor, comment.disclosure.organisation_id):
        raise PermissionError("Chỉ Văn phòng ghi kết quả xử lý ý kiến.")
    if len(handling.strip()) < 5:
        raise CouncilError("Hãy ghi kết quả xử lý (ít nhất 5 ký tự).")
    comment.handling = handling.strip()
    comment.status = CommentStatus.HANDLED
    comment.handled_by = actor
    comment.handled_at = timezone.now()
    comment.save(update_fields=["handling", "status", "handled_by", "handled_at"])
    record(
        actor,
        "council.comment_handled",
        comment.disclosure,
        data={"comment": comment.pk, "handling": comment.handling},
    )
    return comment
