"""Signal receivers that feed the audit log.

Logins come from Django's auth signals and django-axes' lockout signal; rights changes from the
many-to-many signals of users' groups and permissions and of groups' permissions, plus a user's
staff, superuser and active flags. Receivers only add audit rows; they never change other rows.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.db.models.signals import m2m_changed, pre_save
from django.http import HttpRequest

from parkops.ops.choices import AuditKind
from parkops.ops.services import audit_record

FLAGS = ("is_active", "is_staff", "is_superuser")
# (through model, reverse) -> the instance's accessor of the other side; filled by connect().
_ACCESSORS: dict[tuple[type[models.Model], bool], str] = {}


def _on_login(sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kw: Any) -> None:
    audit_record(kind=AuditKind.LOGIN, request=request, user=user)


def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit_record(kind=AuditKind.LOGIN_FAILED, request=request, username=username)


def _on_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, **kw: Any
) -> None:
    audit_record(kind=AuditKind.LOCKOUT, request=request, username=(username or "")[:150])


def _label(obj: models.Model) -> str:
    if isinstance(obj, Permission):
        return f"{obj.content_type.app_label}.{obj.codename}"
    if isinstance(obj, Group):
        return obj.name
    return str(obj)


def _rights_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kw: Any,
) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if action == "pre_clear":
        # post_clear no longer knows what was there; read it before it goes.
        objects = list(getattr(instance, _ACCESSORS[sender, reverse]).all())
    else:
        if not pk_set:
            return
        objects = list(model._default_manager.filter(pk__in=pk_set))
    audit_record(
        kind=AuditKind.PERMISSION_CHANGE,
        detail={
            "action": action.removeprefix("post_").removeprefix("pre_"),
            "subject_type": instance._meta.model_name,
            "subject": _label(instance),
            "object_type": model._meta.model_name,
            "objects": sorted(_label(obj) for obj in objects),
        },
    )


def _flags_changed(sender: Any, instance: Any, update_fields: Any = None, **kw: Any) -> None:
    if update_fields is not None and not set(FLAGS) & set(update_fields):
        return  # e.g. the last-login stamp that every login saves
    before: dict[str, Any] = dict.fromkeys(FLAGS, False)
    if not instance._state.adding:
        stored = type(instance)._default_manager.filter(pk=instance.pk).values(*FLAGS).first()
        before = stored or before
    changes = {
        flag: [before[flag], getattr(instance, flag)]
        for flag in FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if instance._state.adding:
        changes.pop("is_active", None)  # a new account is active; that grants no right
    if changes:
        audit_record(
            kind=AuditKind.PERMISSION_CHANGE,
            detail={
                "action": "flags",
                "subject_type": "user",
                "subject": instance.get_username(),
                "changes": changes,
            },
        )


def connect() -> None:
    user_model = get_user_model()
    user_logged_in.connect(_on_login, dispatch_uid="parkops-audit-login")
    user_login_failed.connect(_on_login_failed, dispatch_uid="parkops-audit-login-failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="parkops-audit-lockout")
    sides = {
        user_model.groups.through: ("groups", "user_set"),
        user_model.user_permissions.through: ("user_permissions", "user_set"),
        Group.permissions.through: ("permissions", "group_set"),
    }
    for through, (forward, backward) in sides.items():
        _ACCESSORS[through, False] = forward
        _ACCESSORS[through, True] = backward
        uid = f"parkops-audit-{through._meta.label}"
        m2m_changed.connect(_rights_changed, sender=through, dispatch_uid=uid)
    pre_save.connect(_flags_changed, sender=user_model, dispatch_uid="parkops-audit-flags")
