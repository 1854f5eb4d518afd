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


class NominationEvent(models.Model):
    """One change of a nomination's state, with who, when and why (history)."""

    organisation_lookup = "nomination__movement__organisation"

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
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
