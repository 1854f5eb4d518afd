"""Querysets the pages of several apps share."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.core.querysets import ids_in

from .models import Unit
from .scope import own_organisation_ids


def units_to_filter_by(user) -> QuerySet[Unit]:
    """The units a list offers as a filter: those of the user's own organisations (and
    of those they succeeded). An upper-level viewer's list still shows every ward's
    rows, but offering every unit of every ward below would grow with the wards."""
    units = Unit.objects.order_by("organisation_id", "sort_name")
    own = own_organisation_ids(user)
    return units if own is None else units.filter(organisation_id__in=ids_in(own))
