"""The load test's users (locust): each logs in as one of the demo roles and walks the main pages
the way a person does, a page every one to three seconds. Run by `make load` (parkops/bench/load.py),
which starts the server and gives the accounts; not imported by Django."""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("PARKOPS_LOAD_PASSWORD", "")
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
