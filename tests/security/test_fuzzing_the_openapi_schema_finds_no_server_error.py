"""Fuzzing every operation of /api/v1/openapi.json: no input gives a server error.

The schema the API serves is read, and for each operation Hypothesis generates path
parameters (real ids of any ward, ids that exist nowhere, huge numbers, text), query
parameters and request bodies — following the schema and breaking it — sent both as
the Office of phường Mộ Lao and anonymously. Every answer must be below 500.
(A home-grown fuzzer rather than schemathesis: it needs no dependency beyond Hypothesis
and stays within a few seconds.)
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = 25  # per operation and caller: ~16 operations × 2 callers ≈ 800 requests, ~10 s
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
ANY_JSON = st.recursive(
    JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
WILD_IDS = st.sampled_from(["0", "-1", "9223372036854775808", "1e3", "abc", "%00", "١٢"])


class Schema:
    """The served schema, with ``$ref`` resolution and Hypothesis strategies from it."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def strategy(self, node: dict[str, Any], depth: int = 0) -> st.SearchStrategy:
        """Values valid for ``node`` (the fuzzing of invalid ones is added by the caller)."""
        node = self.resolve(node)
        if depth > 4:
            return st.none()
        for combinator in ("oneOf", "anyOf"):
            if combinator in node:
                return st.one_of([self.strategy(n, depth + 1) for n in node[combinator]])
        if "allOf" in node:
            return self.strategy(node["allOf"][0], depth + 1)
        if "enum" in node:
            values = [v for v in node["enum"] if v is not None] or [None]
            base = st.sampled_from(values)
        else:
            base = self._typed(node, depth)
        return st.one_of(base, st.none()) if node.get("nullable") else base

    def _typed(self, node: dict[str, Any], depth: int) -> st.SearchStrategy:
        kind = node.get("type", "object" if "properties" in node else "string")
        if kind == "integer":
            low, high = node.get("minimum", -(2**31)), node.get("maximum", 2**31)
            return st.integers(min_value=low, max_value=high)
        if kind == "number":
            return st.floats(allow_nan=False, allow_infinity=False, width=32)
        if kind == "boolean":
            return st.booleans()
        if kind == "array":
            return st.lists(self.strategy(node.get("items", {}), depth + 1), max_size=3)
        if kind == "object":
            properties = {
                name: self.strategy(sub, depth + 1)
                for name, sub in node.get("properties", {}).items()
                if not self.resolve(sub).get("readOnly")
            }
            required = [n for n in node.get("required", []) if n in properties]
            return st.fixed_dictionaries(
                {n: properties[n] for n in required},
                optional={n: s for n, s in properties.items() if n not in required},
            )
        fmt = node.get("format", "")
        if fmt == "date":
            return st.dates().map(lambda d: d.isoformat())
        if fmt == "date-time":
            return st.datetimes().map(lambda d: d.isoformat())
        if fmt == "binary":
            return st.binary(max_size=2000)
        return st.text(max_size=node.get("maxLength", 40))


def real_ids(parameter: str) -> list[str]:
    """Ids of real objects for ``<model>_id`` (every ward's, visible or not)."""
    model_name = parameter.removesuffix("_id")
    for model in apps.get_models():
        if model._meta.model_name == model_name:
            return [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:50]]
    return []


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def request_strategy(schema: Schema, path: str, operation: dict[str, Any]) -> st.SearchStrategy:
    """(url, query, body, content type) for one operation."""
    parameters = [schema.resolve(p) for p in operation.get("parameters", [])]
    path_values = {}
    for name in re.findall(r"{(\w+)}", path):
        ids = real_ids(name)
        choices = [st.integers(min_value=1, max_value=10**6).map(str), WILD_IDS]
        if ids:
            choices.insert(0, st.sampled_from(ids))
        path_values[name] = st.one_of(choices)
    query = {}
    for parameter in parameters:
        if parameter["in"] == "query":
            valid = schema.strategy(parameter.get("schema", {})).map(
                lambda v: json.dumps(v) if isinstance(v, dict | list) else str(v)
            )
            query[parameter["name"]] = st.one_of(valid, st.text(max_size=12))
    content = operation.get("requestBody", {}).get("content", {})
    body: st.SearchStrategy = st.just(None)
    content_type = next(iter(content), "")
    if content_type:
        valid = schema.strategy(content[content_type].get("schema", {}))
        body = st.one_of(valid, ANY_JSON) if content_type == "application/json" else valid

    def url(values: dict[str, str]) -> str:
        filled = path
        for name, value in values.items():
            filled = filled.replace("{" + name + "}", quote(value, safe=""))
        return filled

    return st.tuples(
        st.fixed_dictionaries(path_values).map(url),
        st.fixed_dictionaries({}, optional=query),
        body,
        st.just(content_type),
    )


def send(client: Client, method: str, url: str, query: dict, body: Any, content_type: str):
    if method == "GET":
        return client.get(url, query)
    target = f"{url}?{'&'.join(f'{quote(k)}={quote(v)}' for k, v in query.items())}"
    if content_type == "multipart/form-data":
        from django.core.files.uploadedfile import SimpleUploadedFile

        form = {}
        for key, value in (body or {}).items():
            if isinstance(value, bytes):
                form[key] = SimpleUploadedFile(f"{key}.bin", value)
            elif value is not None:
                form[key] = value if isinstance(value, str) else json.dumps(value)
        from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

        return client.generic(
            method, target, encode_multipart(BOUNDARY, form), content_type=MULTIPART_CONTENT
        )
    return client.generic(
        method, target, json.dumps(body), content_type=content_type or "application/json"
    )


def _runner(client: Client, caller: str, method: str, requests, counter: dict):
    """The Hypothesis test of one operation (a factory: @given takes no default args)."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(requests)
    def one_operation(request) -> None:
        url, query, body, content_type = request
        response = send(client, method, url, query, body, content_type)
        counter["sent"] += 1
        assert response.status_code < 500, (
            f"{caller}: {method} {url} {query} {body!r:.300} → {response.status_code}"
        )

    return one_operation


def fuzz(client: Client, document: dict[str, Any], caller: str) -> int:
    """Run every operation; return how many requests were sent."""
    schema = Schema(document)
    counter = {"sent": 0}
    for method, path, operation in operations(document):
        run = _runner(client, caller, method, request_strategy(schema, path, operation), counter)
        run()
    return counter["sent"]


@pytest.fixture(autouse=True)
def rates_above_the_fuzzing(settings):
    """~400 requests a caller: the API's rate limit (tested in tests/api) must not bite."""
    settings.THIDUA_API_RATE_USER = settings.THIDUA_API_RATE_ANON = "100000/minute"


@pytest.fixture
def served_schema(demo, client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert len(operations(document)) >= 10, "the schema lists the API's operations"
    return document


@pytest.mark.django_db
def test_no_operation_answers_a_server_error_to_the_office(served_schema, client_as):
    assert fuzz(client_as("vanphong"), served_schema, "vanphong") >= len(operations(served_schema))


@pytest.mark.django_db
def test_no_operation_answers_a_server_error_to_an_anonymous_caller(served_schema, client):
    assert fuzz(client, served_schema, "anonymous") >= len(operations(served_schema))
