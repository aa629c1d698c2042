"""Writes of the evaluation: schemes and their versions, runs, publishing, veto events.

A run reads the registry through a selector, hands the frame to the pure engine and stores what
comes back. A published run never changes: every write to a run goes through `_refuse_if_published`.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from parkops.common.bulk import insert_rows
from parkops.common.versioning import StaleVersion, record_delete, record_save, record_write
from parkops.common.years import year_check
from parkops.core.evaluation import engine
from parkops.core.evaluation.default import DEFAULT_SCHEME_NAME, default_definition
from parkops.core.evaluation.explain import class_boundaries
from parkops.core.evaluation.scheme import Scheme as SchemeSpec
from parkops.core.evaluation.scheme import SchemeError
from parkops.evaluation import selectors
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    IndicatorResult,
    Scheme,
    SchemeVersion,
    VetoEvent,
)

Progress = Callable[[str, int, int], None]  # (step, done, total)
BATCH = 5000  # rows per executemany
VETO_EDITABLE = ("enterprise", "kind", "grade", "occurred_on", "description", "source")


def _quiet(step: str, done: int, total: int) -> None:
    pass


# --- schemes --------------------------------------------------------------------------------


def scheme_parse(definition: Any) -> SchemeSpec:
    """The scheme, or a ValidationError listing every problem in Chinese."""
    try:
        return SchemeSpec.from_dict(definition)
    except SchemeError as error:
        raise ValidationError({"definition": error.problems}) from error


@transaction.atomic
def scheme_default() -> SchemeVersion:
    """The default scheme's latest version, created on first use."""
    scheme, _created = Scheme.objects.get_or_create(
        name=DEFAULT_SCHEME_NAME,
        defaults={"description": _("依据公开的浙江县级亩均效益评价做法拟定，待录入区级手册。")},
    )
    version = scheme.versions.order_by("-number").first()
    if version is None:
        version = SchemeVersion.objects.create(
            scheme=scheme, number=1, definition=default_definition(), is_provisional=True
        )
    return version


