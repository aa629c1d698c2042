from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test.utils import override_settings

from parkops.registry.models import Enterprise, Road
from parkops.registry.tests.factories import EnterpriseFactory

# The smallest valid images of each kind the photo check accepts (headers as their specs fix them).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 16
    + b"\xff\xd9"
)
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"


@pytest.fixture(autouse=True)
def private_media(tmp_path: Path) -> Iterator[Path]:
    """Photos of a test go to its own folder, never into var/media."""
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


@pytest.fixture
def pingye_firm(pingye: Road) -> Enterprise:
    return EnterpriseFactory(name="上海平业走访有限公司", road=pingye)


@pytest.fixture
def yuegong_firm(yuegong: Road) -> Enterprise:
    return EnterpriseFactory(name="上海月工走访有限公司", road=yuegong)
