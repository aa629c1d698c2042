"""Authentication for the JSON API: a bearer token, or the browser's session.

The token is tried first. A request that a token authenticates carries no ambient credential a
forged cross-site request could ride on, so it needs no CSRF token. The session is tried next, and
only then is the CSRF token required: when the session cookie is what authenticates the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from parkops.accounts.services import api_token_authenticate

_CACHE_ATTR = "_parkops_bearer_user"


def bearer_user(request: HttpRequest) -> User | None:
    """The active user whose unrevoked token the `Authorization: Bearer …` header carries.

    Looked up once per request: the login middleware and the API's auth share the answer.
    """
    if not hasattr(request, _CACHE_ATTR):
        scheme, _sep, key = request.headers.get("Authorization", "").partition(" ")
        key = key.strip()
        found = api_token_authenticate(key) if scheme.lower() == "bearer" and key else None
        setattr(request, _CACHE_ATTR, found)
    user: User | None = getattr(request, _CACHE_ATTR)
    return user


def api_caller_known(request: HttpRequest) -> bool:
    """Signed in by the session, or carrying a valid token."""
    return bool(request.user.is_authenticated) or bearer_user(request) is not None


def api_unauthenticated() -> JsonResponse:
    return JsonResponse({"detail": _("需要登录")}, status=401)


def api_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the API's own docs and openapi.json: a program with a token reads them too (a 401,
    never a redirect to the login form)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not api_caller_known(request):
            return api_unauthenticated()
        return view(request, *args, **kwargs)

    return wrapper


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = bearer_user(request)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The session, with ninja's CSRF check only when the session is what authenticates.

    ninja checks CSRF before looking at the session at all, so without this a request with no
    session (a token client whose token was wrong) answered 403 "CSRF check Failed" instead of 401.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


API_AUTH = [TokenAuth(), SessionAuth()]
