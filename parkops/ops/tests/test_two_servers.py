"""Two app servers and two queue workers behind nginx, on PostgreSQL: the deployment of
`deploy/` on loopback. An evaluation and an import go through the proxy, the work is done by
a worker, and both app servers answer (nothing one of them needs lives in the other's memory).

Runs in CI's PostgreSQL pass (a SQLite file is not shared by servers); needs nginx (Debian's
nginx-light, installed by `make test`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.models import User

from parkops.accounts.services import api_token_issue
from parkops.demo.services import demo_load
from parkops.evaluation.models import EvaluationResult, EvaluationRun
from parkops.evaluation.services import scheme_default
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.plan.services import plan_load
from parkops.registry.models import Enterprise, EnterpriseYear

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="several servers share PostgreSQL; CI's second pass runs this",
    ),
    pytest.mark.skipif(
        not Path(NGINX).exists(), reason="nginx is not installed (make test installs it)"
    ),
]

NGINX_CONF = """
user root;  # ignored (with a notice) when the test does not run as root
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include {deploy}/nginx-upstream.conf;
    server {{
        listen 127.0.0.1:{port};
        include {deploy}/nginx-locations.conf;
        add_header X-Upstream $upstream_addr always;
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    url: str
    app_ports: tuple[int, int]
    log_dir: Path


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=15).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still importing Django
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in time")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "SECRET_KEY": "two-servers-test-" + "x" * 40,  # every server signs sessions alike
        "PARKOPS_TASK_BACKEND": "database",
        "PARKOPS_VAR_DIR": str(tmp_path / "var"),
        "PARKOPS_MEDIA_DIR": str(tmp_path / "media"),  # the one storage root they all mount
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PARKOPS_LOG_FORMAT": "text",
        "PARKOPS_CACHE_URL": "redis://127.0.0.1:6379/4",  # the cache both servers share
    }
    app_ports = (_free_port(), _free_port())
    proxy_port = _free_port()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    deploy = tmp_path / "deploy"
    deploy.mkdir()
    upstream = (ROOT / "deploy" / "nginx-upstream.conf").read_text()
    for default, port in zip((8001, 8002), app_ports, strict=True):
        upstream = upstream.replace(f"127.0.0.1:{default}", f"127.0.0.1:{port}")
    (deploy / "nginx-upstream.conf").write_text(upstream)
    locations = (ROOT / "deploy" / "nginx-locations.conf").read_text()
    (deploy / "nginx-locations.conf").write_text(
        locations.replace("/srv/parkops/staticfiles/", f"{ROOT}/staticfiles/")
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp_path, deploy=deploy, port=proxy_port))

    processes: list[subprocess.Popen[bytes]] = []

    def start(args: list[str], log: str) -> None:
        out = (tmp_path / log).open("wb")
        processes.append(
            subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        )

    try:
        for index, port in enumerate(app_ports):
            start(
                [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "1", "--timeout", "120"],
                f"app{index}.log",
            )  # fmt: skip
            start(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2",
                 "--no-startup-delay", "--worker-id", f"worker-{index}"],
                f"worker{index}.log",
            )  # fmt: skip
        start([NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"], "nginx.log")
        deadline = time.monotonic() + 180
        for port in app_ports:
            _wait_for(f"http://127.0.0.1:{port}/readyz", deadline)
        _wait_for(f"http://127.0.0.1:{proxy_port}/healthz", deadline)
        yield Cluster(f"http://127.0.0.1:{proxy_port}", app_ports, tmp_path)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _logs(cluster: Cluster) -> str:
    return "\n".join(
        f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
        for path in sorted(cluster.log_dir.glob("*.log"))
    )


def test_an_evaluation_and_an_import_go_through_two_servers_and_two_workers(
    cluster: Cluster, alice: User
) -> None:
    plan_load()
    demo_load(count=24)
    scheme_default()
    token = api_token_issue(user=alice, name="cluster test")
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {token}"

    # The evaluation: enqueued by whichever server answers, done by a worker.
    started = api.post(f"{cluster.url}/api/evaluation/runs", json={"year": 2025}, timeout=60)
    assert started.status_code == 202, started.text + _logs(cluster)
    job_url = f"{cluster.url}/api/jobs/{started.json()['id']}"
    deadline = time.monotonic() + 120
    job = started.json()
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.5)
        job = api.get(job_url, timeout=30).json()
    assert job["status"] == "done", f"{job}\n{_logs(cluster)}"
    run = EvaluationRun.objects.get(year=2025)
    evaluated = Enterprise.objects.filter(evaluation_results__run=run).distinct().count()
    assert EvaluationResult.objects.filter(run=run).count() == evaluated >= 20

    # The import: a year of figures for three demo firms, written once.
    firms = list(Enterprise.objects.filter(is_demo=True).order_by("pk")[:3])
    rows = [FIGURES_HEADER] + [
        (firm.uscc, firm.name, 2026, 1234.5 + index, 56.7, 10) for index, firm in enumerate(firms)
    ]
    body = xlsx(rows)
    files = {"file": ("figures.xlsx", body, "application/octet-stream")}
    answer = api.post(f"{cluster.url}/api/imports/figures", files=files, timeout=120)
    assert answer.status_code == 200, answer.text + _logs(cluster)
    assert answer.json()["added"] == 3
    stored = EnterpriseYear.objects.filter(enterprise__in=firms, year=2026)
    assert sorted(stored.values_list("output_value", flat=True)) == [
        Decimal("1234.50"),
        Decimal("1235.50"),
        Decimal("1236.50"),
    ]

    # Both app servers answered through the proxy, and the proxy's request id reached the logs.
    upstreams = set()
    for _ in range(6):
        response = api.get(f"{cluster.url}/api/jobs/{job['id']}", timeout=30)
        assert response.status_code == 200
        upstreams.add(response.headers["X-Upstream"])
        assert len(response.headers["X-Request-ID"]) == 32
    assert upstreams == {f"127.0.0.1:{port}" for port in cluster.app_ports}
