"""Every page and every API call requires a login.

Pages redirect an anonymous visitor to the login form (Django's LoginRequiredMiddleware); the API
answers 401 instead, since a program cannot follow a login form. An API call goes through with a
session or a valid bearer token (an unknown /api/ path then answers 404); anything else is 401.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponseBase, JsonResponse

from parkops.accounts.api_auth import api_caller_known, api_unauthenticated

API_PREFIX = "/api/"


def _api_refusal(request: HttpRequest) -> JsonResponse | None:
    return None if api_caller_known(request) else api_unauthenticated()


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
