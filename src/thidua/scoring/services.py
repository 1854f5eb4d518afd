"""Scorecards and rankings of a movement, from the rubric and the registered components.

A ranking orders the subjects of one target group: held subjects last; then, when the
rubric says so, the plan's own priority first (in the seed: the people who directly
perform the CCHC tasks); then the score; then the law's tie-break among those still
equal (DOMAIN §4: women first; collectives with at least 70% women); then the name,
so that the order is always the same. Each row says why it stands where it does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from thidua.audit.services import record
from thidua.movements.models import Movement, Target
from thidua.orgs.models import Gender, Person, Unit
from thidua.vn import name_sort_key

from . import registry
from .models import Rubric, RubricItem
from .registry import Component, Link, Measure, ScoringContext
from .task_components import load_task_facts

WOMEN_SHARE_FOR_PRIORITY = Decimal("0.70")
TWO_PLACES = Decimal("0.01")


@dataclass
class RubricLine:
    component: Component
    weight: Decimal
    cap: Decimal | None


@dataclass
class RubricView:
    """A rubric as used for computing: saved, or the defaults when none is saved."""

    target: str
    priority_first: bool
    lines: list[RubricLine]
    saved: Rubric | None = None

    @property
    def max_points(self) -> Decimal:
        total = Decimal("0")
        for line in self.lines:
            if line.weight <= 0:
                continue
            if line.component.mode == "ratio":
                total += line.weight
            elif line.cap is not None:
                total += line.cap
        return total


def rubric_for(movement: Movement, target: str) -> RubricView:
    """The movement's rubric for ``target``, or the registered defaults (not saved)."""
    saved = (
        Rubric.objects.filter(movement=movement, target=target).prefetch_related("items").first()
    )
    if saved is not None:
        lines = []
        for item in saved.items.all():
            component = registry.component(item.component)
            if component is not None and target in component.targets:
                lines.append(RubricLine(component, item.weight, item.cap))
        return RubricView(target, saved.priority_first, lines, saved)
    lines = [
        RubricLine(c, c.default_weight, c.default_cap)
        for c in registry.components(target)
        if c.default_weight
    ]
    return RubricView(target, True, lines)


def points_for(line: RubricLine, measure: Measure) -> Decimal:
    points = line.weight * measure.value
    if line.cap is not None:
        cap = abs(line.cap)
        points = max(-cap, min(cap, points))
    return points.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class Breakdown:
    key: str
    label: str
    mode: str
    weight: Decimal
    cap: Decimal | None
    value: Decimal
    points: Decimal
    detail: str
    links: list[Link]


@dataclass
class RankingRow:
    subject: Unit | Person
    name: str
    score: Decimal
    breakdown: list[Breakdown]
    priority: bool = False
    priority_reason: str = ""
    women_first: bool = False
    hold: str = ""
    rank: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.subject.pk


@dataclass
class Ranking:
    movement: Movement
    target: str
    rubric: RubricView
    rows: list[RankingRow]
    task_count: int

    @property
    def target_label(self) -> str:
        return Target(self.target).label


def subjects_of(movement: Movement, target: str) -> list:
    """The units that compete (collectives) or the active people (individuals) of the
    movement's organisation."""
    if target == Target.COLLECTIVE:
        return list(
            Unit.objects.filter(organisation_id=movement.organisation_id, competes=True)
            .annotate(
                people_count=Count("people", filter=Q(people__is_active=True)),
                women_count=Count(
                    "people", filter=Q(people__is_active=True, people__gender=Gender.FEMALE)
                ),
            )
            .order_by("sort_name")
        )
    return list(
        Person.objects.filter(organisation_id=movement.organisation_id, is_active=True)
        .select_related("unit")
        .order_by("sort_name", "id")
    )


def _priority(subject, target: str, performed: bool) -> str:
    if target == Target.INDIVIDUAL and subject.performs_cchc and performed:
        return "Trực tiếp thực hiện nhiệm vụ CCHC (ưu tiên theo kế hoạch)"
    return ""


def _women_first(subject, target: str) -> bool:
    if target == Target.INDIVIDUAL:
        return subject.gender == Gender.FEMALE
    if not subject.people_count:
        return False
    return Decimal(subject.women_count) / Decimal(subject.people_count) >= WOMEN_SHARE_FOR_PRIORITY


def compute_ranking(
    movement: Movement, target: str, *, today: datetime.date | None = None
) -> Ranking:
    """Score every subject of ``target`` and order them."""
    if target not in Target.values:
        raise ValidationError(
            "Đối tượng phải là “collective” (tập thể) hoặc “individual” (cá nhân)."
        )
    rubric = rubric_for(movement, target)
    subjects = subjects_of(movement, target)
    context = ScoringContext(movement, target, subjects, today or timezone.localdate())
    measures = {line.component.key: line.component.compute(context) for line in rubric.lines}
    holds: dict[int, str] = {}
    for function in registry.holds().values():
        for subject_id, reason in function(context).items():
            holds.setdefault(subject_id, reason)
    # The plan's priority needs to know who performed tasks, whatever the rubric counts.
    facts = load_task_facts(context)
    rows = []
    for subject in subjects:
        breakdown = []
        for line in rubric.lines:
            measure = measures[line.component.key].get(subject.pk) or Measure(
                Decimal("0"), "Không có dữ liệu"
            )
            breakdown.append(
                Breakdown(
                    key=line.component.key,
                    label=line.component.label,
                    mode=line.component.mode,
                    weight=line.weight,
                    cap=line.cap,
                    value=measure.value,
                    points=points_for(line, measure),
                    detail=measure.detail,
                    links=measure.links,
                )
            )
        name = subject.name if target == Target.COLLECTIVE else subject.full_name
        row = RankingRow(
            subject=subject,
            name=name,
            score=sum((b.points for b in breakdown), Decimal("0")).quantize(TWO_PLACES),
            breakdown=breakdown,
            hold=holds.get(subject.pk, ""),
            women_first=_women_first(subject, target),
        )
        row.priority_reason = _priority(subject, target, bool(facts.get(subject.pk)))
        row.priority = bool(row.priority_reason)
        rows.append(row)
    _order(rows, rubric.priority_first, target)
    return Ranking(movement, target, rubric, rows, context.cache.get("task_count", 0))


