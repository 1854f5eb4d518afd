"""Emulation movements (phong trào thi đua) and what their plan fixes:
target groups, award forms, criteria, quotas, dossier items and deadlines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet


class Target(models.TextChoices):
    """The two kinds of emulation subjects."""

    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ACTIVE = "active", _("Đang triển khai")
    REVIEW = "review", _("Đang bình xét")
    CLOSED = "closed", _("Đã kết thúc")


class Movement(models.Model):
    """An emulation movement of an organisation for one year, from its plan."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="movements",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    title = models.CharField(_("tên phong trào"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    dossier_destination = models.CharField(
        _("nơi nhận hồ sơ"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: UBND phường (qua Văn phòng UBND)"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class MovementPart(models.Model):
    """Base of the rows that belong to a movement (and so to its organisation)."""

    organisation_lookup = "movement__organisation"

    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class TargetGroup(MovementPart):
    """Who competes, in the plan's own words (Đối tượng thi đua)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="target_groups")
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    description = models.TextField(_("mô tả"))

    class Meta(MovementPart.Meta):
        verbose_name = _("đối tượng thi đua")
        verbose_name_plural = _("đối tượng thi đua")

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.description}"


class AwardForm(MovementPart):
    """A form of award the movement gives (Hình thức khen thưởng) and who gives it."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="award_forms")
    form = models.CharField(_("hình thức"), max_length=120, help_text=_("Ví dụ: Giấy khen"))
    awarded_by = models.CharField(
        _("cấp khen thưởng"), max_length=200, help_text=_("Ví dụ: Chủ tịch UBND phường")
    )
    proposed_upward = models.BooleanField(
        _("đề nghị cấp trên khen"),
        default=False,
        help_text=_("Hình thức vượt thẩm quyền, chỉ đề nghị lên cấp trên."),
    )

    class Meta(MovementPart.Meta):
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return f"{self.form} của {self.awarded_by}"


class Criterion(MovementPart):
    """A standard (tiêu chuẩn) a target group must meet."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="criteria")
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    text = models.TextField(_("tiêu chuẩn"))

    class Meta(MovementPart.Meta):
        verbose_name = _("tiêu chuẩn")
        verbose_name_plural = _("tiêu chuẩn")

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.text}"


class Quota(MovementPart):
    """How many may be awarded: "từ 1-2 tập thể", "không quá 10% …"."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="quotas")
    award_form = models.ForeignKey(
        AwardForm,
        verbose_name=_("hình thức"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quotas",
    )
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    minimum = models.PositiveSmallIntegerField(_("tối thiểu"), null=True, blank=True)
    maximum = models.PositiveSmallIntegerField(_("tối đa"), null=True, blank=True)
    percent_max = models.PositiveSmallIntegerField(_("tối đa (%)"), null=True, blank=True)
    source_text = models.TextField(_("nguyên văn"), blank=True)

    class Meta(MovementPart.Meta):
        verbose_name = _("số lượng khen thưởng")
        verbose_name_plural = _("số lượng khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(minimum__lte=models.F("maximum")),
                name="quota_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(percent_max__isnull=True) | Q(percent_max__lte=100),
                name="quota_percent_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.describe()}"

    def clean(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValidationError(
                _("Số tối thiểu (%(min)s) lớn hơn số tối đa (%(max)s): hãy sửa lại."),
                params={"min": self.minimum, "max": self.maximum},
            )

    def describe(self) -> str:
        """The quota in words: "1–2", "tối đa 3", "tối đa 10%"."""
        if self.percent_max is not None:
            return f"tối đa {self.percent_max}%"
        if self.minimum is not None and self.maximum is not None:
            if self.minimum == self.maximum:
                return str(self.minimum)
            return f"{self.minimum}–{self.maximum}"
        if self.maximum is not None:
            return f"tối đa {self.maximum}"
        if self.minimum is not None:
            return f"ít nhất {self.minimum}"
        return "không giới hạn"


class DossierItem(MovementPart):
    """A document the nomination dossier must contain (Hồ sơ đề nghị khen thưởng)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="dossier_items")
    name = models.CharField(_("thành phần hồ sơ"), max_length=400)
    per_candidate = models.BooleanField(
        _("mỗi tập thể, cá nhân một bản"),
        default=False,
        help_text=_("Báo cáo thành tích: mỗi đối tượng đề nghị có một bản."),
    )
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1)

    class Meta(MovementPart.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name


class MilestoneKind(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký thi đua")
    INTERIM = "interim", _("Sơ kết")
    FINAL = "final", _("Tổng kết")
    DOSSIER = "dossier", _("Hạn nộp hồ sơ")


class Milestone(MovementPart):
    """A deadline of the movement's timeline."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("mốc"), max_length=15, choices=MilestoneKind.choices)
    date = models.DateField(_("ngày"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta(MovementPart.Meta):
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.date:%d/%m/%Y}"
