"""The main pages at district scale: 100,000 demo enterprises with three years of figures on
PostgreSQL, served by gunicorn (DEBUG off) on loopback and asked over HTTP as the demo roles.

Unlike the other modules this one keeps its own database, which `python -m parkops.bench` never
empties: BENCH_PAGES_DATABASE_URL (default postgres://127.0.0.1:5432/parkops_bench), created when
missing and loaded with BENCH_PAGES_COUNT (100,000) demo enterprises only when it does not hold them
yet (the load time is reported then), so that a second run measures at once. Each page is asked
once to warm up, then BENCH_PAGES_REPEAT (20) times, one request at a time; p50/p95 in ms and as
ratios to the login page's p50 in the same run, with the machine's load average (2 cores shared).
Then the enterprise list's query count on the full list, a deep page and a search of one row.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

OWN_DATABASE = True  # python -m parkops.bench neither migrates nor empties it
DEFAULT_DATABASE = "postgres://127.0.0.1:5432/parkops_bench"
GOAL_MS = 300.0
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Ids the pages need and the enterprise list's query counts, read inside Django on that database.
_FACTS = """
import json, django; django.setup()
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from parkops.evaluation.models import EvaluationRun
from parkops.registry.models import Enterprise

firms = Enterprise.objects.filter(is_demo=True)
one = firms.order_by("pk").values_list("pk", "name")[firms.count() // 2]
run = EvaluationRun.objects.filter(published_at__isnull=False).order_by("-year", "-pk").first()
client = Client(SERVER_NAME="localhost")
client.force_login(User.objects.get(username="admin"))
counts = {}
for label, path in (
    ("full list", "/enterprises/"),
    ("page 50", "/enterprises/?page=50"),
    ("search (one row)", "/enterprises/?q=" + one[1]),
):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    counts[label] = len(queries)
print(json.dumps({
    "enterprises": firms.count(), "enterprise": one[0], "run": run.pk if run else None,
    "counts": counts,
}))
"""


def _database_ensure(url: str) -> None:
    """Create the PostgreSQL database of `url` when it does not exist."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if found is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _pages(run: int | None, enterprise: int) -> list[tuple[str, str, str]]:
    """(label, role, path) of the pages measured after the login page."""
    pages = [
        ("home: cockpit and to-do, office", "admin", "/"),
        ("home: cockpit, town leader", "leader", "/"),
        (
            "enterprise list: filter + sort + search",
            "admin",
            "/enterprises/?key_industry=intelligent_mfg&sort=-latest_revenue&q=科技",
        ),
        ("enterprise list: sorted by revenue", "admin", "/enterprises/?sort=-latest_revenue"),
        ("enterprise list: page 50", "admin", "/enterprises/?page=50"),
        ("an enterprise's page", "admin", f"/enterprises/{enterprise}/"),
        ("indicators", "leader", "/indicators/"),
        ("evaluation runs", "admin", "/evaluation/"),
        ("rating list", "admin", "/estates/ratings/"),
        ("land: actions", "admin", "/land/"),
        ("land: flags", "admin", "/land/flags/"),
        ("cultivation list", "admin", "/cultivation/"),
        ("API enterprises, first page", "admin", "/api/enterprises"),
        ("API enterprises, page 1,800 (row 90,000)", "admin", "/api/enterprises?page=1800"),
        ("service requests", "admin", "/service/requests/"),
        ("visits due", "admin", "/visits/due/"),
        # A road chief's day (one road of six: about 16,700 enterprises and 120,000 visits).
        ("home: road chief", "roadchief", "/"),
        ("enterprise list: road chief", "roadchief", "/enterprises/"),
        ("visits: road chief", "roadchief", "/visits/"),
        ("visits due: road chief", "roadchief", "/visits/due/"),
    ]
    if run is not None:
        pages[8:8] = [
            ("evaluation run (latest)", "admin", f"/evaluation/runs/{run}/"),
            ("its bottom 30", "admin", f"/evaluation/runs/{run}/bottom/"),
        ]
    return pages


def _timed(session: Any, url: str, repeat: int, *, login: bool = False) -> list[float]:
    """Milliseconds of `repeat` GETs after one warm-up; every answer must be the page itself."""
    times = []
    for attempt in range(repeat + 1):
        started = time.perf_counter()
        response = session.get(url, timeout=120)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or (not login and "/accounts/login/" in response.url):
            raise SystemExit(f"{url}: {response.status_code} {response.url}")
        if attempt:
            times.append(elapsed)
    return times


def _login(base: str, username: str, password: str) -> Any:
    import requests

    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = CSRF.search(page.text)
    answer = session.post(
        f"{base}/accounts/login/",
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token[1] if token else "",
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    )
    if "/accounts/login/" in answer.url:
        raise SystemExit(f"could not log in as {username}")
    return session


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def run(out: Callable[[str], None]) -> None:
    import requests

    from parkops.bench.load import ROOT, prepare, server_env, serving

    database = os.environ.get("BENCH_PAGES_DATABASE_URL") or DEFAULT_DATABASE
    count = int(os.environ.get("BENCH_PAGES_COUNT") or 100_000)
    repeat = int(os.environ.get("BENCH_PAGES_REPEAT") or 20)
    password = secrets.token_urlsafe(16)
    if database.startswith("postgres"):
        _database_ensure(database)
    with tempfile.TemporaryDirectory(prefix="parkops-bench-pages-") as tmp:
        env = server_env(tmp, database, password)
        seconds = prepare(env, count)
        if seconds is None:
            out(f"database {urlsplit(database).path[1:]}: already holds {count:,} demo enterprises")
        else:
            out(f"loaded the plan and {count:,} demo enterprises in {seconds:.0f} s")
        facts_run = subprocess.run(
            [sys.executable, "-c", _FACTS], cwd=ROOT, env=env, check=True, capture_output=True
        )
        facts = json.loads(facts_run.stdout.decode().strip().splitlines()[-1])
        rows: list[tuple[str, list[float], float]] = []
        with serving(env, "1", Path(tmp, "gunicorn.log")) as base:
            anonymous = requests.Session()
            rows.append(
                (
                    "login page (baseline)",
                    _timed(anonymous, f"{base}/accounts/login/", repeat, login=True),
                    os.getloadavg()[0],
                )
            )
            sessions = {
                name: _login(base, name, password) for name in ("admin", "leader", "roadchief")
            }
            for label, role, path in _pages(facts["run"], facts["enterprise"]):
                rows.append(
                    (label, _timed(sessions[role], base + path, repeat), os.getloadavg()[0])
                )
    baseline = statistics.median(rows[0][1])
    out(
        f"\nMain pages: {facts['enterprises']:,} demo enterprises ({database.split(':')[0]}), "
        f"{repeat} requests each after one warm-up, one gunicorn worker, DEBUG off"
    )
    out(f"  {'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'p50 ×':>7} {'p95 ×':>7} {'load1':>6}")
    slow = []
    for label, times, load in rows:
        p50, p95 = statistics.median(times), _p95(times)
        out(
            f"  {label:<44} {p50:>8.1f} {p95:>8.1f} {p50 / baseline:>7.1f} {p95 / baseline:>7.1f} "
            f"{load:>6.2f}"
        )
        if p95 >= GOAL_MS:
            slow.append(label)
    out(f"  goal p95 < {GOAL_MS:.0f} ms: {'met' if not slow else 'missed by ' + ', '.join(slow)}")
    counts = ", ".join(f"{label} {n}" for label, n in facts["counts"].items())
    constant = "constant" if len(set(facts["counts"].values())) == 1 else "NOT constant"
    out(f"  enterprise list queries at {facts['enterprises']:,}: {counts} ({constant})")
    out(f"  machine load average (1, 5, 15 min) at the end: {os.getloadavg()}")
