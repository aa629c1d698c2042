"""Grouped bar charts as PNG bytes, drawn pixel by pixel: no imaging library, no font files.

The review's charts are a few bars per year with their values; neither matplotlib nor Pillow is a
dependency of the project (matplotlib would bring numpy and a font stack for a handful of
rectangles), so the raster is drawn here and encoded with zlib as the PNG specification says.
Numbers and years are drawn with a 3 × 5 pixel digit font scaled up; words (the legend, the
indicator's name) go in the document's caption beside the picture, in the document's own fonts.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)
AXIS: Colour = (90, 90, 90)

# 3 × 5 glyphs, one string of 15 bits per character (rows top to bottom).
_GLYPHS = {
    "0": "111101101101111",
    "1": "010110010010111",
    "2": "111001111100111",
    "3": "111001111001111",
    "4": "101101111001001",
    "5": "111100111001111",
    "6": "111100111101111",
    "7": "111001010010010",
    "8": "111101111101111",
    "9": "111101111001111",
    ".": "000000000000010",
    "-": "000000111000000",
    "%": "101001010100101",
    " ": "000000000000000",
}


@dataclass(frozen=True)
class Group:
    label: str  # digits only (a year): drawn under the group
    values: Sequence[float | None]  # one per series; None leaves a gap marked "-"


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(WHITE * (width * height))

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        x0, x1 = max(0, min(x0, x1)), min(self.width, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.height, max(y0, y1))
        row = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def text(self, x_centre: int, y_top: int, text: str, scale: int, colour: Colour) -> None:
        glyphs = [_GLYPHS.get(ch, _GLYPHS[" "]) for ch in text]
        width = len(glyphs) * 4 * scale - scale
        x = x_centre - width // 2
        for glyph in glyphs:
            for i, bit in enumerate(glyph):
                if bit == "1":
                    gx, gy = x + (i % 3) * scale, y_top + (i // 3) * scale
                    self.rect(gx, gy, gx + scale, gy + scale, colour)
            x += 4 * scale

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3])
            for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


def number_text(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def grouped_bars(
    groups: Sequence[Group], colours: Sequence[Colour], *, width: int = 900, height: int = 420
) -> bytes:
    """Bars side by side per group, on one axis from zero (negative values go below it)."""
    canvas = Canvas(width, height)
    left, right, top, bottom = 40, 20, 60, 60
    values = [v for g in groups for v in g.values if v is not None]
    high, low = max([0.0, *values]), min([0.0, *values])
    span = (high - low) or 1.0
    plot_h = height - top - bottom
    zero_y = top + round(high / span * plot_h)
    group_w = (width - left - right) / max(len(groups), 1)
    bar_w = max(4, int(group_w * 0.8 / max(len(colours), 1)))
    scale = 3
    for g, group in enumerate(groups):
        x = round(left + g * group_w + group_w * 0.1)
        for value, colour in zip(group.values, colours, strict=False):
            centre = x + bar_w // 2
            if value is None:
                canvas.text(centre, zero_y - 6 * scale, "-", scale + 1, AXIS)
            else:
                y = zero_y - round(value / span * plot_h)
                canvas.rect(x + 2, y, x + bar_w - 2, zero_y, colour)
                label_y = y - 7 * scale if value >= 0 else y + scale
                canvas.text(centre, label_y, number_text(value), scale, BLACK)
            x += bar_w
        canvas.text(round(left + (g + 0.5) * group_w), height - bottom + 15, group.label, 4, BLACK)
    canvas.rect(left, zero_y, width - right, zero_y + 2, AXIS)
    return canvas.png()
