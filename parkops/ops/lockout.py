"""django-axes' hooks: the name an attempt is counted under, and the lockout page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# As long as a user name can be (auth.User.username): a longer one names no account, and axes
# stores the name in a 255-character column, which PostgreSQL would refuse with a 500.
USERNAME_MAX = 150


def attempt_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The user name an attempt counts against. Django's login forms pass a longer name on to
    authenticate() (their max_length is set after the field's validators are built)."""
    source: Any = credentials if credentials else request.POST
    return str(source.get("username") or "")[:USERNAME_MAX]


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, saying why and for how long (429), for the site and the admin."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"form": AuthenticationForm(request), "locked_out": True, "cooloff_minutes": minutes}
    return render(request, "registration/login.html", context, status=429)
