from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandParser

from parkops.demo.accounts import (
    ACCOUNTS,
    demo_users_ensure,
    initial_password,
    initial_password_path,
)


class Command(BaseCommand):
    help = "Create one account per role if missing (password in var/initial-password); never resets one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--print-login", action="store_true", help="print how to log in")
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, print_login: bool, url: str, **options: Any) -> None:
        password = initial_password()
        demo_users_ensure(password=password)
        if print_login:
            self._print_login(url, password)

    def _print_login(self, url: str, password: str) -> None:
        admin_unchanged = User.objects.get(username="admin").check_password(password)
        lines = ["", "=" * 64, f"ParkOps is starting on {url}", ""]
        if admin_unchanged:
            lines.append(f"  Log in as  admin  with password  {password}")
            lines.append("  Other roles, same initial password:")
            lines += [f"    {name:<11} {label}" for name, _role, label in ACCOUNTS[1:]]
            lines.append(f"  (kept in {initial_password_path()}; change it after logging in)")
        else:
            lines.append("  Log in with the password you set (the initial one has been changed).")
        lines += ["=" * 64, ""]
        self.stdout.write("\n".join(lines))
