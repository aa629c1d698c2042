"""Run the database queue's waiting jobs in this process: one real db_worker pass."""

from __future__ import annotations

from unittest import mock

from django_tasks_db.management.commands.db_worker import Worker


def work_off_queue() -> None:
    """Process every job waiting on the database queue, then return (db_worker --batch), without
    the command's signal handlers (they would outlive the call in the test process) and without
    its closing of "old" connections: inside a test's transaction PostgreSQL's connection is not
    in autocommit, which the worker takes for obsolete and closes under the test."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", return_value=None
    ):
        _worker().run()


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
