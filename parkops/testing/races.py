"""Two transactions at the same moment, for the tests of writers that must not lose a race
(PostgreSQL: SQLite lets one writer in at a time)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

# The marks of a race test: its own transactions (committed, seen by the other connection), and
# PostgreSQL only (SQLite lets one writer in at a time: no race to lose).
RACE = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers: no race to lose"
    ),
]


def race(test: Callable[..., None]) -> Callable[..., None]:
    """RACE's marks on one test."""
    for mark in RACE:
        test = mark(test)
    return test


def at_once(
    first: Callable[[], Any],
    second: Callable[[], Any],
    then: Callable[[], Any] = lambda: None,
) -> list[Exception]:
    """Run `first` in a transaction, `second` in another one while the first stays open for a
    second, then `then` in the first before it commits; the errors either raised."""
    first_done, errors = threading.Event(), []

    def one() -> None:
        try:
            with transaction.atomic():
                first()
                first_done.set()
                time.sleep(1.0)  # the second writes meanwhile, then waits for this commit
                then()
        except Exception as error:
            errors.append(error)
        finally:
            first_done.set()
            connection.close()

    def two() -> None:
        first_done.wait(10)
        try:
            with transaction.atomic():
                second()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors
