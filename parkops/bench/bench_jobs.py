"""The year-end cycle through the job queue: import the year's figures, evaluate, publish, rate
the small parks, compute the indicators, write the handbook — for 10,000 enterprises.

The baseline is the same cycle called in this process (services directly, no queue), on the
year before; the measured cycle puts every long step on the database queue and one real worker
(`manage.py db_worker`, a separate process) runs it, while this process only enqueues and polls,
as a web worker would. Reported: each step's seconds and its ratio to the baseline's, the whole
cycle, and the worker process's peak and final resident memory (VmHWM / VmRSS)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parkops.bench.harness import Measurement, report

COUNT = int(os.environ.get("BENCH_JOBS_COUNT", "10000"))
POLL = 0.05  # how often this process asks for the job's status
WORKER_INTERVAL = 0.1  # how often an idle worker asks the queue for work


def _cpu(pid: int) -> float:
    """A process's CPU seconds so far (user + system): unlike the wall clock, not stretched when
    other work shares the machine's cores."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _figures_file(year: int) -> bytes:
    """The year's figures as the park office's .xlsx (the import's own columns), then removed
    from the database, so that the import writes every row again."""
    from parkops.common.xlsx import xlsx_file
    from parkops.imports.exports import kind_columns
    from parkops.imports.kinds import FIGURES
    from parkops.registry.models import EnterpriseYear, latest_years_mark

    rows = EnterpriseYear.objects.filter(year=year).select_related("enterprise")
    content = xlsx_file(
        columns=kind_columns(FIGURES), records=rows.order_by("enterprise_id").iterator(2000)
    )
    EnterpriseYear.objects.filter(year=year)._raw_delete(EnterpriseYear.objects.db)
    latest_years_mark()
    return content


def _direct(year: int, data: bytes, user: Any) -> dict[str, float]:
    from parkops.evaluation import services as evaluation
    from parkops.evaluation.exports import handbook_xlsx
    from parkops.imports.services import import_confirm, import_upload
    from parkops.indicators.selectors import scoreboard
    from parkops.smallparks.services import rating_run

    times: dict[str, float] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = fn()
        times[name] = time.perf_counter() - started
        return value

    def import_figures() -> None:
        batch, _plan = import_upload(kind="figures", data=data, file_name="f.xlsx", user=user)
        assert import_confirm(batch=batch).ok

    step("import", import_figures)
    run = step("evaluate", lambda: evaluation.run_create(year=year, user=user))
    evaluation.run_publish(run=run, user=user)
    step("rate", lambda: rating_run(year=year))
    step("indicators", lambda: scoreboard())
    step("handbook", lambda: handbook_xlsx(run=run, user=user).getbuffer().nbytes)
    return times


def _queued(
    year: int, data: bytes, user: Any, inside: dict[str, float], cpu: dict[str, float], worker: int
) -> dict[str, float]:
    from parkops.evaluation import jobs as evaluation_jobs
    from parkops.evaluation import services as evaluation
    from parkops.evaluation.models import EvaluationRun
    from parkops.imports.jobs import confirm_enqueue
    from parkops.imports.services import import_upload
    from parkops.indicators.selectors import scoreboard
    from parkops.ops.choices import JobStatus
    from parkops.ops.models import Job
    from parkops.smallparks.jobs import rating_enqueue

    times: dict[str, float] = {}
    here, there = time.process_time(), _cpu(worker)

    def spent(name: str) -> None:
        # CPU seconds of this process (enqueueing, polling, the upload's check) and the worker.
        nonlocal here, there
        now_here, now_there = time.process_time(), _cpu(worker)
        cpu[name] = (now_here - here) + (now_there - there)
        here, there = now_here, now_there

    def wait(name: str, started: float, job: Job) -> Job:
        while True:
            job.refresh_from_db()
            if job.status in (JobStatus.DONE, JobStatus.FAILED):
                break
            time.sleep(POLL)
        if job.status != JobStatus.DONE:
            raise RuntimeError(f"{name}: {job.error}")
        times[name] = time.perf_counter() - started
        spent(name)
        assert job.started_at
        assert job.finished_at
        inside[name] = (job.finished_at - job.started_at).total_seconds()
        return job

    started = time.perf_counter()
    batch, _plan = import_upload(kind="figures", data=data, file_name="f.xlsx", user=user)
    wait("import", started, confirm_enqueue(batch=batch, user=user))
    started = time.perf_counter()
    wait(
        "evaluate",
        started,
        evaluation_jobs.run_enqueue(year=year, version=None, note="", user=user),
    )
    run = EvaluationRun.objects.get(year=year)
    evaluation.run_publish(run=run, user=user)
    spent("publish")
    started = time.perf_counter()
    wait("rate", started, rating_enqueue(year=year, user=user))
    started = time.perf_counter()
    scoreboard()  # a page read, not a job: computed where it is shown
    times["indicators"] = time.perf_counter() - started
    spent("indicators")
    started = time.perf_counter()
    job = wait("handbook", started, evaluation_jobs.handbook_enqueue(run=run, user=user))
    assert job.result_file
    return times


