"""The annual figures of an enterprise, named once (no Django here).

The registry's model, its API schema and services, the evaluation's input and the import all
read these names from here.
"""

from __future__ import annotations

from enum import StrEnum


class LandBasis(StrEnum):
    """What an enterprise's land figure rests on (the registry's choices carry the labels)."""

    OWNED = "owned"  # its own land title: land_mu
    RENTED = "rented"  # a tenant: its rented floor space, converted (折算用地面积)


# Amounts in 万元.
AMOUNT_FIELDS = ("output_value", "revenue", "tax", "value_added", "rd_expense")
# Every figure a year holds, in the order the forms and the files show them.
FIGURE_FIELDS = (
    "output_value",
    "revenue",
    "tax",
    "value_added",
    "energy_tce",
    "emissions_t",
    "rd_expense",
    "employees",
    "land_basis",
    "land_mu",
    "rented_floor_m2",
)
# Whole numbers.
COUNT_FIELDS = ("employees",)
# A LandBasis value; never blank (a year without one is owned land).
CHOICE_FIELDS = ("land_basis",)
# The figures that are decimal numbers (all but the head count and the land basis).
DECIMAL_FIGURE_FIELDS = tuple(f for f in FIGURE_FIELDS if f not in (*COUNT_FIELDS, *CHOICE_FIELDS))
