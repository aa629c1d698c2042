from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def plan(db: None) -> None:
    """The Caojing plan: the 8 indicators with their 72 targets and every annex item."""
    call_command("load_plan", verbosity=0)
