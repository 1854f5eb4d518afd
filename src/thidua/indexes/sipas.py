"""SIPAS operations: signed desk links, citizen submissions with abuse resistance,
paper surveys imported from Excel, desks and the plan's target.

Abuse resistance uses no outside service. Each answer must carry:
- the desk link, signed with the site's key (``django.core.signing``), so a desk,
  staff member or procedure cannot be made up;
- a *visit* token issued when the page was opened, signed and bound to the device
  cookie: one answer per device per visit, and none sooner than a human could answer;
- an empty honeypot field.
Visits are limited per hour per device token and per network address in the Django cache
(all of an office's citizens may share one address, so the address limit is generous);
since every answer needs its own visit, this bounds the answers too. Every rejection is
counted by reason, so the index shows what it left out.

Limits (Django setting ``SIPAS_<NAME>`` or environment variable of the same name):
``MIN_SECONDS`` (3), ``DEVICE_PER_HOUR`` (10 visits), ``KIOSK_PER_HOUR`` (240 visits: a
kiosk takes 30 with each page load),
``IP_PER_HOUR`` (2000), ``VISIT_MAX_AGE_DAYS`` (7). With several app servers the
counters need a shared cache (``REDIS_URL``); a load test raises them through the
environment.

The submission path is kept lean because a ward's whole queue may answer at once: what a
link resolves to (desk, ward, procedure, staff) and the questionnaire with its criteria
are kept in process memory, valid while the *configuration token* in the Django cache is
unchanged; saving or deleting any model they are read from replaces the token (signals
below), and an entry is reloaded after ``MEMORY_SECONDS`` whatever happens, which bounds
what a bulk ``update()`` or a per-process cache (several workers without Redis) can leave
stale. The token itself is read from the cache at most once a second per process. The rate
counters take one cache round trip when a page opens; the answer one statement, which also
finds a resend or a used visit (the unique client UUID and visit).
"""

from __future__ import annotations

import datetime
import json
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
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
    SipasFactor,
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


# --- What the public pages read, kept in memory ------------------------------------------

CONFIG_KEY = "sipas:config"
MEMORY_SECONDS = 60
# Models whose rows a survey page or a submission reads (see config_changed).
CONFIG_MODELS = (
    Organisation,
    Person,
    SipasDesk,
    SipasProcedure,
    SipasQuestionnaire,
    SipasFactor,
    SipasCriterion,
)
T = TypeVar("T")
_memory: dict[tuple, tuple[str, float, Any]] = {}
_memory_lock = threading.Lock()


# The token itself is held in process memory for TOKEN_SECONDS: a cache round trip on
# every page and answer cost about a tenth of a submission's CPU, and a desk closed or a
# questionnaire changed a second late harms no one. The process that made the change
# forgets its token at once.
TOKEN_SECONDS = 1.0
_held_token: tuple[float, str] | None = None


def config_token() -> str:
    """The token of the current SIPAS configuration (one cache read a second)."""
    global _held_token
    now = time.monotonic()
    held = _held_token
    if held is not None and held[0] > now:
        return held[1]
    token = cache.get(CONFIG_KEY)
    if token is None:
        cache.add(CONFIG_KEY, uuid.uuid4().hex, None)
        token = cache.get(CONFIG_KEY) or ""
    _held_token = (now + TOKEN_SECONDS, token)
    return token


def forget_configuration() -> None:
    """Drop what this process holds, for one whose cache was emptied underneath it (tests
    clear it between cases; in production a flushed cache is noticed within a second)."""
    global _held_token
    _held_token = None
    _links.clear()
    with _memory_lock:
        _memory.clear()


def config_changed(**_kwargs: Any) -> None:
    """Receiver of post_save/post_delete of CONFIG_MODELS: every process reloads — this one
    now, the others within TOKEN_SECONDS — and again at commit, since a process may read
    the old rows in between."""

    def renew() -> None:
        global _held_token
        _held_token = None
        cache.set(CONFIG_KEY, uuid.uuid4().hex, None)

    renew()
    transaction.on_commit(renew)


