"""Organisations (administrative units), their internal units, people and memberships.

Every business record of thidua belongs to an :class:`Organisation`: the
administrative unit (province, district, commune/ward) whose People's Committee
runs the movement. Users see records through their :class:`Membership` of an
internal :class:`Unit`; see :mod:`thidua.orgs.scope`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet
from thidua.vn import name_sort_key, search_key

from .sorting import sort_string


class Level(models.TextChoices):
    """Tier of an administrative unit."""

    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, thị trấn, đặc khu")


class Organisation(models.Model):
    """An administrative unit (đơn vị hành chính) and its People's Committee.

    The tree runs province → district (until 30/06/2025) → commune/ward. A unit
    that ceased to exist keeps its records; ``successors`` are the units that took
    over its territory (Mộ Lao → phường Hà Đông and phường Đại Mỗ).
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("loại"), max_length=30, help_text=_("phường, xã, quận, thành phố…"))
    name = models.CharField(_("tên"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    place_name = models.CharField(
        _("địa danh"),
        max_length=80,
        blank=True,
        help_text=_("Địa danh ghi ở dòng ngày tháng của văn bản, ví dụ “Mộ Lao”."),
    )

    organisation_lookup = "id"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """ "phường Mộ Lao", "quận Hà Đông", "thành phố Hà Nội"."""
        return f"{self.kind} {self.name}"

    @property
    def committee_name(self) -> str:
        """Short name of the People's Committee: "UBND phường Mộ Lao"."""
        return f"UBND {self.full_name}"

    def name_on(self, day: datetime.date) -> str:
        """The full name valid on ``day`` (a renamed unit shows its name of that date)."""
        for record in self.names.all():
            if record.valid_from <= day and (record.valid_to is None or day <= record.valid_to):
                return f"{record.kind} {record.name}"
        return self.full_name

    def exists_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class OrganisationName(models.Model):
    """A former or later name of an administrative unit, with its validity."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(_("loại"), max_length=30)
    name = models.CharField(_("tên"), max_length=120)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("tên theo thời kỳ")
        verbose_name_plural = _("tên theo thời kỳ")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.kind} {self.name} ({self.valid_from:%d/%m/%Y})"


class UnitKind(models.TextChoices):
    """Kinds of internal units of a People's Committee."""

    LEADERSHIP = "leadership", _("Lãnh đạo UBND")
    OFFICE = "office", _("Văn phòng")
    SPECIALIST = "specialist", _("Bộ phận chuyên môn")
    ONE_STOP = "one_stop", _("Bộ phận tiếp nhận và trả kết quả")
    COMMITTEE = "committee", _("Ban, ngành")
    MASS_ORGANISATION = "mass_org", _("Đoàn thể")
    COUNCIL = "council", _("Hội đồng")


class Unit(models.Model):
    """An internal unit of an organisation: ban, ngành, đoàn thể, bộ phận chuyên môn.

    Units are the collectives (tập thể) that compete in a movement, and the
    places where people hold their roles.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    competes = models.BooleanField(
        _("tham gia thi đua như tập thể"),
        default=True,
        help_text=_("Ban, ngành, đoàn thể, bộ phận chuyên môn là đối tượng thi đua tập thể."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    sort_name = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị trực thuộc")
        verbose_name_plural = _("đơn vị trực thuộc")
        ordering = ["organisation_id", "sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.sort_name = search_key(self.name)
        super().save(*args, **kwargs)


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Person(models.Model):
    """A cán bộ, công chức or người lao động of an organisation.

    ``family_name`` holds the family and middle names ("Nguyễn Thị"), ``given_name``
    the given name ("Thanh"): Vietnamese lists sort by the given name first.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    family_name = models.CharField(_("họ và tên đệm"), max_length=80)
    given_name = models.CharField(_("tên"), max_length=40)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ, chức danh"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    performs_cchc = models.BooleanField(
        _("trực tiếp thực hiện nhiệm vụ CCHC"),
        default=False,
        help_text=_("Kế hoạch ưu tiên khen thưởng người trực tiếp thực hiện nhiệm vụ."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_active = models.BooleanField(_("đang công tác"), default=True)
    sort_name = models.CharField(max_length=400, editable=False, db_index=True, default="")
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cán bộ, công chức")
        verbose_name_plural = _("cán bộ, công chức")
        ordering = ["sort_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_plausible",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.family_name = " ".join(self.family_name.split())
        self.given_name = " ".join(self.given_name.split())
        self.sort_name = sort_string(name_sort_key(self.full_name))
        self.search_text = search_key(f"{self.full_name} {self.position}")
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()


class Role(models.TextChoices):
    """Roles held through a membership of a unit; permissions derive from them."""

    CHAIRMAN = "chairman", _("Chủ tịch UBND")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND")
    OFFICE = "office", _("Văn phòng (thường trực thi đua)")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    UNIT_HEAD = "unit_head", _("Trưởng đơn vị")
    STAFF = "staff", _("Cán bộ, công chức")
    UPPER_VIEWER = "upper_viewer", _("Cấp trên (xem)")
    ADMIN = "admin", _("Quản trị hệ thống")


class Membership(models.Model):
    """A user's role in a unit. A person may hold several (unit switcher)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("chức danh trong đơn vị"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: Phó Chủ tịch Hội đồng, Ủy viên - Thư ký."),
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    organisation_lookup = "unit__organisation"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò trong đơn vị")
        verbose_name_plural = _("vai trò trong đơn vị")
        ordering = ["user_id", "unit__organisation_id", "unit__sort_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="membership_unique_role_in_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class LoginFailure(models.Model):
    """A failed login, kept to lock an account out after repeated failures."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("đăng nhập thất bại")
        verbose_name_plural = _("đăng nhập thất bại")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d/%m/%Y %H:%M}"
