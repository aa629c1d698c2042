"""Where visit photos live: a folder under PARKOPS_MEDIA_DIR that no URL serves.

The files are read back only through the photo view, which checks that the user may see the
enterprise; nothing under the root is collected as static or mapped to MEDIA_URL.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage rooted at MEDIA_ROOT/private (follows MEDIA_ROOT when tests change it)."""

    @cached_property
    def base_location(self) -> Any:
        return str(Path(settings.MEDIA_ROOT) / "private")

    @cached_property
    def base_url(self) -> Any:
        return None  # no URL serves these files


def photo_path(instance: Any, filename: str) -> str:
    """A random name under visits/<year>/<month>/ that keeps only the (checked) extension."""
    ext = os.path.splitext(filename)[1].lower()
    stamp = instance.visit.visited_on if getattr(instance, "visit", None) else None
    folder = f"visits/{stamp:%Y/%m}" if stamp else "visits"
    return f"{folder}/{uuid.uuid4().hex}{ext}"
