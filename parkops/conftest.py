"""Shared fixtures: one user per role (as Healthchecks does: alice edits, the others read)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation
from playwright.sync_api import ConsoleMessage, Page

from parkops.accounts.roles import Role
from parkops.accounts.services import role_permissions_sync, user_assign_roles
from parkops.registry.models import Road, SmallPark
from parkops.testing.world import PASSWORD


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # LocaleMiddleware activates a request's language in the thread and leaves it active after
    # the response, so a test that asks for English would leave the next tests in English.
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # What one test's data left in the cache (the indicators' figures frame) is not another's.
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _plain_static_storage() -> Iterator[None]:
    # Tests render templates without running collectstatic first.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Uploads (inspection photos) go to a directory of their own, removed after the session.
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(STORAGES=storages, WHITENOISE_USE_FINDERS=True, MEDIA_ROOT=media),
    ):
        yield


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(scope="session", autouse=True)
def _jobs_run_at_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # A page that starts a job finds it done on its job page: tests need no worker. The tests of
    # the queue itself switch to the database backend and run a worker pass (parkops.testing.jobs).
    # Generated files go to a throwaway storage root.
    media = tmp_path_factory.mktemp("media")
    with override_settings(TASKS=IMMEDIATE_TASKS, MEDIA_ROOT=media):
        yield


def _user(username: str, roles: set[Role]) -> User:
    role_permissions_sync()
    user = User.objects.create_user(username=username, password=PASSWORD)
    user_assign_roles(user=user, roles=roles)
    return user


@pytest.fixture
def alice(db: None) -> User:
    """Park office: edits everything."""
    return _user("alice", {Role.PARK_OFFICE})


@pytest.fixture
def lena(db: None) -> User:
    """Town leader: reads everything."""
    return _user("lena", {Role.TOWN_LEADER})


@pytest.fixture
def dora(db: None) -> User:
    """Department: reads everything, for now."""
    return _user("dora", {Role.DEPARTMENT})


@pytest.fixture
def pingye(db: None) -> Road:
    return Road.objects.create(name="平业路")


@pytest.fixture
def yuegong(db: None) -> Road:
    return Road.objects.create(name="月工路")


@pytest.fixture
def rob(db: None, pingye: Road) -> User:
    """Road chief of 平业路: sees only the enterprises on that road."""
    user = _user("rob", {Role.ROAD_CHIEF})
    pingye.chiefs.add(user)
    return user


@pytest.fixture
def ailiu(db: None) -> SmallPark:
    return SmallPark.objects.create(name="矮柳", plan_sequence=1)


@pytest.fixture
def changning(db: None) -> SmallPark:
    return SmallPark.objects.create(name="长宁", plan_sequence=2)


@pytest.fixture
def olga(db: None, ailiu: SmallPark) -> User:
    """Owner of the 矮柳 small park: sees only that small park."""
    user = _user("olga", {Role.SMALL_PARK_OWNER})
    ailiu.owners.add(user)
    return user


@pytest.fixture
def charlie(db: None) -> User:
    """Signed in, but with no role: sees nothing."""
    return User.objects.create_user(username="charlie", password=PASSWORD)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(scope="session", autouse=True)
def _browser_tests_may_use_sync_orm() -> None:
    # Playwright's sync API runs an event loop in the test thread; the live server is separate.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    # Debian's Chromium; Playwright must never download a browser of its own.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync",
        ],
    }  # fmt: skip


@pytest.fixture(autouse=True)
def _no_content_security_policy_violation(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every browser test is also a CSP test: a script, style, image or request the policy
    refuses makes Chromium log "Refused to …"; any such line fails the test that caused it."""
    if "page" not in request.fixturenames:
        yield
        return
    page: Page = request.getfixturevalue("page")
    refused: list[str] = []

    def _listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", _listen)
    yield
    assert not refused, "Content-Security-Policy refused: " + " | ".join(refused)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    # The park office's browsers ask for Chinese; the page follows Accept-Language.
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1400, "height": 900}}


@pytest.fixture
def gina(db: None) -> User:
    """Grid officer of 平业一格 (on 平业路): sees only the enterprises in that grid."""
    from parkops.registry.models import Grid

    user = _user("gina", {Role.GRID_OFFICER})
    grid = Grid.objects.create(name="平业一格")
    grid.officers.add(user)
    return user
