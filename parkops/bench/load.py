"""`make load`: a bounded load test on loopback — a fresh database with the plan and
LOAD_COUNT demo enterprises, gunicorn on a free port of 127.0.0.1, and locust's users
(parkops/bench/locustfile.py) logging in as the demo roles and walking the main pages.

Bounded by the environment: LOAD_USERS (10), LOAD_SPAWN_RATE (5 a second), LOAD_DURATION
(seconds measured once every user has logged in, 30), LOAD_COUNT (1000 enterprises), LOAD_WORKERS (2 gunicorn workers). LOAD_DATABASE_URL
runs it on another database (the demo data is added to it, and the demo accounts get this run's
password: never the site's); a database that already holds LOAD_COUNT demo enterprises is not
loaded again, so `LOAD_DATABASE_URL=postgres://127.0.0.1:5432/parkops_bench LOAD_COUNT=100000`
reuses what `make bench BENCH=pages` loaded. Prints p50/p95 per page and the errors, with the
machine's load average; exits non-zero when one failed."""

from __future__ import annotations

import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _setting(name: str, default: str) -> str:
    return os.environ.get(name) or default


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(tmp: str, database_url: str, password: str) -> dict[str, str]:
    """The environment of the set-up commands and of gunicorn: DEBUG off, files under `tmp`."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PARKOPS_VAR_DIR": tmp,
        "PARKOPS_MEDIA_DIR": f"{tmp}/media",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PARKOPS_LOAD_PASSWORD": password,
        "PARKOPS_LOG_FORMAT": "text",
    }


# The logins may take this long before the measured window opens; the run is cut after it.
LOGIN_BOUND = 300


# Whether the database already holds `count` demo enterprises and their published evaluation.
_LOADED = (
    "import sys, django; django.setup()\n"
    "from parkops.registry.models import Enterprise\n"
    "from parkops.evaluation.models import EvaluationRun\n"
    "firms = Enterprise.objects.filter(is_demo=True).count()\n"
    "runs = EvaluationRun.objects.filter(published_at__isnull=False).exists()\n"
    "sys.exit(0 if firms >= int(sys.argv[1]) and runs else 1)\n"
)
_LOAD = (
    "import sys, django; django.setup()\n"
    "from django.core.management import call_command\n"
    "call_command('load_plan', verbosity=0)\n"
    "call_command('load_demo', count=int(sys.argv[1]), verbosity=0)\n"
)
# Fresh planner statistics and visibility maps after a bulk load (VACUUM ANALYZE): PostgreSQL's
# autovacuum may be off (it is on this machine) and would in any case lag behind a load of a
# million rows; until a table is vacuumed, its index-only scans (the counts the home page and the
# indicators' cache keys read) visit every row's page as well.
_ANALYZE = (
    "import django; django.setup()\n"
    "from django.db import connection\n"
    "if connection.vendor == 'postgresql':\n"
    "    with connection.cursor() as cursor:\n"
    "        cursor.execute('VACUUM ANALYZE')\n"
)
# The demo accounts, created when missing, and (this database is never the site's) given this
# run's password, so that a database loaded by an earlier run is logged in to at once.
_ACCOUNTS = (
    "import os, django; django.setup()\n"
    "from django.contrib.auth.models import User\n"
    "from parkops.demo.accounts import ACCOUNTS, demo_users_ensure\n"
    "password = os.environ['PARKOPS_LOAD_PASSWORD']\n"
    "demo_users_ensure(password=password)\n"
    "for user in User.objects.filter(username__in=[a[0] for a in ACCOUNTS]):\n"
    "    user.set_password(password)\n"
    "    user.save(update_fields=['password'])\n"
)


def prepare(env: dict[str, str], count: int) -> float | None:
    """Migrate and collect the static files; load the plan and `count` demo enterprises unless
    the database already holds them; ready the demo accounts. The load's seconds, or None."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    # gunicorn serves with DEBUG off: the pages' static files must be collected, as `make run` does.
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    python = [sys.executable, "-c"]
    loaded = subprocess.run([*python, _LOADED, str(count)], cwd=ROOT, env=env).returncode == 0
    seconds = None
    if not loaded:
        started = time.perf_counter()
        subprocess.run([*python, _LOAD, str(count)], cwd=ROOT, env=env, check=True)
        seconds = time.perf_counter() - started
        subprocess.run([*python, _ANALYZE], cwd=ROOT, env=env, check=True)
    subprocess.run([*python, _ACCOUNTS], cwd=ROOT, env=env, check=True)
    return seconds


def wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer in time")


@contextmanager
def serving(env: dict[str, str], workers: str, log: Path) -> Iterator[str]:
    """gunicorn on a free loopback port for the block; its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", workers, "--timeout", "120"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(f"{url}/healthz", time.monotonic() + 120)
            yield url
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def _report(stats: Path) -> int:
    """Print the pages' p50/p95 from locust's CSV; return the number of failed requests."""
    with stats.open(newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"  {'page':<34} {'requests':>8} {'failures':>8} {'p50 ms':>8} {'p95 ms':>8}")
    failures = 0
    for row in rows:
        if row["Request Count"] == "0":  # the logins, counted before the window
            continue
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"  {name[:34]:<34} {row['Request Count']:>8} {row['Failure Count']:>8} "
            f"{row['50%']:>8} {row['95%']:>8}"
        )
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
    errors = stats.with_name(stats.name.replace("_stats.csv", "_failures.csv"))
    if errors.exists():
        with errors.open(newline="") as f:
            for error in csv.DictReader(f):
                print(f"  error ×{error['Occurrences']} {error['Name']}: {error['Error'][:200]}")
    return failures


def main() -> int:
    users = int(_setting("LOAD_USERS", "10"))
    spawn = _setting("LOAD_SPAWN_RATE", "5")
    duration = int(_setting("LOAD_DURATION", "30").removesuffix("s"))
    count = int(_setting("LOAD_COUNT", "1000"))
    workers = _setting("LOAD_WORKERS", "2")
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="parkops-load-") as tmp:
        database = _setting("LOAD_DATABASE_URL", f"sqlite:///{tmp}/load.sqlite3")
        env = server_env(tmp, database, password)
        seconds = prepare(env, count)
        if seconds is None:
            print(
                f"set-up: the database already holds {count:,} demo enterprises (not loaded again)"
            )
        else:
            print(f"set-up: plan and {count:,} demo enterprises loaded in {seconds:.0f} s")
        with serving(env, workers, Path(tmp, "gunicorn.log")) as url:
            before = os.getloadavg()
            run = subprocess.run(
                [str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")),
                 "--headless", "--users", str(users), "--spawn-rate", spawn,
                 "--run-time", f"{duration + LOGIN_BOUND}s", "--host", url,
                 "--csv", f"{tmp}/load", "--only-summary", "--loglevel", "WARNING"],
                cwd=ROOT, env={**env, "PARKOPS_LOAD_MEASURE": str(duration)}, check=False,
                stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            after = os.getloadavg()
        print(
            f"{users} users (spawn {spawn}/s) for {duration} s after every login, against "
            f"{workers} gunicorn workers, {count:,} enterprises ({database.split(':')[0]})"
        )
        print(*(f"  {line}" for line in run.stdout.splitlines() if line.startswith("logins:")))
        failures = _report(Path(f"{tmp}/load_stats.csv"))
        print(f"machine load average (1, 5, 15 min): before {before}, after {after}")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
