"""Login and logout go to the action log of the user's organisation."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from thidua.audit.services import record

from .models import Membership


def home_organisation(user):
    """The organisation of the user's first membership (where the Office reads the log)."""
    membership = Membership.objects.filter(user=user).select_related("unit__organisation").first()
    return membership.unit.organisation if membership else None


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    ip = request.META.get("REMOTE_ADDR") if request else None
    record(user, "auth.login", organisation=home_organisation(user), data={"ip": ip})


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, "auth.logout", organisation=home_organisation(user))