def run(out: Callable[[str], None]) -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection

    from parkops.accounts.roles import Role
    from parkops.accounts.services import role_permissions_sync, user_assign_roles
    from parkops.demo.services import demo_load
    from parkops.plan.services import plan_load

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        out("  skipped: PARKOPS_TASK_BACKEND is not 'database'")
        return
    started = time.perf_counter()
    role_permissions_sync()
    plan_load()
    demo_load(count=COUNT)
    user = User.objects.create_user("bench-office", password="x")
    user_assign_roles(user=user, roles={Role.PARK_OFFICE})
    files = {year: _figures_file(year) for year in (2024, 2025)}
    out(f"\n  set-up: plan, {COUNT:,} demo enterprises, two figures files in "
        f"{time.perf_counter() - started:.1f} s ({connection.vendor})")  # fmt: skip

    direct = _direct(2024, files[2024], user)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
         "--interval", str(WORKER_INTERVAL), "-v", "1"],
        cwd=Path(settings.BASE_DIR), env=os.environ.copy(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        # The worker's start-up (Django, Polars) is not part of any job: wait for its first line.
        assert worker.stdout is not None
        for line in worker.stdout:  # its log goes to the root logger's stream (stderr)
            if "Starting worker" in line:
                break
        inside: dict[str, float] = {}
        cpu: dict[str, float] = {}
        load = os.getloadavg()
        queued = _queued(2025, files[2025], user, inside, cpu, worker.pid)
        peak_mb, rss_mb = _kb(worker.pid, "VmHWM") / 1024, _kb(worker.pid, "VmRSS") / 1024
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)

    base = Measurement(f"year-end cycle in-process, {COUNT:,} enterprises (2024)",
                       sum(direct.values()), 0.0)  # fmt: skip
    whole = Measurement(f"year-end cycle through the queue, {COUNT:,} enterprises (2025)",
                        sum(queued.values()), peak_mb)  # fmt: skip
    steps = [
        Measurement(f"  {name}: queue {queued[name]:.2f} s vs in-process", queued[name], 0.0)
        for name in direct
    ]
    out(report(f"Year-end cycle ({connection.vendor}); peak MB = the worker's peak RSS", base,
               [whole]))  # fmt: skip
    for name, m in zip(direct, steps, strict=True):
        ratio = queued[name] / direct[name] if direct[name] else float("nan")
        worked = f"{inside[name]:5.2f} s" if name in inside else "  —    "
        out(
            f"  {name:<11} in-process {direct[name]:6.2f} s   queue {m.seconds:6.2f} s "
            f"(in the worker {worked}; CPU {cpu[name]:5.2f} s)   ×{ratio:.2f}"
        )
    out(
        f"  CPU seconds of the cycle (this process + the worker, not the database server): "
        f"{sum(v for k, v in cpu.items() if k != 'publish'):.2f}; load average before it "
        f"{load[0]:.2f} (2 cores shared)"
    )
    out(f"  worker process: peak RSS {peak_mb:.0f} MB, RSS after the cycle {rss_mb:.0f} MB")
