"""The evaluation handbook (评价结果手册) and the bottom-30 list as .xlsx."""

from __future__ import annotations

import io
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkops.common.types import AnyUser
from parkops.common.xlsx import ExportColumn
from parkops.core.evaluation.scheme import Scheme as SchemeSpec
from parkops.core.xlsx import HEADER_STYLE, RowWriter, table_sheet, xlsx_bytes
from parkops.evaluation import run_figures, selectors
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.models import EvaluationResult, EvaluationRun, IndicatorResult

BOTTOM_RULE = gettext_lazy(
    "尾部排名规则：只含 A–D 类且有本企业得分者（T类、未参评、继承等级的租赁企业除外），"
    "否决后等级低者在前；同等级按类别内相对名次（名次 ÷ 参评数）靠后者在前；"
    "再按亩均税收低者在前；再按企业编号。"
)

SHORTFALL_RULE = gettext_lazy(
    "失分最多的指标：各指标少得的分数为“权重 − 得分”（低于基准值时即 权重 ×（1 − 指标值 ÷ 基准值）），"
    "取少得分数最多的指标；相同时取方案中排在前面的指标；各项都不低于权重时为“—”。"
)


def _sheet_name(text: str) -> str:
    return "".join(c for c in text if c not in "[]:*?/\\")[:31]


# The handbook's columns of a stored result, read as plain values: building 10,000 model
# instances (each parsing its JSON input row) took most of the export's time.
_HANDBOOK_FIELDS = (
    "pk",
    "population",
    "rank",
    "enterprise__name",
    "enterprise__uscc",
    "enterprise__small_park__name",
    "land_mu",
    "total_score",
    "class_before_veto",
    "evaluation_class",
    "veto_reasons",
    "park_position",
    "excluded_reason",
)


def _scores(results: QuerySet[EvaluationResult]) -> dict[int, dict[str, tuple[Any, Any]]]:
    """Result id -> indicator code -> (value, score), for the results given."""
    lines: dict[int, dict[str, tuple[Any, Any]]] = {}
    rows = (
        IndicatorResult.objects.filter(result__in=results.values("pk"))
        .order_by()
        .values_list("result_id", "code", "value", "score")
    )
    for result_id, code, value, score in rows.iterator(5000):
        lines.setdefault(result_id, {})[code] = (value, score)
    return lines


def handbook_xlsx(*, run: EvaluationRun, user: AnyUser) -> io.BytesIO:
    spec = SchemeSpec.from_dict(run.scheme_version.definition)
    visible = selectors.results_visible(user=user, run=run)
    results = list(visible.order_by("population", "rank").values_list(*_HANDBOOK_FIELDS))
    lines = _scores(visible)
    class_field = EvaluationResult._meta.get_field("evaluation_class")
    class_labels = {value: str(label) for value, label in class_field.flatchoices}
    # Row by row to temporary files: 100,000 enterprises' cells held at once took about 1 GB.
    with xlsx_bytes(constant_memory=True) as (book, buffer):
        head = book.add_format(HEADER_STYLE)
        num = book.add_format({"num_format": "#,##0.00"})
        summary = book.add_worksheet(_("汇总"))
        info: list[tuple[str, Any]] = [
            (_("评价年度"), run.year),
            (_("方案版本"), str(run.scheme_version)),
            (_("状态"), run.get_status_display()),
            (
                _("发布时间"),
                run.published_at.strftime("%Y-%m-%d %H:%M") if run.published_at else "—",
            ),
            (_("输入数据指纹（SHA-256）"), run.input_hash),
            (_("企业数"), len(results)),
            (_("尾部排名规则"), str(BOTTOM_RULE)),
        ]
        if run.scheme_version.is_provisional:
            info.append((_("说明"), _("默认方案（待录入区级手册）")))
        for n, (label, value) in enumerate(info):
            summary.write(n, 0, label, head)
            summary.write(n, 1, value)
        row = len(info) + 1
        summary.write_row(
            row, 0, [_("评价类别"), *[str(c.label) for c in EvaluationClass], _("合计")], head
        )
        for entry in run_figures.class_counts(user=user, run=run):
            row += 1
            summary.write_row(row, 0, [entry["population"], *entry["counts"], entry["total"]])
        row += 2
        summary.write(row, 0, _("方案依据"), head)
        for source in spec.sources:
            row += 1
            summary.write(row, 0, source)
        summary.set_column(0, 0, 24)
        summary.set_column(1, 8, 14)

        for population in spec.populations:
            ind = population.indicators
            header = [
                _("类别内排名"),
                _("企业名称"),
                _("统一社会信用代码"),
                _("小园区"),
                _("计算用地（亩）"),
            ]
            for i in ind:
                header += [f"{i.label}（{i.unit}）" if i.unit else i.label, f"{i.label}{_('得分')}"]
            header += [
                _("综合得分"),
                _("否决前等级"),
                _("评价等级"),
                _("否决原因"),
                _("园区倒数位次"),
            ]
            widths = [10, 32, 20]
            sheet, first = table_sheet(
                book, _sheet_name(population.label), header, widths=widths, frozen_columns=2
            )
            r = first - 1
            rows = RowWriter(sheet, num)
            missing = (None, None)
            for (pk, code, rank, name, uscc, park, land_mu, total, before, klass, vetoes,
                 position, _excluded) in results:  # fmt: skip
                if code != population.code or rank is None:
                    continue
                r += 1
                mine = lines.get(pk, {})
                cells: list[Any] = [rank, name, uscc or "", park or "", land_mu]
                for i in ind:
                    cells += mine.get(i.code, missing)
                cells += [total, before, klass, "；".join(vetoes), position]
                rows.write(r, cells)
            sheet.autofilter(0, 0, max(r, 1), len(header) - 1)

        excluded, first = table_sheet(
            book,
            _("未排名企业"),
            [_("企业名称"), _("统一社会信用代码"), _("评价等级"), _("原因")],
            widths=[32, 24, 24, 24],
        )
        r = first - 1
        rows = RowWriter(excluded)  # texts, as write_row wrote them
        for _pk, _code, rank, name, uscc, *_rest, klass, _vetoes, _position, reason in results:
            if rank is None:
                r += 1
                rows.write(r, [name, uscc or "", class_labels.get(klass, klass), reason])
    return buffer


