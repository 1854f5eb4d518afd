"""Where score components come from: a registry other apps contribute to.

Scoring sits above tasks, indexes (PAR INDEX, SIPAS) and initiatives, and never imports
them by name: each app registers its components (and its holds) from its AppConfig.ready,
and the rubric of a movement picks components by key. So PAR points, SIPAS results or
recognised initiatives appear in every scorecard as soon as their app is installed::

    from thidua.scoring.registry import Component, Measure, register

    def sipas_of_desk(context):
        return {person.pk: Measure(Decimal("0.86"), "SIPAS 86%", [Link("Phiếu", url)])
                for person in context.subjects}

    register(Component(key="indexes.sipas", label="Chỉ số SIPAS của bàn một cửa",
                       mode="ratio", targets=("individual",), compute=sipas_of_desk))

A component's ``compute(context)`` returns, for each subject id, a :class:`Measure`: the
value (a ratio 0–1 for ``ratio`` components, a count or points for ``count`` ones), a
sentence saying what it counts, and links to the records and evidence behind it. The
rubric turns the value into points: ``weight × value``, capped at ``cap``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Mode = Literal["ratio", "count"]


@dataclass(frozen=True)
class Link:
    """A record or file behind a number: a task, a report, an evidence file."""

    label: str
    url: str


@dataclass
class Measure:
    value: Decimal
    detail: str
    links: list[Link] = field(default_factory=list)


@dataclass
class ScoringContext:
    """What a component computes over: one movement, one target group and its subjects
    (units for "collective", people for "individual"). ``cache`` lets components of one
    app share what they loaded, so a ranking costs a fixed number of queries."""

    movement: Any
    target: str
    subjects: list[Any]
    today: datetime.date
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def subject_ids(self) -> list[int]:
        return [s.pk for s in self.subjects]


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    mode: Mode
    targets: tuple[str, ...]
    compute: Callable[[ScoringContext], dict[int, Measure]]
    description: str = ""
    # Used when a movement has no rubric of its own yet (0: offered, not counted).
    default_weight: Decimal = Decimal("0")
    default_cap: Decimal | None = None
    position: int = 100


HoldFunction = Callable[[ScoringContext], dict[int, str]]

_components: dict[str, Component] = {}
_holds: dict[str, HoldFunction] = {}


def register(component: Component) -> None:
    """Add (or replace, by key) a score component."""
    _components[component.key] = component


def register_hold(key: str, function: HoldFunction) -> None:
    """Add a source of holds (discipline, inspection, complaint under review): a held
    subject is shown with the reason and ranked after every other (DOMAIN §4)."""
    _holds[key] = function


def components(target: str | None = None) -> list[Component]:
    found = [c for c in _components.values() if target is None or target in c.targets]
    return sorted(found, key=lambda c: (c.position, c.key))


def component(key: str) -> Component | None:
    return _components.get(key)


def holds() -> dict[str, HoldFunction]:
    return dict(_holds)
