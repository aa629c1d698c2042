"""`make load`: a bounded load test on loopback — a fresh database with the plan and
LOAD_COUNT demo enterprises, gunicorn on a free port of 127.0.0.1, and locust's users
(parkops/bench/locustfile.py) logging in as the demo roles and walking the main pages.

Bounded by the environment: LOAD_USERS (10), LOAD_SPAWN_RATE (5 a second), LOAD_DURATION
("30s"), LOAD_COUNT (1000 enterprises), LOAD_WORKERS (2 gunicorn workers). LOAD_DATABASE_URL
runs it on another database (the demo data is added to it: never the site's). Prints p50/p95
per page and the errors, with the machine's load average; exits non-zero when one failed."""

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _setting(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(env: dict[str, str], count: int, password: str) -> None:
    """Migrate, load the plan, the demo data and the demo accounts (with `password`)."""
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from parkops.demo.accounts import demo_users_ensure\n"
        "call_command('load_plan', verbosity=0)\n"
        f"call_command('load_demo', count={count}, verbosity=0)\n"
        "demo_users_ensure(password=__import__('os').environ['PARKOPS_LOAD_PASSWORD'])\n"
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    # gunicorn serves with DEBUG off: the pages' static files must be collected, as `make run` does.
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


def _wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer in time")


def _report(stats: Path) -> int:
    """Print the pages' p50/p95 from locust's CSV; return the number of failed requests."""
    with stats.open(newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"  {'page':<34} {'requests':>8} {'failures':>8} {'p50 ms':>8} {'p95 ms':>8}")
    failures = 0
    for row in rows:
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
    duration = _setting("LOAD_DURATION", "30s")
    count = int(_setting("LOAD_COUNT", "1000"))
    workers = _setting("LOAD_WORKERS", "2")
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="parkops-load-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": _setting("LOAD_DATABASE_URL", f"sqlite:///{tmp}/load.sqlite3"),
            "PARKOPS_VAR_DIR": tmp,
            "PARKOPS_MEDIA_DIR": f"{tmp}/media",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PARKOPS_LOAD_PASSWORD": password,
            "PARKOPS_LOG_FORMAT": "text",
        }
        started = time.perf_counter()
        _prepare(env, count, password)
        print(
            f"set-up: plan and {count:,} demo enterprises in {time.perf_counter() - started:.0f} s"
        )
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with Path(tmp, "gunicorn.log").open("wb") as log:
            server = subprocess.Popen(
                [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", workers, "--timeout", "120"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                _wait_for(f"{url}/healthz", time.monotonic() + 120)
                before = os.getloadavg()
                subprocess.run(
                    [str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")),
                     "--headless", "--users", str(users), "--spawn-rate", spawn,
                     "--run-time", duration, "--host", url, "--csv", f"{tmp}/load",
                     "--only-summary", "--loglevel", "WARNING"],
                    cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
                )  # fmt: skip
                after = os.getloadavg()
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
        print(
            f"{users} users (spawn {spawn}/s) for {duration} against {workers} gunicorn workers, "
            f"{count:,} enterprises ({env['DATABASE_URL'].split(':')[0]})"
        )
        failures = _report(Path(f"{tmp}/load_stats.csv"))
        print(f"machine load average (1, 5, 15 min): before {before}, after {after}")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
