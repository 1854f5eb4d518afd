"""The action log: who did what to which object, when, with which data.

Written only by services through :func:`thidua.audit.services.record`; never
edited: the model refuses updates and deletes, and no view offers them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet


class ActionLogQuerySet(ScopedQuerySet):
    def update(self, **kwargs):  # noqa: ARG002 - the log is append-only
        raise PermissionError("The action log cannot be changed.")

    def delete(self):
        raise PermissionError("The action log cannot be changed.")


class ActionLog(models.Model):
    """One business action. Append-only."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=60, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=40, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("The action log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The action log cannot be changed.")
