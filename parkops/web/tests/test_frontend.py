"""What every page shares: a skip link, header scope, errors tied to their inputs, no inline code."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.choices import VetoKind
from parkops.evaluation.tests.factories import enterprise_with_year

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html"))
TH_WITHOUT_SCOPE = re.compile(r"<th(?![^>]*\bscope=)[\s>]")


def test_no_template_holds_inline_script_code() -> None:
    """Chart code lives in static files; data comes by json_script (the CSP of issue 20)."""
    assert len(TEMPLATES) > 40
    inline = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in TEMPLATES
        for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", p.read_text())
    ]
    assert inline == []


def test_every_hand_built_table_header_has_a_scope() -> None:
    missing = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in TEMPLATES
        for m in TH_WITHOUT_SCOPE.finditer(p.read_text())
    ]
    assert missing == []


@pytest.mark.django_db
def test_every_page_has_a_skip_link_to_its_main_content(alice: User) -> None:
    html = client_for(alice).get("/").content.decode()
    body = html[html.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body)
    assert first_link is not None
    assert 'href="#main"' in first_link.group(0)
    assert '<main class="container-fluid" id="main" tabindex="-1">' in html


@pytest.mark.django_db
def test_a_field_error_is_tied_to_its_input(alice: User) -> None:
    event = services.veto_event_create(
        data={
            "enterprise": enterprise_with_year(),
            "kind": VetoKind.SAFETY_ACCIDENT,
            "occurred_on": date(2025, 5, 1),
        }
    )
    html = (
        client_for(alice)
        .post(f"/evaluation/veto-events/{event.pk}/", {"reason": ""})
        .content.decode()
    )
    textarea = re.search(r"<textarea [^>]*>", html)
    assert textarea is not None
    assert 'aria-invalid="true"' in textarea.group(0)
    assert 'aria-describedby="id_reason_error"' in textarea.group(0)
    error = re.search(r'<div id="id_reason_error">(.*?)</div></div>', html, re.S)
    assert error is not None
    assert "这个字段是必填项。" in error.group(1)


@pytest.mark.django_db
def test_chart_data_is_encoded_once(alice: User) -> None:
    for tax in (900, 300, 200, 100, 20):
        enterprise_with_year(tax=Decimal(tax))
    run = services.run_create(year=2025)
    html = client_for(alice).get(f"/evaluation/runs/{run.pk}/").content.decode()
    found = re.search(r'<script id="histogram-data" type="application/json">(.*?)</script>', html)
    assert found is not None
    data = json.loads(found.group(1))
    assert isinstance(data, dict)  # an object, not a string holding JSON
    assert sum(sum(v["counts"]) for v in data.values()) == 5
