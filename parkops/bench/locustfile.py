"""The load test's users (locust): each logs in as one of the demo roles and walks the main pages
the way a person does, a page every one to three seconds. Run by `make load` (parkops/bench/load.py),
which starts the server and gives the accounts; not imported by Django.

The statistics cover the steady state: the logins come first (each one hashes a password on purpose,
about half a second of a core: fifty at once queue every page behind them), so with
PARKOPS_LOAD_MEASURE (seconds) the counts start once every user has logged in and PARKOPS_LOAD_SETTLE
seconds more have passed, and the run ends MEASURE seconds later. The logins' own times are printed
before the window opens."""

from __future__ import annotations

import os
import random
import re

import gevent  # type: ignore[import-untyped, unused-ignore]
from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.runners import LocalRunner

PASSWORD = os.environ.get("PARKOPS_LOAD_PASSWORD", "")
MEASURE = float(os.environ.get("PARKOPS_LOAD_MEASURE") or 0)
SETTLE = float(os.environ.get("PARKOPS_LOAD_SETTLE") or 5)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# What each role opens; a name groups the URLs of one page in the statistics.
PAGES: dict[str, list[tuple[str, str]]] = {
    "admin": [
        ("/", "home"),
        ("/enterprises/?q=上海&sort=-name", "enterprise list (search, sort)"),
        ("/indicators/", "indicators"),
        ("/evaluation/", "evaluation"),
        ("/estates/ratings/", "rating list"),
        ("/land/", "land"),
        ("/api/enterprises?page=5", "api enterprises"),
    ],
    "leader": [
        ("/", "home"),
        ("/enterprises/", "enterprise list"),
        ("/indicators/", "indicators"),
        ("/evaluation/", "evaluation"),
    ],
    "roadchief": [("/", "home"), ("/enterprises/", "enterprise list"), ("/visits/", "visits")],
    "parkowner": [("/", "home"), ("/enterprises/", "enterprise list")],
}


# The users whose login has been answered.
logged_in = 0


def _window(environment: Environment) -> None:
    """Wait for every user's login and the settling time, print the logins' times, reset the
    statistics, let the users walk for MEASURE seconds, and stop."""
    assert environment.runner is not None
    assert environment.parsed_options is not None
    users = environment.parsed_options.num_users
    while logged_in < users:
        gevent.sleep(0.2)
    gevent.sleep(SETTLE)
    login = environment.stats.get("login", "POST")
    print(
        f"logins: {login.num_requests}, {login.num_failures} failed, "
        f"p50 {login.get_response_time_percentile(0.5):.0f} ms, "
        f"p95 {login.get_response_time_percentile(0.95):.0f} ms (before the measured window)",
        flush=True,
    )
    environment.stats.reset_all()
    gevent.sleep(MEASURE)
    environment.runner.quit()


@events.test_start.add_listener
def _measured_window(environment: Environment, **_kwargs: object) -> None:
    if MEASURE and isinstance(environment.runner, LocalRunner):
        gevent.spawn(_window, environment)


class Person(HttpUser):
    wait_time = between(1, 3)
    abstract = True
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text)
        self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token[1] if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
        )
        global logged_in
        logged_in += 1

    @task
    def walk(self) -> None:
        path, name = random.choice(PAGES[self.username])
        with self.client.get(path, name=name, catch_response=True) as response:
            # A login page instead of the page asked for is a failure, not a 200.
            if response.status_code == 200 and "/accounts/login/" in response.url:
                response.failure("sent to the login page")


class Office(Person):
    weight = 3
    username = "admin"


class Leader(Person):
    weight = 2
    username = "leader"


class RoadChief(Person):
    weight = 2
    username = "roadchief"


class ParkOwner(Person):
    weight = 1
    username = "parkowner"
