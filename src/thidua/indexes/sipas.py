"""SIPAS operations: signed desk links, citizen submissions with abuse resistance,
paper surveys imported from Excel, desks and the plan's target.

Abuse resistance uses no outside service. Each answer must carry:
- the desk link, signed with the site's key (``django.core.signing``), so a desk,
  staff member or procedure cannot be made up;
- a *visit* token issued when the page was opened, signed and bound to the device
  cookie: one answer per device per visit, and none sooner than a human could answer;
- an empty honeypot field.
Rates are limited per device token and per network address in the Django cache (all
of an office's citizens may share one address, so the address limit is generous).
Every rejection is counted by reason, so the index shows what it left out.

Limits (Django setting ``SIPAS_<NAME>`` or environment variable of the same name):
``MIN_SECONDS`` (3), ``DEVICE_PER_HOUR`` (10), ``KIOSK_PER_HOUR`` (240),
``IP_PER_HOUR`` (2000), ``VISIT_MAX_AGE_DAYS`` (7). With several app servers the
counters need a shared cache (``REDIS_URL``); a load test raises them through the
environment.
"""

from __future__ import annotations

import datetime
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from thidua.audit.services import record
from thidua.orgs.models import Organisation, Person, Unit
from thidua.vn import search_key

from .models import (
    Channel,
    IndexKind,
    IndexTarget,
    RejectReason,
    SipasAnswer,
    SipasCriterion,
    SipasDesk,
    SipasProcedure,
    SipasQuestionnaire,
    SipasRejection,
    SipasResponse,
)
from .queries import questionnaire_for

LINK_SALT = "thidua.indexes.sipas.link"
VISIT_SALT = "thidua.indexes.sipas.visit"
DEVICE_SALT = "thidua.indexes.sipas.device"
DEVICE_COOKIE = "sipas_device"
PAPER_NAMESPACE = uuid.UUID("6f0d7c1e-3a53-4a8e-9a57-0c6e9c3f5b21")


def limit(name: str, default: int) -> int:
    """A tunable limit: Django setting ``SIPAS_<NAME>``, else environment, else default."""
    value = getattr(settings, f"SIPAS_{name}", None)
    if value is None:
        value = os.environ.get(f"SIPAS_{name}")
    return int(value) if value not in (None, "") else default


def min_seconds() -> int:
    return limit("MIN_SECONDS", 3)


# --- Links -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskLink:
    """What a QR code carries: ward and desk, optionally procedure and staff; kiosk mode."""

    organisation_id: int
    desk_id: int
    procedure_id: int | None = None
    staff_id: int | None = None
    kiosk: bool = False


def make_token(
    desk: SipasDesk,
    *,
    procedure: SipasProcedure | None = None,
    staff: Person | None = None,
    kiosk: bool = False,
) -> str:
    payload: dict[str, Any] = {"o": desk.organisation_id, "d": desk.pk}
    if procedure is not None:
        payload["p"] = procedure.pk
    if staff is not None:
        payload["s"] = staff.pk
    if kiosk:
        payload["k"] = 1
    return signing.dumps(payload, salt=LINK_SALT, compress=True)


