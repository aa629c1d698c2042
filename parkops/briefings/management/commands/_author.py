"""Whom a command writes a document as: `--user NAME`, else the first active superuser."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.management.base import CommandError


def author(username: str) -> User:
    if username:
        found = User.objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"没有名为 {username} 的在用账号")
        return found
    found = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if found is None:
        raise CommandError("没有可用的超级用户：请用 --user 指定园区办账号")
    return found
