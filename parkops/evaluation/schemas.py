"""Shapes of the evaluation's JSON."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from parkops.common.api import Year
from parkops.common.versioning import version_of
from parkops.evaluation.models import VetoEvent


class RunOut(Schema):
    id: int
    year: int
    scheme_version_id: int
    scheme: str
    status: str
    input_hash: str
    enterprise_count: int
    note: str
    created_at: datetime
    published_at: datetime | None
    edition: int | None = Field(None, description="该年度第几次发布")
    republish_reason: str = ""
    superseded_at: datetime | None = Field(None, description="被取代时间；为空即当前版本")
    superseded_by_id: int | None = None

    @staticmethod
    def resolve_scheme(obj: object) -> str:
        return str(obj.scheme_version)  # type: ignore[attr-defined]


class PublishIn(Schema):
    reason: str = Field("", description="重新发布（本年度已有发布的评价）时必填")


class RunIn(Schema):
    year: Year
    scheme_version_id: int | None = None
    note: str = ""


class IndicatorScoreOut(Schema):
    code: str
    label: str
    unit: str
    weight: float
    value: float | None
    benchmark: float | None
    score: float
    is_missing: bool
    is_capped: bool


class ResultOut(Schema):
    enterprise_id: int
    enterprise_name: str
    population: str
    population_label: str
    land_mu: float | None
    tax_per_mu: float | None
    total_score: float | None
    rank: int | None
    population_size: int | None
    park_position: int | None
    evaluation_class: str
    class_before_veto: str
    veto_reasons: list[str]
    excluded_reason: str

    @staticmethod
    def resolve_enterprise_name(obj: object) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]


class BottomOut(ResultOut):
    last_position: int | None = None
    last_class: str | None = None


class CardOut(Schema):
    run: RunOut
    result: ResultOut
    indicators: list[IndicatorScoreOut]
    summary: str
    lines: list[str]
    upgrade: list[str]


class WhatIfIn(Schema):
    revenue: float | None = None
    tax: float | None = None
    value_added: float | None = None
    energy_tce: float | None = None
    emissions_t: float | None = None
    rd_expense: float | None = None
    employees: float | None = None
    land_mu: float | None = None
    rented_floor_m2: float | None = None


class WhatIfOut(Schema):
    total_score: float | None
    rank: int | None
    population_size: int | None
    evaluation_class: str
    park_position: int | None
    scores: dict[str, float]


class SchemeVersionOut(Schema):
    id: int
    scheme: str
    number: int
    is_provisional: bool
    note: str
    definition: dict[str, object]

    @staticmethod
    def resolve_scheme(obj: object) -> str:
        return obj.scheme.name  # type: ignore[attr-defined]


class VetoEventIn(Schema):
    enterprise_id: int
    kind: str
    grade: str = "1_ordinary"
    occurred_on: date
    description: str = ""
    source: str = ""


class VetoEventOut(Schema):
    id: int
    enterprise_id: int
    kind: str
    grade: str
    occurred_on: date
    description: str
    source: str
    is_void: bool
    version: str = Field("", description="撤销时作为 version 提交")

    @staticmethod
    def resolve_version(obj: VetoEvent) -> str:
        return version_of(obj)


class VetoVoidIn(Schema):
    reason: str = Field(..., max_length=100, description="撤销原因（必填，记入变更历史）")
    version: str | None = Field(None, description="读取时的 version；也可用 If-Match 头")
