"""Liveness and readiness: what a load balancer or systemd asks before sending traffic.

Liveness touches nothing (the process answers); readiness asks each dependency. A failing check
names only the error's class: the probe answers without a login, so no host names or paths leak
(the full error goes to the log).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

log = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_storage() -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=root, prefix=".readyz-") as probe:
        probe.write(b"ok")
        probe.flush()


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "storage": check_storage}


def readiness() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means "not ready", never a 500
            log.warning("readiness check %s failed", name, exc_info=True)
            results[name] = f"error: {type(exc).__name__}"
        else:
            results[name] = "ok"
    return all(value == "ok" for value in results.values()), results
