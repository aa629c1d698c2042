from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    # A request in English earlier in the run leaves English active in this thread.
    with translation.override(settings.LANGUAGE_CODE):
        yield
