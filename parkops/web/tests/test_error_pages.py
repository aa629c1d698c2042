"""403, 404 and 500 answer in the user's language, inside the site's layout, with a way back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from parkops.conftest import client_for


def _fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _fails), path("", include("config.urls"))]


class BrokenSite:
    """A URLconf where nothing but the failing view resolves: the 500 page must still render."""

    urlpatterns = [path("boom/", _fails)]


def _english(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_it_answers_404_in_the_layout(alice: User) -> None:
    response = client_for(alice).get("/enterprises/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html
    assert 'id="current-user"' in html  # the site's navigation, signed in
    assert 'href="/">返回首页</a>' in html

    html = _english(client_for(alice)).get("/enterprises/999999/").content.decode()
    assert "Page not found" in html
    assert 'href="/">Back to the home page</a>' in html


def test_it_answers_403_in_the_layout(rob: User) -> None:
    response = client_for(rob).get("/imports/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "没有权限" in html
    assert 'id="current-user"' in html
    assert (
        "You do not have permission" in _english(client_for(rob)).get("/imports/").content.decode()
    )


@pytest.mark.urls("parkops.web.tests.test_error_pages")
def test_it_answers_500_in_the_layout(alice: User) -> None:
    client = client_for(alice)
    client.raise_request_exception = False
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in html
    assert 'href="/">返回首页</a>' in html
    assert 'class="navbar-brand" href="/">ParkOps · 漕泾工业园区</a>' in html  # the site's bar

    client = _english(client_for(alice))
    client.raise_request_exception = False
    assert "Server error" in client.get("/boom/").content.decode()


def test_a_refusal_is_shown_as_an_error(alice: User) -> None:
    response = client_for(alice).post("/estates/ratings/run/", {"year": "1999"}, follow=True)
    assert '<div class="alert alert-danger" role="alert">年度应在 2000–2100 之间</div>' in (
        response.content.decode()
    )


def test_the_500_page_renders_when_no_url_can_be_reversed(client: Client, settings: object) -> None:
    settings.ROOT_URLCONF = BrokenSite  # type: ignore[attr-defined]
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Server Error (500)</h1>" not in html  # Django's bare fallback
    assert "Server error" in html
    assert 'href="/">Back to the home page</a>' in html
