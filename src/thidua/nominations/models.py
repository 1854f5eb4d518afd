"""Nominations (đề nghị khen thưởng): who is proposed for which award form of a movement.

A nomination names either a collective (a ``Unit``) or an individual (a ``Person``),
is proposed by a unit (its head) or by the Office, and moves through the states of
:class:`NominationStatus`. Every change of state is kept in :class:`NominationEvent`.
The council's meeting takes the accepted nominations as its candidates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet
from thidua.movements.models import Target


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi Văn phòng")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ACCEPTED = "accepted", _("Văn phòng đã tiếp nhận")
    WITHDRAWN = "withdrawn", _("Đã rút")
    APPROVED = "approved", _("Hội đồng đề nghị khen")
    REJECTED = "rejected", _("Hội đồng không đề nghị")
    AWARDED = "awarded", _("Đã khen thưởng")
    REVOKED = "revoked", _("Đã thu hồi khen thưởng")


class Nomination(models.Model):
    """A proposal to award one collective or one individual one award form of a movement."""

    organisation_lookup = "movement__organisation"

    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    award_form = models.ForeignKey(
        "movements.AwardForm",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    proposing_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="proposed_nominations",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        db_index=True,
    )
    achievement_summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    dossier = models.ForeignKey(
        "Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    expected_decision_date = models.DateField(
        _("ngày dự kiến quyết định khen thưởng"),
        null=True,
        blank=True,
        help_text=_("Chế độ pháp lý áp dụng theo ngày quyết định khen thưởng."),
    )
    # The last eligibility check, kept so that lists show it without recomputing:
    # [{"code", "rule", "ok", "blocking", "facts"}].
    eligibility = models.JSONField(_("kết quả kiểm tra điều kiện"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["movement_id", "target", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(target="collective", unit__isnull=False, person__isnull=True)
                    | Q(target="individual", person__isnull=False)
                ),
                name="nomination_names_its_candidate",
            ),
            # One achievement, one award: a candidate is proposed once per movement
            # and award form (withdrawn proposals excepted).
            models.UniqueConstraint(
                fields=["movement", "award_form", "unit"],
                condition=Q(target="collective") & ~Q(status="withdrawn"),
                name="nomination_one_per_collective",
            ),
            models.UniqueConstraint(
                fields=["movement", "award_form", "person"],
                condition=Q(target="individual") & ~Q(status="withdrawn"),
                name="nomination_one_per_individual",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_name} — {self.award_form.form}"

    @property
    def candidate_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def candidate(self):
        return self.person if self.person_id else self.unit

    @property
    def is_eligible(self) -> bool:
        """The last eligibility check refused nothing."""
        return not any(r.get("blocking") and not r.get("ok") for r in self.eligibility)


class NominationEvent(models.Model):
    """One change of a nomination's state, with who, when and why (history)."""

    organisation_lookup = "nomination__movement__organisation"

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=10, choices=NominationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=NominationStatus.choices)
    reason = models.TextField(_("lý do"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("diễn biến đề nghị")
        verbose_name_plural = _("diễn biến đề nghị")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.nomination} {self.from_status}→{self.to_status}"


# --- The dossier ------------------------------------------------------------------------------


class Dossier(models.Model):
    """What one unit (or the Office) sends the Office for one movement: its nominations
    and the documents the movement's plan asks for (Hồ sơ đề nghị khen thưởng).

    The dossier moves as a whole: submitting, returning and accepting it change the
    state of every nomination in it, each change kept in :class:`DossierEvent` and in
    the nominations' own :class:`NominationEvent`.
    """

    organisation_lookup = "movement__organisation"

    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    proposing_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        db_index=True,
    )
    document_date = models.DateField(
        _("ngày văn bản của hồ sơ"),
        help_text=_("Ngày ghi trên Tờ trình, Báo cáo thành tích được tạo từ hệ thống."),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    received_on = models.DateField(_("Văn phòng nhận ngày"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    appraisal_due = models.DateField(_("hạn thẩm định"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    return_count = models.PositiveSmallIntegerField(_("số lần trả lại"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["movement_id", "proposing_unit__sort_name", "id"]

    def __str__(self) -> str:
        return f"Hồ sơ của {self.proposing_unit.name}"

    @property
    def is_editable(self) -> bool:
        return self.status in (NominationStatus.DRAFT, NominationStatus.RETURNED)


class DossierEvent(models.Model):
    """One change of a dossier's state, with who, when and why (kept for good)."""

    organisation_lookup = "dossier__movement__organisation"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=10, choices=NominationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=NominationStatus.choices)
    action = models.CharField(_("thao tác"), max_length=40)
    reason = models.TextField(_("lý do"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("diễn biến hồ sơ")
        verbose_name_plural = _("diễn biến hồ sơ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.from_status}→{self.to_status}"


class FileKind(models.TextChoices):
    GENERATED = "generated", _("Tạo từ hệ thống")
    UPLOADED = "uploaded", _("Bản scan đã ký")


def dossier_file_path(instance: DossierFile, filename: str) -> str:
    # A random name: the original name is kept in the row, never in the path, so a
    # file cannot be guessed or overwrite another.
    import uuid

    extension = (instance.content_kind or "bin").replace("jpeg", "jpg").replace("ole", "doc")
    organisation_id = instance.dossier.movement.organisation_id
    return f"dossiers/{organisation_id}/{uuid.uuid4().hex}.{extension}"


class DossierFile(models.Model):
    """One document of a dossier for one required item (and one candidate when the item
    is per candidate): a document generated into the register, or an uploaded scan of
    the signed paper. Uploaded files are private: read through a permission-checked view.
    """

    organisation_lookup = "dossier__movement__organisation"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    item = models.ForeignKey(
        "movements.DossierItem",
        verbose_name=_("thành phần hồ sơ"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("của đề nghị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    kind = models.CharField(_("loại"), max_length=10, choices=FileKind.choices)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to=dossier_file_path, max_length=300, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_kind = models.CharField(_("định dạng"), max_length=10, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["item__position", "nomination_id", "-added_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="generated", document__isnull=False)
                | Q(kind="uploaded", document__isnull=True),
                name="dossier_file_kind_matches_content",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.name} — {self.get_kind_display()}"


# --- Registration (đăng ký thi đua) ----------------------------------------------------------


class Registration(models.Model):
    """A unit's or a person's registration for a movement, with its pledges."""

    organisation_lookup = "movement__organisation"

    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    pledges = models.TextField(_("nội dung đăng ký, cam kết"))
    registered_on = models.DateField(_("ngày đăng ký"))
    late = models.BooleanField(_("đăng ký sau hạn"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["movement_id", "target", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target="collective", unit__isnull=False, person__isnull=True)
                | Q(target="individual", person__isnull=False, unit__isnull=True),
                name="registration_names_its_subject",
            ),
            models.UniqueConstraint(
                fields=["movement", "unit"],
                condition=Q(target="collective"),
                name="registration_once_per_unit",
            ),
            models.UniqueConstraint(
                fields=["movement", "person"],
                condition=Q(target="individual"),
                name="registration_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Đăng ký thi đua: {self.subject_name}"

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name


# --- The facts eligibility needs: kept by the Office per person and unit ---------------------


class SubjectRecord(models.Model):
    """Base of the records kept about a person or a unit (exactly one of them)."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name


def _one_subject(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(person__isnull=False, unit__isnull=True)
        | Q(person__isnull=True, unit__isnull=False),
        name=name,
    )


class Rating(models.TextChoices):
    """Xếp loại chất lượng hằng năm (cán bộ, công chức; tập thể)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "not_done", _("Không hoàn thành nhiệm vụ")


RATING_RANK = {Rating.EXCELLENT: 3, Rating.GOOD: 2, Rating.DONE: 1, Rating.NOT_DONE: 0}


class QualityRating(SubjectRecord):
    """The annual quality rating of a person or a unit (xếp loại chất lượng)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices)

    class Meta:
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        ordering = ["-year", "id"]
        constraints = [
            _one_subject("quality_rating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="quality_rating_once_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="quality_rating_once_per_unit_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.year}: {self.get_rating_display()}"


class ConductKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Kỷ luật, xem xét kỷ luật")
    INSPECTION = "inspection", _("Thanh tra, kiểm tra, kiểm toán")
    COMPLAINT = "complaint", _("Khiếu nại, tố cáo")


class DisciplineLevel(models.TextChoices):
    """Hình thức kỷ luật cán bộ, công chức, lightest first."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWN = "salary_down", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    DISMISSAL = "dismissal", _("Cách chức")
    FORCED_QUIT = "forced_quit", _("Buộc thôi việc")


DISCIPLINE_ORDER = list(DisciplineLevel.values)


class ConductRecord(SubjectRecord):
    """A discipline, inspection or complaint record with its dates.

    Open (``closed_on`` empty) means still under review or being verified: a hold on
    any award or proposal (DOMAIN §4). A decided discipline has a level and the date
    its period ends; achievements count only from that date.
    """

    kind = models.CharField(_("loại"), max_length=12, choices=ConductKind.choices)
    title = models.CharField(_("nội dung"), max_length=300)
    opened_on = models.DateField(_("ngày bắt đầu"))
    closed_on = models.DateField(
        _("ngày kết thúc xem xét"),
        null=True,
        blank=True,
        help_text=_("Để trống khi đang xem xét, thanh tra hoặc xác minh."),
    )
    signs_of_violation = models.BooleanField(
        _("có dấu hiệu vi phạm"),
        default=True,
        help_text=_("Với thanh tra, kiểm tra: chỉ tạm dừng khen thưởng khi có dấu hiệu vi phạm."),
    )
    discipline_level = models.CharField(
        _("hình thức kỷ luật"), max_length=12, choices=DisciplineLevel.choices, blank=True
    )
    discipline_until = models.DateField(_("thời hạn kỷ luật đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ kỷ luật, thanh tra, khiếu nại")
        verbose_name_plural = _("hồ sơ kỷ luật, thanh tra, khiếu nại")
        ordering = ["-opened_on", "id"]
        constraints = [
            _one_subject("conduct_record_one_subject"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="conduct_record_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.get_kind_display()}: {self.title}"

    def is_open_on(self, day) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


class AwardRecordQuerySet(ScopedQuerySet):
    def in_force(self) -> AwardRecordQuerySet:
        """Awards not revoked: the only ones that count for eligibility."""
        return self.filter(revoked=False)


class AwardRecord(SubjectRecord):
    """A title or award already received, with its decision (section III of the
    achievement report; the chain of titles; one achievement, one award).

    Entered by the Office for awards given outside the system, or written when an award
    decision of the system is issued (``nomination`` then names the proposal awarded). A
    revoked award keeps its row, flagged, so the history stays whole."""

    year = models.PositiveSmallIntegerField(_("năm"))
    form = models.CharField(_("danh hiệu, hình thức khen thưởng"), max_length=200)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cấp quyết định"), max_length=200, blank=True)
    themed = models.BooleanField(
        _("khen thưởng chuyên đề, đột xuất"),
        default=False,
        help_text=_("Không tính để xét khen thưởng cao hơn (DOMAIN §4)."),
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("thuộc phong trào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("theo đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoked_by_symbol = models.CharField(_("quyết định thu hồi"), max_length=60, blank=True)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("khen thưởng đã nhận")
        ordering = ["-decision_date", "id"]
        constraints = [
            _one_subject("award_record_one_subject"),
            # One achievement, one award: a proposal is awarded at most once while in force.
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(nomination__isnull=False, revoked=False),
                name="award_record_once_per_nomination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.form} ({self.decision_number})"
