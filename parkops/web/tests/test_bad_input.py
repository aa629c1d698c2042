"""Bad input in a page's query string never answers 500: the page shows its default and says why."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from parkops.conftest import client_for

BAD_QUERIES = [
    "per_page=-1", "per_page=0", "per_page=abc", "per_page=1000000000",
    "page=99999999999999999999999", "page=-1",
    "year=0", "year=-1", "year=1000000000", "year=99999999999999999999", "year=abc",
]  # fmt: skip


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _pages() -> list[str]:
    # Every page without a parameter in its path; the admin and the API have their own guards.
    return [
        "/" + route
        for route in _routes(get_resolver().url_patterns)
        if "<" not in route and not route.startswith(("admin/", "api/", "accounts/", "i18n/"))
    ]


@pytest.fixture
def data(db: None) -> None:
    call_command("load_plan", verbosity=0)
    call_command("load_demo", count=10, verbosity=0)


def test_it_never_answers_500_to_a_bad_query(data: None, alice: User) -> None:
    client = client_for(alice)
    client.raise_request_exception = False
    pages = _pages()
    assert {"/enterprises/", "/land/flags/"} <= set(pages)
    failed = [
        f"{page}?{query}"
        for page in pages
        for query in BAD_QUERIES
        if client.get(f"{page}?{query}").status_code >= 500
    ]
    assert failed == []


def test_it_shows_a_list_with_the_default_page_size_and_says_why(data: None, alice: User) -> None:
    response = client_for(alice).get("/enterprises/?per_page=-1")
    assert response.status_code == 200
    assert response.context["table"].paginator.per_page == 50
    assert "每页行数须为 1–500 之间的整数，已按每页 50 行显示" in response.content.decode()


def test_it_keeps_a_valid_page_size(data: None, alice: User) -> None:
    response = client_for(alice).get("/enterprises/?per_page=7")
    assert response.context["table"].paginator.per_page == 7


def test_it_shows_land_flags_for_this_year_when_the_year_is_impossible(
    data: None, alice: User
) -> None:
    from django.utils import timezone

    response = client_for(alice).get("/land/flags/?year=0")
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert response.context["year"] == this_year
    assert f"年份须为 1900–2100 之间的整数，已显示 {this_year} 年" in response.content.decode()
