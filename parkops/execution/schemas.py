"""Shapes of the execution API's JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


class StateOut(Schema):
    status: str
    basis: str
    days_late: int


class MilestoneOut(Schema):
    id: int
    kind: str
    target_date: date
    target_precision: str
    target_text: str
    achieved_on: date | None
    achieved_undated: bool
    reported_status: str
    state: StateOut


class ReportOut(Schema):
    id: int
    reported_on: date
    author: str
    status: str
    text: str


class ProjectOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    name: str
    state: StateOut | None
    milestones: list[MilestoneOut]
    reports: list[ReportOut]


class ReportIn(Schema):
    reported_on: date
    status: str = ""
    text: str


class CultivationOut(Schema):
    id: int
    kind: str
    enterprise_id: int
    enterprise: str
    planned_year: int
    listed_on: date
    predicted_output_wan: Decimal | None
    project_name: str
    started_on: date | None
    done_year: int | None
    progress: str
    plan_row: int | None


class InfraOut(Schema):
    id: int
    plan_row: int | None
    name: str
    investment_wan: Decimal
    content: str
    start_year: int
    finish_year: int
    status: str
    completed_on: date | None
    spent_wan: Decimal
    remaining_wan: Decimal
    schedule: str


class SpendIn(Schema):
    spent_on: date
    amount_wan: Decimal
    note: str = ""


class SpendOut(Schema):
    id: int
    spent_on: date
    amount_wan: Decimal
    note: str
