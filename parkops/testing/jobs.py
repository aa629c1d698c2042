"""Run the database queue's waiting jobs in this process: one real db_worker pass."""

from __future__ import annotations

import time
from unittest import mock

from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Worker

# A browser test's page polls the job while the pass starts: in the tests' in-memory SQLite (one
# shared cache for the live server's thread and this one) a read in flight makes the worker's
# BEGIN EXCLUSIVE fail at once with "database table is locked" (no busy timeout in shared-cache
# mode). The pass is tried again, as the real worker's next poll would.
LOCKED_TRIES = 20


def work_off_queue() -> None:
    """Process every job waiting on the database queue, then return (db_worker --batch), without
    the command's signal handlers (they would outlive the call in the test process) and without
    its closing of "old" connections: inside a test's transaction PostgreSQL's connection is not
    in autocommit, which the worker takes for obsolete and closes under the test."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", return_value=None
    ):
        for attempt in range(LOCKED_TRIES):
            try:
                _worker().run()
                return
            except OperationalError as error:
                if "locked" not in str(error) or attempt == LOCKED_TRIES - 1:
                    raise
                time.sleep(0.1)


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
