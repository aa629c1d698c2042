"""Numbering per year, the archived snapshot and file, their reproducibility, and the format."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from parkops.briefings import services
from parkops.briefings.choices import DocumentKind
from parkops.briefings.models import Briefing
from parkops.briefings.snapshot import Quarter
from parkops.common.docx import document_text
from parkops.common.docx_check import check_docx

TODAY = date(2026, 12, 31)


def _stored(issue: Briefing) -> bytes:
    with issue.file.open("rb") as f:
        return f.read()


def test_it_numbers_issues_per_year(alice: User, plan: None) -> None:
    first = services.briefing_generate(user=alice, quarter=Quarter(2026, 3), today=TODAY)
    second = services.briefing_generate(user=alice, quarter=Quarter(2026, 4), today=TODAY)
    other_year = services.briefing_generate(user=alice, quarter=Quarter(2025, 4), today=TODAY)
    assert (first.number, second.number, other_year.number) == (1, 2, 1)
    assert "第2期" in document_text(_stored(second))
    # The constraint holds even past the service: a second 第1期 of 2026 is refused.
    with pytest.raises(ValidationError) as refused:
        Briefing(
            kind=DocumentKind.BRIEFING, year=2026, number=1, quarter=1, title="x", snapshot={}
        ).full_clean(exclude=["file"])
    assert "该年度已有此期号的工作简报" in str(refused.value)


def test_it_archives_the_snapshot_and_rebuilds_the_same_text(alice: User, plan: None) -> None:
    issue = services.briefing_generate(
        user=alice,
        quarter=Quarter(2026, 4),
        next_steps="抓好四早项目\n推进低效用地腾退",
        today=TODAY,
    )
    issue.refresh_from_db()
    assert issue.snapshot["number"] == 1
    assert issue.snapshot["next_steps"] == "抓好四早项目\n推进低效用地腾退"
    assert len(issue.snapshot["indicators"]) == 8
    stored = _stored(issue)
    assert document_text(services.briefing_rebuild(issue)) == document_text(stored)
    text = document_text(stored)
    for expected in ("工作简报", "第1期", "2026年第四季度园区转型升级工作情况", "推进低效用地腾退"):
        assert expected in text
    assert issue.history.first().history_change_reason == "生成 2026 年第 1 期工作简报"


def test_a_missing_figure_prints_no_data(alice: User, plan: None) -> None:
    """No requests, no ratings, no published evaluation: the rates are 暂无数据, never 0 %."""
    issue = services.briefing_generate(user=alice, quarter=Quarter(2026, 4), today=TODAY)
    text = document_text(_stored(issue))
    assert "按时办结率暂无数据" in text
    assert "满意率暂无数据" in text
    assert "已发布的企业综合评价结果：暂无数据。" in text
    assert issue.snapshot["service"]["on_time_rate"] is None


def test_the_briefing_and_the_review_pass_the_checker(alice: User, plan: None) -> None:
    briefing = services.briefing_generate(user=alice, quarter=Quarter(2026, 4), today=TODAY)
    review = services.review_generate(user=alice, today=TODAY)
    assert check_docx(_stored(briefing)) == []
    assert check_docx(_stored(review)) == []


def test_the_review_covers_the_72_targets_and_the_annexes(alice: User, plan: None) -> None:
    review = services.review_generate(user=alice, today=TODAY)
    snapshot = review.snapshot
    assert snapshot["targets"]["total"] == 72
    assert sum(len(row["years"]) for row in snapshot["indicators"]) == 24
    text = document_text(_stored(review))
    assert "共72项目标" in text
    assert "地下水调查工程" in text  # 附件 4, row 1
    assert document_text(services.briefing_rebuild(review)) == text
    assert review.kind == DocumentKind.REVIEW
    assert review.file.name.endswith(".docx")


@pytest.mark.parametrize("reader", ["lena", "dora", "rob", "olga", "charlie"])
def test_only_the_park_office_generates(reader: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(reader)
    with pytest.raises(PermissionDenied):
        services.briefing_generate(user=user, quarter=Quarter(2026, 4), today=TODAY)
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-4", "季度须写作 YYYYQn，如 2026Q4"),
        ("2026Q5", "季度须写作 YYYYQn，如 2026Q4"),
        ("2027Q1", "季度须在规划期 2024—2026 年内"),
    ],
)
def test_a_bad_quarter_is_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.quarter_parse(text)
    assert refused.value.messages == [message]


def test_quarter_bounds() -> None:
    assert (Quarter(2026, 4).first_day, Quarter(2026, 4).last_day) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert Quarter(2025, 1).last_day == date(2025, 3, 31)
    assert services.quarter_parse(" 2026q4 ") == Quarter(2026, 4)
