"""Types shared by every app's selectors and views."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# The user a request carries: signed in or not. Selectors take it and scope by its roles.
AnyUser = AbstractBaseUser | AnonymousUser
