"""CCHC tasks of a ward's CCHC plan (17/KH-UBND), their progress, evidence and review.

A :class:`Task` is one line of the plan's annex: what to do, in which PAR field, led
by which unit with which cooperating units and performed by which people, by when,
producing what. Units report progress (:class:`ProgressReport`, with
:class:`Evidence` files); the Office accepts a report or returns it with a reason and
rates the quality on the ward's :class:`QualityLevel` scale. A report is never edited
after it is submitted: a returned report is answered by a new one, so the history is
complete. Timeliness is computed in working days with the ward's
:class:`WorkCalendarYear` rows (the government's yearly announcements).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet


class ParField(models.Model):
    """A field (lĩnh vực) of administrative reform, as the PAR INDEX and CCHC plans group
    tasks (Nghị quyết 76/NQ-CP: institutions, TTHC, apparatus, civil service, public
    finance, e-/digital government, plus the direction of CCHC). Shared reference data."""

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    aliases = models.CharField(
        _("tên gọi khác"),
        max_length=500,
        blank=True,
        help_text=_("Các cách ghi khác trong phụ lục, cách nhau bởi dấu “;”."),
    )

    class Meta:
        verbose_name = _("lĩnh vực CCHC")
        verbose_name_plural = _("lĩnh vực CCHC")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Recurrence(models.TextChoices):
    """How often a task's progress must be reported."""

    NONE = "none", _("Khi hoàn thành")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")


