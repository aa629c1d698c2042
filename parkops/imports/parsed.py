"""What an import file alone says, kept with a batch that waits for confirmation.

Reading an .xlsx and checking its cells depends on the file only; resolving its rows to stored
records and comparing them does not (the data may change between the preview and the
confirmation). The upload keeps the first part, keyed by the file's SHA-256, so that the
confirmation compares the same checked values with the database again without reading the file
a second time: about half of a confirmation's time for a 10,000-row file.

Only a file without any error is kept (a file with one is never confirmed). The bytes are a
pickle of plain values, signed with the site's secret key and checked before anything is read
back: a blob that was not written by this code (or by another version of it, or for another
file) is ignored, and the confirmation reads the file again, as it always did.
"""

from __future__ import annotations

import hmac
import pickle
import zlib
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import salted_hmac

from parkops.core.tabular import Header
from parkops.imports.issues import Issue, Severity

# Raised whenever the kept form or what the engine checks before the comparison changes: a batch
# uploaded before keeps a blob that is then ignored.
VERSION = 1
_SALT = "parkops.imports.parsed"
_DIGEST = 32  # bytes of the SHA-256 HMAC in front of the payload


@dataclass
class Parsed:
    """The file's table once read and its cells checked, before any database lookup."""

    rows_total: int
    sheet: str
    warnings: list[Issue]  # the file's own warnings, in the order found
    needs_confirmation: bool
    columns: dict[str, int]  # spec key -> column index
    headers: dict[str, Header]  # spec key -> the header found for it
    row_numbers: list[int]
    values: dict[str, list[Any]]  # spec key -> the column's checked values


def _key(kind: str, file_hash: str) -> str:
    return f"{VERSION}:{kind}:{file_hash}"


def _signature(key: str, payload: bytes) -> bytes:
    return salted_hmac(_SALT, key.encode() + b"\0" + payload, algorithm="sha256").digest()


def parsed_encode(parsed: Parsed, *, kind: str, file_hash: str) -> bytes:
    state = {
        "rows_total": parsed.rows_total,
        "sheet": parsed.sheet,
        "warnings": [(str(w.message), w.row, w.column) for w in parsed.warnings],
        "needs_confirmation": parsed.needs_confirmation,
        "columns": parsed.columns,
        "headers": {k: (h.text, h.name, h.unit) for k, h in parsed.headers.items()},
        "row_numbers": parsed.row_numbers,
        "values": parsed.values,
    }
    payload = zlib.compress(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return _signature(_key(kind, file_hash), payload) + payload


def parsed_decode(blob: bytes | None, *, kind: str, file_hash: str) -> Parsed | None:
    """The kept form, or None when there is none or it is not this file's (see the module)."""
    if not blob or len(blob) <= _DIGEST:
        return None
    signature, payload = blob[:_DIGEST], blob[_DIGEST:]
    if not hmac.compare_digest(signature, _signature(_key(kind, file_hash), payload)):
        return None
    state = pickle.loads(zlib.decompress(payload))  # signed by us: checked above
    return Parsed(
        rows_total=state["rows_total"],
        sheet=state["sheet"],
        warnings=[Issue(m, row, column, Severity.WARNING) for m, row, column in state["warnings"]],
        needs_confirmation=state["needs_confirmation"],
        columns=state["columns"],
        headers={k: Header(*h) for k, h in state["headers"].items()},
        row_numbers=state["row_numbers"],
        values=state["values"],
    )
