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

from .models import Membership, Organisation, Role

_CACHE_ATTR = "_thidua_scope"


def _closure(start: Iterable[int], edges: dict[int, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(start)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(edges.get(node, ()))
    return seen


def organisation_ids_visible_to(user) -> frozenset[int] | None:
    """The ids of the organisations ``user`` may see; ``None`` means all of them.

    Computed once per request object: the user instance caches it.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached.get("ids")
    memberships = list(
        Membership.objects.filter(user=user).values_list("role", "unit__organisation_id")
    )
    if user.is_superuser or any(role == Role.ADMIN for role, _ in memberships):
        result: frozenset[int] | None = None
    else:
        own = {org_id for _, org_id in memberships}
        upper = {org_id for role, org_id in memberships if role == Role.UPPER_VIEWER}
        predecessors: dict[int, list[int]] = {}
        succession = Organisation.successors.through.objects.values_list(
            "from_organisation_id", "to_organisation_id"
        )
        for old_id, new_id in succession:
            predecessors.setdefault(new_id, []).append(old_id)
        visible = _closure(own, predecessors)
        if upper:
            # Only an upper-level viewer needs the tree below them. It is small (a country
            # has ~10,000 rows) and loading it once is cheaper than recursive SQL that
            # SQLite and PostgreSQL spell apart; a ward's user, on every request, skips it.
            children: dict[int, list[int]] = {}
            for org_id, parent_id in Organisation.objects.values_list("id", "parent_id"):
                if parent_id is not None:
                    children.setdefault(parent_id, []).append(org_id)
            visible |= _closure(_closure(upper, children), predecessors)
        result = frozenset(visible)
    setattr(user, _CACHE_ATTR, {"ids": result})
    return result


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
    upper level is readable below; nothing else of the upper level is.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    parents = dict(Organisation.objects.values_list("id", "parent_id"))
    own = set(Membership.objects.filter(user=user).values_list("unit__organisation_id", flat=True))
    above: set[int] = set()
    for org_id in own:
        parent = parents.get(org_id)
        while parent is not None and parent not in above:
            above.add(parent)
            parent = parents.get(parent)
    return frozenset(above)
