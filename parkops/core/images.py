"""What an uploaded photo really is, read from its bytes (not its name): JPEG, PNG or WebP.

No Django and no imaging library: the first bytes of each format are fixed by its specification
(JPEG's SOI marker and a following segment marker, PNG's eight-byte signature and its IHDR chunk,
WebP's RIFF container with a VP8/VP8L/VP8X chunk), which is enough to refuse a renamed document
or script while accepting what a phone camera writes.
"""

from __future__ import annotations

from enum import Enum


class ImageKind(Enum):
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"


# The file name endings each kind may carry.
EXTENSIONS: dict[ImageKind, tuple[str, ...]] = {
    ImageKind.JPEG: (".jpg", ".jpeg"),
    ImageKind.PNG: (".png",),
    ImageKind.WEBP: (".webp",),
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def sniff_image(head: bytes) -> ImageKind | None:
    """The kind of image `head` (the file's first 32 bytes or more) starts, or None."""
    if len(head) >= 4 and head[:3] == b"\xff\xd8\xff" and head[3] >= 0xC0:
        return ImageKind.JPEG
    if len(head) >= 16 and head[:8] == _PNG_SIGNATURE and head[12:16] == b"IHDR":
        return ImageKind.PNG
    if (
        len(head) >= 16
        and head[:4] == b"RIFF"
        and head[8:12] == b"WEBP"
        and head[12:16] in (b"VP8 ", b"VP8L", b"VP8X")
    ):
        return ImageKind.WEBP
    return None


def extension_matches(kind: ImageKind, filename: str) -> bool:
    return filename.lower().endswith(EXTENSIONS[kind])