def remembered(key: tuple, token: str, load: Callable[[], T]) -> T:
    """``load()`` once per configuration token and MEMORY_SECONDS, per process."""
    now = time.monotonic()
    entry = _memory.get(key)
    if entry is not None and entry[0] == token and entry[1] > now:
        return entry[2]
    value = load()
    with _memory_lock:
        if len(_memory) > 10_000:  # links carry ids from the whole province: stay bounded
            _memory.clear()
        _memory[key] = (token, now + MEMORY_SECONDS, value)
    return value


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


class Verified:
    """Signed values that never expire, by their signed text, once their signature held: a
    desk's every answer carries the same link and a kiosk the same device cookie, so each
    HMAC is checked once per process. Bounded, like the memory above."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def get(self, signed: str, verify: Callable[[str], T | None]) -> T | None:
        value = self._values.get(signed)
        if value is None:
            value = verify(signed)
            if value is not None:
                if len(self._values) > 10_000:
                    self._values.clear()
                self._values[signed] = value
        return value

    def clear(self) -> None:
        self._values.clear()


_links = Verified()


def read_token(token: str) -> DeskLink | None:
    return _links.get(token, _read_token)


def _read_token(token: str) -> DeskLink | None:
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
    """What a link names, shared read-only between requests (see ``remembered``)."""

    link: DeskLink
    desk: SipasDesk
    procedure: SipasProcedure | None
    staff: Person | None
    config: str = ""

    @property
    def organisation(self) -> Organisation:
        return self.desk.organisation


def resolve(token: str) -> ResolvedLink | None:
    """The desk (active, of the ward named in the link) and its optional procedure and staff."""
    link = read_token(token)
    if link is None:
        return None
    config = config_token()
    found = remembered(("link", link), config, lambda: _load_link(link))
    return ResolvedLink(link, *found, config=config) if found is not None else None


def _load_link(
    link: DeskLink,
) -> tuple[SipasDesk, SipasProcedure | None, Person | None] | None:
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
    return desk, procedure, staff


@dataclass(frozen=True)
class Form:
    """A questionnaire as the public pages use it: criteria by the id the page sends."""

    questionnaire: SipasQuestionnaire
    factors: tuple[SipasFactor, ...]
    criteria: dict[str, SipasCriterion]
    profile: dict[str, frozenset[str]]


def _load_form(questionnaire: SipasQuestionnaire | None) -> Form | None:
    if questionnaire is None:
        return None
    factors = tuple(
        SipasFactor.objects.filter(questionnaire=questionnaire).prefetch_related("criteria")
    )
    return Form(
        questionnaire=questionnaire,
        factors=factors,
        criteria={str(c.pk): c for f in factors for c in f.criteria.all()},
        profile={p["code"]: frozenset(p.get("options", [])) for p in questionnaire.profile},
    )


def form_in_force(resolved: ResolvedLink, day: datetime.date) -> Form | None:
    """The questionnaire in force at the link's ward on ``day``."""
    organisation = resolved.organisation
    return remembered(
        ("form", organisation.pk, day),
        resolved.config,
        lambda: _load_form(questionnaire_for(organisation, day)),
    )


def form_by_id(resolved: ResolvedLink, questionnaire_id: int) -> Form | None:
    return remembered(
        ("form", questionnaire_id),
        resolved.config,
        lambda: _load_form(SipasQuestionnaire.objects.filter(pk=questionnaire_id).first()),
    )


# --- Device and visit tokens -------------------------------------------------------------


def new_device_id() -> str:
    return uuid.uuid4().hex


def issue_visit(device: str, desk_id: int) -> str:
    """A one-use permission to answer once, bound to the device and the desk."""
    # Milliseconds cut, not rounded: a visit must never seem opened after its answer.
    opened = int(time.time() * 1000) / 1000
    payload = {"v": uuid.uuid4().hex, "dv": device, "d": desk_id, "t": opened}
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


