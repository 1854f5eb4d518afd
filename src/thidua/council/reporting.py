"""The report upward (Báo cáo kết quả phong trào): participants, CCHC tasks done on time,
PAR INDEX and SIPAS against the plan's target, awardees and the bonus total — as figures
(API, the upper level's side-by-side view) and as a registered document (.docx/PDF).

The figures come from the apps that own them, through their public functions:
``tasks.queries`` (timeliness), ``indexes.queries`` (PAR totals, SIPAS index, targets).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.i18n import in_vietnamese
from thidua.documents import services as documents
from thidua.documents.services import DocumentError, Signer
from thidua.movements.models import Movement, Target
from thidua.orgs.models import Organisation, Person, Unit
from thidua.vn import format_date, format_money

from .models import Award, DecisionStatus, MovementReport
from .services import CouncilError, is_office


def _task_figures(movement: Movement) -> dict:
    from thidua.tasks.queries import movement_tasks, timeliness_filter

    today = timezone.localdate()
    tasks = movement_tasks(movement)
    counts = tasks.aggregate(
        total=Count("id"),
        early=Count("id", filter=timeliness_filter("early", today)),
        on_time=Count("id", filter=timeliness_filter("on_time", today)),
        late=Count("id", filter=timeliness_filter("late", today)),
        overdue=Count("id", filter=timeliness_filter("overdue", today)),
    )
    counts["done_in_time"] = counts["early"] + counts["on_time"]
    return counts


def _index_figures(movement: Movement) -> dict:
    """PAR INDEX and SIPAS of the movement's year, each with the plan's target if set."""
    from thidua.indexes.models import IndexKind, IndexTarget, ParAssessment
    from thidua.indexes.queries import assessment_totals, sipas_index, target_status, year_range

    organisation = movement.organisation
    out: dict = {"par": None, "sipas": None}
    assessment = (
        ParAssessment.objects.filter(organisation=organisation, framework__year=movement.year)
        .order_by("-framework__version")
        .first()
    )
    if assessment is not None:
        totals = assessment_totals(assessment)
        out["par"] = {"index": str(totals.index), "self_index": str(totals.self_index)}
    start, end = year_range(movement.year)
    sipas = sipas_index(organisation, start, end, breakdowns=False)
    if sipas.overall.percent is not None:
        out["sipas"] = {
            "index": f"{sipas.overall.percent:.2f}",
            "respondents": sipas.respondents,
        }
    for target in IndexTarget.objects.filter(organisation=organisation, year=movement.year):
        status = target_status(target)
        key = "par" if target.index == IndexKind.PAR else "sipas"
        block = out[key] or {}
        block["target"] = target.source_text or (
            f"xếp hạng không thấp hơn {target.rank_max}"
            if target.rank_max
            else f"thuộc nhóm {target.top_percent}% cao nhất"
        )
        block["rank"] = status.rank
        block["group_size"] = status.group_size
        block["met"] = status.met
        out[key] = block
    return out


def _award_figures(movement: Movement) -> dict:
    awards = Award.objects.filter(
        decision__meeting__movement=movement,
        decision__status=DecisionStatus.ISSUED,
        revoked=False,
    )
    agg = awards.aggregate(
        collectives=Count("id", filter=Q(target=Target.COLLECTIVE)),
        individuals=Count("id", filter=Q(target=Target.INDIVIDUAL)),
        total=Sum("amount"),
    )
    decisions = list(awards.values_list("decision__document__symbol", "decision__date").distinct())
    return {
        "collectives": agg["collectives"],
        "individuals": agg["individuals"],
        "bonus_total": agg["total"] or 0,
        "decisions": [{"symbol": s, "date": d.isoformat()} for s, d in decisions],
        "awardees": list(awards.order_by("decision_id", "position").values_list("name", flat=True)),
    }


def movement_figures(movement: Movement) -> dict:
    """Everything the report upward states, as JSON-ready values."""
    organisation = movement.organisation
    return {
        "movement": movement.pk,
        "organisation": organisation.committee_name,
        "year": movement.year,
        "participants": {
            "collectives": Unit.objects.filter(organisation=organisation, competes=True).count(),
            "individuals": Person.objects.filter(organisation=organisation, is_active=True).count(),
        },
        "tasks": _task_figures(movement),
        **_index_figures(movement),
        "awards": _award_figures(movement),
    }


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
    rows = [
        (
            "Tập thể, cá nhân tham gia thi đua",
            "",
            f"{figures['participants']['collectives']} tập thể, {figures['participants']['individuals']} cá nhân",
            "",
        ),
        (
            "Nhiệm vụ CCHC hoàn thành đúng hạn và trước hạn",
            f"{tasks['total']} nhiệm vụ",
            f"{tasks['done_in_time']} nhiệm vụ",
            f"{round(100 * tasks['done_in_time'] / tasks['total'], 1) if tasks['total'] else 0}".replace(
                ".", ","
            ),
        ),
    ]
    for key, label in (("par", "Chỉ số CCHC (PAR INDEX)"), ("sipas", "Chỉ số hài lòng (SIPAS)")):
        block = figures.get(key) or {}
        achieved = block.get("index", "chưa có")
        if block.get("rank"):
            achieved = f"{achieved}; hạng {block['rank']}/{block['group_size']}"
        met = block.get("met")
        rows.append(
            (
                label,
                block.get("target", "—"),
                str(achieved).replace(".", ","),
                "Đạt" if met else ("Chưa đạt" if met is False else ""),
            )
        )
    awards = figures["awards"]
    rows.append(
        (
            "Khen thưởng",
            "",
            f"{awards['collectives']} tập thể, {awards['individuals']} cá nhân; "
            f"tiền thưởng {format_money(awards['bonus_total'])} đồng",
            "",
        )
    )
    return [
        {"stt": str(i), "heading": "", "target": t, "planned": p, "achieved": a, "percent": r}
        for i, (t, p, a, r) in enumerate(rows, start=1)
    ]


@transaction.atomic
@in_vietnamese
def draft_report(actor, movement: Movement, day: datetime.date) -> MovementReport:
    """The Office drafts the report to the upper level, with today's figures."""
    if not is_office(actor, movement.organisation_id):
        raise PermissionError("Chỉ Văn phòng lập báo cáo kết quả phong trào.")
    existing = MovementReport.objects.filter(movement=movement).first()
    if existing is not None and existing.sent_at is not None:
        raise CouncilError("Báo cáo đã gửi cấp trên; không lập lại được.")
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
                "body": [
                    {"kind": "heading", "text": "II. KẾT QUẢ KHEN THƯỞNG"},
                    {
                        "kind": "para",
                        "text": (
                            f"Chủ tịch UBND phường đã tặng Giấy khen cho {awards['collectives']:02d} tập thể, "
                            f"{awards['individuals']:02d} cá nhân ({decisions}); tổng tiền thưởng "
                            f"{format_money(awards['bonus_total'])} đồng."
                            if awards["decisions"]
                            else "Chưa có quyết định khen thưởng."
                        ),
                    },
                    {
                        "kind": "para",
                        "text": f"{movement.organisation.committee_name} trân trọng báo cáo",
                    },
                ],
            },
            summary=f"Kết quả {movement_text}",
            recipients=[(recipient.committee_name, "để b/c"), ("Lưu: VT", "")],
            signer=Signer("", "CHỦ TỊCH", "TM", "ỦY BAN NHÂN DÂN"),
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
