from __future__ import annotations

import pytest

from parkops.core.images import ImageKind, extension_matches, sniff_image

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L" + b"\x00" * 16


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PNG, ImageKind.PNG),
        (JPEG, ImageKind.JPEG),
        (WEBP, ImageKind.WEBP),
        (b"%PDF-1.7" + b"\x00" * 24, None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>", None),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 24, None),  # no IHDR: not a PNG
        (b"RIFF\x1a\x00\x00\x00WAVEfmt " + b"\x00" * 16, None),  # a RIFF that is not WebP
        (b"\xff\xd8", None),
    ],
)
def test_it_reads_the_kind_from_the_bytes(head: bytes, kind: ImageKind | None) -> None:
    assert sniff_image(head) is kind


def test_the_name_must_agree_with_the_content() -> None:
    assert extension_matches(ImageKind.JPEG, "现场.JPEG")
    assert extension_matches(ImageKind.PNG, "a.png")
    assert not extension_matches(ImageKind.PNG, "a.jpg")
