"""The report upward (Báo cáo kết quả phong trào): participants, CCHC tasks done on time,
PAR INDEX and SIPAS against the plan's target, awardees and the bonus total — as figures
(API, the upper level's side-by-side view) and as a registered document (.docx/PDF).

The figures come from the apps that own them, through their public functions:
``tasks.queries`` (which tasks a movement rewards, timeliness), ``indexes.queries`` (PAR
totals, SIPAS index, rankings against the targets). :func:`figures_for` computes them for
a list of movements in a fixed number of queries — the counts as subqueries per movement,
the indexes once per year and comparison group — so that the upper level's list of wards
costs the same with 3 wards or 300, and the single report uses the very same code.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.i18n import in_vietnamese
from thidua.documents import services as documents
from thidua.documents.services import DocumentError, Signer
from thidua.movements.models import Movement, Target
from thidua.nominations.models import Nomination, NominationStatus, Registration
from thidua.orgs.models import Organisation, Person, Unit
from thidua.vn import format_date, format_decimal, format_money

from .models import Award, DecisionStatus, MovementReport
from .services import CouncilError, is_office

TIMELINESS = ("early", "on_time", "late", "overdue")


def _count(queryset: QuerySet, function: str = "COUNT", field: str = "pk") -> Coalesce:
    """COUNT (or SUM) of a subquery correlated with the outer movement: one value per row,
    no GROUP BY over the outer query."""
    value = queryset.order_by().annotate(_v=Func(F(field), function=function)).values("_v")
    return Coalesce(Subquery(value, output_field=IntegerField()), 0)


# The awards in force: of an issued decision (not a draft, not a revoked decision) and not
# revoked one by one since.
IN_FORCE = Q(decision__status=DecisionStatus.ISSUED, revoked=False)


def _participant_counts() -> dict[str, Coalesce]:
    """Collectives and individuals taking part in the movement, per outer movement.

    DOMAIN.md §1 (the seed plan 20/KH-UBND, parts II.2, III.2 and IV): the units and staff
    of the ward take part "theo chức năng nhiệm vụ được giao" — by carrying out the CCHC
    tasks the plan assigns them, which is also what they are judged on — and the movement
    records who registered (đăng ký thi đua) and who was proposed. So a unit takes part if
    it registered, was proposed (a nomination sent, even if later withdrawn), or leads or
    cooperates on one of the movement's tasks; a person if they registered, were proposed,
    or directly perform one of its tasks. Only competing units count as collectives (the
    ward's leadership and its council are not subjects of the movement). Each is counted
    once, however many of these apply.
    """
    from thidua.tasks.queries import outer_movement_tasks

    movement = OuterRef(OuterRef("pk"))
    tasks = outer_movement_tasks(lambda name: OuterRef(OuterRef(name)))
    proposed = Nomination.objects.filter(movement=movement).exclude(status=NominationStatus.DRAFT)
    registered = Registration.objects.filter(movement=movement)
    units = Unit.objects.filter(organisation_id=OuterRef("organisation_id"), competes=True).filter(
        Exists(registered.filter(unit=OuterRef("pk")))
        | Exists(proposed.filter(unit=OuterRef("pk")))
        | Exists(tasks.filter(lead_unit=OuterRef("pk")))
        | Exists(tasks.filter(cooperating_units=OuterRef("pk")))
    )
    people = Person.objects.filter(organisation_id=OuterRef("organisation_id")).filter(
        Exists(registered.filter(person=OuterRef("pk")))
        | Exists(proposed.filter(person=OuterRef("pk")))
        | Exists(tasks.filter(performers=OuterRef("pk")))
    )
    return {"p_collectives": _count(units), "p_individuals": _count(people)}


def _count_annotations(today: datetime.date) -> dict[str, Coalesce]:
    from thidua.tasks.queries import outer_movement_tasks, timeliness_filter

    tasks = outer_movement_tasks()
    awards = Award.objects.filter(IN_FORCE, decision__meeting__movement=OuterRef("pk"))
    return {
        **_participant_counts(),
        "t_total": _count(tasks),
        **{
            f"t_{status}": _count(tasks.filter(timeliness_filter(status, today)))
            for status in TIMELINESS
        },
        "a_collectives": _count(awards.filter(target=Target.COLLECTIVE)),
        "a_individuals": _count(awards.filter(target=Target.INDIVIDUAL)),
        "a_bonus": _count(awards, "SUM", "amount"),
    }


def _target_goal(target) -> str:
    if target.rank_max:
        return f"xếp hạng không thấp hơn {target.rank_max}"
    return f"thuộc nhóm {target.top_percent}% cao nhất"


def _index_figures(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """PAR INDEX and SIPAS of each (ward, year), each with the plan's target if set.

    One query for the assessments and one for their points, SIPAS once per year, and each
    comparison group ranked once — the wards of a district share theirs."""
    from thidua.indexes.models import IndexKind, IndexTarget, ParAssessment
    from thidua.indexes.queries import (
        assessment_indexes,
        comparison_wards,
        par_ranking,
        sipas_overall_by_organisation,
        sipas_ranking,
        target_status,
        year_range,
    )

    out: dict[tuple[int, int], dict] = {pair: {"par": None, "sipas": None} for pair in pairs}
    if not pairs:
        return out
    organisation_ids = {o for o, _ in pairs}
    years = {y for _, y in pairs}
    latest: dict[tuple[int, int], ParAssessment] = {}
    for assessment in (
        ParAssessment.objects.filter(
            organisation_id__in=organisation_ids, framework__year__in=years
        )
        .select_related("framework")
        .order_by("framework__version", "id")
    ):
        key = (assessment.organisation_id, assessment.framework.year)
        if key in out:
            latest[key] = assessment  # a later version of the criteria set replaces it
    indexes = assessment_indexes(latest.values())
    for key, assessment in latest.items():
        index, self_index = indexes.get(assessment.pk, (Decimal("0.00"), Decimal("0.00")))
        out[key]["par"] = {"index": str(index), "self_index": str(self_index)}
    # The overall SIPAS the district ranks its wards by, so that the index and its rank
    # agree.
    for year in years:
        start, end = year_range(year)
        ids = [o for o, y in pairs if y == year]
        for organisation_id, rate in sipas_overall_by_organisation(ids, start, end).items():
            if rate.percent is not None:
                out[(organisation_id, year)]["sipas"] = {
                    "index": f"{rate.percent:.2f}",
                    "respondents": rate.respondents,
                }
    rankings: dict[tuple, list] = {}
    targets = IndexTarget.objects.filter(
        organisation_id__in=organisation_ids, year__in=years
    ).select_related("comparison")
    for target in targets:
        key = (target.organisation_id, target.year)
        if key not in out:
            continue
        if target.index == IndexKind.PAR:
            assessment = latest.get(key)
            group = ("par", target.comparison_id, assessment.framework_id if assessment else None)
            if group not in rankings:
                rankings[group] = (
                    par_ranking(assessment.framework_id, comparison_wards(target.comparison))
                    if assessment
                    else []
                )
        else:
            group = ("sipas", target.comparison_id, target.year)
            if group not in rankings:
                rankings[group] = sipas_ranking(target.comparison, target.year)
        status = target_status(target, rankings[group])
        kind = "par" if target.index == IndexKind.PAR else "sipas"
        block = out[key][kind] or {}
        block.update(
            target=target.source_text or _target_goal(target),
            goal=_target_goal(target),
            rank=status.rank,
            group_size=status.group_size,
            met=status.met,
        )
        out[key][kind] = block
    return out


def _award_details(movement_ids: list[int]) -> dict[int, dict]:
    """Per movement: the awardees in the decisions' order and the decisions cited."""
    out: dict[int, dict] = {pk: {"decisions": [], "awardees": []} for pk in movement_ids}
    awards = (
        Award.objects.filter(IN_FORCE, decision__meeting__movement_id__in=movement_ids)
        .annotate(
            movement_id=F("decision__meeting__movement_id"),
            symbol=F("decision__document__symbol"),
            decided_on=F("decision__date"),
        )
        .order_by("decision__date", "decision_id", "position", "id")
    )
    for award in awards:
        block = out[award.movement_id]
        decision = {"symbol": award.symbol, "date": award.decided_on.isoformat()}
        if decision not in block["decisions"]:
            block["decisions"].append(decision)
        block["awardees"].append(
            {
                "name": award.name,
                "detail": award.detail,
                "target": award.target,
                "form": award.form,
                "amount": award.amount,
                "decision": award.symbol,
                "decision_date": award.decided_on.isoformat(),
            }
        )
    return out


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def figures_for(
    movements: Iterable[Movement],
    *,
    details: bool = False,
    today: datetime.date | None = None,
) -> dict[int, dict]:
    """Movement id → everything the report upward states, as JSON-ready values, for many
    movements in a fixed number of queries. ``details`` adds the awardees and decisions
    (the report itself; the side-by-side list only needs their counts)."""
    movements = list(movements)
    if not movements:
        return {}
    today = today or timezone.localdate()
    annotations = _count_annotations(today)
    counts = {
        row["pk"]: row
        for row in Movement.objects.filter(pk__in=[m.pk for m in movements])
        .annotate(**annotations)
        .values("pk", *annotations)
    }
    indexes = _index_figures({(m.organisation_id, m.year) for m in movements})
    extra = _award_details([m.pk for m in movements]) if details else {}
    out = {}
    for movement in movements:
        row = counts[movement.pk]
        tasks = {status: row[f"t_{status}"] for status in TIMELINESS}
        tasks["total"] = row["t_total"]
        tasks["done_in_time"] = tasks["early"] + tasks["on_time"]
        tasks["percent_in_time"] = _percent(tasks["done_in_time"], tasks["total"])
        awards = {
            "collectives": row["a_collectives"],
            "individuals": row["a_individuals"],
            "bonus_total": row["a_bonus"],
            **extra.get(movement.pk, {}),
        }
        out[movement.pk] = {
            "movement": movement.pk,
            "organisation": movement.organisation.committee_name,
            "year": movement.year,
            "participants": {
                "collectives": row["p_collectives"],
                "individuals": row["p_individuals"],
            },
            "tasks": tasks,
            **indexes[(movement.organisation_id, movement.year)],
            "awards": awards,
        }
    return out


def movement_figures(movement: Movement) -> dict:
    """Everything the report upward states for one movement, awardees included."""
    return figures_for([movement], details=True)[movement.pk]


# --- How the figures read (the web pages, the Excel export and the .docx say the same) ----


def index_value(block: dict | None, percent: bool = False) -> str:
    if not block or block.get("index") is None:
        return "chưa có"
    value = format_decimal(Decimal(block["index"]), 2)
    return f"{value}%" if percent else value


def target_result(block: dict | None) -> str:
    """ "hạng 1/2 — đạt mục tiêu thuộc nhóm 30% cao nhất", or "" without a target."""
    verdict = rank_verdict(block)
    if not verdict:
        return ""
    goal = block.get("goal") or block["target"]
    if block.get("rank") is None:
        return f"chưa xếp hạng (mục tiêu: {goal})"
    return f"{verdict} mục tiêu {goal}"


def rank_verdict(block: dict | None) -> str:
    """ "hạng 1/2 — đạt" for the side-by-side table; its goal is shown beside it."""
    if not block or not block.get("goal", block.get("target")):
        return ""
    if block.get("rank") is None:
        return "chưa xếp hạng"
    verdict = "đạt" if block.get("met") else "chưa đạt"
    return f"hạng {block['rank']}/{block['group_size']} — {verdict}"


def in_time_percent(figures: dict) -> str:
    """ "73,3%" of the movement's tasks done on time or early, "" without tasks."""
    tasks = figures.get("tasks") or {}
    percent = _percent(tasks.get("done_in_time", 0), tasks.get("total", 0))
    return f"{format_decimal(percent, 1)}%" if percent is not None else ""


# --- The upper level's view: the wards' movements side by side ------------------------------


def _report_of(movement: Movement) -> MovementReport | None:
    try:
        return movement.result_report
    except MovementReport.DoesNotExist:
        return None


@dataclass
class WardResult:
    """One movement of a ward as the upper level compares it with the others."""

    movement: Movement
    report: MovementReport | None
    figures: dict

    @property
    def reported(self) -> bool:
        """The figures are those of the report the ward sent (else today's, provisional)."""
        return self.report is not None and self.report.sent_at is not None

    @property
    def tasks_percent(self) -> str:
        return in_time_percent(self.figures)

    @property
    def par(self) -> str:
        return index_value(self.figures.get("par"))

    @property
    def par_target(self) -> str:
        return target_result(self.figures.get("par"))

    @property
    def par_rank(self) -> str:
        return rank_verdict(self.figures.get("par"))

    @property
    def sipas_rank(self) -> str:
        return rank_verdict(self.figures.get("sipas"))

    @property
    def sipas(self) -> str:
        return index_value(self.figures.get("sipas"), percent=True)

    @property
    def sipas_target(self) -> str:
        return target_result(self.figures.get("sipas"))

    @property
    def sent_on(self) -> datetime.date | None:
        return timezone.localtime(self.report.sent_at).date() if self.reported else None

    @property
    def report_label(self) -> str:
        """A draft stays the ward's own business: the upper level sees "not sent"."""
        if not self.reported:
            return "Chưa gửi (số liệu tạm tính đến nay)"
        symbol = self.report.document.symbol if self.report.document else ""
        received = f"Đã nhận {format_date(self.sent_on)}"
        return f"{received} (Báo cáo số {symbol})" if symbol else received

    @property
    def awardees(self) -> int:
        awards = self.figures.get("awards") or {}
        return awards.get("collectives", 0) + awards.get("individuals", 0)


def side_by_side(movements: Iterable[Movement]) -> list[WardResult]:
    """The rows of the upper level's view. A movement whose report was sent shows the
    figures of that report — what the ward stated, as its document says; the others
    show today's figures. ``movements`` come with ``organisation`` and ``result_report``
    selected; the query count does not depend on how many there are."""
    movements = list(movements)
    reports = {m.pk: _report_of(m) for m in movements}
    live = figures_for([m for m in movements if not (reports[m.pk] and reports[m.pk].sent_at)])
    return [
        WardResult(m, reports[m.pk], reports[m.pk].figures if m.pk not in live else live[m.pk])
        for m in movements
    ]


SIDE_BY_SIDE_COLUMNS = [
    ("Đơn vị", 28),
    ("Năm", 7),
    ("Phong trào", 40),
    ("Tập thể tham gia", 10),
    ("Cá nhân tham gia", 10),
    ("Nhiệm vụ CCHC", 10),
    ("Đúng hạn, trước hạn", 11),
    ("Tỷ lệ đúng hạn (%)", 11),
    ("PAR INDEX", 10),
    ("PAR INDEX so với mục tiêu", 34),
    ("SIPAS (%)", 10),
    ("SIPAS so với mục tiêu", 34),
    ("Tập thể được khen", 10),
    ("Cá nhân được khen", 10),
    ("Tổng tiền thưởng (đồng)", 16),
    ("Báo cáo kết quả", 30),
]


def _number(block: dict | None) -> float | None:
    return float(block["index"]) if block and block.get("index") is not None else None


def side_by_side_workbook(rows: list[WardResult], title: str):
    """The side-by-side table as an Excel workbook: numbers as numbers, so that the upper
    level can sort, total and chart them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả phong trào"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([label for label, _width in SIDE_BY_SIDE_COLUMNS])
    for cell, (_label, width) in zip(sheet[3], SIDE_BY_SIDE_COLUMNS, strict=True):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "B4"
    for row in rows:
        f = row.figures
        tasks = f.get("tasks") or {}
        awards = f.get("awards") or {}
        sheet.append(
            [
                row.movement.organisation.committee_name,
                row.movement.year,
                row.movement.title,
                (f.get("participants") or {}).get("collectives"),
                (f.get("participants") or {}).get("individuals"),
                tasks.get("total"),
                tasks.get("done_in_time"),
                _percent(tasks.get("done_in_time", 0), tasks.get("total", 0)),
                _number(f.get("par")),
                row.par_target,
                _number(f.get("sipas")),
                row.sipas_target,
                awards.get("collectives"),
                awards.get("individuals"),
                awards.get("bonus_total"),
                row.report_label,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(sheet.max_row, 15).number_format = "#,##0"
    return book


def upper_recipient(organisation: Organisation, day: datetime.date) -> Organisation:
    """The level the report goes to on ``day``: the district, or after districts ended
    (01/07/2025) the province."""
    parent = organisation.parent
    while parent is not None and not parent.exists_on(day):
        parent = parent.parent
    if parent is None:
        raise CouncilError("Không có cấp trên để gửi báo cáo.")
    return parent


def _results_rows(figures: dict) -> list[dict]:
    tasks = figures["tasks"]
    percent = tasks.get("percent_in_time")
    rows = [
        ("Tập thể tham gia thi đua", "", f"{figures['participants']['collectives']} tập thể", ""),
        ("Cá nhân tham gia thi đua", "", f"{figures['participants']['individuals']} cá nhân", ""),
        (
            "Nhiệm vụ CCHC hoàn thành đúng hạn và trước hạn",
            f"{tasks['total']} nhiệm vụ",
            f"{tasks['done_in_time']} nhiệm vụ",
            format_decimal(percent, 1) if percent is not None else "",
        ),
    ]
    for key, label, unit in (
        ("par", "Chỉ số CCHC (PAR INDEX)", " điểm"),
        ("sipas", "Chỉ số hài lòng (SIPAS)", ""),
    ):
        block = figures.get(key) or {}
        achieved = index_value(block, percent=key == "sipas")
        if block.get("index") is not None and key == "par":
            achieved += unit
        if block.get("rank"):
            achieved = f"{achieved}; hạng {block['rank']}/{block['group_size']}"
        met = block.get("met")
        rows.append(
            (
                label,
                block.get("goal") or block.get("target") or "—",
                achieved,
                "Đạt" if met else ("Chưa đạt" if met is False else ""),
            )
        )
    awards = figures["awards"]
    rows += [
        (
            "Tập thể, cá nhân được khen thưởng",
            "",
            f"{awards['collectives']} tập thể, {awards['individuals']} cá nhân",
            "",
        ),
        ("Tổng tiền thưởng", "", f"{format_money(awards['bonus_total'])} đồng", ""),
    ]
    return [
        {"stt": str(i), "heading": "", "target": t, "planned": p, "achieved": a, "percent": r}
        for i, (t, p, a, r) in enumerate(rows, start=1)
    ]


def _award_rows(awardees: list[dict]) -> list[dict]:
    """The awardees' table of the .docx: collectives, then individuals, numbered in each."""
    rows: list[dict] = []
    for roman, heading, target in (("I", "TẬP THỂ", "collective"), ("II", "CÁ NHÂN", "individual")):
        group = [a for a in awardees if a["target"] == target]
        if not group:
            continue
        rows.append({"stt": roman, "heading": heading, "name": "", "form": "", "decision": ""})
        for index, award in enumerate(group, start=1):
            day = format_date(datetime.date.fromisoformat(award["decision_date"]))
            rows.append(
                {
                    "stt": str(index),
                    "heading": "",
                    "name": ", ".join(part for part in (award["name"], award["detail"]) if part),
                    "form": award["form"],
                    "decision": f"{award['decision']} ngày {day}",
                    "amount": award["amount"],
                }
            )
    return rows


@transaction.atomic
@in_vietnamese
def draft_report(actor, movement: Movement, day: datetime.date) -> MovementReport:
    """The Office drafts the report to the upper level, with today's figures."""
    if not is_office(actor, movement.organisation_id):
        raise PermissionError("Chỉ Văn phòng lập báo cáo kết quả phong trào.")
    existing = MovementReport.objects.filter(movement=movement).first()
    if existing is not None and existing.sent_at is not None:
        raise CouncilError("Báo cáo đã gửi cấp trên; không lập lại được.")
    from thidua.nominations.dossier_documents import chairman_name

    recipient = upper_recipient(movement.organisation, day)
    figures = movement_figures(movement)
    plan = movement.plan
    movement_text = movement.title[:1].lower() + movement.title[1:]
    intro = (
        f"Thực hiện Kế hoạch số {plan.number} ngày {format_date(plan.date)} của {plan.issuer_name} "
        if plan
        else "Thực hiện kế hoạch "
    )
    awards = figures["awards"]
    decisions = "; ".join(
        f"Quyết định số {d['symbol']} ngày {format_date(datetime.date.fromisoformat(d['date']))}"
        for d in awards["decisions"]
    )
    try:
        document = documents.create_draft(
            actor,
            movement.organisation,
            "bao_cao_ket_qua",
            day,
            {
                "kinh_gui": recipient.committee_name,
                "intro": [
                    {
                        "kind": "para",
                        "text": f"{intro}về {movement_text}, {movement.organisation.committee_name} báo cáo kết quả như sau:",
                    },
                    {"kind": "heading", "text": "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"},
                ],
                "results": _results_rows(figures),
                "awards_intro": [
                    {"kind": "heading", "text": "II. KẾT QUẢ KHEN THƯỞNG"},
                    {
                        "kind": "para",
                        "text": (
                            f"Chủ tịch UBND phường đã khen thưởng {awards['collectives']:02d} tập "
                            f"thể, {awards['individuals']:02d} cá nhân ({decisions}); tổng tiền "
                            f"thưởng {format_money(awards['bonus_total'])} đồng, cụ thể như sau:"
                            if awards["decisions"]
                            else "Chưa có quyết định khen thưởng."
                        ),
                    },
                ],
                "awards": {"rows": _award_rows(awards["awardees"])},
                "body": [
                    {
                        "kind": "para",
                        "text": f"{movement.organisation.committee_name} trân trọng báo cáo",
                    },
                ],
            },
            summary=f"Kết quả {movement_text}",
            recipients=[(recipient.committee_name, "để b/c"), ("Lưu: VT", "")],
            # The Chairman signs for the People's Committee (TM. ỦY BAN NHÂN DÂN).
            signer=Signer(chairman_name(movement), "CHỦ TỊCH", "TM", "ỦY BAN NHÂN DÂN"),
        )
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    if existing is not None and existing.document_id:
        documents.cancel(actor, existing.document, "Thay bằng dự thảo báo cáo mới")
    report, _ = MovementReport.objects.update_or_create(
        movement=movement,
        defaults={
            "organisation": movement.organisation,
            "recipient": recipient,
            "document": document,
            "figures": figures,
            "created_by": actor,
        },
    )
    record(actor, "council.report_drafted", report, data={"to": recipient.committee_name})
    return report


@transaction.atomic
def send_report(actor, report: MovementReport) -> MovementReport:
    """Issue (number) the report and mark it sent: the upper level sees it."""
    report = (
        MovementReport.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=report.pk)
    )
    if not is_office(actor, report.organisation_id):
        raise PermissionError("Chỉ Văn phòng gửi báo cáo.")
    if report.sent_at is not None:
        raise CouncilError("Báo cáo đã được gửi.")
    if report.document is None:
        raise CouncilError("Báo cáo chưa có văn bản; hãy lập lại.")
    try:
        if report.document.status == "draft":
            documents.issue(actor, report.document)
    except DocumentError as exc:
        raise CouncilError(str(exc)) from exc
    report.sent_at = timezone.now()
    report.save(update_fields=["sent_at"])
    record(actor, "council.report_sent", report, data={"to": report.recipient_id})
    return report
