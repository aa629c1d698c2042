"""Strict readers for settings that come from the environment.

Each helper raises ImproperlyConfigured on a value it cannot parse: a typo in a deployment's
environment should stop the server at start-up, not switch a setting silently.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None


def env_positive_int(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name}={value} must be a positive integer")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(
            f"{name}={raw!r} has an empty item; separate values by single commas"
        )
    return items


CODE_ROOT = Path(__file__).resolve().parent.parent / "parkops"


def code_fingerprint(root: Path = CODE_ROOT) -> str:
    """A short hash of the Python code under `root` (tests aside): it changes with any deployed
    change, so values cached by one version are never read by another in a shared cache."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if "tests" in relative.parts:
            continue
        digest.update(relative.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_config(url: str, *, code: Path = CODE_ROOT) -> dict[str, Any]:
    """The default cache from PARKOPS_CACHE_URL: empty keeps each process's own memory (one
    machine); redis://host:port/db shares it between app servers and workers. The cached values
    are keyed by the fingerprint of the rows they were computed from, so a per-process cache is
    never wrong, only cold on each worker. In a shared cache the key prefix also names the code
    (`code_fingerprint`): after an upgrade, a value cached in the old shape is never read by the
    new code, and during a rolling upgrade the two versions keep apart."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            f"PARKOPS_CACHE_URL={url!r}: give redis://host:port/db (or leave it empty)"
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"parkops-{code_fingerprint(code)}",
        "TIMEOUT": 24 * 3600,
    }


def parse_database_url(url: str) -> dict[str, Any]:
    """Turn `sqlite:///path` or `postgres://user:pass@host:port/name` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # As dj-database-url: sqlite:///relative/path, sqlite:////absolute/path.
        if not url.startswith("sqlite:///"):
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: write sqlite:///path")
        path = unquote(url[len("sqlite:///") :])
        if not path:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no SQLite file")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no database")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} has an invalid port") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            # The JIT compiler costs a page more than it saves: compiling the enterprise list's
            # sort at 100,000 rows took 300 of its 970 ms, and the pages never run for minutes.
            # No parallel workers per query: many users' requests already share the cores, and a
            # query's two extra processes cost more CPU than they save in time (50 users on 2
            # cores, 100,000 enterprises: p95 340 -> 240 ms; one COUNT of 288,000 rows 15 ms of
            # wall time in three processes, 19 ms in one).
            "OPTIONS": {"options": "-c jit=off -c max_parallel_workers_per_gather=0"},
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported; use sqlite:/// or postgres://"
    )


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into var/ for a local run."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env is not None:
        if len(from_env) < 32:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long")
        return from_env
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()
