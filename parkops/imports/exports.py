"""The import kinds' columns as export columns: an exported list imports back unchanged.

The export itself is the shared list helper's (parkops.common.lists.export_filtered).
"""

from __future__ import annotations

from parkops.common.xlsx import ExportColumn, Getter
from parkops.core.cells import CellKind
from parkops.imports.choices import ImportKind
from parkops.imports.kinds import Kind


def _display(kind: Kind, key: str) -> Getter:
    spec = kind.spec(key)
    if kind.kind == ImportKind.FIGURES and key in ("uscc", "name"):
        return f"enterprise.{key}"
    if key in kind.references:
        return f"{key}.name"
    if spec.kind == CellKind.CHOICE:
        return lambda record: (
            getattr(record, f"get_{key}_display")() if getattr(record, key) else None
        )
    return key


def kind_columns(kind: Kind) -> list[ExportColumn]:
    """A kind's import columns as export columns: an exported list imports back unchanged."""
    return [
        ExportColumn(spec.header, _display(kind, spec.key), width=max(10, len(spec.header) * 2))
        for spec in kind.columns
    ]