# INCRBY and EXPIRE of every counter in one command (EVALSHA): a pipeline in MULTI/EXEC
# costs the client more to pack and parse. The window is in the key, so the expiry is set
# once, at the first increment.
COUNT_LUA = """
local used = {}
for i, key in ipairs(KEYS) do
    used[i] = redis.call('INCRBY', key, ARGV[2])
    if used[i] == tonumber(ARGV[2]) then redis.call('EXPIRE', key, ARGV[1]) end
end
return used
"""
_count_scripts: dict[int, Any] = {}


def _count_script(client: Any) -> Any:
    script = _count_scripts.get(id(client))
    if script is None:
        script = _count_scripts[id(client)] = client.register_script(COUNT_LUA)
    return script


RATE_WINDOW = 3600


def rate_window_left() -> int:
    """Seconds until the rate counters' current window ends."""
    return RATE_WINDOW - int(time.time()) % RATE_WINDOW


def _count(keys: list[str], amount: int = 1, window: int = RATE_WINDOW) -> list[int]:
    """Add ``amount`` to each counter of the current window; their new values. With
    django-redis one round trip (the script above); with another cache, add + incr per key."""
    buckets = [f"sipas:rate:{key}:{int(time.time() // window)}" for key in keys]
    get_client = getattr(getattr(cache, "client", None), "get_client", None)
    if get_client is not None:
        script = _count_script(get_client(write=True))
        return script(keys=[cache.make_key(b) for b in buckets], args=[window + 60, amount])
    used = []
    for bucket in buckets:
        cache.add(bucket, 0, window + 60)
        try:
            used.append(cache.incr(bucket, amount))
        except ValueError:  # evicted between add and incr
            cache.set(bucket, amount, window + 60)
            used.append(amount)
    return used


def _parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        return None


@dataclass(frozen=True)
class Visit:
    id: uuid.UUID
    time: float
    device: str
    desk_id: int


