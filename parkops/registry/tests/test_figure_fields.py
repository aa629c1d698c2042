"""The annual figures are named once, in parkops.core.figures: the model, the API's schemas, the
services and the import all hold exactly those."""

from __future__ import annotations

from django.db import models

from parkops.core.figures import (
    CHOICE_FIELDS,
    COUNT_FIELDS,
    DECIMAL_FIGURE_FIELDS,
    FIGURE_FIELDS,
)
from parkops.imports.kinds import KINDS
from parkops.registry.models import EnterpriseYear
from parkops.registry.schemas import YEAR_PUT_REQUIRED, EnterpriseYearIn, EnterpriseYearPatch
from parkops.registry.services import YEAR_EDITABLE

# What a year holds besides its figures.
NOT_FIGURES = {"id", "enterprise", "year", "is_above_scale", "source", "note", "created_at",
               "updated_at", "latest_of"}  # fmt: skip
REQUEST_ONLY = ("note", "reason", "version")


def test_the_model_stores_exactly_the_figures_of_the_core() -> None:
    stored = [f.name for f in EnterpriseYear._meta.concrete_fields if f.name not in NOT_FIGURES]
    assert stored == list(FIGURE_FIELDS)
    for name in DECIMAL_FIGURE_FIELDS:
        assert isinstance(EnterpriseYear._meta.get_field(name), models.DecimalField), name
    for name in COUNT_FIELDS:
        assert isinstance(EnterpriseYear._meta.get_field(name), models.IntegerField), name
    for name in CHOICE_FIELDS:
        assert EnterpriseYear._meta.get_field(name).choices, name


def test_the_api_schemas_and_services_take_the_figures_of_the_core() -> None:
    for schema in (EnterpriseYearIn, EnterpriseYearPatch):
        assert tuple(schema.model_fields) == (*FIGURE_FIELDS, *REQUEST_ONLY), schema.__name__
    assert YEAR_PUT_REQUIRED == FIGURE_FIELDS
    assert ("year", *FIGURE_FIELDS, "note") == YEAR_EDITABLE


def test_the_figures_import_has_a_column_for_each_figure() -> None:
    keys = [spec.key for spec in KINDS["figures"].columns]
    assert [k for k in keys if k in FIGURE_FIELDS] == list(FIGURE_FIELDS)
    assert set(keys) - set(FIGURE_FIELDS) == {"uscc", "name", "year", "note", "is_above_scale"}
