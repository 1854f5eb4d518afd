"""PAR INDEX operations: start an assessment, assign criteria to units, self-score with
evidence, submit, appraise, finish. Each validates, runs in a transaction and writes the
action log; a refused operation raises ``ValidationError`` with a Vietnamese message and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.audit.services import record
from thidua.core.storage import saving_files
from thidua.core.uploads import DOCX, XLSX, office_kind, sniff, validate_upload
from thidua.orgs.models import Organisation, Role, Unit
from thidua.orgs.services import has_role, memberships_of

from .models import (
    AssessmentStatus,
    Method,
    ParAssessment,
    ParCriterion,
    ParEvidence,
    ParFramework,
    ParScore,
    SuggestionSource,
)
from .queries import survey_suggestions

OFFICE_ROLES = (Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN)
EVIDENCE_KINDS = {"pdf", "png", "jpeg", DOCX, XLSX}
EVIDENCE_LABEL = "tệp PDF, ảnh (PNG, JPEG), Word (.docx) hoặc Excel (.xlsx)"


# --- Who may do what ---------------------------------------------------------------------


def can_manage(user, organisation: Organisation | int) -> bool:
    """The Office (and the ward's leaders) run the ward's self-assessment."""
    return has_role(user, organisation, *OFFICE_ROLES)


def can_self_score(user, score: ParScore) -> bool:
    if score.assessment.status != AssessmentStatus.DRAFT:
        return False
    if score.criterion.method == Method.SURVEY:
        return False
    if can_manage(user, score.assessment.organisation_id):
        return True
    return score.unit_id is not None and any(
        m.unit_id == score.unit_id and m.role in (Role.UNIT_HEAD, Role.STAFF)
        for m in memberships_of(user)
    )


def _ancestor_ids(organisation: Organisation) -> set[int]:
    ids: set[int] = set()
    node = organisation.parent
    while node is not None and node.pk not in ids:
        ids.add(node.pk)
        node = node.parent
    return ids


def is_upper_level(user, organisation: Organisation) -> bool:
    """The upper level (an upper viewer of the district or province above) appraises."""
    if getattr(user, "is_superuser", False):
        return True
    ancestors = _ancestor_ids(organisation)
    return any(
        m.role in (Role.UPPER_VIEWER, Role.ADMIN) and m.unit.organisation_id in ancestors
        for m in memberships_of(user)
    )


def can_appraise(user, assessment: ParAssessment) -> bool:
    return assessment.status == AssessmentStatus.SUBMITTED and is_upper_level(
        user, assessment.organisation
    )


# --- Operations --------------------------------------------------------------------------


def parse_points(text: str | Decimal | None, criterion: ParCriterion) -> Decimal:
    """Points typed the Vietnamese way ("1,5") or not, checked against the criterion."""
    raw = str(text if text is not None else "").strip().replace(",", ".")
    if not raw:
        raise ValidationError(f"Hãy nhập điểm cho tiêu chí {criterion.code}.")
    try:
        points = Decimal(raw).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValidationError(f"Điểm “{text}” không phải là số. Hãy nhập số, ví dụ 1,5.") from exc
    if not criterion.min_points <= points <= criterion.max_points:
        raise ValidationError(
            f"Điểm tiêu chí {criterion.code} phải từ {_fmt(criterion.min_points)} đến "
            f"{_fmt(criterion.max_points)}; đã nhập {_fmt(points)}."
        )
    return points


def _fmt(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


@transaction.atomic
def start_assessment(actor, organisation: Organisation, framework: ParFramework) -> ParAssessment:
    if not can_manage(actor, organisation):
        raise ValidationError("Chỉ Văn phòng UBND phường được lập bản tự đánh giá.")
    if ParAssessment.objects.filter(organisation=organisation, framework=framework).exists():
        raise ValidationError(
            f"{organisation.full_name} đã có bản tự đánh giá theo bộ tiêu chí này."
        )
    assessment = ParAssessment.objects.create(organisation=organisation, framework=framework)
    ParScore.objects.bulk_create(
        ParScore(assessment=assessment, criterion=c)
        for c in ParCriterion.objects.filter(framework=framework, is_leaf=True)
    )
    record(actor, "par.started", assessment, data={"framework": framework.code})
    return assessment


@transaction.atomic
def assign_units(actor, assessment: ParAssessment, mapping: dict[int, int | None]) -> int:
    """Set the responsible unit of each criterion; ``mapping`` is {score id: unit id or None}."""
    if not can_manage(actor, assessment.organisation_id):
        raise ValidationError("Chỉ Văn phòng UBND phường được phân công tiêu chí.")
    units = set(
        Unit.objects.filter(organisation_id=assessment.organisation_id).values_list("id", flat=True)
    )
    bad = [uid for uid in mapping.values() if uid is not None and uid not in units]
    if bad:
        raise ValidationError("Đơn vị được chọn không thuộc phường. Hãy chọn lại trong danh sách.")
    changed = 0
    for score in ParScore.objects.filter(assessment=assessment, pk__in=mapping.keys()):
        if score.unit_id != mapping[score.pk]:
            score.unit_id = mapping[score.pk]
            score.save(update_fields=["unit"])
            changed += 1
    record(actor, "par.assigned", assessment, data={"changed": changed})
    return changed


def _evidence_kind(uploaded) -> str:
    kind = office_kind(uploaded)
    if kind is None:
        uploaded.seek(0)
        kind = sniff(uploaded.read(16))
        uploaded.seek(0)
    return kind or ""


@transaction.atomic
def self_score(
    actor,
    score: ParScore,
    points_text: str | Decimal,
    explanation: str,
    files: Iterable = (),
) -> ParScore:
    """Record a unit's self-score. Evidence files or a written explanation are required."""
    score = (
        ParScore.objects.select_for_update(of=("self",))
        .select_related("assessment__organisation", "criterion")
        .get(pk=score.pk)
    )
    if score.criterion.method == Method.SURVEY:
        raise ValidationError(
            "Tiêu chí điều tra xã hội học không tự chấm: điểm do cấp trên tính từ kết quả khảo sát."
        )
    if score.assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError("Bản tự đánh giá đã gửi cấp trên; không sửa được điểm tự chấm.")
    if not can_self_score(actor, score):
        raise ValidationError(
            "Chỉ đơn vị được phân công tiêu chí này (hoặc Văn phòng) được tự chấm."
        )
    points = parse_points(points_text, score.criterion)
    files = list(files)
    for uploaded in files:
        try:
            validate_upload(uploaded, EVIDENCE_KINDS, EVIDENCE_LABEL)
        except ValidationError as exc:
            raise ValidationError(f"Tệp “{uploaded.name}”: {' '.join(exc.messages)}") from exc
    explanation = explanation.strip()
    if not files and not explanation and not score.evidence.exists():
        raise ValidationError(
            "Hãy đính kèm ít nhất một tệp minh chứng, hoặc ghi giải trình khi không có minh chứng."
        )
    # A full disk on the second file must not keep the first: saving_files removes it,
    # and the StorageFull (a ValidationError) rolls this transaction back.
    with saving_files() as saved:
        for uploaded in files:
            evidence = ParEvidence(
                score=score,
                name=uploaded.name[:200],
                kind=_evidence_kind(uploaded),
                size=uploaded.size,
                uploaded_by=actor,
            )
            saved.save(evidence.file, uploaded.name, uploaded)
            evidence.save()
        score.self_points = points
        score.explanation = explanation
        score.self_by = actor
        score.self_at = timezone.now()
        score.save(update_fields=["self_points", "explanation", "self_by", "self_at"])
        record(
            actor,
            "par.self_scored",
            score,
            organisation=score.assessment.organisation,
            data={"criterion": score.criterion.code, "points": points, "files": len(files)},
        )
    return score


@transaction.atomic
def submit_assessment(actor, assessment: ParAssessment) -> None:
    assessment = ParAssessment.objects.select_for_update(of=("self",)).get(pk=assessment.pk)
    if not can_manage(actor, assessment.organisation_id):
        raise ValidationError("Chỉ Văn phòng UBND phường được gửi bản tự đánh giá.")
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError("Bản tự đánh giá đã được gửi.")
    missing = list(
        ParScore.objects.filter(assessment=assessment, self_points__isnull=True)
        .exclude(criterion__method=Method.SURVEY)
        .order_by("criterion__position")
        .values_list("criterion__code", flat=True)
    )
    if missing:
        raise ValidationError(
            "Còn tiêu chí chưa tự chấm: " + ", ".join(missing) + ". Hãy chấm đủ rồi gửi lại."
        )
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    record(actor, "par.submitted", assessment)


@transaction.atomic
def appraise(
    actor,
    score: ParScore,
    points_text: str | Decimal,
    comment: str,
    *,
    from_suggestion: bool = False,
) -> ParScore:
    """The upper level's points and comment on one criterion.

    ``from_suggestion``: the form was filled with the points suggested from SIPAS. The
    suggestion is computed again here, and the log says it was used only when the
    confirmed points are still the suggested ones (the appraiser may have changed them).
    """
    score = (
        ParScore.objects.select_for_update(of=("self",))
        .select_related(
            "assessment__organisation__parent__parent", "assessment__framework", "criterion"
        )
        .get(pk=score.pk)
    )
    if not can_appraise(actor, score.assessment):
        raise ValidationError(
            "Chỉ cấp trên được thẩm định, và chỉ khi phường đã gửi bản tự đánh giá."
        )
    points = parse_points(points_text, score.criterion)
    comment = comment.strip()
    if score.self_points is not None and points != score.self_points and not comment:
        raise ValidationError(
            "Điểm thẩm định khác điểm tự chấm: hãy ghi ý kiến thẩm định nêu lý do."
        )
    data: dict = {"criterion": score.criterion.code, "points": points}
    if score.criterion.source == SuggestionSource.SIPAS:
        suggestion = survey_suggestions(score.assessment, [score.criterion])[score.criterion_id]
        if from_suggestion and suggestion.points is None:
            raise ValidationError(
                "Chưa đủ phiếu khảo sát SIPAS để gợi ý điểm; hãy nhập điểm thẩm định "
                "và ghi rõ căn cứ."
            )
        data["suggestion"] = {
            "points": suggestion.points,
            "percent": suggestion.rate.percent,
            "respondents": suggestion.rate.respondents,
            "year": suggestion.year,
            "used": from_suggestion and points == suggestion.points,
        }
    score.appraised_points = points
    score.appraisal_comment = comment
    score.appraised_by = actor
    score.appraised_at = timezone.now()
    score.save(
        update_fields=["appraised_points", "appraisal_comment", "appraised_by", "appraised_at"]
    )
    record(
        actor,
        "par.appraised_criterion",
        score,
        organisation=score.assessment.organisation,
        data=data,
    )
    return score


@transaction.atomic
def finish_appraisal(actor, assessment: ParAssessment, note: str = "") -> None:
    assessment = (
        ParAssessment.objects.select_for_update(of=("self",))
        .select_related("organisation__parent__parent")
        .get(pk=assessment.pk)
    )
    if not can_appraise(actor, assessment):
        raise ValidationError("Chỉ cấp trên được kết thúc thẩm định bản đã gửi.")
    missing = list(
        ParScore.objects.filter(assessment=assessment, appraised_points__isnull=True)
        .order_by("criterion__position")
        .values_list("criterion__code", flat=True)
    )
    if missing:
        raise ValidationError(
            "Còn tiêu chí chưa thẩm định: " + ", ".join(missing) + ". Hãy thẩm định đủ."
        )
    assessment.status = AssessmentStatus.APPRAISED
    assessment.appraised_at = timezone.now()
    assessment.appraised_by = actor
    assessment.appraisal_note = note.strip()
    assessment.save(update_fields=["status", "appraised_at", "appraised_by", "appraisal_note"])
    record(actor, "par.appraisal_finished", assessment)
