"""Eligibility of a candidate for an award form, against DOMAIN §3–4, under the legal
regime in force on the expected decision date.

Every rule gives a :class:`RuleResult` naming the rule and the facts it looked at, so a
refusal says exactly why ("Giấy khen: xếp loại năm 2023 “Hoàn thành nhiệm vụ”, cần từ
“Hoàn thành tốt nhiệm vụ” trở lên"). The facts are the records the Office keeps
(:class:`QualityRating`, :class:`ConductRecord`, :class:`AwardRecord`), registrations and
recognised initiatives. Which forms the ward Chairman may award under each regime is
data here (:data:`COMMUNE_CHAIRMAN_FORMS`); a regime added later without its own row
uses the most recent one, and the result says so.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Q

from thidua.initiatives.models import InitiativeAuthor, InitiativeStatus
from thidua.movements.models import AwardForm, Movement, Quota, Target
from thidua.orgs.models import Person, Unit
from thidua.regulations.services import RuleMissing, regime_on
from thidua.vn import format_date, search_key

from .models import (
    DISCIPLINE_ORDER,
    RATING_RANK,
    AwardRecord,
    ConductKind,
    ConductRecord,
    DisciplineLevel,
    Nomination,
    NominationStatus,
    QualityRating,
    Rating,
    Registration,
)

GIAY_KHEN, LDTT, CSTDCS, TLDTT, GDVH = "giay_khen", "ldtt", "cstdcs", "tldtt", "gdvh"
HOUSEHOLD = "household"

# Award forms and titles by their name as search_key writes it (longest first, so that
# "tap the lao dong tien tien" is not read as "lao dong tien tien").
FORM_NAMES: list[tuple[str, str]] = sorted(
    [
        ("giay khen", GIAY_KHEN),
        ("lao dong tien tien", LDTT),
        ("chien si thi dua co so", CSTDCS),
        ("tap the lao dong tien tien", TLDTT),
        ("gia dinh van hoa", GDVH),
    ],
    key=lambda pair: -len(pair[0]),
)
FORM_LABELS = {
    GIAY_KHEN: "Giấy khen",
    LDTT: "Lao động tiên tiến",
    CSTDCS: "Chiến sĩ thi đua cơ sở",
    TLDTT: "Tập thể lao động tiên tiến",
    GDVH: "Gia đình văn hóa",
}

# What the Chairman of a commune-level People's Committee may award, per regime, and to
# whom (DOMAIN §3). R2022b adds TLĐTT and CSTĐCS (NĐ 129/2025 Điều 59).
_BEFORE_2025 = {
    GIAY_KHEN: {Target.COLLECTIVE, Target.INDIVIDUAL, HOUSEHOLD},
    LDTT: {Target.INDIVIDUAL},
    GDVH: {HOUSEHOLD},
}
COMMUNE_CHAIRMAN_FORMS: dict[str, dict[str, set[str]]] = {
    "R2013": _BEFORE_2025,
    "R2022a": _BEFORE_2025,
    "R2022b": {**_BEFORE_2025, TLDTT: {Target.COLLECTIVE}, CSTDCS: {Target.INDIVIDUAL}},
}
LATEST_KNOWN = "R2022b"
# Under R2013 at most 15% of the LĐTT holders may be CSTĐCS (NĐ 91/2017).
CSTDCS_SHARE_R2013 = Decimal("0.15")
TLDTT_LDTT_SHARE = Decimal("0.70")
HEAVY_DISCIPLINE = DISCIPLINE_ORDER[DISCIPLINE_ORDER.index(DisciplineLevel.WARNING) :]
ACTIVE = ~Q(status__in=[NominationStatus.WITHDRAWN, NominationStatus.REJECTED])


def form_key(name: str) -> str | None:
    key = search_key(name)
    for text, code in FORM_NAMES:
        if key.startswith(text):
            return code
    return None


def awarded_by_commune_chairman(award_form: AwardForm) -> bool:
    key = search_key(award_form.awarded_by)
    return "chu tich" in key and any(w in key for w in ("phuong", "xa", "thi tran"))


@dataclass
class RuleResult:
    code: str
    rule: str
    ok: bool
    facts: str
    blocking: bool = True

    @property
    def refused(self) -> bool:
        return self.blocking and not self.ok

    @property
    def warning(self) -> bool:
        return not self.blocking and not self.ok


@dataclass
class Eligibility:
    decision_date: datetime.date
    regime: str
    regime_name: str
    results: list[RuleResult] = field(default_factory=list)

    @property
    def refusals(self) -> list[RuleResult]:
        return [r for r in self.results if r.refused]

    @property
    def eligible(self) -> bool:
        return not self.refusals

    def message(self) -> str:
        return "Không đủ điều kiện đề nghị: " + " ".join(
            f"[{r.rule}] {r.facts}" for r in self.refusals
        )

    def as_list(self) -> list[dict]:
        return [
            {**asdict(r), "regime": self.regime, "decision_date": self.decision_date.isoformat()}
            for r in self.results
        ]


@dataclass
class Candidate:
    target: str
    unit: Unit | None = None
    person: Person | None = None

    @property
    def name(self) -> str:
        return self.person.full_name if self.person else self.unit.name

    def filter(self) -> Q:
        return Q(person=self.person) if self.person else Q(unit=self.unit, person__isnull=True)


def check(
    movement: Movement,
    award_form: AwardForm,
    candidate: Candidate,
    decision_date: datetime.date,
    *,
    exclude_nomination_id: int | None = None,
) -> Eligibility:
    """Every rule that applies to ``candidate`` for ``award_form`` of ``movement``."""
    try:
        regime = regime_on(decision_date)
    except RuleMissing as exc:
        result = Eligibility(decision_date, "", "")
        result.results.append(RuleResult("regime", "Chế độ pháp lý", False, str(exc)))
        return result
    result = Eligibility(decision_date, regime.code, regime.name)
    form = form_key(award_form.form)
    year = movement.year
    rules = result.results
    rules.append(_competence(regime.code, regime.name, award_form, form, candidate))
    records = list(
        ConductRecord.objects.filter(candidate.filter(), organisation_id=movement.organisation_id)
    )
    rules.append(_holds(records, decision_date))
    rules.extend(_discipline(records, decision_date, year))
    rules.extend(_one_award(movement, award_form, candidate, exclude_nomination_id))
    rating = (
        QualityRating.objects.filter(candidate.filter(), year=year).values_list("rating", flat=True)
    ).first()
    if form == CSTDCS:
        rules.extend(_cstdcs(regime.code, movement, candidate, rating, exclude_nomination_id))
    else:
        rules.append(_rating(candidate, rating, year, Rating.GOOD, FORM_LABELS.get(form, "")))
    if form == LDTT:
        rules.append(_registered(movement, candidate))
    if form == TLDTT and candidate.unit is not None:
        rules.extend(_tldtt(candidate.unit, year))
    rules.append(_quota(movement, award_form, candidate, exclude_nomination_id))
    return result


def _competence(code, name, award_form, form, candidate) -> RuleResult:
    rule = f"Thẩm quyền khen thưởng của Chủ tịch UBND cấp xã ({name})"
    if award_form.proposed_upward:
        return RuleResult(
            "competence",
            rule,
            True,
            f"“{award_form.form}” vượt thẩm quyền cấp xã: chỉ lập hồ sơ đề nghị cấp trên khen.",
        )
    if not awarded_by_commune_chairman(award_form):
        return RuleResult(
            "competence", rule, True, f"Hình thức do {award_form.awarded_by} quyết định."
        )
    table = COMMUNE_CHAIRMAN_FORMS.get(code)
    note = ""
    if table is None:
        table = COMMUNE_CHAIRMAN_FORMS[LATEST_KNOWN]
        note = f" (chưa có danh mục riêng cho chế độ {code}; áp dụng danh mục {LATEST_KNOWN})"
    allowed = ", ".join(FORM_LABELS[k] for k in table)
    if form is None or form not in table:
        return RuleResult(
            "competence",
            rule,
            False,
            f"“{award_form.form}” không thuộc thẩm quyền của Chủ tịch UBND cấp xã theo chế độ "
            f"này{note}; Chủ tịch UBND cấp xã tặng: {allowed}. Hãy đánh dấu hình thức là "
            "“đề nghị cấp trên khen” hoặc chọn hình thức khác.",
        )
    if candidate.target not in table[form]:
        whom = "tập thể" if Target.COLLECTIVE in table[form] else "cá nhân"
        return RuleResult(
            "competence",
            rule,
            False,
            f"“{FORM_LABELS[form]}” chỉ xét cho {whom}; {candidate.name} là "
            f"{Target(candidate.target).label.lower()}.",
        )
    return RuleResult(
        "competence", rule, True, f"“{award_form.form}” thuộc thẩm quyền của Chủ tịch UBND{note}."
    )


def _holds(records: list[ConductRecord], day: datetime.date) -> RuleResult:
    rule = (
        "Tạm dừng khen thưởng khi đang xem xét kỷ luật, đang thanh tra, kiểm tra có dấu hiệu "
        "vi phạm, đang xác minh khiếu nại, tố cáo"
    )
    found = []
    for r in records:
        if not r.is_open_on(day):
            continue
        if r.kind == ConductKind.DISCIPLINE and not r.discipline_level:
            found.append(f"đang xem xét kỷ luật “{r.title}” từ {format_date(r.opened_on)}")
        elif r.kind == ConductKind.INSPECTION and r.signs_of_violation:
            found.append(
                f"đang thanh tra, kiểm tra có dấu hiệu vi phạm “{r.title}” "
                f"từ {format_date(r.opened_on)}"
            )
        elif r.kind == ConductKind.COMPLAINT:
            found.append(
                f"đang xác minh khiếu nại, tố cáo “{r.title}” từ {format_date(r.opened_on)}"
            )
    if found:
        return RuleResult(
            "hold", rule, False, f"Ngày {format_date(day)}: " + "; ".join(found) + "."
        )
    return RuleResult(
        "hold",
        rule,
        True,
        f"Không có hồ sơ kỷ luật, thanh tra, khiếu nại đang mở ngày {format_date(day)}.",
    )


def _discipline(records, day: datetime.date, year: int) -> list[RuleResult]:
    rule = "Sau kỷ luật, thành tích chỉ được tính từ khi hết thời hạn kỷ luật"
    out = []
    for r in records:
        if r.kind != ConductKind.DISCIPLINE or not r.discipline_level or r.opened_on > day:
            continue
        level = r.get_discipline_level_display().lower()
        if r.discipline_until is None or r.discipline_until >= day:
            until = f"đến {format_date(r.discipline_until)}" if r.discipline_until else ""
            out.append(
                RuleResult(
                    "discipline",
                    rule,
                    False,
                    f"Đang trong thời hạn kỷ luật {level} “{r.title}” (từ "
                    f"{format_date(r.opened_on)} {until}) vào ngày {format_date(day)}.",
                )
            )
        elif r.discipline_until >= datetime.date(year, 1, 1):
            out.append(
                RuleResult(
                    "discipline",
                    rule,
                    False,
                    f"Kỷ luật {level} “{r.title}” hết thời hạn ngày "
                    f"{format_date(r.discipline_until)}: chỉ tính thành tích từ sau ngày đó.",
                    blocking=False,
                )
            )
    return out


def _one_award(movement, award_form, candidate, exclude) -> list[RuleResult]:
    rule = "Một thành tích chỉ khen một hình thức"
    others = (
        Nomination.objects.filter(candidate.filter(), ACTIVE, movement=movement)
        .exclude(pk=exclude)
        .select_related("award_form")
    )
    facts = [
        f"đã được đề nghị “{n.award_form.form}” trong phong trào này ({n.get_status_display()})"
        for n in others
    ]
    awards = AwardRecord.objects.in_force().filter(candidate.filter(), movement=movement)
    facts += [
        f"đã được khen “{a.form}” theo Quyết định số {a.decision_number} ngày "
        f"{format_date(a.decision_date)} cho thành tích trong phong trào này"
        for a in awards
    ]
    if facts:
        return [RuleResult("one_award", rule, False, f"{candidate.name} " + "; ".join(facts) + ".")]
    return [RuleResult("one_award", rule, True, "Chưa được đề nghị hay khen cho thành tích này.")]


def _rating(candidate, rating, year, minimum, form_label) -> RuleResult:
    need = Rating(minimum).label
    rule = f"{form_label or 'Khen thưởng'}: hoàn thành tốt nhiệm vụ (xếp loại chất lượng năm)"
    if rating is None:
        return RuleResult(
            "rating",
            rule,
            False,
            f"Chưa có xếp loại chất lượng năm {year} của {candidate.name}; Văn phòng cần nhập "
            "xếp loại (mục Hồ sơ xét khen thưởng) trước khi đề nghị.",
        )
    label = Rating(rating).label
    if RATING_RANK[rating] < RATING_RANK[minimum]:
        return RuleResult(
            "rating",
            rule,
            False,
            f"Xếp loại năm {year} của {candidate.name}: “{label}”; cần từ “{need}” trở lên.",
        )
    return RuleResult("rating", rule, True, f"Xếp loại năm {year}: “{label}”.")


def _registered(movement, candidate) -> RuleResult:
    registered = Registration.objects.filter(candidate.filter(), movement=movement).exists()
    return RuleResult(
        "registration",
        "Lao động tiên tiến: tích cực tham gia phong trào thi đua",
        registered,
        "Đã đăng ký thi đua." if registered else "Chưa đăng ký tham gia phong trào này.",
        blocking=False,
    )


def _recognised_initiatives(person: Person, year: int) -> list[str]:
    return list(
        InitiativeAuthor.objects.filter(
            person=person, initiative__year=year, initiative__status=InitiativeStatus.RECOGNISED
        ).values_list("initiative__title", flat=True)
    )


def _cstdcs(code, movement, candidate, rating, exclude) -> list[RuleResult]:
    person, year = candidate.person, movement.year
    out = []
    has_ldtt = any(
        form_key(f) == LDTT
        for f in AwardRecord.objects.in_force()
        .filter(person=person, year=year)
        .values_list("form", flat=True)
    )
    out.append(
        RuleResult(
            "ldtt",
            "Chiến sĩ thi đua cơ sở: đạt danh hiệu Lao động tiên tiến",
            has_ldtt,
            f"Đã đạt Lao động tiên tiến năm {year}."
            if has_ldtt
            else f"Chưa có quyết định công nhận Lao động tiên tiến năm {year} của {person.full_name}.",
        )
    )
    initiatives = _recognised_initiatives(person, year)
    label = Rating(rating).label if rating else "chưa có"
    if code == "R2013":
        ok = bool(initiatives)
        facts = (
            f"Sáng kiến được công nhận: {'; '.join(initiatives)}."
            if ok
            else f"Chưa có sáng kiến được công nhận năm {year} (chế độ R2013 bắt buộc có sáng kiến)."
        )
        out.append(
            RuleResult(
                "initiative", "Chiến sĩ thi đua cơ sở: có sáng kiến được công nhận", ok, facts
            )
        )
        holders = sum(
            1
            for f in AwardRecord.objects.in_force()
            .filter(organisation_id=movement.organisation_id, year=year, person__isnull=False)
            .values_list("form", flat=True)
            if form_key(f) == LDTT
        )
        cap = math.floor(holders * CSTDCS_SHARE_R2013)
        proposed = sum(
            1
            for f in Nomination.objects.filter(
                ACTIVE, movement__organisation_id=movement.organisation_id, movement__year=year
            )
            .exclude(pk=exclude)
            .values_list("award_form__form", flat=True)
            if form_key(f) == CSTDCS
        )
        out.append(
            RuleResult(
                "cstdcs_share",
                "Chiến sĩ thi đua cơ sở: không quá 15% số người đạt Lao động tiên tiến",
                proposed + 1 <= cap,
                f"{holders} người đạt Lao động tiên tiến năm {year}: tối đa {cap} Chiến sĩ thi "
                f"đua cơ sở; đã đề nghị {proposed}.",
            )
        )
    else:
        ok = rating == Rating.EXCELLENT or bool(initiatives)
        parts = [f"xếp loại năm {year}: “{label}”"]
        parts.append(
            f"sáng kiến được công nhận: {'; '.join(initiatives)}"
            if initiatives
            else "chưa có sáng kiến"
        )
        out.append(
            RuleResult(
                "rating",
                "Chiến sĩ thi đua cơ sở: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến",
                ok,
                ("Đạt: " if ok else "Không đạt: ") + "; ".join(parts) + ".",
            )
        )
    return out


def _tldtt(unit: Unit, year: int) -> list[RuleResult]:
    members = list(
        Person.objects.filter(unit=unit, is_active=True).values_list(
            "id", "family_name", "given_name"
        )
    )
    ids = [m[0] for m in members]
    holders = {
        pid
        for pid, f in AwardRecord.objects.in_force()
        .filter(person_id__in=ids, year=year)
        .values_list("person_id", "form")
        if form_key(f) == LDTT
    }
    share = Decimal(len(holders)) / Decimal(len(ids)) if ids else Decimal("0")
    percent = f"{share * 100:.1f}".replace(".", ",")
    out = [
        RuleResult(
            "tldtt_share",
            "Tập thể lao động tiên tiến: từ 70% thành viên đạt Lao động tiên tiến",
            bool(ids) and share >= TLDTT_LDTT_SHARE,
            f"{len(holders)}/{len(ids)} thành viên đạt Lao động tiên tiến năm {year} ({percent}%).",
        )
    ]
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    heavy = ConductRecord.objects.filter(
        Q(discipline_until__isnull=True) | Q(discipline_until__gte=start),
        person_id__in=ids,
        kind=ConductKind.DISCIPLINE,
        discipline_level__in=HEAVY_DISCIPLINE,
        opened_on__lte=end,
    ).select_related("person")
    names = [f"{r.person.full_name} ({r.get_discipline_level_display().lower()})" for r in heavy]
    out.append(
        RuleResult(
            "tldtt_discipline",
            "Tập thể lao động tiên tiến: không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
            not names,
            ("Bị kỷ luật trong năm " + str(year) + ": " + "; ".join(names) + ".")
            if names
            else f"Không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {year}.",
        )
    )
    return out


def _quota(movement, award_form, candidate, exclude) -> RuleResult:
    quotas = [
        q
        for q in Quota.objects.filter(movement=movement, target=candidate.target)
        if q.award_form_id in (None, award_form.pk)
    ]
    count = (
        Nomination.objects.filter(
            ACTIVE, movement=movement, award_form=award_form, target=candidate.target
        )
        .exclude(pk=exclude)
        .count()
    )
    label = Target(candidate.target).label.lower()
    if not quotas:
        return RuleResult(
            "quota",
            "Số lượng khen thưởng của phong trào",
            True,
            f"Kế hoạch không giới hạn số lượng; đã có {count} đề nghị {label} khác.",
            blocking=False,
        )
    quota = quotas[0]
    over = quota.maximum is not None and count + 1 > quota.maximum
    facts = (
        f"Số lượng theo kế hoạch: {quota.describe()} {label}; kể cả đề nghị này có "
        f"{count + 1} đề nghị."
    )
    if over:
        facts += " Vượt số lượng: Hội đồng sẽ bình xét chọn trong số lượng của kế hoạch."
    return RuleResult(
        "quota", "Số lượng khen thưởng của phong trào", not over, facts, blocking=False
    )
