"""The queryset every tenant model uses to restrict itself to what a user may see.

What a user may see is decided by ``thidua.orgs`` from memberships; core sits
below orgs, so orgs registers its scope function here when Django starts
(``OrgsConfig.ready``) instead of core importing it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

ScopeFunction = Callable[[object], "frozenset[int] | None"]
_scope_function: ScopeFunction | None = None


def register_scope_function(function: ScopeFunction) -> None:
    """Install the function giving the organisation ids a user may see (None = all)."""
    global _scope_function
    _scope_function = function


def visible_organisation_ids(user) -> frozenset[int] | None:
    if _scope_function is None:
        raise RuntimeError("No scope function registered; is thidua.orgs installed?")
    return _scope_function(user)


class ScopedQuerySet(models.QuerySet):
    """A queryset that can restrict itself to what a user may see.

    Models name the lookup to their organisation in ``organisation_lookup``;
    by default the model's ``organisation`` field.
    """

    def visible_to(self, user) -> ScopedQuerySet:
        ids = visible_organisation_ids(user)
        if ids is None:
            return self.all()
        lookup = getattr(self.model, "organisation_lookup", "organisation")
        return self.filter(**{f"{lookup}__in": ids})
