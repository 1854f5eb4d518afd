"""Legal regimes as data: which law applies on a date, base salary, bonus multipliers.

Nothing here is hard-coded in rules: a later regime (a rumoured 2026 amendment) is a
new row, added by an operator in the admin or by a data migration.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalRegime(models.Model):
    """A set of law + decrees that governs awards decided between two dates.

    The regime of an award follows the date of the award decision. ``form_numbers``
    names the official template numbers ("Mẫu số 07") of the achievement reports;
    ``unconfirmed`` lists which of them could not be confirmed in a public source.
    """

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_bases = models.JSONField(
        _("căn cứ pháp lý"),
        default=list,
        help_text=_("Các dòng “Căn cứ …” mặc định của quyết định khen thưởng."),
    )
    decree = models.CharField(_("nghị định hướng dẫn"), max_length=120)
    form_numbers = models.JSONField(
        _("số hiệu mẫu báo cáo"),
        default=dict,
        help_text=_('Ví dụ {"bao_cao_thanh_tich_chuyen_de": "Mẫu số 07"}.'),
    )
    unconfirmed = models.JSONField(_("chưa xác minh"), default=list, blank=True)

    class Meta:
        verbose_name = _("chế độ pháp lý")
        verbose_name_plural = _("chế độ pháp lý")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="regime_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class BaseSalary(models.Model):
    """The mức lương cơ sở in force from a date (integer đồng)."""

    valid_from = models.DateField(_("áp dụng từ"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    source = models.CharField(_("văn bản quy định"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class Target(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class Multiplier(models.Model):
    """The bonus multiplier of an award form for a kind of awardee under a regime."""

    regime = models.ForeignKey(LegalRegime, on_delete=models.CASCADE, related_name="multipliers")
    form = models.CharField(
        _("hình thức, danh hiệu"), max_length=120, help_text=_("Ví dụ: Giấy khen")
    )
    target = models.CharField(_("đối tượng"), max_length=12, choices=Target.choices)
    value = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    source = models.CharField(_("căn cứ"), max_length=200, blank=True)
    confirmed = models.BooleanField(_("đã xác minh"), default=True)

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["regime", "form", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "form", "target"], name="multiplier_unique_per_regime"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regime.code} {self.form} ({self.get_target_display()}): {self.value}"

    @property
    def as_decimal(self) -> Decimal:
        return Decimal(self.value)
