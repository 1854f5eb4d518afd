"""Plan records (kế hoạch) and the cascade between them.

A ward's emulation plan (20/KH-UBND) implements the district's plan (60/KH-UBND)
and the ward's own CCHC plan (17/KH-UBND): ``implements`` keeps those links, so the
cascade can be walked both ways. References to documents not in the register are
kept as text in ``external_references``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet


class PlanQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> PlanQuerySet:
        """A user's own plans, and those of the levels above, which are addressed to them."""
        from thidua.orgs.scope import organisation_ids_above

        own = super().visible_to(user)
        above = organisation_ids_above(user)
        if not above:
            return own
        return own | self.filter(organisation_id__in=above)


class Plan(models.Model):
    """A plan (or another administrative document a movement stands on)."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 20/KH-UBND"))
    doc_type = models.CharField(_("loại văn bản"), max_length=10, default="KH")
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    date = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm thực hiện"), null=True, blank=True)
    implements = models.ManyToManyField(
        "self",
        verbose_name=_("thực hiện kế hoạch"),
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
    )
    external_references = models.JSONField(
        _("căn cứ ngoài sổ"),
        default=list,
        blank=True,
        help_text=_("Các văn bản được viện dẫn nhưng chưa có trong hệ thống."),
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number", "date"], name="plan_number_unique_per_issuer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"