def _order(rows: list[RankingRow], priority_first: bool, target: str) -> None:
    def key(row: RankingRow):
        name = name_sort_key(row.name) if target == Target.INDIVIDUAL else row.subject.sort_name
        head = (bool(row.hold), not row.priority) if priority_first else (bool(row.hold),)
        tail = () if priority_first else (not row.priority,)
        return (*head, -row.score, *tail, not row.women_first, name)

    rows.sort(key=key)
    women = "nữ" if target == Target.INDIVIDUAL else "tập thể có từ 70% nữ"
    for index, row in enumerate(rows, start=1):
        row.rank = index
        if row.hold:
            row.reasons.append(f"Đang tạm dừng xét khen thưởng: {row.hold}")
        if row.priority and priority_first:
            row.reasons.append(row.priority_reason)
        if index == 1:
            continue
        above = rows[index - 2]
        if above.score == row.score and bool(above.hold) == bool(row.hold):
            if above.priority != row.priority:
                row.reasons.append(
                    f"Bằng điểm với {above.name}, xếp sau vì {above.name} trực tiếp thực hiện "
                    "nhiệm vụ CCHC"
                )
            elif above.women_first and not row.women_first:
                row.reasons.append(
                    f"Bằng điểm với {above.name}, xếp sau vì {above.name} được ưu tiên {women} "
                    "(Luật Thi đua, Khen thưởng)"
                )
            else:
                row.reasons.append(f"Bằng điểm với {above.name}, cùng diện ưu tiên: xếp theo tên")


@transaction.atomic
def save_rubric(
    actor,
    movement: Movement,
    target: str,
    weights: dict[str, tuple[Decimal, Decimal | None]],
    priority_first: bool,
) -> Rubric:
    """Save the Office's rubric: component key → (weight, cap); weight 0 removes it."""
    unknown = [k for k in weights if registry.component(k) is None]
    if unknown:
        raise ValidationError(f"Không có tiêu chí: {', '.join(unknown)}.")
    if not any(w for w, _ in weights.values()):
        raise ValidationError("Cần ít nhất một tiêu chí có hệ số khác 0.")
    for key, (weight, cap) in weights.items():
        if abs(weight) > 1000 or (cap is not None and not 0 <= cap <= 1000):
            raise ValidationError(
                f"{registry.component(key).label}: hệ số từ -1000 đến 1000, mức trần từ 0 đến 1000."
            )
    rubric, _ = Rubric.objects.update_or_create(
        movement=movement, target=target, defaults={"priority_first": priority_first}
    )
    rubric.items.all().delete()
    for component in registry.components(target):
        if component.key in weights and weights[component.key][0]:
            weight, cap = weights[component.key]
            RubricItem.objects.create(
                rubric=rubric,
                component=component.key,
                weight=weight,
                cap=cap,
                position=component.position,
            )
    record(
        actor,
        "scoring.rubric_updated",
        rubric,
        organisation=movement.organisation,
        data={
            "target": target,
            "priority_first": priority_first,
            "items": {
                k: [str(w), str(c) if c is not None else None] for k, (w, c) in weights.items()
            },
        },
    )
    return rubric


def ranking_workbook(ranking: Ranking):
    """The ranking as an Excel workbook: one row per subject, one column per criterion,
    and a second sheet with every record behind every number."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Xếp hạng"
    movement = ranking.movement
    sheet.append([f"{movement.title} — xếp hạng {ranking.target_label.lower()}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            f"{movement.organisation.committee_name}, năm {movement.year}; {ranking.task_count} nhiệm vụ CCHC"
        ]
    )
    sheet.append([])
    labels = [b.label for b in ranking.rows[0].breakdown] if ranking.rows else []
    header = ["Hạng", "Tên", "Tổng điểm", *labels, "Ưu tiên, ghi chú"]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in ranking.rows:
        sheet.append(
            [
                row.rank,
                row.name,
                float(row.score),
                *[float(b.points) for b in row.breakdown],
                "; ".join(row.reasons),
            ]
        )
    sheet.column_dimensions["B"].width = 40
    detail = workbook.create_sheet("Căn cứ")
    detail.append(["Tên", "Tiêu chí", "Giá trị", "Hệ số", "Điểm", "Diễn giải", "Căn cứ"])
    for cell in detail[1]:
        cell.font = Font(bold=True)
    for row in ranking.rows:
        for b in row.breakdown:
            detail.append(
                [
                    row.name,
                    b.label,
                    float(b.value),
                    float(b.weight),
                    float(b.points),
                    b.detail,
                    "; ".join(link.label for link in b.links),
                ]
            )
    detail.column_dimensions["A"].width = 32
    detail.column_dimensions["F"].width = 60
    return workbook
