"""The 四早 project, cultivation and infrastructure exports: small ones at once, large ones as a
job that writes the same file (the plan's own rows)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.execution.models import KeyProject
from parkops.execution.services import execution_plan_load
from parkops.plan.services import plan_load
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db: None) -> None:
    plan_load()
    execution_plan_load()


def test_a_large_project_export_is_written_by_a_job(
    plan: None, alice: User, lena: User, charlie: User
) -> None:
    book = export_deferred(alice, "/projects/export.xlsx", stranger=lena, refused=charlie)
    names = set(KeyProject.objects.values_list("name", flat=True))
    assert len(names) > 1
    assert names <= {str(cell) for rows in book.values() for row in rows for cell in row}


def test_a_large_cultivation_export_is_written_by_a_job(
    plan: None, alice: User, lena: User, charlie: User
) -> None:
    book = export_deferred(
        alice, "/cultivation/export.xlsx", {"kind": "above_scale"}, stranger=lena, refused=charlie
    )
    assert list(book) == ["新增规上企业"]
    assert len(column(book, "企业名称")) == 7
    assert column(book, "企业名称")[0] == "上海迪二电器成套有限公司"


def test_a_large_infrastructure_export_is_written_by_a_job(
    plan: None, alice: User, lena: User, charlie: User
) -> None:
    book = export_deferred(alice, "/infrastructure/export.xlsx", stranger=lena, refused=charlie)
    assert "道路修复工程" in column(book, "项目名称")
