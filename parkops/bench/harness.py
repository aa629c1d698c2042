"""Measuring time and peak memory for the benchmarks, with no Django import."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass(frozen=True)
class Measurement:
    label: str
    seconds: float
    # Growth of the process's resident set during the call, at its highest (MB). Polars and
    # calamine allocate outside Python's allocator, so tracemalloc would not see them.
    peak_mb: float
    result: Any = None


def _status_kb(field: str) -> int:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak() -> None:
    # Writing "5" resets VmHWM (the peak resident set) to the current resident set (Linux >= 4.0).
    _CLEAR_REFS.write_text("5")


def measure(label: str, fn: Callable[[], Any], *, repeat: int = 1) -> Measurement:
    """Run `fn` `repeat` times; keep the fastest time and the highest memory growth."""
    best = float("inf")
    peak = 0.0
    result: Any = None
    for _ in range(repeat):
        gc.collect()
        _reset_peak()
        start_kb = _status_kb("VmRSS")
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
        peak = max(peak, (_status_kb("VmHWM") - start_kb) / 1024)
    return Measurement(label, best, peak, result)


def report(title: str, baseline: Measurement, others: list[Measurement]) -> str:
    """A table of each measurement with its ratio to the baseline measured in the same run."""
    lines = [
        f"\n{title}",
        f"  {'what':<58} {'seconds':>9} {'× baseline':>11} {'peak MB':>9}",
    ]
    for m in [baseline, *others]:
        ratio = m.seconds / baseline.seconds if baseline.seconds else float("nan")
        mark = "(baseline)" if m is baseline else f"{ratio:.2f}"
        lines.append(f"  {m.label:<58} {m.seconds:>9.3f} {mark:>11} {m.peak_mb:>9.1f}")
    return "\n".join(lines)
