"""Every CheckConstraint of a model the import writes has an import rule that reports it by row
and column: the fast path writes with raw SQL, so a rule it missed would reach the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q

from parkops.imports.choices import ImportKind
from parkops.imports.kinds import KINDS, Kind
from parkops.imports.services import import_file
from parkops.imports.tests.files import xlsx
from parkops.registry.choices import LandBasis
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

# Constraints that a single out-of-range value does not break: the row that breaks each.
SPECIAL = {
    "enterprise_year_rented_needs_floor": (
        "rented_floor_m2",
        {"land_basis": str(LandBasis.RENTED.label)},
    ),
    "smallpark_rentable_within_total": (
        "rentable_floor_m2",
        {"floor_area_m2": Decimal("1000"), "rentable_floor_m2": Decimal("1200")},
    ),
}


def _comparisons(condition: Q) -> list[tuple[str, str, Any]]:
    """(field, lookup, value) of every comparison in the condition."""
    found: list[tuple[str, str, Any]] = []
    for child in condition.children:
        if isinstance(child, Q):
            found.extend(_comparisons(child))
        else:
            field, _sep, lookup = child[0].partition("__")
            if lookup in ("gt", "gte", "lt", "lte"):
                found.append((field, lookup, child[1]))
    return found


def _breaking(lookup: str, bound: Any) -> Any:
    step = {"gt": 0, "gte": -1, "lt": 0, "lte": 1}[lookup]
    return Decimal(bound) + step


def _cases() -> list[tuple[Kind, str, str, dict[str, Any]]]:
    """(kind, constraint, the column that must be named, the row's values by column key)."""
    cases = []
    for kind in KINDS.values():
        for constraint in kind.model._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            if constraint.name in SPECIAL:
                column, values = SPECIAL[constraint.name]
                cases.append((kind, constraint.name, column, values))
                continue
            comparisons = _comparisons(constraint.condition)
            assert comparisons, f"{constraint.name}: no import rule is known for it"
            for field, lookup, bound in comparisons:
                cases.append((kind, constraint.name, field, {field: _breaking(lookup, bound)}))
    return cases


CASES = _cases()


@pytest.mark.parametrize(
    ("kind", "name", "column", "values"), CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES]
)
def test_each_check_constraint_is_reported_by_row_and_column(
    alice: User, kind: Kind, name: str, column: str, values: dict[str, Any]
) -> None:
    row: dict[str, Any] = {"name": "上海约束测试有限公司"}
    if kind.kind == ImportKind.FIGURES:
        enterprise = EnterpriseFactory()
        row = {"uscc": enterprise.uscc, "name": enterprise.name, "year": 2025}
    row.update({k: float(v) if isinstance(v, Decimal) else v for k, v in values.items()})
    specs = [kind.spec(key) for key in row]
    data = xlsx([[s.header for s in specs], list(row.values())])
    batch, plan = import_file(kind=kind.kind, data=data, file_name="c.xlsx", user=alice)
    assert batch is None, f"{name}: written"
    assert (2, kind.spec(column).header) in {(e.row, e.column) for e in plan.errors}, plan.errors


def test_every_model_an_import_writes_is_walked() -> None:
    """The writer writes each kind's model and nothing else; each of them with a CheckConstraint
    has its cases above, one per constraint at least."""
    importable = {k.model for k in KINDS.values()}
    assert importable == {Enterprise, EnterpriseYear, SmallPark, LandPlot}
    checks = {
        c.name
        for m in importable
        for c in m._meta.constraints
        if isinstance(c, models.CheckConstraint)
    }
    assert len(checks) == 9  # 3 on a year, 2 on a plot, 4 on a small park
    assert {name for _kind, name, _column, _values in CASES} == checks
