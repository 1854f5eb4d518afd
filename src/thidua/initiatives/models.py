"""Initiatives (sáng kiến): submitted with their authors, reviewed by the initiative
council or the head of the unit, recognised by a decision (NĐ 13/2012/NĐ-CP, DOMAIN §10).

A recognised initiative counts in the scorecards (component ``initiatives.recognised``)
and in eligibility (Chiến sĩ thi đua cơ sở).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet


class InitiativeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ xét")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "rejected", _("Không được công nhận")


class Reviewer(models.TextChoices):
    COUNCIL = "council", _("Hội đồng sáng kiến")
    HEAD = "head", _("Thủ trưởng đơn vị")


class Initiative(models.Model):
    """A sáng kiến: what it is, where it was applied and what it brought."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị áp dụng"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    description = models.TextField(_("mô tả nội dung sáng kiến"))
    applied_where = models.TextField(_("nơi, phạm vi đã áp dụng"))
    applied_since = models.DateField(_("ngày áp dụng lần đầu"), null=True, blank=True)
    benefit = models.TextField(_("hiệu quả, lợi ích thu được"))
    authors = models.ManyToManyField(
        "orgs.Person",
        verbose_name=_("tác giả"),
        through="InitiativeAuthor",
        related_name="initiatives",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.SUBMITTED,
        db_index=True,
    )
    reviewer = models.CharField(
        _("cơ quan xét"), max_length=10, choices=Reviewer.choices, blank=True
    )
    review_note = models.TextField(_("ý kiến xét"), blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("ngày gửi"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="recognised")
                | (Q(decision_date__isnull=False) & ~Q(decision_number="")),
                name="initiative_recognised_has_decision",
            )
        ]

    def __str__(self) -> str:
        return self.title


class InitiativeAuthor(models.Model):
    """An author of an initiative and their share of the work."""

    organisation_lookup = "initiative__organisation"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("orgs.Person", on_delete=models.PROTECT, related_name="+")
    share = models.PositiveSmallIntegerField(_("tỷ lệ đóng góp (%)"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once"),
            models.CheckConstraint(
                condition=Q(share__gte=1, share__lte=100), name="initiative_share_1_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share}%)"
