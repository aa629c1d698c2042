"""Login throttling (django-axes): the site's login and the admin's, counted in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import override_settings

from parkops.accounts.services import api_token_issue
from parkops.conftest import PASSWORD
from parkops.ops.choices import AuditKind
from parkops.ops.models import AuditEvent

LOCKED = "登录失败次数过多，该账户已被暂时锁定。请 15 分钟后再试，或请园区办解锁。"
WRONG = "用户名或密码不正确，请重试。"


def _login(client: Client, username: str, password: str, url: str = "/accounts/login/") -> object:
    return client.post(url, {"username": username, "password": password})


def _fail(client: Client, username: str, times: int, url: str = "/accounts/login/") -> list[int]:
    return [_login(client, username, "wrong", url).status_code for _ in range(times)]  # type: ignore[attr-defined]


def test_it_locks_out_after_the_failure_limit_and_refuses_the_right_password(alice: User) -> None:
    client = Client()
    assert _fail(client, "alice", 5) == [200, 200, 200, 200, 429]
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert WRONG not in page
    assert "_auth_user_id" not in client.session


def test_it_says_wrong_password_before_the_limit(alice: User) -> None:
    response = _login(Client(), "alice", "wrong")
    assert response.status_code == 200
    assert WRONG in response.content.decode()  # type: ignore[attr-defined]


def test_it_locks_out_on_the_limits_failure_itself(alice: User) -> None:
    assert _fail(Client(), "alice", 5) == [200, 200, 200, 200, 429]


def test_it_speaks_english_to_an_english_browser(alice: User) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    _fail(client, "alice", 5)
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins: this account is locked. Try again in 15 minutes" in (
        response.content.decode()  # type: ignore[attr-defined]
    )


def test_it_lets_the_right_password_in_after_the_cool_off(alice: User) -> None:
    client = Client()
    _fail(client, "alice", 5)
    assert _login(client, "alice", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    # Fifteen minutes and a second pass, without waiting for them.
    attempt = AccessAttempt.objects.get()
    attempt.attempt_time -= timedelta(minutes=15, seconds=1)
    attempt.save()
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_counts_per_account_not_per_client(alice: User, lena: User) -> None:
    _fail(Client(), "alice", 3)
    _fail(Client(REMOTE_ADDR="10.0.0.9"), "alice", 2)
    assert _login(Client(), "alice", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    assert _login(Client(), "lena", PASSWORD).status_code == 302  # type: ignore[attr-defined]


def test_it_resets_the_count_on_a_successful_login(alice: User) -> None:
    client = Client()
    _fail(client, "alice", 4)
    assert _login(client, "alice", PASSWORD).status_code == 302  # type: ignore[attr-defined]
    assert _fail(Client(), "alice", 4) == [200] * 4


@override_settings(AXES_FAILURE_LIMIT=2)
def test_it_reads_the_limit_from_settings(alice: User) -> None:
    assert _fail(Client(), "alice", 2) == [200, 429]


def test_it_throttles_the_admin_login_too(db: None) -> None:
    User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    assert _fail(client, "root", 5, url="/admin/login/") == [200, 200, 200, 200, 429]
    response = _login(client, "root", PASSWORD, url="/admin/login/")
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert LOCKED in response.content.decode()  # type: ignore[attr-defined]
    assert client.get("/admin/").status_code == 302  # still sent to log in


def test_it_keeps_a_locked_users_api_token_working(alice: User) -> None:
    """Decided: a token is a long random secret, not a guessable password, so a lockout (which
    anyone can cause by typing wrong passwords) must not stop the park's scripts. Revoking a
    token is its own act, in the admin."""
    key = api_token_issue(user=alice, name="script")
    _fail(Client(), "alice", 5)
    assert _login(Client(), "alice", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    response = Client().get("/api/enterprises", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_it_audits_logins_failures_and_the_lockout(alice: User) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    _login(client, "alice", PASSWORD)
    _fail(Client(REMOTE_ADDR="10.1.2.4"), "alice", 5)
    logins = AuditEvent.objects.exclude(kind=AuditKind.PERMISSION_CHANGE).order_by("pk")
    events = list(logins.values_list("kind", "username", "ip_address"))
    assert events[0] == (AuditKind.LOGIN, "alice", "10.1.2.3")
    assert events[1:].count((AuditKind.LOGIN_FAILED, "alice", "10.1.2.4")) == 5
    assert (AuditKind.LOCKOUT, "alice", "10.1.2.4") in events
    assert AuditEvent.objects.get(kind=AuditKind.LOGIN).user == alice
    assert not AuditEvent.objects.filter(kind=AuditKind.LOGIN_FAILED, user__isnull=False).exists()


@pytest.mark.parametrize("name", ["nobody", "x" * 300])
def test_it_audits_a_failure_for_an_unknown_account(db: None, name: str) -> None:
    _login(Client(), name, "wrong")
    event = AuditEvent.objects.get(kind=AuditKind.LOGIN_FAILED)
    assert event.username == name[:150]
