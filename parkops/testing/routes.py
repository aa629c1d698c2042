"""Every route of the site, read from the URL resolver and from the API's OpenAPI schema.

Generated tests (the scope walk, the access test) ask every route rather than a hand-kept list, so
a route added by the next app is asked too. A route with path parameters must say which record
each parameter names (`ParamKinds`); a route nobody declared fails the test that walks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

# Namespaces walked elsewhere: the admin is Django's own (staff only); the API is walked
# operation by operation from its OpenAPI schema, which also gives each operation's method.
SKIPPED_NAMESPACES = frozenset({"admin", "api"})
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_API_PARAM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class QueryParam:
    name: str
    required: bool
    choices: tuple[str, ...]  # an enum's values; empty when the parameter is free


@dataclass(frozen=True)
class Route:
    key: str  # "registry:enterprise_detail" for a page; "GET /api/enterprises/{pk}" for the API
    template: str  # "/enterprises/{pk}/"
    params: tuple[str, ...]
    method: str
    is_api: bool
    query: tuple[QueryParam, ...] = ()  # the API's query parameters, from the OpenAPI

    def fill(self, values: Mapping[str, object]) -> str:
        return self.template.format_map({name: values[name] for name in self.params})


def _walk(
    patterns: Iterable[URLPattern | URLResolver], prefix: str, namespace: str | None
) -> Iterable[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            continue
        if isinstance(entry.pattern, RegexPattern):
            raise AssertionError(f"route {prefix}{entry.pattern} is a regex: declare it as a path")
        name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
        yield name, prefix + str(entry.pattern)


def page_routes() -> list[Route]:
    """Every page of the site (not the admin, not the API), as the browser asks it: GET."""
    routes = []
    for name, pattern in _walk(get_resolver().url_patterns, "", None):
        template = "/" + _PARAM.sub(r"{\1}", pattern)
        routes.append(Route(name, template, tuple(_PARAM.findall(pattern)), "GET", False))
    return routes


def api_routes(
    *, methods: Iterable[str] = ("get", "post", "put", "patch", "delete")
) -> list[Route]:
    """Every operation of the JSON API, from the OpenAPI schema the API publishes."""
    from config.api import api

    wanted = {m.lower() for m in methods}
    routes = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if method in wanted:
                key = f"{method.upper()} {path}"
                params = tuple(_API_PARAM.findall(path))
                query = tuple(
                    QueryParam(
                        p["name"], bool(p.get("required")), tuple(p["schema"].get("enum", ()))
                    )
                    for p in operations[method].get("parameters", ())
                    if p["in"] == "query"
                )
                routes.append(Route(key, path, params, method.upper(), True, query))
    return routes
