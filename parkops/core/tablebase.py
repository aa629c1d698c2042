"""The limits of an import file and the error raised for a file as a whole (no Django here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_rows: int = 200_000
    # A reader allocates a sheet's whole rectangle (rows × columns, ~32 bytes a cell) before
    # anything can be read from it: 4 million cells are 200,000 rows of 20 columns.
    max_cells: int = 4_000_000


class TableError(Exception):
    """A problem with the file as a whole: code and parameters, translated by the caller."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params
