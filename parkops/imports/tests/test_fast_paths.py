"""The import's fast paths give exactly what the general paths give."""

from __future__ import annotations

import random

import pytest
from django.db import models

from parkops.core.cells import CellKind, ColumnSpec, parse_decimals
from parkops.imports.dbvalues import plain_floats
from parkops.imports.kinds import KINDS
from parkops.imports.matching import tuple_getter

SPEC = ColumnSpec("x", "x", "万元", CellKind.DECIMAL)


def test_plain_floats_are_what_parsing_and_raw_column_give() -> None:
    rng = random.Random(4)
    values = [round(rng.uniform(0, 1e6), rng.choice((0, 1, 2))) for _ in range(20_000)]
    values += [0.1, 0.2, 0.3, 2.67, 1e11 + 0.25, 999_999_999_999.99, -0.0]
    # Values to round, ties among them (half up from the shortest repr, not half-even).
    values += [2.675, 1.005, 0.125, 0.375, 1.115, 2.5e-3, 1e11 + 0.125, 999_999_999_999.994]
    values += [n * 0.1 for n in range(2000)] + [n * 0.05 + 1 for n in range(2000)]
    values += [n * 0.03 for n in range(2000)] + [rng.uniform(0, 1e6) for _ in range(20_000)]
    values += [k / 1000 + 0.0005 for k in range(5000)]
    values += [round(rng.uniform(0, 1e4), rng.choice((3, 4, 5))) for _ in range(20_000)]
    values += [-v for v in values[::7]]  # for the column that allows negatives
    signed = ColumnSpec("t", "t", "万元", CellKind.DECIMAL, non_negative=False)
    places3 = ColumnSpec("e", "e", "吨", CellKind.DECIMAL, places=3, max_digits=10)
    for spec in (SPEC, places3, signed):
        limit = 10 ** (spec.max_digits - spec.places) - 1
        column = [v for v in values if abs(v) < limit and (v >= 0 or not spec.non_negative)]
        fast = plain_floats(spec, column)
        parsed, problems = parse_decimals(spec, column)
        assert not problems
        assert fast is not None
        assert [repr(v) for v in fast] == [repr(float(d)) for d in parsed]


@pytest.mark.parametrize(
    "values",
    [
        [999_999_999_999.995],  # rounds up to the limit
        [-0.001, -1.0],  # negative once rounded
        [1.0, -2.5],  # negative in a non-negative column
        [1e12],  # too large for 14 digits with 2 places
        [1.0, "2"],  # text
        [1.0, None, "", "12x"],  # text among blanks
        [1.0, "", " 2 "],  # a number as text: parsing reads it
        [None, 1e12],  # too large among blanks
        [None, None],  # blanks only
        [1.0, float("nan")],
        [float("inf")],
        [],
    ],
)
def test_anything_else_takes_the_general_path(values: list[object]) -> None:
    assert plain_floats(SPEC, values) is None


def test_blank_cells_stay_blank_among_plain_floats() -> None:
    rng = random.Random(7)
    blanks = [None, "", "—", "-", "/", "N/A", " ", "－"]  # "－" is a full-width hyphen
    column: list[object] = [
        rng.choice(blanks) if rng.random() < 0.3 else round(rng.uniform(0, 1e5), 3)
        for _ in range(5000)
    ]
    column += [2.675, None, 1.005, "", 0.125]  # ties rounded the Decimal way
    parsed, problems = parse_decimals(SPEC, column)
    assert not problems
    fast = plain_floats(SPEC, column)
    assert fast is not None
    assert [repr(v) for v in fast] == [repr(None if d is None else float(d)) for d in parsed]


def test_negative_allowed_where_the_column_allows_it() -> None:
    spec = ColumnSpec("tax", "税收", "万元", CellKind.DECIMAL, non_negative=False)
    assert plain_floats(spec, [-1.5, 2.0]) == [-1.5, 2.0]


def test_getter_always_gives_a_tuple() -> None:
    assert tuple_getter([1])((5, 6, 7)) == (6,)
    assert tuple_getter([0, 2])([5, 6, 7]) == (5, 7)


def test_every_imported_decimal_column_fits_a_float_exactly() -> None:
    # Decimal columns are compared and written as floats (see dbvalues): that is exact only
    # while a value has at most 15 significant digits.
    for kind in KINDS.values():
        for f in kind.model._meta.concrete_fields:
            if isinstance(f, models.DecimalField):
                assert f.max_digits is not None, (kind.kind, f.name)
                assert f.max_digits <= 15, (kind.kind, f.name)
