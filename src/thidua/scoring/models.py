"""The rubric of a movement: which components count, with which weight, for each target
group. Scores themselves are not stored: they are computed from the task record every
time, so a scorecard can never disagree with the evidence it links to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet
from thidua.movements.models import Target


class Rubric(models.Model):
    """How a movement scores one target group (tập thể or cá nhân)."""

    organisation_lookup = "movement__organisation"

    movement = models.ForeignKey(
        "movements.Movement", on_delete=models.CASCADE, related_name="rubrics"
    )
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    priority_first = models.BooleanField(
        _("ưu tiên của kế hoạch xếp trước"),
        default=True,
        help_text=_(
            "Người trực tiếp thực hiện nhiệm vụ CCHC được xếp trước (kế hoạch 20/KH-UBND); "
            "bỏ chọn để chỉ dùng ưu tiên khi bằng điểm."
        ),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cách tính điểm")
        verbose_name_plural = _("cách tính điểm")
        constraints = [
            models.UniqueConstraint(fields=["movement", "target"], name="rubric_per_target")
        ]

    def __str__(self) -> str:
        return f"{self.movement} — {self.get_target_display()}"


class RubricItem(models.Model):
    """One criterion of a rubric: a registered component with its weight and cap."""

    organisation_lookup = "rubric__movement__organisation"

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="items")
    component = models.CharField(_("thành phần"), max_length=60)
    weight = models.DecimalField(_("hệ số (điểm)"), max_digits=7, decimal_places=2)
    cap = models.DecimalField(
        _("mức trần"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Giới hạn điểm cộng hoặc trừ của tiêu chí; để trống nếu không giới hạn."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "component"], name="rubric_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.component} × {self.weight}"
