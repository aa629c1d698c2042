"""A sparkline drawn on the server: the points of a small SVG line chart, with no Django import.

The cockpit draws each indicator's trend as an inline <svg> (no script runs, so the page keeps
its Content-Security-Policy). A year without a value leaves a gap: the line is split there and
the year gets no dot, so a missing year is never drawn as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = Decimal | float | int


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    index: int  # the position of the value in the series


@dataclass(frozen=True)
class Spark:
    width: int
    height: int
    lines: tuple[str, ...]  # each an SVG `points` attribute: one per run of years with values
    dots: tuple[Dot, ...]
    reference: str  # the `points` of a second series (a target), "" when it has none


def _scale(values: Sequence[Number | None], low: float, high: float, width: int, height: int,
           pad: float) -> list[tuple[float, float] | None]:  # fmt: skip
    n = len(values)
    step = (width - 2 * pad) / (n - 1) if n > 1 else 0.0
    span = high - low or 1.0
    out: list[tuple[float, float] | None] = []
    for i, v in enumerate(values):
        if v is None:
            out.append(None)
            continue
        x = pad + i * step if n > 1 else width / 2
        y = height - pad - (float(v) - low) / span * (height - 2 * pad)
        out.append((round(x, 1), round(y, 1)))
    return out


def _points(coords: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in coords)


def sparkline(
    values: Sequence[Number | None],
    reference: Sequence[Number | None] = (),
    *,
    width: int = 120,
    height: int = 36,
    pad: float = 4.0,
) -> Spark:
    """The sparkline of `values` (None: no data that year), with `reference` (the same years'
    targets, say) on the same scale."""
    known = [float(v) for v in (*values, *reference) if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    coords = _scale(values, low, high, width, height, pad)
    lines: list[str] = []
    run: list[tuple[float, float]] = []
    for c in [*coords, None]:
        if c is None:
            if len(run) > 1:
                lines.append(_points(run))
            run = []
        else:
            run.append(c)
    dots = tuple(Dot(c[0], c[1], i) for i, c in enumerate(coords) if c is not None)
    ref = [c for c in _scale(reference, low, high, width, height, pad) if c is not None]
    return Spark(width, height, tuple(lines), dots, _points(ref) if len(ref) > 1 else "")