def read_visit(token: str) -> Visit | None:
    """The visit a token names if its signature holds and it is not too old."""
    max_age = limit("VISIT_MAX_AGE_DAYS", 7) * 86400
    try:
        visit = signing.loads(token, salt=VISIT_SALT, max_age=max_age)
        return Visit(uuid.UUID(visit["v"]), float(visit["t"]), str(visit["dv"]), int(visit["d"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
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


VISIT_USED_MESSAGE = "Ông/Bà đã gửi phiếu trong lần truy cập này. Cảm ơn Ông/Bà!"
RATE_DEVICE_MESSAGE = (
    "Thiết bị này đã mở phiếu khảo sát quá nhiều lần trong một giờ. Ông/Bà vui lòng thử lại sau."
)
RATE_IP_MESSAGE = (
    "Có quá nhiều lượt mở phiếu khảo sát từ cùng một mạng trong một giờ. "
    "Ông/Bà vui lòng thử lại sau."
)


def open_visits(
    resolved: ResolvedLink, device: str, address: str | None, count: int = 1
) -> list[str]:
    """``count`` visits for one page load (a kiosk takes many at once), within the hourly
    limits per device and per address; raises :class:`Rejected`, counted, beyond them.

    The limits are counted here, when visits are issued, not when answers arrive: each
    answer needs a visit of its own, so they bound the answers of a device and of an
    address all the same; the citizen is told before filling in the form rather than
    after; and the answer's request, the busiest of all, makes no cache round trip
    (ADR 0801). Every visit issued counts, used or not.
    """
    per_device = (
        limit("KIOSK_PER_HOUR", 240) if resolved.link.kiosk else limit("DEVICE_PER_HOUR", 10)
    )
    keys = [f"dev:{device}", f"ip:{address}"] if address else [f"dev:{device}"]
    counters = _count(keys, count)
    if counters[0] > per_device:
        count_rejection(resolved.desk, RejectReason.RATE_DEVICE)
        raise Rejected(RejectReason.RATE_DEVICE, RATE_DEVICE_MESSAGE, 429)
    if address and counters[1] > limit("IP_PER_HOUR", 2000):
        count_rejection(resolved.desk, RejectReason.RATE_IP)
        raise Rejected(RejectReason.RATE_IP, RATE_IP_MESSAGE, 429)
    return [issue_visit(device, resolved.desk.pk) for _ in range(count)]


def submit(resolved: ResolvedLink, data: Submission, *, device: str | None) -> tuple[str, int]:
    """Store one citizen's answer. Returns ("saved" | "duplicate", the response's id).

    A resend of an answer already stored (same client UUID) is acknowledged as a
    duplicate and not counted again, whatever else is wrong with it by now (an expired
    visit, a new device cookie): the browser may then drop it from its queue. Raises
    :class:`Rejected` otherwise.

    The usual answer costs one statement: the insert itself finds a resend or a used
    visit (unique client UUID and visit); only then, and when a check refuses the
    answer, is the database asked which one it was.
    """
    client_uuid = _parse_uuid(data.client_uuid) or uuid.uuid4()
    visit = read_visit(data.visit)
    try:
        return _submit(resolved, data, client_uuid, visit, device=device)
    except Rejected as rejection:
        stored = _stored_as(client_uuid)
        if stored is not None:
            return "duplicate", stored
        count_rejection(resolved.desk, rejection.reason)
        raise


def _stored_as(client_uuid: uuid.UUID) -> int | None:
    """The id of the response already stored with this client UUID."""
    return (
        SipasResponse.objects.filter(client_uuid=client_uuid).values_list("pk", flat=True).first()
    )


def _submit(
    resolved: ResolvedLink,
    data: Submission,
    client_uuid: uuid.UUID,
    visit: Visit | None,
    *,
    device: str | None,
) -> tuple[str, int]:
    desk = resolved.desk
    if data.honeypot.strip():
        raise Rejected(RejectReason.HONEYPOT, "Phiếu không hợp lệ.", 400)
    if not device:
        raise Rejected(
            RejectReason.NO_DEVICE,
            "Trình duyệt chưa nhận mã thiết bị. Hãy bật cookie rồi quét lại mã QR.",
            403,
        )
    if visit is None or visit.device != device or visit.desk_id != desk.pk:
        raise Rejected(
            RejectReason.INVALID_VISIT,
            "Phiên trả lời đã hết hạn hoặc không hợp lệ. Hãy quét lại mã QR tại quầy.",
            403,
        )
    if time.time() - visit.time < min_seconds():
        raise Rejected(
            RejectReason.TOO_FAST, "Phiếu được gửi quá nhanh. Hãy đọc và trả lời từng câu.", 400
        )
    form = _form(resolved, data)
    values, overall, profile = _clean_answers(form, data)
    now = timezone.now()
    row = {
        "organisation_id": resolved.desk.organisation_id,
        "desk_id": resolved.desk.pk,
        "procedure_id": resolved.procedure.pk if resolved.procedure else None,
        "staff_id": resolved.staff.pk if resolved.staff else None,
        "questionnaire_id": form.questionnaire.pk,
        "client_uuid": client_uuid,
        "visit_id": visit.id,
        "channel": Channel.KIOSK if resolved.link.kiosk else Channel.QR,
        "day": _answer_day(data.answered_at, visit.time, now),
        "submitted_at": now,
        "overall": overall,
        "profile": profile,
    }
    pk = _store(row, values)
    if pk is not None:
        return "saved", pk
    # The client UUID or the visit was taken: a second answer in one visit — unless it is
    # a resend (also two copies of one queued answer racing each other, the first one
    # won), which submit() finds on the way out, as for every refusal.
    raise Rejected(RejectReason.VISIT_USED, VISIT_USED_MESSAGE, 409)


# On PostgreSQL the response and its answers go in as one statement (data-modifying CTEs,
# atomic on their own): one round trip and no model instances on the path of every answer.
# A taken client UUID or visit inserts nothing (ON CONFLICT: the unique constraints are
# the final word) and the statement returns no row.
STORE_SQL = """
WITH response AS (
    INSERT INTO {responses} (organisation_id, desk_id, procedure_id, staff_id,
        questionnaire_id, client_uuid, visit_id, channel, day, submitted_at, overall,
        profile, paper_number)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, '')
    ON CONFLICT DO NOTHING
    RETURNING id
), answers AS (
    INSERT INTO {answers} (response_id, criterion_id, factor_id, organisation_id, day, value)
    SELECT response.id, a.criterion_id, a.factor_id, %s, %s, a.value
    FROM response, unnest(%s::bigint[], %s::bigint[], %s::smallint[])
        AS a(criterion_id, factor_id, value)
)
SELECT id FROM response
"""


def _array(numbers: list[int]) -> str:
    return "{" + ",".join(map(str, numbers)) + "}"


def _fetch_prepared(sql: str, params: list[Any]) -> tuple | None:
    """Run ``sql`` through a Django cursor (error wrapping, execute wrappers) over a psycopg
    cursor that binds on the server, so that the statement is prepared once per connection
    (settings: ``prepare_threshold``): planning the insert cost PostgreSQL a third of its
    time. Its first row.

    Django's health check of the connection (``CONN_HEALTH_CHECKS``: a ``SELECT 1`` round
    trip before a request's first query, as costly as the rest of the view) is left out:
    the statement is idempotent (a stored client UUID inserts nothing), so on a connection
    found dead it runs once more on a new one — unless a transaction is open, whose earlier
    work would be lost with the connection; the error then goes up as it would have."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    def run() -> tuple | None:
        connection.ensure_connection()
        with connection.make_cursor(ServerBindingCursor(connection.connection)) as cursor:
            if connection.queries_logged:
                # Django's debug cursor would log the text of a client-bound query.
                with connection.make_debug_cursor(cursor.cursor).debug_sql(sql, params):
                    cursor.execute(sql, params)
            else:
                cursor.execute(sql, params)
            return cursor.fetchone()

    try:
        return run()
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block or not connection.connection.broken:
            raise
        connection.close()
    return run()


def _store(row: dict[str, Any], values: list[tuple[SipasCriterion, int]]) -> int | None:
    """Insert one response with its answers, all or nothing; the response's id, or None
    when its client UUID or visit is already stored."""
    if connection.vendor == "postgresql":
        sql = STORE_SQL.format(
            responses=SipasResponse._meta.db_table, answers=SipasAnswer._meta.db_table
        )
        params = [*row.values()][:-1]
        params += [json.dumps(row["profile"]), row["organisation_id"], row["day"]]
        # Integer arrays as array literals: psycopg's list adaptation costs more than the
        # rest of the statement.
        params += [
            _array([c.id for c, _ in values]),
            _array([c.factor_id for c, _ in values]),
            _array([v for _, v in values]),
        ]
        found = _fetch_prepared(sql, params)
        return found[0] if found else None
    try:
        with transaction.atomic():
            response = SipasResponse.objects.create(**row)
            SipasAnswer.objects.bulk_create(
                SipasAnswer(
                    response=response,
                    criterion=criterion,
                    factor_id=criterion.factor_id,
                    organisation_id=row["organisation_id"],
                    day=row["day"],
                    value=value,
                )
                for criterion, value in values
            )
    except IntegrityError:
        return None
    return response.pk


def _form(resolved: ResolvedLink, data: Submission) -> Form:
    """The questionnaire the page was made from (an answer queued before a new version came
    into force keeps its own), else the one in force."""
    form = form_in_force(resolved, timezone.localdate())
    if data.questionnaire_id and (form is None or form.questionnaire.pk != data.questionnaire_id):
        form = form_by_id(resolved, data.questionnaire_id) or form
    if form is None:
        raise Rejected(RejectReason.INVALID_ANSWERS, "Chưa có mẫu phiếu khảo sát.", 400)
    return form


def _scale_value(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 5 else None


def _clean_answers(
    form: Form, data: Submission
) -> tuple[list[tuple[SipasCriterion, int]], int | None, dict[str, str]]:
    values: list[tuple[SipasCriterion, int]] = []
    for key, raw in (data.answers or {}).items():
        if raw in (None, ""):
            continue
        criterion = form.criteria.get(str(key))
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
    profile = {
        code: str(value)
        for code, value in (data.profile or {}).items()
        if code in form.profile and str(value) in form.profile[code]
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
