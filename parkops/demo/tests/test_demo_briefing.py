"""`make load-data` ends with the current quarter's briefing, once: a second load adds none."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from parkops.briefings.models import Briefing
from parkops.common.docx_check import check_docx
from parkops.demo.accounts import demo_users_ensure
from parkops.demo.briefing import briefing_demo_ensure

pytestmark = pytest.mark.django_db


def test_the_current_quarter_gets_one_briefing_written_by_the_park_office() -> None:
    call_command("load_plan", verbosity=0)
    assert briefing_demo_ensure() is None  # no park-office account yet: nothing written
    demo_users_ensure(password="x")
    out = StringIO()
    call_command("load_briefing_demo", stdout=out)
    issue = Briefing.objects.get()
    assert f"Demo briefing: {issue.title}" in out.getvalue()
    assert issue.created_by == User.objects.get(username="admin")
    with issue.file.open("rb") as stored:
        assert check_docx(stored.read()) == []
    call_command("load_briefing_demo", stdout=StringIO())
    assert Briefing.objects.count() == 1


def test_each_quarter_gets_its_own_and_the_number_runs_on() -> None:
    call_command("load_plan", verbosity=0)
    demo_users_ensure(password="x")
    first = briefing_demo_ensure(today=date(2026, 8, 1))
    second = briefing_demo_ensure(today=date(2026, 11, 1))
    assert first is not None
    assert second is not None
    assert [(b.quarter, b.number) for b in (first, second)] == [(3, 1), (4, 2)]
    assert briefing_demo_ensure(today=date(2026, 12, 31)) is None
