"""Every page and every API call requires a login.

Pages redirect an anonymous visitor to the login form (Django's LoginRequiredMiddleware); the API
answers 401 instead, since a program cannot follow a login form. An API call that carries an
Authorization header goes through, and the API's own token check decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _api_refusal(request: HttpRequest) -> JsonResponse | None:
    if request.user.is_authenticated or "Authorization" in request.headers:
        return None
    return JsonResponse({"detail": _("需要登录")}, status=401)


class LoginRequiredMiddleware(DjangoLoginRequired):
    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        # Before URL resolution, so that an unknown API path is 401 too, not 404.
        if request.path_info.startswith(API_PREFIX):
            return _api_refusal(request)
        return None

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(API_PREFIX):
            return None  # decided in process_request; the API's own auth checks tokens
        return super().process_view(request, view_func, view_args, view_kwargs)