@transaction.atomic
def scheme_version_create(
    *,
    scheme: Scheme,
    definition: Any,
    user: User | None = None,
    note: str = "",
    based_on: SchemeVersion | None = None,
    latest_seen: int | None = None,
) -> SchemeVersion:
    """Save an edited definition as the scheme's next version (versions never change).

    An edit of `based_on` that changes nothing stores nothing and returns `based_on`. When the
    scheme has a newer version than `latest_seen` (the newest when the editor opened the page),
    someone else saved in between: StaleVersion names their versions and nothing is stored."""
    scheme_parse(definition)
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()  # one editor at a time
    if latest_seen is not None:
        newer = scheme.versions.filter(number__gt=latest_seen).select_related("created_by")
        if newer:
            raise StaleVersion(_newer_versions_message(list(newer)), code="stale")
    if based_on is not None and definition == based_on.definition:
        return based_on
    number = (scheme.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    provisional = scheme.name == DEFAULT_SCHEME_NAME and definition == default_definition()
    version = SchemeVersion(
        scheme=scheme,
        number=number,
        definition=definition,
        note=note,
        created_by=user,
        is_provisional=provisional,
    )
    version.full_clean()
    version.save()
    return version


def _newer_versions_message(newer: list[SchemeVersion]) -> str:
    saved = "；".join(
        _("%(who)s 于 %(when)s 保存了第 %(number)s 版（%(note)s）")
        % {
            "who": v.created_by or _("系统"),
            "when": timezone.localtime(v.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            "number": v.number,
            "note": v.note or "—",
        }
        for v in newer
    )
    return _("此方案在您打开后已有新版本，本次未保存。%(saved)s。请打开最新版本重新修改。") % {
        "saved": saved
    }


@transaction.atomic
def scheme_copy(*, version: SchemeVersion, name: str, user: User | None = None) -> SchemeVersion:
    """A new scheme, named `name`, starting from a copy of `version`."""
    scheme = Scheme(name=name.strip(), description=_("复制自 %(v)s") % {"v": version})
    record_save(scheme, reason=_("复制方案"))
    definition = {**version.definition, "name": scheme.name}
    return scheme_version_create(
        scheme=scheme, definition=definition, user=user, note=_("复制自 %(v)s") % {"v": version}
    )


def scheme_import(*, definition: Mapping[str, Any], user: User | None = None) -> SchemeVersion:
    """The version holding `definition`: an identical existing version, or a new one."""
    spec = scheme_parse(dict(definition))
    for version in SchemeVersion.objects.filter(scheme__name=spec.name).order_by("-number"):
        if version.definition == definition:
            return version
    scheme, _created = Scheme.objects.get_or_create(name=spec.name)
    return scheme_version_create(
        scheme=scheme, definition=dict(definition), user=user, note=_("从文件导入")
    )


# --- runs -----------------------------------------------------------------------------------


def _refuse_if_published(run: EvaluationRun) -> None:
    # Read the status from the database: the caller's copy may predate the publishing.
    published = EvaluationRun.objects.filter(pk=run.pk, status=RunStatus.PUBLISHED).exists()
    if published or run.status == RunStatus.PUBLISHED:
        raise ValidationError(_("%(year)s 年度的评价已发布，结果不能再修改") % {"year": run.year})


def input_hash(frame: pl.DataFrame, events: list[engine.Event]) -> str:
    digest = hashlib.sha256(frame.sort("enterprise_id").write_csv().encode())
    digest.update(json.dumps([e.__dict__ for e in events], sort_keys=True).encode())
    return digest.hexdigest()


def snapshot_encode(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def snapshot_decode(run: EvaluationRun) -> pl.DataFrame:
    return pl.read_parquet(io.BytesIO(bytes(run.input_snapshot)))


def run_create(
    *,
    year: int,
    version: SchemeVersion | None = None,
    user: User | None = None,
    note: str = "",
    progress: Progress = _quiet,
) -> EvaluationRun:
    """Evaluate `year` under `version` (the default scheme if none) and store a draft run."""
    year_check(year)
    version = version or scheme_default()
    spec = scheme_parse(version.definition)
    progress("load", 0, 1)
    frame = selectors.input_frame(year=year)
    if frame.is_empty():
        raise ValidationError(_("%(year)s 年度没有企业年度数据，无法评价") % {"year": year})
    previous = selectors.input_frame(year=year - 1)
    averages = engine.park_averages(previous, spec) if not previous.is_empty() else {}
    events = selectors.events_for(year=year)
    progress("load", 1, 1)
    progress("evaluate", 0, 1)
    result = engine.evaluate(frame, spec, events=events, previous_averages=averages)
    progress("evaluate", 1, 1)
    # Each enterprise's input row as JSON text, stored with its result: the card reads its own.
    inputs = frame.select("enterprise_id", inputs=pl.struct(pl.all()).struct.json_encode())
    result = result.join(inputs, on="enterprise_id", how="left", maintain_order="left")
    with transaction.atomic():
        run = EvaluationRun(
            year=year,
            scheme_version=version,
            input_hash=input_hash(frame, events),
            input_snapshot=snapshot_encode(frame),
            events=[e.__dict__ for e in events],
            previous_averages=averages,
            boundaries=class_boundaries(result, spec),
            enterprise_count=result.height,
            note=note,
            created_by=user,
        )
        record_save(run, reason=_("运行评价"))
        _store_results(run, spec, result, progress)
    return run


def _store_results(
    run: EvaluationRun, spec: SchemeSpec, result: pl.DataFrame, progress: Progress
) -> None:
    """Results first, then their indicator rows, a batch at a time through `insert_rows`
    (executemany on SQLite, COPY on PostgreSQL): bulk_create builds a model instance per row and,
    on SQLite, splits the rows into statements of ~60 (999 variables); this is several times
    faster for 100,000 enterprises.
    Polars makes each batch's rows as tuples; only veto reasons go through the field's own
    preparation (JSON for the database), and only where there are any."""
    labels = {p.code: p.label for p in spec.populations}
    reasons = EvaluationResult._meta.get_field("veto_reasons")
    no_reasons = reasons.get_db_prep_save([], connection)
    sizes = dict(result.group_by("population").len().iter_rows())
    total = result.height + sum(sizes.get(p.code, 0) * len(p.indicators) for p in spec.populations)
    done = 0

    def insert(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        nonlocal done
        insert_rows(model, columns, rows)
        done += len(rows)
        progress("store", done, total)

    columns = result.select(
        **_result_sources(run, labels), inputs="inputs", veto_reasons="veto_reasons"
    )
    for batch in columns.iter_slices(BATCH):
        rows = batch.drop("veto_reasons").rows()
        params = [(*row, no_reasons) for row in rows]
        vetoed = batch.select(pl.arg_where(pl.col("veto_reasons").list.len() > 0)).to_series()
        for i in vetoed:
            listed = batch["veto_reasons"][i].to_list()
            params[i] = (*rows[i], reasons.get_db_prep_save(listed, connection))
        insert(EvaluationResult, (*columns.columns[:-1], "veto_reasons"), params)
    ids = pl.DataFrame(
        list(EvaluationResult.objects.filter(run=run).values_list("enterprise_id", "pk")),
        schema={"enterprise_id": pl.Int64, "result_id": pl.Int64},
        orient="row",
    )
    with_ids = result.join(ids, on="enterprise_id", how="inner", maintain_order="left")
    for population in spec.populations:
        mine = with_ids.filter(pl.col("population") == population.code)
        for batch in mine.iter_slices(BATCH):
            for n, ind in enumerate(population.indicators, 1):
                lines = batch.select(
                    "result_id",
                    pl.lit(n).alias("position"),
                    pl.lit(ind.code).alias("code"),
                    pl.lit(ind.label).alias("label"),
                    pl.lit(ind.unit).alias("unit"),
                    pl.lit(float(ind.weight)).alias("weight"),
                    pl.col(f"{ind.code}__value"),
                    pl.col(f"{ind.code}__benchmark"),
                    pl.col(f"{ind.code}__score").fill_null(0.0),
                    pl.col(f"{ind.code}__missing").fill_null(False),
                    pl.col(f"{ind.code}__capped").fill_null(False),
                ).rows()
                insert(IndicatorResult, _INDICATOR_COLUMNS, lines)


# Stored results' columns named as the engine's output columns.
_SAME_NAMED = (
    "land_mu",
    "tax_per_mu",
    "total_score",
    "rank",
    "population_size",
    "park_position",
    "class_before_veto",
)


def _result_sources(run: EvaluationRun, labels: Mapping[str, str]) -> dict[str, pl.Expr]:
    """Each column of a stored result (but the veto reasons) from the engine's output."""
    population = pl.col("population")
    return {
        "run_id": pl.lit(run.pk, dtype=pl.Int64),
        "enterprise_id": pl.col("enterprise_id"),
        "population": population.fill_null(""),
        "population_label": population.replace_strict(labels, default="").fill_null(""),
        **{name: pl.col(name) for name in _SAME_NAMED},
        "evaluation_class": pl.col("class"),
        "excluded_reason": pl.col("excluded_reason").fill_null(""),
        "inherited_from_id": pl.col("inherited_from"),
    }


_INDICATOR_COLUMNS = (
    "result_id",
    "position",
    "code",
    "label",
    "unit",
    "weight",
    "value",
    "benchmark",
    "score",
    "is_missing",
    "is_capped",
)


@transaction.atomic
def run_publish(*, run: EvaluationRun, user: User | None = None) -> EvaluationRun:
    run = EvaluationRun.objects.select_for_update().get(pk=run.pk)
    _refuse_if_published(run)
    run.status = RunStatus.PUBLISHED
    run.published_at = timezone.now()
    run.published_by = user
    return record_save(run, reason=_("发布评价结果"))


@transaction.atomic
def run_update_note(*, run: EvaluationRun, note: str) -> EvaluationRun:
    _refuse_if_published(run)
    run.note = note
    return record_write(run, reason=_("修改备注"), update_fields=["note", "updated_at"])


@transaction.atomic
def run_delete(*, run: EvaluationRun) -> None:
    """Delete a draft run and its results; a published run is refused."""
    _refuse_if_published(run)
    record_delete(run, reason=_("删除评价草稿"))


@transaction.atomic
def result_override(*, result: EvaluationResult, evaluation_class: str, reason: str) -> None:
    """Correct a class in a draft run by hand; a published run is refused."""
    _refuse_if_published(result.run)
    if not reason.strip():
        raise ValidationError(_("请说明修改原因"))
    result.evaluation_class = evaluation_class
    # Stored in Chinese whatever the editor's language; shown translated (evaluation.sentences).
    adjusted = gettext_noop("人工调整：%(r)s") % {"r": reason.strip()}
    result.veto_reasons = [*result.veto_reasons, adjusted]
    result.full_clean()
    result.save(update_fields=["evaluation_class", "veto_reasons"])


# --- veto events ------------------------------------------------------------------------------


@transaction.atomic
def veto_event_create(*, data: Mapping[str, Any], reason: str = "") -> VetoEvent:
    unknown = set(data) - set(VETO_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    event = VetoEvent(**data)
    return record_save(event, reason=reason or _("登记否决事件"))


def veto_event_void(*, event: VetoEvent, reason: str, version: str | None = None) -> VetoEvent:
    """Void an event after review: it stays on record, the reason in its history, and no new run
    counts it. Refused without a reason, when already void, and (StaleVersion) when the event
    changed after `version`."""
    if not reason.strip():
        raise ValidationError({"reason": [_("请说明撤销原因")]})
    with transaction.atomic():
        stored = VetoEvent.objects.select_for_update().get(pk=event.pk)
        if stored.is_void:
            raise ValidationError(_("该否决事件已撤销"), code="void")
        stored.is_void = True
        record_save(stored, reason=reason.strip(), version=version)
    return stored
