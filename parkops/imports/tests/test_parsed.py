"""The confirmation reuses the upload's checked cells (imports/parsed.py): same plan, same rows,
without reading the file again; a blob that is not this file's is ignored."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.imports import engine
from parkops.imports.choices import BatchStatus
from parkops.imports.engine import plan_import, plan_parsed
from parkops.imports.kinds import KINDS
from parkops.imports.models import ImportBatch
from parkops.imports.parsed import parsed_decode, parsed_encode
from parkops.imports.services import import_confirm, import_upload
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db


def _file() -> bytes:
    """New rows, a changed row, an unchanged one, one known by name only, warnings, decimals
    that round, a blank cell (keeps the stored value)."""
    new, by_name, tax_high = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    changed = EnterpriseYearFactory(
        year=2025, output_value=Decimal("3000"), tax=Decimal("150"), land_mu=Decimal("10")
    )
    same = EnterpriseYearFactory(
        year=2025, output_value=Decimal("500"), tax=Decimal("20"), land_mu=Decimal("4")
    )
    rows = [
        [*FIGURES_HEADER, "联系人"],  # a column the import does not know: a warning
        [new.uscc, new.name, 2025, 1234.565, 88.125, 12.3456, "王"],
        ["", by_name.name, 2025, 20_000_000, 45, 6, ""],  # above 1,000 亿元: a warning
        [tax_high.uscc, tax_high.name, 2025, 100, 300, 0, ""],
        [changed.enterprise.uscc, changed.enterprise.name, 2025, 3100, "", 10, ""],
        [same.enterprise.uscc, same.enterprise.name, 2025, 500, 20, 4, ""],
    ]
    return xlsx(rows)


def _outcome(plan: engine.Plan) -> tuple[object, ...]:
    return (
        plan.rows_total,
        plan.sheet,
        plan.needs_confirmation,
        [str(i) for i in plan.errors],
        [str(i) for i in plan.warnings],
        plan.insert_columns,
        plan.inserts,
        plan.insert_rows,
        plan.file_fields,
        [(c.names, c.pks, c.rows, c.new, c.old) for c in plan.changes],
        plan.unchanged,
        plan.scope_values,
    )


def test_the_kept_cells_plan_exactly_what_reading_the_file_plans() -> None:
    data = _file()
    kind = KINDS["figures"]
    read = plan_import(kind, data, "f.xlsx")
    assert read.parsed is not None
    assert (read.added, read.changed, read.unchanged, len(read.warnings)) == (3, 1, 1, 4)
    assert read.needs_confirmation
    blob = parsed_encode(read.parsed, kind="figures", file_hash="h")
    kept = parsed_decode(blob, kind="figures", file_hash="h")
    assert kept is not None
    assert _outcome(plan_parsed(kind, kept)) == _outcome(read)


def test_the_confirmation_does_not_read_the_file_again_and_writes_the_same_rows(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _file()
    batch, plan = import_upload(kind="figures", data=data, file_name="f.xlsx", user=alice)
    assert batch.status == BatchStatus.PENDING
    assert batch.parsed
    expected = _outcome(plan)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was read again")

    monkeypatch.setattr(engine, "read_table", refuse)
    confirmed = import_confirm(batch=batch)
    assert _outcome(confirmed) == expected
    batch.refresh_from_db()
    assert (batch.status, batch.added, batch.changed, batch.unchanged) == ("applied", 3, 1, 1)
    assert (batch.content, batch.parsed, batch.warning_count) == (None, None, 4)
    stored = sorted(EnterpriseYear.objects.values_list("output_value", "tax", "land_mu"))
    assert stored == [
        (Decimal("100.00"), Decimal("300.00"), Decimal("0.000")),
        (Decimal("500.00"), Decimal("20.00"), Decimal("4.000")),
        (Decimal("1234.57"), Decimal("88.13"), Decimal("12.346")),
        (Decimal("3100.00"), Decimal("150.00"), Decimal("10.000")),
        (Decimal("20000000.00"), Decimal("45.00"), Decimal("6.000")),
    ]


def test_the_confirmation_compares_the_kept_cells_with_the_data_as_it_is_now(
    alice: User,
) -> None:
    e = EnterpriseFactory()
    data = xlsx([list(FIGURES_HEADER), [e.uscc, e.name, 2025, 3000, 150, 10]])
    batch, plan = import_upload(kind="figures", data=data, file_name="f.xlsx", user=alice)
    assert (plan.added, plan.changed) == (1, 0)
    # Between the preview and the confirmation, someone stores the year with another tax.
    EnterpriseYearFactory(
        enterprise=e, year=2025, output_value=Decimal("3000"), tax=Decimal("140"),
        land_mu=Decimal("10"),
    )  # fmt: skip
    confirmed = import_confirm(batch=batch)
    assert (confirmed.added, confirmed.changed, confirmed.unchanged) == (0, 1, 0)
    assert EnterpriseYear.objects.get(enterprise=e, year=2025).tax == Decimal("150.00")


def test_a_blob_not_written_for_this_file_is_ignored_and_the_file_read_again(
    alice: User,
) -> None:
    data = _file()
    batch, plan = import_upload(kind="figures", data=data, file_name="f.xlsx", user=alice)
    assert plan.parsed is not None
    blob = bytes(batch.parsed or b"")
    assert parsed_decode(blob, kind="figures", file_hash=batch.file_hash) is not None
    assert parsed_decode(blob, kind="figures", file_hash="0" * 64) is None  # another file
    assert parsed_decode(blob, kind="enterprises", file_hash=batch.file_hash) is None
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    assert parsed_decode(flipped, kind="figures", file_hash=batch.file_hash) is None
    assert parsed_decode(b"", kind="figures", file_hash=batch.file_hash) is None
    # Another file's blob under this batch: the confirmation reads the file and plans the same.
    other = parsed_encode(plan.parsed, kind="figures", file_hash="0" * 64)
    ImportBatch.objects.filter(pk=batch.pk).update(parsed=other)
    confirmed = import_confirm(batch=batch)
    assert _outcome(confirmed) == _outcome(plan)
    assert EnterpriseYear.objects.count() == 5


def test_a_refused_file_keeps_nothing(alice: User) -> None:
    e = EnterpriseFactory()
    data = xlsx([list(FIGURES_HEADER), [e.uscc, e.name, 2025, -5, 150, 10]])
    batch, plan = import_upload(kind="figures", data=data, file_name="f.xlsx", user=alice)
    assert not plan.ok
    assert (batch.status, batch.content, batch.parsed) == (BatchStatus.REJECTED, None, None)