class TaskState(models.TextChoices):
    """Where a task stands, from the reports the Office accepted."""

    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class Task(models.Model):
    """A CCHC task of a plan (nhiệm vụ CCHC), one line of the plan's annex."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="cchc_tasks",
    )
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="tasks"
    )
    number = models.CharField(_("STT"), max_length=20, help_text=_("Số thứ tự trong phụ lục."))
    sort_key = models.CharField(max_length=80, editable=False, default="", db_index=True)
    content = models.TextField(_("nội dung nhiệm vụ"))
    par_field = models.ForeignKey(
        ParField,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    lead_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    cooperating_units = models.ManyToManyField(
        "orgs.Unit",
        verbose_name=_("đơn vị phối hợp"),
        blank=True,
        related_name="cooperating_tasks",
    )
    performers = models.ManyToManyField(
        "orgs.Person",
        verbose_name=_("người trực tiếp thực hiện"),
        blank=True,
        related_name="cchc_tasks",
    )
    deadline = models.DateField(_("thời hạn hoàn thành"))
    due_on = models.DateField(
        _("hạn tính theo ngày làm việc"),
        editable=False,
        help_text=_("Thời hạn, dời sang ngày làm việc kế tiếp nếu rơi vào ngày nghỉ."),
    )
    expected_output = models.TextField(_("sản phẩm"), blank=True)
    recurrence = models.CharField(
        _("chế độ báo cáo"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    # Summary of the accepted reports, kept on the task so that lists and scorecards
    # read one row per task instead of walking the report history.
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=TaskState.choices, default=TaskState.NOT_STARTED
    )
    percent_done = models.PositiveSmallIntegerField(_("% hoàn thành"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    quality = models.ForeignKey(
        "QualityLevel",
        verbose_name=_("chất lượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_report_at = models.DateTimeField(_("báo cáo gần nhất"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ CCHC")
        verbose_name_plural = _("nhiệm vụ CCHC")
        ordering = ["plan_id", "sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_number_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="task_percent_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "due_on"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:120]}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = number_sort_key(self.number)
        if not self.due_on:
            self.due_on = self.deadline
        super().save(*args, **kwargs)


def number_sort_key(number: str) -> str:
    """ "2.10" after "2.9": each numeric part zero-padded."""
    parts = []
    for part in number.replace("-", ".").split("."):
        part = part.strip()
        parts.append(part.zfill(4) if part.isdigit() else part.lower())
    return ".".join(parts)[:80]


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ Văn phòng xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại")


class ProgressReport(models.Model):
    """A unit's report on a task: status, % done, completion date, text, evidence.

    Immutable once submitted, apart from the Office's review; a returned report is
    answered by a new report (``answers``), never by editing it.
    """

    organisation_lookup = "task__organisation"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị báo cáo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_by_name = models.CharField(_("người báo cáo"), max_length=150, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), db_index=True)
    state = models.CharField(_("tình trạng"), max_length=12, choices=TaskState.choices)
    percent_done = models.PositiveSmallIntegerField(_("% hoàn thành"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    text = models.TextField(_("nội dung báo cáo"))
    answers = models.ForeignKey(
        "self",
        verbose_name=_("trả lời báo cáo bị trả lại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_by",
    )
    review_status = models.CharField(
        _("xem xét"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by_name = models.CharField(_("người xem xét"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    quality = models.ForeignKey(
        "QualityLevel",
        verbose_name=_("chất lượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="report_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(review_status="returned") | ~Q(return_reason=""),
                name="report_returned_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="done") | Q(completed_on__isnull=False),
                name="report_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Báo cáo {self.submitted_at:%d/%m/%Y} — nhiệm vụ {self.task.number}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """A random name under the ward's folder: the user's file name is never a path."""
    import uuid

    from thidua.core.uploads import EXTENSIONS

    extension = EXTENSIONS.get(instance.kind, instance.kind)
    return f"evidence/{instance.organisation_id}/{uuid.uuid4().hex}.{extension}"


class Evidence(models.Model):
    """A file (minh chứng) attached to a progress report. Stored under MEDIA_ROOT, which
    no URL serves: it is downloaded only through the permission-checked view."""

    # The organisation is repeated here so that the file's folder and the permission
    # check need no join through the report and the task.
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class QualityLevel(models.Model):
    """A step of the ward's quality scale for task reviews (default Tốt / Khá / Đạt /
    Chưa đạt), with the points a scorecard gives it."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.CASCADE,
        related_name="quality_levels",
    )
    name = models.CharField(_("mức"), max_length=60)
    points = models.PositiveSmallIntegerField(_("điểm (trên 100)"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mức chất lượng")
        verbose_name_plural = _("mức chất lượng")
        ordering = ["organisation_id", "position", "-points"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="quality_name_unique"),
            models.CheckConstraint(condition=Q(points__lte=100), name="quality_points_max_100"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkCalendarYear(models.Model):
    """The government's announcements for one year as the ward's Office keeps them: the
    extra days off (nghỉ hoán đổi) and the make-up working days (làm bù). Seeded from
    :data:`thidua.vn.holidays.ANNOUNCED`; the Office corrects them when a new Thông báo
    comes out."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.CASCADE,
        related_name="work_calendar_years",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    extra_days_off = models.JSONField(_("ngày nghỉ hoán đổi"), default=list, blank=True)
    make_up_working_days = models.JSONField(_("ngày làm bù"), default=list, blank=True)
    source = models.CharField(_("căn cứ"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch làm việc năm")
        verbose_name_plural = _("lịch làm việc năm")
        ordering = ["organisation_id", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="work_calendar_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Lịch làm việc năm {self.year}"

    def days_off(self) -> list[datetime.date]:
        return sorted(datetime.date.fromisoformat(d) for d in self.extra_days_off)

    def make_up_days(self) -> list[datetime.date]:
        return sorted(datetime.date.fromisoformat(d) for d in self.make_up_working_days)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


class TaskReminder(models.Model):
    """The ledger of reminders: at most one per task, recipient and kind, which is what
    makes the periodic job safe to run any number of times."""

    organisation_lookup = "task__organisation"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("loại nhắc"), max_length=30)
    created_at = models.DateTimeField(_("thời điểm"))
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "recipient", "kind"], name="reminder_once_per_task_recipient_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} — {self.task_id} — {self.recipient_id}"
