"""The harness's own check: summing a list in Python against summing it in a comprehension."""

from __future__ import annotations

from collections.abc import Callable

from parkops.bench.harness import measure, report


def run(out: Callable[[str], None]) -> None:
    numbers = list(range(2_000_000))
    baseline = measure("sum() of 2,000,000 ints", lambda: sum(numbers), repeat=3)
    loop = measure("a Python for-loop over the same ints", lambda: _loop(numbers), repeat=3)
    out(report("Harness self-check", baseline, [loop]))


def _loop(numbers: list[int]) -> int:
    total = 0
    for n in numbers:
        total += n
    return total
