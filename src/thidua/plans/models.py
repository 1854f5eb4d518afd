"""Plan records (kế hoạch) and the cascade between them.

A ward's emulation plan (20/KH-UBND) implements the district's plan (60/KH-UBND)
and the ward's own CCHC plan (17/KH-UBND): ``implements`` keeps those links, so the
cascade can be walked both ways. References to documents not in the register are
kept as text in ``external_references``.
"""

from __future__ import annotations

from django.conf import settings
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


def _import_path(instance: PlanImport, filename: str) -> str:
    return (
        f"private/plan-imports/{instance.organisation_id}/{instance.sha256[:16]}-{filename[-80:]}"
    )


class ImportStatus(models.TextChoices):
    PARSED = "parsed", _("Đã đọc, chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã tạo kế hoạch và phong trào")
    DISCARDED = "discarded", _("Đã hủy")


class PlanImport(models.Model):
    """An uploaded plan document, what the parser read from it, and what became of it.

    The file and the extracted lines are kept so that the review page can show each
    field beside the source text it came from, and an inspection can see both later.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="plan_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(upload_to=_import_path, max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    result = models.JSONField(_("kết quả đọc"), default=dict)
    lines = models.JSONField(_("các dòng văn bản"), default=list)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PARSED
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp kế hoạch đã nhập")
        verbose_name_plural = _("tệp kế hoạch đã nhập")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def source_text(self, field: str) -> str:
        """The lines of the document the parser took ``field`` from."""
        if field.startswith("quotas."):
            # Quotas are sourced by position; the review asks for them by target.
            targets = [q.get("target") for q in self.result.get("quotas", [])]
            target = field.split(".", 1)[1]
            field = f"quotas[{targets.index(target)}]" if target in targets else ""
        span = (self.result.get("sources") or {}).get(field)
        if not span:
            return ""
        start, end = span
        # Page breaks leave runs of blank lines inside a paragraph; they carry nothing.
        return "\n".join(line for line in self.lines[start - 1 : end] if line.strip())
