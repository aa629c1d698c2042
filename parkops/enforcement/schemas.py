"""Shapes of the enforcement API's JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from parkops.enforcement.choices import (
    FindingDomain,
    InspectionResult,
    InspectionType,
    Severity,
)


class FindingOut(Schema):
    id: int
    description: str
    domain: str
    law: str
    article: str
    severity: str
    deadline: date | None
    reinspected_on: date | None
    reinspection_result: str


class PenaltyOut(Schema):
    id: int
    decision_number: str
    kind: str
    amount: Decimal | None
    amount_unit: str
    decided_on: date
    department: str


class InspectionOut(Schema):
    id: int
    number: str
    enterprise_id: int
    enterprise: str
    inspected_on: date
    kind: str
    lead_department: str
    departments: list[str]
    inspectors: str
    items_checked: str
    result: str
    findings: list[FindingOut]
    penalties: list[PenaltyOut] = []


class FindingIn(Schema):
    description: str = Field(..., max_length=2000)
    domain: FindingDomain
    law: str = Field(..., max_length=200)
    article: str = Field(..., max_length=50)
    severity: Severity
    deadline: date | None = None


class InspectionIn(Schema):
    enterprise_id: int
    inspected_on: date
    kind: InspectionType
    lead_department_id: int
    department_ids: list[int] = Field([], max_length=20)
    inspectors: str = Field(..., max_length=200)
    items_checked: str = Field(..., max_length=4000)
    result: InspectionResult
    note: str = Field("", max_length=4000)
    findings: list[FindingIn] = Field([], max_length=20)


class RectificationOut(Schema):
    finding_id: int
    inspection_id: int
    enterprise: str
    deadline: date | None
    status: str
    overdue_days: int
    escalation: str


class AccidentOut(Schema):
    id: int
    kind: str
    enterprise_id: int
    enterprise: str
    occurred_on: date
    deaths: int
    serious_injuries: int
    evacuated: int
    direct_loss_wan: Decimal
    stated_grade: str
    grade: str


class ControlEventOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    kind: str
    occurred_on: date
    source_document: str
    measure: str
    handled_on: date | None