def read_token(token: str) -> DeskLink | None:
    try:
        data = signing.loads(token, salt=LINK_SALT)
        return DeskLink(
            organisation_id=int(data["o"]),
            desk_id=int(data["d"]),
            procedure_id=int(data["p"]) if data.get("p") else None,
            staff_id=int(data["s"]) if data.get("s") else None,
            kiosk=bool(data.get("k")),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@dataclass
class ResolvedLink:
    link: DeskLink
    desk: SipasDesk
    procedure: SipasProcedure | None
    staff: Person | None

    @property
    def organisation(self) -> Organisation:
        return self.desk.organisation


def resolve(token: str) -> ResolvedLink | None:
    """The desk (active, of the ward named in the link) and its optional procedure and staff."""
    link = read_token(token)
    if link is None:
        return None
    desk = (
        SipasDesk.objects.select_related("organisation__parent__parent")
        .filter(pk=link.desk_id, organisation_id=link.organisation_id, active=True)
        .first()
    )
    if desk is None:
        return None
    procedure = staff = None
    if link.procedure_id:
        procedure = SipasProcedure.objects.filter(
            pk=link.procedure_id, organisation_id=link.organisation_id
        ).first()
    if link.staff_id:
        staff = Person.objects.filter(
            pk=link.staff_id, organisation_id=link.organisation_id
        ).first()
    return ResolvedLink(link, desk, procedure, staff)


# --- Device and visit tokens -------------------------------------------------------------


def new_device_id() -> str:
    return uuid.uuid4().hex


def issue_visit(device: str, desk_id: int) -> str:
    """A one-use permission to answer once, bound to the device and the desk."""
    payload = {"v": uuid.uuid4().hex, "dv": device, "d": desk_id, "t": round(time.time(), 3)}
    return signing.dumps(payload, salt=VISIT_SALT)


# --- Submission --------------------------------------------------------------------------


class Rejected(Exception):
    """An answer that is not counted, with the reason recorded and a message for the citizen."""

    def __init__(self, reason: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status


@dataclass
class Submission:
    """What the page (or the offline queue) sends, normalised from JSON or a form post."""

    client_uuid: str = ""
    visit: str = ""
    questionnaire_id: int | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    overall: Any = None
    profile: dict[str, Any] = field(default_factory=dict)
    answered_at: str = ""
    honeypot: str = ""


def count_rejection(desk: SipasDesk, reason: str) -> None:
    day = timezone.localdate()
    lookup = {"organisation_id": desk.organisation_id, "desk": desk, "day": day, "reason": reason}
    if SipasRejection.objects.filter(**lookup).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SipasRejection.objects.create(**lookup, count=1)
    except IntegrityError:
        SipasRejection.objects.filter(**lookup).update(count=F("count") + 1)


def _within_rate(key: str, allowed: int, window: int = 3600) -> bool:
    bucket = f"sipas:rate:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, window + 60)
    try:
        used = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, window + 60)
        used = 1
    return used <= allowed


def _parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        return None


def _answer_day(answered_at: str, visit_time: float, now: datetime.datetime) -> datetime.date:
    """The day the citizen answered: the browser's clock for a queued answer, kept only
    when it falls between the visit and now (a wrong clock cannot move answers around)."""
    moment = None
    if answered_at:
        try:
            moment = datetime.datetime.fromisoformat(answered_at.replace("Z", "+00:00"))
        except ValueError:
            moment = None
    if moment is not None and timezone.is_aware(moment):
        earliest = datetime.datetime.fromtimestamp(visit_time, tz=datetime.UTC)
        if earliest - datetime.timedelta(minutes=5) <= moment <= now:
            return timezone.localtime(moment).date()
    return timezone.localtime(now).date()


def submit(
    resolved: ResolvedLink, data: Submission, *, device: str | None, address: str | None
) -> tuple[str, SipasResponse]:
    """Store one citizen's answer. Returns ("saved" | "duplicate", response).

    A resend of an answer already stored (same client UUID) is acknowledged as a
    duplicate and not counted again. Raises :class:`Rejected` otherwise.
    """
    desk = resolved.desk
    client_uuid = _parse_uuid(data.client_uuid) or uuid.uuid4()
    existing = SipasResponse.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        return "duplicate", existing
    try:
        return _submit(resolved, data, client_uuid, device=device, address=address)
    except Rejected as rejection:
        count_rejection(desk, rejection.reason)
        raise


def _submit(
    resolved: ResolvedLink,
    data: Submission,
    client_uuid: uuid.UUID,
    *,
    device: str | None,
    address: str | None,
) -> tuple[str, SipasResponse]:
    desk = resolved.desk
    if data.honeypot.strip():
        raise Rejected(RejectReason.HONEYPOT, "Phiếu không hợp lệ.", 400)
    if not device:
        raise Rejected(
            RejectReason.NO_DEVICE,
            "Trình duyệt chưa nhận mã thiết bị. Hãy bật cookie rồi quét lại mã QR.",
            403,
        )
    max_age = limit("VISIT_MAX_AGE_DAYS", 7) * 86400
    try:
        visit = signing.loads(data.visit, salt=VISIT_SALT, max_age=max_age)
        visit_id = uuid.UUID(visit["v"])
        visit_time = float(visit["t"])
        if visit["dv"] != device or int(visit["d"]) != desk.pk:
            raise ValueError("visit of another device or desk")
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise Rejected(
            RejectReason.INVALID_VISIT,
            "Phiên trả lời đã hết hạn hoặc không hợp lệ. Hãy quét lại mã QR tại quầy.",
            403,
        ) from exc
    if time.time() - visit_time < min_seconds():
        raise Rejected(
            RejectReason.TOO_FAST, "Phiếu được gửi quá nhanh. Hãy đọc và trả lời từng câu.", 400
        )
    if SipasResponse.objects.filter(visit_id=visit_id).exists():
        raise Rejected(
            RejectReason.VISIT_USED,
            "Ông/Bà đã gửi phiếu trong lần truy cập này. Cảm ơn Ông/Bà!",
            409,
        )
    per_device = (
        limit("KIOSK_PER_HOUR", 240) if resolved.link.kiosk else limit("DEVICE_PER_HOUR", 10)
    )
    if not _within_rate(f"dev:{device}", per_device):
        raise Rejected(
            RejectReason.RATE_DEVICE, "Thiết bị này đã gửi quá nhiều phiếu. Hãy thử lại sau.", 429
        )
    if address and not _within_rate(f"ip:{address}", limit("IP_PER_HOUR", 2000)):
        raise Rejected(
            RejectReason.RATE_IP, "Có quá nhiều phiếu từ cùng một mạng. Hãy thử lại sau.", 429
        )
    questionnaire = _questionnaire(resolved, data)
    values, overall, profile = _clean_answers(questionnaire, data)
    now = timezone.now()
    day = _answer_day(data.answered_at, visit_time, now)
    try:
        with transaction.atomic():
            response = SipasResponse.objects.create(
                organisation_id=desk.organisation_id,
                desk=desk,
                procedure=resolved.procedure,
                staff=resolved.staff,
                questionnaire=questionnaire,
                client_uuid=client_uuid,
                visit_id=visit_id,
                channel=Channel.KIOSK if resolved.link.kiosk else Channel.QR,
                day=day,
                overall=overall,
                profile=profile,
            )
            SipasAnswer.objects.bulk_create(
                SipasAnswer(
                    response=response,
                    criterion=criterion,
                    factor_id=criterion.factor_id,
                    organisation_id=desk.organisation_id,
                    day=day,
                    value=value,
                )
                for criterion, value in values
            )
    except IntegrityError as exc:
        # Two copies of one queued answer raced each other: the first one won.
        existing = SipasResponse.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            return "duplicate", existing
        raise Rejected(
            RejectReason.VISIT_USED,
            "Ông/Bà đã gửi phiếu trong lần truy cập này. Cảm ơn Ông/Bà!",
            409,
        ) from exc
    return "saved", response


def _questionnaire(resolved: ResolvedLink, data: Submission) -> SipasQuestionnaire:
    questionnaire = None
    if data.questionnaire_id:
        questionnaire = SipasQuestionnaire.objects.filter(pk=data.questionnaire_id).first()
    questionnaire = questionnaire or questionnaire_for(resolved.organisation, timezone.localdate())
    if questionnaire is None:
        raise Rejected(RejectReason.INVALID_ANSWERS, "Chưa có mẫu phiếu khảo sát.", 400)
    return questionnaire


def _scale_value(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 5 else None


def _clean_answers(
    questionnaire: SipasQuestionnaire, data: Submission
) -> tuple[list[tuple[SipasCriterion, int]], int | None, dict[str, str]]:
    criteria = {
        str(c.pk): c for c in SipasCriterion.objects.filter(factor__questionnaire=questionnaire)
    }
    values: list[tuple[SipasCriterion, int]] = []
    for key, raw in (data.answers or {}).items():
        if raw in (None, ""):
            continue
        criterion = criteria.get(str(key))
        value = _scale_value(raw)
        if criterion is None or value is None:
            raise Rejected(RejectReason.INVALID_ANSWERS, "Câu trả lời không hợp lệ.", 400)
        values.append((criterion, value))
    overall = _scale_value(data.overall) if data.overall not in (None, "") else None
    if data.overall not in (None, "") and overall is None:
        raise Rejected(RejectReason.INVALID_ANSWERS, "Câu đánh giá chung không hợp lệ.", 400)
    if not values and overall is None:
        raise Rejected(
            RejectReason.INVALID_ANSWERS,
            "Phiếu chưa có câu trả lời nào. Hãy chọn mức hài lòng cho ít nhất một câu.",
            400,
        )
    allowed = {p["code"]: set(p.get("options", [])) for p in questionnaire.profile}
    profile = {
        code: str(value)
        for code, value in (data.profile or {}).items()
        if code in allowed and str(value) in allowed[code]
    }
    return values, overall, profile


# --- Desks, procedures and the target ----------------------------------------------------


@transaction.atomic
def create_desk(actor, organisation: Organisation, name: str, description: str = "") -> SipasDesk:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Hãy nhập tên quầy, ví dụ “Quầy 1 - Tư pháp, hộ tịch”.")
    # Compared in Python: SQLite folds only ASCII case, and "Địa" must equal "địa".
    taken = SipasDesk.objects.filter(organisation=organisation).values_list("name", flat=True)
    if any(search_key(existing) == search_key(name) for existing in taken):
        raise ValidationError(f"Đã có quầy “{name}”. Hãy đặt tên khác.")
    unit = Unit.objects.filter(organisation=organisation, kind="one_stop").first()
    position = SipasDesk.objects.filter(organisation=organisation).count() + 1
    desk = SipasDesk.objects.create(
        organisation=organisation,
        unit=unit,
        name=name,
        description=description.strip()[:300],
        position=position,
    )
    record(actor, "sipas.desk_created", desk, data={"name": name})
    return desk


@transaction.atomic
def set_desk_active(actor, desk: SipasDesk, active: bool) -> None:
    desk.active = active
    desk.save(update_fields=["active"])
    record(actor, "sipas.desk_opened" if active else "sipas.desk_closed", desk)


@transaction.atomic
def set_target(
    actor,
    organisation: Organisation,
    year: int,
    index: str,
    *,
    rank_max: int | None,
    top_percent: int | None,
    source_text: str = "",
) -> IndexTarget:
    if index not in IndexKind.values:
        raise ValidationError("Chỉ số phải là Chỉ số CCHC hoặc SIPAS.")
    if bool(rank_max) == bool(top_percent):
        raise ValidationError(
            "Hãy ghi một trong hai: xếp hạng không thấp hơn (ví dụ 3) hoặc thuộc nhóm "
            "% cao nhất (ví dụ 30)."
        )
    if top_percent is not None and not 1 <= top_percent <= 100:
        raise ValidationError("Tỷ lệ phần trăm phải từ 1 đến 100.")
    comparison = organisation.parent
    if comparison is None:
        raise ValidationError("Đơn vị không có cấp trên để so sánh.")
    target, _ = IndexTarget.objects.update_or_create(
        organisation=organisation,
        year=year,
        index=index,
        defaults={
            "comparison": comparison,
            "rank_max": rank_max or None,
            "top_percent": top_percent or None,
            "source_text": source_text.strip()[:400],
        },
    )
    record(
        actor,
        "sipas.target_set" if index == IndexKind.SIPAS else "par.target_set",
        target,
        data={"rank_max": rank_max, "top_percent": top_percent},
    )
    return target
