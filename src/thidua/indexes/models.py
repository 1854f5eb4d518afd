"""PAR INDEX (Chỉ số CCHC) self-assessment and appraisal; SIPAS citizen surveys.

Criteria sets and questionnaires are *data* (files under ``indexes/data/``, loaded by
``thidua load_index_data``), versioned per year and province: nothing of their
structure or weights is code. See DOMAIN.md §9.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet

POINTS = {"max_digits": 7, "decimal_places": 2}


# --- PAR INDEX ---------------------------------------------------------------------------


class Method(models.TextChoices):
    """How a leaf criterion gets its points."""

    SELF = "self", _("Tự chấm, cấp trên thẩm định")
    SURVEY = "survey", _("Điều tra xã hội học")
    BONUS = "bonus", _("Điểm thưởng, điểm trừ")


class SuggestionSource(models.TextChoices):
    """Where the points of a survey-based criterion may be suggested from."""

    NONE = "", _("Không có")
    SIPAS = "sipas", _("Chỉ số SIPAS của phường")


# Below this many respondents no points are suggested. With 100 respondents the 95%
# interval of a share is at most about ±10 percentage points, whatever the share
# (1,96² × 0,25 / 0,1² ≈ 96); a criteria set may ask for more (``min_sample``).
SIPAS_MIN_SAMPLE = 100


class ParFramework(models.Model):
    """A PAR INDEX criteria set (bộ tiêu chí Chỉ số CCHC) of one province for one year.

    Loaded from a data file that names its source; where official weights are not
    public the file says so and ``placeholder`` is set, and every page shows it.
    """

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    version = models.CharField(_("phiên bản"), max_length=40)
    province_code = models.SlugField(
        _("mã tỉnh, thành phố"), max_length=40, help_text=_("Mã đơn vị hành chính cấp tỉnh.")
    )
    level = models.CharField(_("cấp áp dụng"), max_length=10, default="commune")
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    title = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    source = models.TextField(_("nguồn"))
    placeholder = models.BooleanField(_("điểm số tạm (chưa có số chính thức)"), default=False)
    placeholder_note = models.TextField(_("ghi chú về điểm số tạm"), blank=True)
    max_points = models.DecimalField(_("tổng điểm tối đa"), **POINTS, default=Decimal(0))
    data_file = models.CharField(_("tệp dữ liệu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bộ tiêu chí Chỉ số CCHC")
        verbose_name_plural = _("bộ tiêu chí Chỉ số CCHC")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.title} (phiên bản {self.version})"


class ParCriterion(models.Model):
    """A node of the criteria tree: lĩnh vực → tiêu chí → tiêu chí thành phần.

    Only leaves are scored. ``root`` is the field (lĩnh vực) the node belongs to,
    kept so that totals per field are one GROUP BY.
    """

    framework = models.ForeignKey(ParFramework, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="descendants"
    )
    code = models.CharField(_("mã"), max_length=20)
    title = models.TextField(_("nội dung"))
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    min_points = models.DecimalField(_("điểm thấp nhất"), **POINTS, default=Decimal(0))
    method = models.CharField(_("cách chấm"), max_length=10, choices=Method.choices)
    guidance = models.TextField(_("hướng dẫn chấm, minh chứng"), blank=True)
    source = models.CharField(
        _("điểm gợi ý từ"),
        max_length=10,
        choices=SuggestionSource.choices,
        blank=True,
        default=SuggestionSource.NONE,
        help_text=_("Tiêu chí điều tra xã hội học tính được từ số liệu khảo sát của phường."),
    )
    min_sample = models.PositiveIntegerField(
        _("số người trả lời tối thiểu để gợi ý điểm"), default=SIPAS_MIN_SAMPLE
    )
    position = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    is_leaf = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("tiêu chí Chỉ số CCHC")
        verbose_name_plural = _("tiêu chí Chỉ số CCHC")
        ordering = ["framework_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="par_criterion_code_unique"),
            models.CheckConstraint(
                condition=Q(min_points__lte=models.F("max_points")),
                name="par_criterion_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã gửi cấp trên thẩm định")
    APPRAISED = "appraised", _("Đã thẩm định")


class ParAssessment(models.Model):
    """One ward's PAR INDEX self-assessment for one criteria set (year), and its appraisal."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="par_assessments",
    )
    framework = models.ForeignKey(
        ParFramework,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("ngày gửi thẩm định"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(_("ngày hoàn thành thẩm định"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraisal_note = models.TextField(_("kết luận thẩm định"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tự đánh giá Chỉ số CCHC")
        verbose_name_plural = _("tự đánh giá Chỉ số CCHC")
        ordering = ["-framework__year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework"], name="par_assessment_once_per_framework"
            )
        ]

    def __str__(self) -> str:
        return f"Chỉ số CCHC năm {self.framework.year} — {self.organisation.full_name}"


class ParScore(models.Model):
    """Self and appraised points of one leaf criterion, with the unit responsible for it."""

    assessment = models.ForeignKey(ParAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ParCriterion, on_delete=models.PROTECT, related_name="scores")
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="par_scores",
    )
    self_points = models.DecimalField(_("điểm tự chấm"), **POINTS, null=True, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_at = models.DateTimeField(null=True, blank=True)
    appraised_points = models.DecimalField(_("điểm thẩm định"), **POINTS, null=True, blank=True)
    appraisal_comment = models.TextField(_("ý kiến thẩm định"), blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(null=True, blank=True)

    organisation_lookup = "assessment__organisation"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["assessment_id", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="par_score_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code} — {self.assessment}"


def evidence_path(instance: ParEvidence, filename: str) -> str:
    # A random name: the original one is kept in ``name`` for display only, so that
    # nothing a user typed ends up in a path.
    return f"private/par/{uuid.uuid4().hex}"


class ParEvidence(models.Model):
    """A file proving a self-score (minh chứng). Stored privately, served after a permission check."""

    score = models.ForeignKey(ParScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp minh chứng"), upload_to=evidence_path, max_length=200)
    name = models.CharField(_("tên tệp"), max_length=200)
    kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Not auto_now_add: imported and demo evidence keep the date of the original document.
    uploaded_at = models.DateTimeField(_("ngày tải lên"), default=timezone.now)

    organisation_lookup = "score__assessment__organisation"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["score_id", "id"]

    def __str__(self) -> str:
        return self.name


# --- SIPAS -------------------------------------------------------------------------------


class OverallMethod(models.TextChoices):
    """How the overall SIPAS index is formed (configurable per questionnaire)."""

    MEAN_OF_FACTORS = "mean_of_factors", _("Trung bình các yếu tố")
    OVERALL_QUESTION = "overall_question", _("Theo câu hỏi đánh giá chung")


class SipasQuestionnaire(models.Model):
    """A version of the SIPAS questionnaire: factors, criteria, scale, overall question, profile."""

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    version = models.CharField(_("phiên bản"), max_length=40)
    province_code = models.SlugField(
        _("mã tỉnh, thành phố"),
        max_length=40,
        blank=True,
        help_text=_("Trống: mẫu phiếu toàn quốc; có mã: mẫu riêng của tỉnh, thành phố."),
    )
    title = models.CharField(_("tên phiếu"), max_length=300)
    source = models.TextField(_("nguồn"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    scale = models.JSONField(_("thang đo (5 mức)"))
    satisfied_min = models.PositiveSmallIntegerField(_("mức thấp nhất tính là hài lòng"), default=4)
    overall_text = models.CharField(_("câu hỏi đánh giá chung"), max_length=300)
    overall_method = models.CharField(
        _("cách tính chỉ số chung"),
        max_length=20,
        choices=OverallMethod.choices,
        default=OverallMethod.MEAN_OF_FACTORS,
    )
    profile = models.JSONField(_("thông tin người trả lời (không bắt buộc)"), default=list)
    data_file = models.CharField(_("tệp dữ liệu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mẫu phiếu SIPAS")
        verbose_name_plural = _("mẫu phiếu SIPAS")
        ordering = ["-valid_from", "code"]

    def __str__(self) -> str:
        return f"{self.title} (phiên bản {self.version})"


class SipasFactor(models.Model):
    """One of the factors (yếu tố) of a questionnaire, e.g. "Tiếp cận dịch vụ"."""

    questionnaire = models.ForeignKey(
        SipasQuestionnaire, on_delete=models.CASCADE, related_name="factors"
    )
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("tên yếu tố"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("yếu tố SIPAS")
        verbose_name_plural = _("yếu tố SIPAS")
        ordering = ["questionnaire_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="sipas_factor_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class SipasCriterion(models.Model):
    """A question of a factor, answered on the 5-level scale."""

    factor = models.ForeignKey(SipasFactor, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã"), max_length=20)
    text = models.CharField(_("nội dung"), max_length=400)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tiêu chí SIPAS")
        verbose_name_plural = _("tiêu chí SIPAS")
        ordering = ["factor__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["factor", "code"], name="sipas_criterion_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class SipasDesk(models.Model):
    """A one-stop desk (quầy của bộ phận một cửa) where citizens are asked through a QR code."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="sipas_desks",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("bộ phận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sipas_desks",
    )
    name = models.CharField(_("tên quầy"), max_length=120)
    description = models.CharField(_("lĩnh vực tiếp nhận"), max_length=300, blank=True)
    active = models.BooleanField(_("đang khảo sát"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quầy tiếp nhận")
        verbose_name_plural = _("quầy tiếp nhận")
        ordering = ["organisation_id", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="sipas_desk_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SipasProcedure(models.Model):
    """An administrative procedure (thủ tục hành chính) a citizen may be rating."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="sipas_procedures"
    )
    name = models.CharField(_("tên thủ tục"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["organisation_id", "field", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="sipas_procedure_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    QR = "qr", _("Mã QR trên điện thoại")
    KIOSK = "kiosk", _("Máy tính bảng tại quầy")
    PAPER = "paper", _("Phiếu giấy")


class SipasResponse(models.Model):
    """One citizen's answered questionnaire. No personal data is asked or stored.

    ``client_uuid`` is made by the browser when the citizen presses "Gửi", so an
    answer queued offline and sent twice is stored once; ``visit_id`` makes one
    answer per device per page visit.
    """

    # No database constraints (ADR 0801): under load every answer at a desk locked the same
    # ward, desk and questionnaire rows FOR KEY SHARE in its constraint triggers, and the
    # lockers queued on each other. The ids come from the signed link resolved against
    # the active desk and from the questionnaire in force; PROTECT and SET_NULL hold in the
    # ORM, and nothing here deletes a desk, a ward or an answered questionnaire.
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="sipas_responses",
        db_constraint=False,
        db_index=False,  # the (organisation, day) index serves it
    )
    desk = models.ForeignKey(
        SipasDesk, on_delete=models.PROTECT, related_name="responses", db_constraint=False
    )
    procedure = models.ForeignKey(
        SipasProcedure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        db_constraint=False,
    )
    staff = models.ForeignKey(
        "orgs.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    questionnaire = models.ForeignKey(
        SipasQuestionnaire, on_delete=models.PROTECT, related_name="responses", db_constraint=False
    )
    client_uuid = models.UUIDField(unique=True)
    visit_id = models.UUIDField(unique=True, null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    day = models.DateField(_("ngày đánh giá"))
    submitted_at = models.DateTimeField(auto_now_add=True)
    overall = models.PositiveSmallIntegerField(null=True, blank=True)
    profile = models.JSONField(default=dict, blank=True)
    paper_number = models.CharField(_("số phiếu giấy"), max_length=40, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")
        indexes = [models.Index(fields=["organisation", "day"], name="sipas_resp_org_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__isnull=True) | Q(overall__gte=1, overall__lte=5),
                name="sipas_overall_in_scale",
            )
        ]

    def __str__(self) -> str:
        return f"Phiếu {self.client_uuid} ({self.day:%d/%m/%Y})"


class SipasAnswer(models.Model):
    """One criterion's answer. Organisation, factor and day are copied from the response so
    that an index is one aggregate query over this table, without joins.

    Twenty-two rows go in with every citizen's answer, so the table carries only what its
    queries use (ADR 0801): the unique (response, criterion) index, which also serves the
    response's foreign key, and (organisation, day, factor, value). No column has a
    database constraint: per answer, each would cost a trigger that locks the referenced
    row, and every desk's answers lock the same few criteria. Answers are written only in
    the statement (or transaction) that writes their response; CASCADE and PROTECT hold
    in the ORM, and questionnaires are versioned, never deleted while answered."""

    response = models.ForeignKey(
        SipasResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        db_constraint=False,
        db_index=False,
    )
    criterion = models.ForeignKey(
        SipasCriterion,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    factor = models.ForeignKey(
        SipasFactor,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    day = models.DateField()
    value = models.PositiveSmallIntegerField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        indexes = [
            # With the value, every index's GROUP BY is answered from the index alone.
            models.Index(
                fields=["organisation", "day", "factor", "value"], name="sipas_ans_org_day_fac_val"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "criterion"], name="sipas_answer_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="sipas_answer_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class RejectReason(models.TextChoices):
    """Why a submitted answer was not counted."""

    HONEYPOT = "honeypot", _("Điền vào trường bẫy (máy tự động)")
    NO_DEVICE = "no_device", _("Thiếu mã thiết bị")
    INVALID_VISIT = "invalid_visit", _("Lượt truy cập không hợp lệ hoặc quá hạn")
    TOO_FAST = "too_fast", _("Gửi quá nhanh sau khi mở trang")
    VISIT_USED = "visit_used", _("Đã gửi một phiếu trong lượt truy cập này")
    RATE_DEVICE = "rate_device", _("Vượt giới hạn số phiếu của một thiết bị")
    RATE_IP = "rate_ip", _("Vượt giới hạn số phiếu của một địa chỉ mạng")
    INVALID_ANSWERS = "invalid_answers", _("Câu trả lời không hợp lệ hoặc bỏ trống")


class SipasRejection(models.Model):
    """How many answers were rejected, per ward, desk, day and reason (a counter, not a log)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    desk = models.ForeignKey(SipasDesk, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    reason = models.CharField(max_length=20, choices=RejectReason.choices)
    count = models.PositiveIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu bị loại")
        verbose_name_plural = _("phiếu bị loại")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "desk", "day", "reason"], name="sipas_rejection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.count}"


class IndexKind(models.TextChoices):
    PAR = "par", _("Chỉ số CCHC (PAR INDEX)")
    SIPAS = "sipas", _("Chỉ số hài lòng (SIPAS)")


class IndexTarget(models.Model):
    """The plan's target "in the leading group": rank ≤ k, or within the top p%, of the
    communes/wards under ``comparison`` (the district until 2025, the city after)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="index_targets"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    index = models.CharField(_("chỉ số"), max_length=10, choices=IndexKind.choices)
    comparison = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("nhóm so sánh (các xã, phường thuộc)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank_max = models.PositiveSmallIntegerField(_("xếp hạng không thấp hơn"), null=True, blank=True)
    top_percent = models.PositiveSmallIntegerField(
        _("thuộc nhóm % cao nhất"), null=True, blank=True
    )
    source_text = models.CharField(_("nguyên văn kế hoạch"), max_length=400, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục tiêu xếp hạng")
        verbose_name_plural = _("mục tiêu xếp hạng")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "index"], name="index_target_unique"
            ),
            models.CheckConstraint(
                condition=Q(rank_max__isnull=False) | Q(top_percent__isnull=False),
                name="index_target_has_rule",
            ),
            models.CheckConstraint(
                condition=Q(top_percent__isnull=True) | Q(top_percent__gte=1, top_percent__lte=100),
                name="index_target_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_index_display()} {self.year} — {self.organisation}"

    def describe(self) -> str:
        if self.rank_max:
            return f"xếp hạng từ 1 đến {self.rank_max}"
        return f"thuộc {self.top_percent}% đơn vị cao nhất"
