"""Enumerate every named URL pattern of the project, with its parameters."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    params: tuple[str, ...]
    route: str


def _params(pattern) -> list[str]:
    regex = pattern.pattern.regex
    return list(regex.groupindex)


def iter_routes(patterns=None, namespace: str = "", params: tuple = (), prefix: str = ""):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from iter_routes(
                entry.url_patterns,
                full_ns,
                params + tuple(_params(entry)),
                prefix + str(entry.pattern),
            )
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, params + tuple(_params(entry)), prefix + str(entry.pattern))


def routes() -> list[Route]:
    seen: dict[tuple[str, tuple[str, ...]], Route] = {}
    for route in iter_routes():
        seen.setdefault((route.name, route.params), route)
    return list(seen.values())
