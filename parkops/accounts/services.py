"""Writes about users, roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models import Q

from parkops.accounts.models import ApiToken
from parkops.accounts.roles import (
    EDITING_ROLES,
    FIELD_RIGHTS,
    LEADER_ROLES,
    LEADERS_ONLY_APPS,
    MANAGED_APPS,
    Role,
)


@transaction.atomic
def role_permissions_sync(*, using: str = "default") -> None:
    """Create the role groups and give each exactly its rights over the managed apps."""
    for label in MANAGED_APPS:
        create_permissions(django_apps.get_app_config(label), verbosity=0, using=using)
    managed = Permission.objects.using(using).filter(content_type__app_label__in=MANAGED_APPS)
    readable = managed.filter(codename__startswith="view_")
    # Departments are kept by the park office in the admin; the other roles never see the list.
    departments = Permission.objects.using(using).filter(
        content_type__app_label="accounts", content_type__model="department"
    )
    for role in Role:
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        if role in EDITING_ROLES:
            group.permissions.set(managed | departments)
        else:
            extra = Q(pk__in=[])
            for right in FIELD_RIGHTS.get(role, ()):
                app_label, codename = right.split(".")
                extra |= Q(content_type__app_label=app_label, codename=codename)
            reads = readable
            if role not in LEADER_ROLES:
                reads = readable.exclude(content_type__app_label__in=LEADERS_ONLY_APPS)
            group.permissions.set(reads | managed.filter(extra))


def user_assign_roles(*, user: User, roles: set[Role]) -> None:
    """Give the user exactly these roles; the park office may use the admin site."""
    groups = Group.objects.filter(name__in=[r.value for r in roles])
    user.groups.set(groups)
    user.is_staff = user.is_superuser or Role.PARK_OFFICE in roles
    user.save(update_fields=["is_staff"])


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_issue(*, user: User, name: str) -> str:
    """Create a token and return its key; only the key's digest is stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, digest=_digest(key), prefix=key[:8])
    token.full_clean()
    token.save()
    return key


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user").filter(digest=_digest(key), revoked_at=None).first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user
