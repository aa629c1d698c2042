"""Attachments of requests: checked for size and type before they are stored, stored under the
private media root (PARKOPS_MEDIA_DIR, which no URL serves), read back only through the view
that checks the user may see the request."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from parkops.service.models import Attachment, ServiceRequest

# Extension → the leading bytes a real file of that type starts with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attachment_check(upload: UploadedFile) -> str:
    """The file's extension when it may be stored; a clear message otherwise."""
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            {"file": [_("只能上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件。")]}
        )
    limit = settings.PARKOPS_ATTACHMENT_MAX_MB
    if (upload.size or 0) > limit * 1024 * 1024:
        raise ValidationError({"file": [_("文件不能超过 %(mb)s MB。") % {"mb": limit}]})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[suffix]):
        raise ValidationError(
            {"file": [_("文件内容与扩展名 %(ext)s 不符，可能已损坏或被改名。") % {"ext": suffix}]}
        )
    return suffix


@transaction.atomic
def attachment_add(*, request: ServiceRequest, user: User, upload: UploadedFile) -> Attachment:
    attachment_check(upload)
    name = PurePath(upload.name or "file").name[:200]
    attachment = Attachment(request=request, name=name, size=upload.size or 0, uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


def content_type(attachment: Attachment) -> str:
    return CONTENT_TYPES.get(PurePath(attachment.name).suffix.lower(), "application/octet-stream")
