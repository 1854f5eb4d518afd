"""What a user may see, derived from memberships — never from per-object rows.

A member of a unit sees the records of that unit's organisation, and of the
organisations it succeeded (a ceased ward's records stay with its successors).
An upper-level viewer sees every organisation below theirs, ceased ones included.
A system administrator sees everything.

Every tenant model's queryset offers ``visible_to(user)`` through
:class:`thidua.core.querysets.ScopedQuerySet`, which filters in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from thidua.core.querysets import ids_in

from .models import Membership, Organisation, Role
from .services import memberships_of

_CACHE_ATTR = "_thidua_scope"


def _predecessor_closure(start: Iterable[int]) -> set[int]:
    """``start`` and every organisation they succeeded, however many mergers back.

    Walks the succession links from ``start`` only, one query per merger generation:
    loading the whole table would cost every request of every user the country's
    ~10,000 links.
    """
    links = Organisation.successors.through.objects
    seen = set(start)
    frontier = set(seen)
    while frontier:
        found = links.filter(to_organisation_id__in=ids_in(frontier)).values_list(
            "from_organisation_id", flat=True
        )
        frontier = set(found) - seen
        seen |= frontier
    return seen


def _descendants(start: Iterable[int]) -> set[int]:
    """``start`` and every organisation below them.

    Three levels per query (a province's tree below it has two: district, commune),
    continuing only from the third level, so a real tree costs one query.
    """
    seen = set(start)
    frontier = set(seen)
    while frontier:
        rows = (
            Organisation.objects.filter(
                Q(parent_id__in=ids_in(frontier))
                | Q(parent__parent_id__in=ids_in(frontier))
                | Q(parent__parent__parent_id__in=ids_in(frontier))
            )
            .order_by()
            .values_list("id", "parent_id", "parent__parent_id")
        )
        found = set()
        deepest = set()
        for org_id, parent_id, grandparent_id in rows:
            found.add(org_id)
            if parent_id not in frontier and grandparent_id not in frontier:
                deepest.add(org_id)
        frontier = deepest - seen
        seen |= found
    return seen


def _scope(user) -> dict:
    """The user's visible organisations, computed once per user instance (one request)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    memberships = memberships_of(user)
    if user.is_superuser or any(m.role == Role.ADMIN for m in memberships):
        scope: dict = {"ids": None, "own": None}
    else:
        own = {m.unit.organisation_id for m in memberships}
        upper = {m.unit.organisation_id for m in memberships if m.role == Role.UPPER_VIEWER}
        # Only an upper-level viewer needs the tree below them; a ward's user, on every
        # request, skips it.
        below = _descendants(upper) - own if upper else set()
        visible = _predecessor_closure(own | below)
        scope = {"ids": frozenset(visible), "own_start": own}
        if not below:
            scope["own"] = scope["ids"]
    setattr(user, _CACHE_ATTR, scope)
    return scope


def organisation_ids_visible_to(user) -> frozenset[int] | None:
    """The ids of the organisations ``user`` may see; ``None`` means all of them.

    Computed once per request object: the user instance caches it.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return _scope(user)["ids"]


def own_organisation_ids(user) -> frozenset[int] | None:
    """The organisations the user works in and those they succeeded, without the tree
    an upper-level viewer sees below them; ``None`` means all of them.

    Filter lists (units, plans) offer these: an upper-level viewer would otherwise get
    a list of every unit of every ward below — 50,000 at the country's scale.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    scope = _scope(user)
    if "own" not in scope:
        scope["own"] = frozenset(_predecessor_closure(scope["own_start"]))
    return scope["own"]


def roles_of(user, organisation_id: int | None = None) -> set[str]:
    """The roles ``user`` holds, optionally only those in one organisation."""
    if not getattr(user, "is_authenticated", False):
        return set()
    qs = Membership.objects.filter(user=user)
    if organisation_id is not None:
        qs = qs.filter(unit__organisation_id=organisation_id)
    return set(qs.values_list("role", flat=True))


def organisation_ids_above(user) -> frozenset[int]:
    """The organisations above the user's own (district, province).

    A ward reads the plans its district and city address to it, so a plan of an
    upper level is readable below; nothing else of the upper level is. Walks up
    one query per level, never loading the whole tree.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    scope = _scope(user)
    if "above" not in scope:
        # memberships_of() loaded each organisation's parent: two levels without a query.
        parents = [m.unit.organisation.parent for m in memberships_of(user)]
        above = {p.pk for p in parents if p is not None}
        frontier = {p.parent_id for p in parents if p is not None} - above - {None}
        while frontier:
            above |= frontier
            found = (
                Organisation.objects.filter(pk__in=frontier)
                .order_by()
                .values_list("parent_id", flat=True)
            )
            frontier = set(found) - above - {None}
        scope["above"] = frozenset(above)
    return scope["above"]
