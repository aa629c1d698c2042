"""Session lifetime, no-store on logged-in responses, HTTPS switches, `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import override_settings

from parkops.conftest import PASSWORD, client_for

ROOT = Path(__file__).resolve().parents[3]
NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def _settings_in_subprocess(
    env: dict[str, str], expression: str
) -> subprocess.CompletedProcess[str]:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_sets_the_session_lifetime_from_the_environment() -> None:
    result = _settings_in_subprocess(
        {"PARKOPS_SESSION_MINUTES": "30"}, "settings.SESSION_COOKIE_AGE"
    )
    assert result.stdout.strip() == "1800", result.stderr


def test_it_refuses_a_session_lifetime_that_is_not_a_positive_number() -> None:
    result = _settings_in_subprocess({"PARKOPS_SESSION_MINUTES": "0"}, "1")
    assert result.returncode != 0
    assert "PARKOPS_SESSION_MINUTES=0 must be a positive integer" in result.stderr


def test_it_reads_the_lockout_limit_and_cool_off_from_the_environment() -> None:
    env = {"PARKOPS_LOGIN_FAILURE_LIMIT": "3", "PARKOPS_LOGIN_COOLOFF_MINUTES": "60"}
    result = _settings_in_subprocess(env, "settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME")
    assert result.stdout.strip() == "3 1:00:00", result.stderr


def test_it_gives_the_session_cookie_the_configured_lifetime(alice: User) -> None:
    with override_settings(SESSION_COOKIE_AGE=1800):
        response = Client().post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.cookies["sessionid"]["max-age"] == 1800


def test_it_forbids_caching_logged_in_pages_and_exports(alice: User) -> None:
    client = client_for(alice)
    for url in ("/", "/enterprises/", "/enterprises/export.xlsx", "/api/enterprises"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == NO_STORE, url


def test_it_leaves_static_files_cacheable(alice: User) -> None:
    response = client_for(alice).get("/static/vendor/htmx.min.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
def test_it_redirects_to_https_and_sends_hsts_when_switched_on(alice: User) -> None:
    client = client_for(alice)
    plain = client.get("/enterprises/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/enterprises/"
    secure = client.get("/enterprises/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_it_sends_no_hsts_by_default(alice: User) -> None:
    assert settings.SECURE_SSL_REDIRECT is False
    assert "Strict-Transport-Security" not in client_for(alice).get("/", secure=True)


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Kq2pL9vR4mN8bT1cW6yZ3hJ5fD0gSa-production-like-key",
    "ALLOWED_HOSTS": "parkops.example",
    "CSRF_TRUSTED_ORIGINS": "https://parkops.example",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
}


def _without_test_switches(environ: os._Environ[str]) -> dict[str, str]:
    # The test session allows the ORM inside Playwright's event loop; a deployment never does.
    return {k: v for k, v in environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _deploy_check(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    isolated = {
        "PARKOPS_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**_without_test_switches(os.environ), **isolated, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_check_deploy_with_production_settings(tmp_path: Path) -> None:
    result = _deploy_check(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_fails_check_deploy_without_https_settings(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0"}
    result = _deploy_check(env, tmp_path)
    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr
