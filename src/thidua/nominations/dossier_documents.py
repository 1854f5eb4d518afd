"""The dossier's documents, pre-filled from the record the system already holds.

Builds the content dicts the document register renders (see ``thidua.documents.catalog``):
the Tờ trình with its Danh sách trích ngang, the Biên bản họp bình xét of the unit (a draft
to print, hold the meeting and sign), and one Báo cáo thành tích per candidate listing the
candidate's CCHC tasks with timeliness and quality, recognised initiatives, the ward's PAR
INDEX and SIPAS results, and the awards already received (section III). The documents app
never imports this module: it receives the dicts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from thidua.indexes.models import ParAssessment
from thidua.indexes.queries import assessment_totals, points_lost_by_unit, sipas_index
from thidua.initiatives.models import Initiative, InitiativeStatus
from thidua.movements.models import Movement, Target
from thidua.orgs.models import Gender, Membership, Person, Role, Unit
from thidua.scoring.registry import ScoringContext
from thidua.scoring.task_components import TaskFact, load_task_facts
from thidua.vn import format_date, search_key

from .models import AwardRecord, Dossier, Nomination

PROPOSAL, MINUTES, REPORT, SUMMARY, OTHER = "proposal", "minutes", "report", "summary", "other"
# Items satisfied by a document generated here; the others need the signed scan.
GENERATED_KINDS = {PROPOSAL, REPORT, SUMMARY}
TEMPLATE_FOR = {
    PROPOSAL: "to_trinh",
    SUMMARY: "to_trinh",
    MINUTES: "bien_ban_hop_don_vi",
}
KIND_LABELS = {
    PROPOSAL: "Tạo từ hệ thống (Tờ trình)",
    SUMMARY: "Tạo từ hệ thống (kèm Tờ trình)",
    REPORT: "Tạo từ hệ thống cho từng tập thể, cá nhân",
    MINUTES: "Tải lên bản scan biên bản đã ký",
    OTHER: "Tải lên bản scan",
}


def item_kind(name: str) -> str:
    """What a dossier item of the plan is, from its wording."""
    key = search_key(name)
    if "trich ngang" in key:
        return SUMMARY
    if "to trinh" in key:
        return PROPOSAL
    if "bien ban" in key:
        return MINUTES
    if "bao cao thanh tich" in key:
        return REPORT
    return OTHER


def is_themed(movement: Movement) -> bool:
    """A movement on one theme (chuyên đề) — the CCHC movements — as opposed to the
    yearly regular movement (thi đua thường xuyên), whose reports use other templates."""
    key = search_key(movement.title)
    return "thuong xuyen" not in key and "hang nam" not in key


def report_template(movement: Movement, target: str) -> str:
    if is_themed(movement):
        return "bao_cao_thanh_tich_chuyen_de"
    return (
        "bao_cao_thanh_tich_tap_the"
        if target == Target.COLLECTIVE
        else "bao_cao_thanh_tich_ca_nhan"
    )


def _p(text: str, kind: str = "para") -> dict[str, str]:
    return {"kind": kind, "text": text}


def unit_head(unit: Unit) -> Person | None:
    """The head of a unit: the person whose account holds the unit-head role there."""
    membership = (
        Membership.objects.filter(unit=unit, role=Role.UNIT_HEAD)
        .select_related("user__person")
        .first()
    )
    person = getattr(membership.user, "person", None) if membership else None
    if person is None:
        person = Person.objects.filter(unit=unit, position__icontains="trưởng").first()
    return person


def chairman_name(movement: Movement) -> str:
    membership = (
        Membership.objects.filter(unit__organisation=movement.organisation, role=Role.CHAIRMAN)
        .select_related("user__person")
        .first()
    )
    person = getattr(membership.user, "person", None) if membership else None
    return person.full_name if person else ""


@dataclass
class Facts:
    """What the record says about one candidate in one movement."""

    tasks: list[TaskFact]
    initiatives: list[Initiative]
    awards: list[AwardRecord]
    sipas: str
    par: str

    def task_summary(self) -> str:
        due = [f for f in self.tasks if f.timeliness.status != "pending"]
        good = [f for f in due if f.timeliness.status in ("early", "on_time")]
        early = [f for f in due if f.timeliness.status == "early"]
        late = [f for f in due if f.timeliness.status in ("late", "overdue")]
        quality: dict[str, int] = {}
        for fact in self.tasks:
            if fact.task.quality is not None:
                quality[fact.task.quality.name] = quality.get(fact.task.quality.name, 0) + 1
        text = (
            f"Được giao {len(self.tasks)} nhiệm vụ CCHC; {len(due)} nhiệm vụ đã đến hạn, "
            f"{len(good)} hoàn thành sớm hoặc đúng hạn ({len(early)} hoàn thành sớm), "
            f"{len(late)} trễ hạn"
        )
        if quality:
            text += "; chất lượng: " + ", ".join(f"{n} {k}" for k, n in quality.items())
        return text + "."


def facts_for(nomination: Nomination, day: datetime.date) -> Facts:
    movement = nomination.movement
    target = nomination.target
    subject = nomination.person if target == Target.INDIVIDUAL else nomination.unit
    context = ScoringContext(movement, target, [subject], day)
    tasks = load_task_facts(context).get(subject.pk, [])
    initiatives = Initiative.objects.filter(
        organisation_id=movement.organisation_id,
        year=movement.year,
        status=InitiativeStatus.RECOGNISED,
    )
    if target == Target.INDIVIDUAL:
        initiatives = initiatives.filter(credits__person=subject)
    else:
        initiatives = initiatives.filter(unit=subject)
    # A revoked award is no achievement to cite.
    awards = AwardRecord.objects.in_force().filter(
        person=subject if target == Target.INDIVIDUAL else None,
        unit=subject if target == Target.COLLECTIVE else None,
    ).order_by("-decision_date")
    return Facts(
        tasks=tasks,
        initiatives=list(initiatives.distinct()),
        awards=list(awards),
        sipas=_sipas(movement, target, subject),
        par=_par(movement, target, subject),
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def _sipas(movement: Movement, target: str, subject) -> str:
    year = movement.year
    index = sipas_index(
        movement.organisation, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    if not index.respondents:
        return ""
    text = (
        f"Chỉ số hài lòng SIPAS năm {year} của phường: {_percent(index.overall.percent)} "
        f"({index.respondents} lượt người dân đánh giá)"
    )
    if target == Target.INDIVIDUAL:
        own = next((r for r in index.staff if r.label == subject.full_name), None)
        if own is not None and own.respondents:
            text += (
                f"; người dân hài lòng với {subject.full_name}: {_percent(own.percent)} "
                f"({own.respondents} lượt)"
            )
    return text + "."


def _par(movement: Movement, target: str, subject) -> str:
    assessment = (
        ParAssessment.objects.filter(
            organisation=movement.organisation, framework__year=movement.year
        )
        .select_related("framework")
        .first()
    )
    if assessment is None:
        return ""
    totals = assessment_totals(assessment)
    index = totals.index if totals.appraised else totals.self_index
    kind = "thẩm định" if totals.appraised else "tự đánh giá"
    text = (
        f"Chỉ số CCHC (PAR INDEX) năm {movement.year} của phường ({kind}): "
        f"{str(index).replace('.', ',')}/100"
    )
    if target == Target.COLLECTIVE:
        lost = points_lost_by_unit(movement.organisation, movement.year).get(subject.pk)
        if lost is not None:
            text += f"; điểm bị trừ ở các tiêu chí do {subject.name} phụ trách: " + str(
                lost
            ).replace(".", ",")
    return text + "."


def _result_rows(facts: Facts) -> list[dict[str, str]]:
    rows = []
    for index, fact in enumerate(facts.tasks, start=1):
        task = fact.task
        achieved = fact.timeliness.label_vi
        if task.completed_on and fact.timeliness.status != "overdue":
            achieved += f" (hoàn thành {format_date(task.completed_on)})"
        rows.append(
            {
                "stt": str(index),
                "heading": "",
                "target": f"Nhiệm vụ {task.number}: {task.content}",
                "planned": f"Hạn {format_date(task.deadline)}",
                "achieved": achieved,
                "percent": task.quality.name if task.quality else f"{task.percent_done}%",
            }
        )
    return rows


def _awards_rows(facts: Facts) -> list[dict[str, str]]:
    return [
        {
            "year": str(a.year),
            "form": a.form + (" (chuyên đề)" if a.themed else ""),
            "decision": f"Quyết định số {a.decision_number} ngày {format_date(a.decision_date)}"
            + (f" của {a.issuer}" if a.issuer else ""),
        }
        for a in facts.awards
    ]


def position_of(nomination: Nomination) -> str:
    organisation = nomination.movement.organisation
    if nomination.person_id:
        person = nomination.person
        unit = person.unit.name if person.unit_id else ""
        return ", ".join(p for p in (person.position, unit) if p)
    return f"Thuộc {organisation.committee_name}"


def achievement_line(nomination: Nomination, facts: Facts) -> str:
    """The one-line summary of the Danh sách trích ngang."""
    if nomination.achievement_summary.strip():
        return nomination.achievement_summary.strip()
    due = [f for f in facts.tasks if f.timeliness.status != "pending"]
    good = [f for f in due if f.timeliness.status in ("early", "on_time")]
    text = f"Hoàn thành {len(good)}/{len(due)} nhiệm vụ CCHC đến hạn sớm hoặc đúng hạn"
    if facts.initiatives:
        text += f"; {len(facts.initiatives)} sáng kiến được công nhận"
    return text


def report_content(nomination: Nomination, day: datetime.date) -> dict[str, Any]:
    """The Báo cáo thành tích of one candidate."""
    movement = nomination.movement
    facts = facts_for(nomination, day)
    name = nomination.candidate_name
    body = [_p(facts.task_summary())]
    for fact in facts.tasks:
        quality = f", chất lượng {fact.task.quality.name}" if fact.task.quality else ""
        body.append(
            _p(
                f"- Nhiệm vụ {fact.task.number}: {fact.task.content} — {fact.timeliness.label_vi}{quality}."
            )
        )
    if facts.initiatives:
        body.append(_p("Sáng kiến được công nhận:", "heading"))
        for initiative in facts.initiatives:
            body.append(
                _p(
                    f"- “{initiative.title}” (Quyết định số {initiative.decision_number} ngày "
                    f"{format_date(initiative.decision_date)}), áp dụng tại "
                    f"{initiative.applied_where}; hiệu quả: {initiative.benefit}"
                )
            )
    for line in (facts.par, facts.sipas):
        if line:
            body.append(_p(line))
    unit = nomination.unit if nomination.target == Target.COLLECTIVE else nomination.person.unit
    head = unit_head(unit) if unit else None
    if nomination.target == Target.INDIVIDUAL:
        signer, head_name = name, head.full_name if head else ""
    else:
        signer, head_name = (head.full_name if head else ""), chairman_name(movement)
    form = nomination.award_form
    return {
        "subject": {"name": name, "position": position_of(nomination)},
        "collective": {
            "name": name,
            "address": f"Trụ sở {movement.organisation.committee_name}",
            "situation": facts.task_summary(),
        },
        "person": {
            "name": name,
            "birth": str(nomination.person.birth_year or "") if nomination.person_id else "",
            "gender": nomination.person.get_gender_display() if nomination.person_id else "",
            "hometown": "",
            "residence": "",
            "unit": unit.name if unit else "",
            "position": nomination.person.position if nomination.person_id else "",
            "education": "",
        },
        "body": body,
        "results": _result_rows(facts),
        "awards_received": _awards_rows(facts),
        "head_name": head_name,
        "signer_name": signer,
        "summary_text": f"Đề nghị tặng {form.form} của {form.awarded_by} trong {movement.title}",
    }


def list_rows(nominations: list[Nomination], day: datetime.date) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for target, heading, roman in (
        (Target.COLLECTIVE, "TẬP THỂ", "I"),
        (Target.INDIVIDUAL, "CÁ NHÂN", "II"),
    ):
        group = [n for n in nominations if n.target == target]
        if not group:
            continue
        rows.append(
            {
                "stt": roman,
                "heading": heading,
                "name": "",
                "birth": "",
                "position": "",
                "achievement": "",
                "form": "",
                "note": "",
            }
        )
        for index, nomination in enumerate(group, start=1):
            person = nomination.person
            birth = ""
            if person is not None and person.birth_year:
                birth = f"{person.birth_year} ({'Nữ' if person.gender == Gender.FEMALE else 'Nam'})"
            rows.append(
                {
                    "stt": str(index),
                    "heading": "",
                    "name": nomination.candidate_name,
                    "birth": birth,
                    "position": position_of(nomination),
                    "achievement": achievement_line(nomination, facts_for(nomination, day)),
                    "form": nomination.award_form.form,
                    "note": "",
                }
            )
    return rows


def proposal_content(dossier: Dossier, nominations: list[Nomination]) -> dict[str, Any]:
    """The Tờ trình of the proposing unit, with its Danh sách trích ngang."""
    movement = dossier.movement
    organisation = movement.organisation
    plan = movement.plan
    plan_line = (
        f"Kế hoạch số {plan.number} ngày {format_date(plan.date)} của {plan.issuer_name}"
        if plan
        else movement.title
    )
    collectives = sum(1 for n in nominations if n.target == Target.COLLECTIVE)
    individuals = len(nominations) - collectives
    forms = sorted({n.award_form.form for n in nominations})
    counts = " và ".join(
        part
        for part in (
            f"{collectives:02d} tập thể" if collectives else "",
            f"{individuals:02d} cá nhân" if individuals else "",
        )
        if part
    )
    awarded_by = nominations[0].award_form.awarded_by if nominations else "Chủ tịch UBND phường"
    return {
        "kinh_gui": f"Chủ tịch {organisation.committee_name}",
        "body": [
            _p(f"Căn cứ {plan_line} về {movement.title[0].lower() + movement.title[1:]};"),
            _p(
                f"Căn cứ kết quả họp bình xét của {dossier.proposing_unit.name} "
                f"(Biên bản họp bình xét kèm theo);"
            ),
            _p(
                f"{dossier.proposing_unit.name} đề nghị {awarded_by} tặng "
                f"{', '.join(forms)} cho {counts} đã có thành tích xuất sắc trong "
                f"{movement.title} (có danh sách trích ngang kèm theo)."
            ),
            _p(f"Kính trình {awarded_by} xem xét, quyết định"),
        ],
        "list_title": f"Đề nghị tặng {', '.join(forms)} của {awarded_by} trong {movement.title}",
        "list_rows": list_rows(nominations, dossier.document_date),
        "summary_text": f"Về việc đề nghị khen thưởng trong {movement.title}",
    }


def minutes_content(dossier: Dossier, nominations: list[Nomination]) -> dict[str, Any]:
    """A draft of the unit's review minutes: the meeting fills in votes and signs it."""
    unit = dossier.proposing_unit
    head = unit_head(unit)
    members = Person.objects.filter(unit=unit, is_active=True).count()
    return {
        "meeting": {
            "start": "…… giờ …… phút, ngày ……/……/……",
            "end": "…… giờ …… phút",
            "place": unit.name,
            "chair": f"{head.full_name} - {head.position}" if head else "",
            "secretary": "",
            "chair_name": head.full_name if head else "",
            "secretary_name": "",
            "present": f"……/{members:02d} cán bộ, công chức, người lao động của {unit.name}",
            "present_count": "",
            "members_total": str(members),
            "absent": "",
            "voting_method": "Biểu quyết giơ tay",
            "conclusion": f"Đề nghị khen thưởng các tập thể, cá nhân có tên dưới đây trong "
            f"{dossier.movement.title}.",
            "agenda": f"Bình xét đề nghị khen thưởng trong {dossier.movement.title}",
        },
        "body": [
            _p("Chủ trì báo cáo tóm tắt thành tích của các tập thể, cá nhân đề nghị khen thưởng."),
            _p("Hội nghị thảo luận, đối chiếu tiêu chuẩn và biểu quyết."),
        ],
        "vote_rows": [
            {
                "stt": str(index),
                "heading": "",
                "name": n.candidate_name,
                "form": n.award_form.form,
                "votes": "……/……",
                "percent": "",
                "result": "",
            }
            for index, n in enumerate(nominations, start=1)
        ],
        "summary_text": f"Họp bình xét đề nghị khen thưởng trong {dossier.movement.title}",
    }
