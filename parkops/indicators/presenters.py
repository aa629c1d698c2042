"""What the page, the chart and the export show, from one scoreboard: so they always agree."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from parkops.indicators.choices import ForecastMethod, TierChoice
from parkops.indicators.selectors import Row

NO_TIER = "#adb5bd"  # an actual without a target to reach


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def counting_rule_text(computation: str) -> str:
    """How a count is decided where the plan does not say (shown on the cell's page)."""
    return {
        "new_above_scale": _(
            "计数口径：本年为规上、且数据显示上年为规下（或上年末尚未投产）的企业计为新增。"
            "本年为规上但上年没有营业收入数据、也无投产日期可证明上年未投产的企业，无法判断，"
            "单列于下方，不计入。"
        ),
        "new_srdi": _(
            "计数口径：按企业计，每家每年最多计 1 家。认定日前一天企业没有有效的专精特新认定"
            "（从未认定，或原认定已到期、已撤销）即为新增；原认定有效期内获得的复核（续期）不计入。"
            "未填有效期的认定视为一直有效。"
        ),
    }.get(computation, "")


def forecast_method_text(method: str | None) -> str:
    return str(ForecastMethod(method).label) if method else ""


def chart_option(row: Row) -> dict[str, Any]:
    """An ECharts option: the three target lines across the years, the actuals as bars."""
    years = [str(c.year) for c in row.cells]

    def line(name: str, attr: str, colour: str) -> dict[str, Any]:
        data = [number(getattr(c.target, attr)) if c.target else None for c in row.cells]
        return {"name": name, "type": "line", "data": data, "lineStyle": {"color": colour, "type": "dashed"},
                "itemStyle": {"color": colour}}  # fmt: skip

    bars = [
        {
            "value": number(c.value),
            "itemStyle": {"color": c.tier.colour.hex if c.tier else NO_TIER},
        }
        for c in row.cells
    ]
    series = [
        line(_("保底数"), "floor", TierChoice.FLOOR.colour.hex),
        line(_("确保数"), "committed", TierChoice.COMMITTED.colour.hex),
        line(_("贡献数"), "stretch", TierChoice.STRETCH.colour.hex),
        {"name": _("实际"), "type": "bar", "data": bars, "barWidth": "30%"},
    ]
    forecast = row.forecast
    if (
        forecast is not None
        and forecast.low is not None
        and forecast.high is not None
        and row.forecast_year is not None
    ):
        # A floating bar from the low to the high end: a transparent base stacked under the span.
        at = [c.year for c in row.cells].index(row.forecast_year)
        base: list[float | None] = [None] * len(row.cells)
        span: list[float | None] = [None] * len(row.cells)
        base[at], span[at] = number(forecast.low), number(forecast.high - forecast.low)
        series += [
            {"name": "forecast-base", "type": "bar", "stack": "forecast", "data": base,
             "itemStyle": {"color": "transparent"}, "tooltip": {"show": False}, "barWidth": "12%"},
            {"name": _("预测区间"), "type": "bar", "stack": "forecast", "data": span,
             "itemStyle": {"color": "rgba(108,117,125,.45)"}, "barWidth": "12%"},
        ]  # fmt: skip
    return {
        "animation": False,
        "tooltip": {"trigger": "axis"},
        # The legend sits at the top in at most two lines (a card is never narrower than 250 px),
        # above the axis name; the grid starts below both and holds the axis labels, so the
        # legend never lies over them (checked in web/tests/test_layout_browser.py).
        "legend": {
            "data": [_("保底数"), _("确保数"), _("贡献数"), _("实际"), _("预测区间")],
            "top": 0,
            "itemWidth": 14,
            "itemHeight": 10,
            "itemGap": 6,
            "textStyle": {"fontSize": 11},
        },
        "grid": {"left": 8, "right": 12, "top": 72, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "category", "data": years},
        "yAxis": {"type": "value", "name": _(row.indicator.unit)},
        "series": series,
    }
