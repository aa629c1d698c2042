"""Writes of the evaluation's runs: running a year, publishing, republishing, corrections.

A run reads the registry through a selector, hands the frame to the pure engine and stores what
comes back. A year has one current draft and one current published run (model constraints):
- a new run supersedes the year's current draft, which is kept (read-only, park office only) and
  not deleted: job pages and handbooks already written link to it, and what was computed when is
  part of the record; the park office may still delete a draft explicitly;
- a published run never changes (`_refuse_if_published`); publishing over it is a republication,
  a new edition with a required reason, and the earlier edition stays readable as superseded.
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
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from parkops.common.bulk import insert_rows
from parkops.common.versioning import record_delete, record_save, record_write
from parkops.common.years import year_check
from parkops.core.evaluation import engine
from parkops.core.evaluation.explain import class_boundaries
from parkops.core.evaluation.scheme import Scheme as SchemeSpec
from parkops.evaluation import selectors
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    IndicatorResult,
    SchemeVersion,
)
from parkops.evaluation.services_scheme import scheme_default, scheme_parse

Progress = Callable[[str, int, int], None]  # (step, done, total)
BATCH = 5000  # rows per executemany


def _quiet(step: str, done: int, total: int) -> None:
    pass


def _refuse_if_published(run: EvaluationRun) -> None:
    # Read the status from the database: the caller's copy may predate the publishing.
    published = EvaluationRun.objects.filter(pk=run.pk, status=RunStatus.PUBLISHED).exists()
    if published or run.status == RunStatus.PUBLISHED:
        raise ValidationError(_("%(year)s 年度的评价已发布，结果不能再修改") % {"year": run.year})


def _refuse_if_superseded(run: EvaluationRun) -> None:
    superseded = EvaluationRun.objects.filter(pk=run.pk, superseded_at__isnull=False).exists()
    if superseded or run.superseded_at is not None:
        raise ValidationError(
            _("这份 %(year)s 年度的评价草稿已被更新的草稿取代，不能再修改或发布")
            % {"year": run.year}
        )


def _draft_supersede(*, year: int) -> EvaluationRun | None:
    """Mark the year's current draft superseded (locked first); the caller links its successor."""
    current = (
        EvaluationRun.objects.select_for_update()
        .filter(year=year, status=RunStatus.DRAFT, superseded_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if current is not None:
        current.superseded_at = timezone.now()
        record_write(current, reason=_("被新的评价草稿取代"), update_fields=["superseded_at"])
    return current


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
    try:
        with transaction.atomic():
            replaced = _draft_supersede(year=year)
            record_save(run, reason=_("运行评价"))
            if replaced is not None:
                replaced.superseded_by = run
                record_write(
                    replaced, reason=_("被新的评价草稿取代"), update_fields=["superseded_by"]
                )
            _store_results(run, spec, result, progress)
    except IntegrityError as error:  # another draft of the year was stored at the same moment
        raise ValidationError(
            _("%(year)s 年度另有评价正在保存，请稍后重试") % {"year": year}
        ) from error
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
def run_publish(*, run: EvaluationRun, user: User | None = None, reason: str = "") -> EvaluationRun:
    """Publish a current draft. Over the year's published run this is a republication: a new
    edition, refused without `reason`; the earlier edition is kept, marked superseded."""
    run = EvaluationRun.objects.select_for_update().get(pk=run.pk)
    _refuse_if_published(run)
    _refuse_if_superseded(run)
    now = timezone.now()
    current = (
        EvaluationRun.objects.select_for_update()
        .filter(year=run.year, status=RunStatus.PUBLISHED, superseded_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if current is not None:
        if not reason.strip():
            raise ValidationError(
                {
                    "reason": [
                        _("%(year)s 年度的评价已发布（第 %(n)s 版）；重新发布须说明原因")
                        % {"year": run.year, "n": current.edition or 1}
                    ]
                }
            )
        current.superseded_at = now
        current.superseded_by = run
        record_write(
            current,
            reason=_("被重新发布的评价取代：%(r)s") % {"r": reason.strip()},
            update_fields=["superseded_at", "superseded_by", "updated_at"],
        )
    editions = EvaluationRun.objects.filter(year=run.year, status=RunStatus.PUBLISHED)
    run.edition = (editions.aggregate(n=Max("edition"))["n"] or 0) + 1
    run.republish_reason = reason.strip() if current is not None else ""
    run.status = RunStatus.PUBLISHED
    run.published_at = now
    run.published_by = user
    if current is None:
        return record_save(run, reason=_("发布评价结果"))
    return record_save(run, reason=_("重新发布评价：%(r)s") % {"r": reason.strip()})


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
    """Correct a class in a current draft run by hand; a published or superseded run is refused."""
    _refuse_if_published(result.run)
    _refuse_if_superseded(result.run)
    if not reason.strip():
        raise ValidationError(_("请说明修改原因"))
    result.evaluation_class = evaluation_class
    # Stored in Chinese whatever the editor's language; shown translated (evaluation.sentences).
    adjusted = gettext_noop("人工调整：%(r)s") % {"r": reason.strip()}
    result.veto_reasons = [*result.veto_reasons, adjusted]
    result.full_clean()
    result.save(update_fields=["evaluation_class", "veto_reasons"])
