"""Types shared by every app's selectors and views."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

# The user a request carries: signed in or not. Selectors take it and scope by its roles.
AnyUser = AbstractBaseUser | AnonymousUser


class AuthedHttpRequest(HttpRequest):
    """The request a page or API operation gets once the login middleware (or the API's auth)
    has let it through: its user is signed in. Annotate views with it instead of casting
    `request.user`; `htmx` is django-htmx's view of the request."""

    user: User
    htmx: HtmxDetails
