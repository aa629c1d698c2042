"""The checks a visit photo passes before it is stored: size, and type read from its content."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from parkops.core.images import ImageKind, extension_matches, sniff_image

MAX_BYTES = 10 * 1024 * 1024


def photo_check(photo: UploadedFile) -> ImageKind:
    """The photo's kind; refuses a file over 10 MB, one that is not a JPEG, PNG or WebP image by
    its content, and one whose name claims another type."""
    name = photo.name or ""
    if (photo.size or 0) > MAX_BYTES:
        raise ValidationError({"photos": [_("照片“%(name)s”超过 10 MB，未保存") % {"name": name}]})
    photo.seek(0)
    head = photo.read(32)
    photo.seek(0)
    kind = sniff_image(head)
    if kind is None:
        raise ValidationError(
            {"photos": [_("“%(name)s”不是 JPG、PNG 或 WebP 图片，未保存") % {"name": name}]}
        )
    if not extension_matches(kind, name):
        raise ValidationError(
            {
                "photos": [
                    _("“%(name)s”的扩展名与内容（%(kind)s）不符，未保存")
                    % {"name": name, "kind": kind.name}
                ]
            }
        )
    return kind
