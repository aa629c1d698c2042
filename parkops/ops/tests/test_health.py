"""/healthz (liveness) and /readyz (readiness): no login, JSON, outside the login middleware."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.test.utils import override_settings

from parkops.ops import health


def test_it_answers_liveness_without_login_or_database() -> None:
    # No db fixture: any query here would raise pytest-django's "Database access not allowed".
    response = Client().get("/healthz", HTTP_COOKIE="sessionid=abc")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_readiness_when_database_and_storage_work(tmp_path: Path) -> None:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}
    assert list((tmp_path / "media").iterdir()) == []  # the probe file is gone again


@pytest.mark.django_db
def test_it_is_not_ready_when_storage_is_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with override_settings(MEDIA_ROOT=blocker):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {"database": "ok", "storage": "error: FileExistsError"},
    }


def test_it_is_not_ready_when_the_database_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def down() -> None:
        raise OperationalError("connection to server at db.internal failed")

    monkeypatch.setitem(health.CHECKS, "database", down)
    with override_settings(MEDIA_ROOT=tmp_path):
        response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "error: OperationalError"
    assert "db.internal" not in response.content.decode()  # no host names to anonymous probes


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["parkops.example"])
def test_it_answers_probes_over_plain_http_on_an_internal_address() -> None:
    response = Client(HTTP_HOST="10.0.0.5:8000").get("/healthz")
    assert response.status_code == 200