def bottom_xlsx(*, run: EvaluationRun, user: AnyUser) -> io.BytesIO:
    """The bottom 30 as the handbook lays numbers out: scores and money as `#,##0.00`."""
    rows = run_figures.bottom(user=user, run=run)
    with xlsx_bytes() as (book, buffer):
        num = book.add_format({"num_format": "#,##0.00"})
        sheet, first = table_sheet(
            book,
            _("尾部30家"),
            [
                _("倒数位次"),
                _("企业名称"),
                _("统一社会信用代码"),
                _("路段"),
                _("小园区"),
                _("评价类别"),
                _("类别内排名"),
                _("综合得分"),
                _("亩均税收（万元/亩）"),
                _("评价等级"),
                _("失分最多的指标"),
                _("该指标少得分数"),
                _("否决原因"),
                _("上年倒数位次"),
                _("上年等级"),
            ],
            widths=[10, 32, 20, 14, 20, 12, 12, 12, 14, 10, 18, 14, 24, 12, 10],
            frozen_columns=2,
        )
        for n, b in enumerate(rows, first):
            r = b.result
            short = b.shortfall
            cells: list[Any] = [
                r.park_position,
                r.enterprise.name,
                r.enterprise.uscc or "",
                str(r.enterprise.road or ""),
                str(r.enterprise.small_park or ""),
                r.population_label,
                f"{r.rank}/{r.population_size}",
                r.total_score,
                r.tax_per_mu,
                r.evaluation_class,
                short.label if short else "—",
                short.points if short else None,
                "；".join(r.veto_reasons),
                b.last_position if b.last_position is not None else "—",
                b.last_class or "—",
            ]
            for c, value in enumerate(cells):
                if isinstance(value, float):
                    sheet.write_number(n, c, value, num)
                elif value is not None:
                    sheet.write(n, c, value)
        sheet.write(first + len(rows) + 1, 0, str(BOTTOM_RULE))
        sheet.write(first + len(rows) + 2, 0, str(SHORTFALL_RULE))
    return buffer


def result_columns() -> list[ExportColumn]:
    """The columns of a run's results list as .xlsx: what the list shows, with the credit code."""
    return [
        ExportColumn(_("企业名称"), "enterprise.name", 30),
        ExportColumn(_("统一社会信用代码"), "enterprise.uscc", 22),
        ExportColumn(_("评价类别"), "population_label"),
        ExportColumn(_("评价等级"), lambda r: r.get_evaluation_class_display()),
        ExportColumn(_("综合得分"), "total_score"),
        ExportColumn(_("类别内排名"), "rank"),
        ExportColumn(_("园区倒数位次"), "park_position"),
        ExportColumn(_("亩均税收（万元/亩）"), "tax_per_mu", 18),
        ExportColumn(_("计算用地（亩）"), "land_mu"),
        ExportColumn(_("未排名原因"), "excluded_reason", 30),
    ]
