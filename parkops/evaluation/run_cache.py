"""A published run's aggregates, kept in the cache: its results no longer change ("已发布，结果
不再改变"), yet its page counted, binned and compared 100,000 of them on every view at district
scale (seconds). Only the whole-park view is kept — a narrower role's figures depend on its scope —
under the run's id and last change, and any other run the figure reads (the previous year's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from parkops.accounts.roles import sees_whole_park
from parkops.common.types import AnyUser
from parkops.evaluation.models import EvaluationRun

T = TypeVar("T")
CACHE_SECONDS = 24 * 3600


def per_run(
    name: str, user: AnyUser, runs: tuple[EvaluationRun, ...], compute: Callable[[], T]
) -> T:
    """`compute()`, from the cache when the runs are all published and the user sees the park."""
    if not sees_whole_park(user) or not all(r.is_published for r in runs):
        return compute()
    # The language too: an aggregate may carry a translated label (未归类).
    key = f"run-aggregate:{name}:{get_language()}:" + ":".join(
        f"{r.pk}-{r.updated_at.timestamp()}" for r in runs
    )
    found: T | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found
