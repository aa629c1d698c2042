"""The quarterly work briefing (工作简报) as an official .docx, written from its snapshot alone.

No database access here: the same snapshot gives the same text, which is how an archived issue is
checked (`briefing_docx(issue.snapshot)` against the stored file). A None in the snapshot prints
"暂无数据".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from parkops.briefings.choices import MISSING
from parkops.common.docx import OfficialDocument, chinese_date

Json = dict[str, Any]
NUMERALS = "一二三四五六七八九十"


def shown(value: object, unit: str = "") -> str:
    return MISSING if value is None or value == "" else f"{value}{unit}"


def _day(iso: str) -> str:
    return chinese_date(date.fromisoformat(iso))


def briefing_title(snapshot: Json) -> str:
    return f"{snapshot['year']}年第{NUMERALS[snapshot['quarter'] - 1]}季度园区转型升级工作情况"


def _targets(row: Json) -> str:
    if row["floor"] is None:
        return MISSING
    return f"{row['floor']}/{row['committed']}/{row['stretch']}"


def indicator_table(doc: OfficialDocument, rows: list[Json]) -> None:
    doc.table(
        ["序号", "指标", "单位", "保底/确保/贡献", "本年实际", "档位", "全年预测"],
        [
            [
                str(row["number"]),
                row["name"],
                row["unit"],
                _targets(row),
                shown(row["actual"]),
                shown(row["tier"]),
                (
                    MISSING
                    if row["forecast_low"] is None
                    else f"{row['forecast_low']}～{row['forecast_high']}"
                    + (f"（{row['forecast_tier']}）" if row["forecast_tier"] else "")
                ),
            ]
            for row in rows
        ],
        # An indicator's name on one line (序号 and 单位 as narrow as their values); the rest share.
        widths=[0, 0, 0, 1.6, 1.0, 1.0, 1.7],
        fit=[0, 1, 2],
    )


def _indicators(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("一、主要指标完成情况")
    rows = snapshot["indicators"]
    reached = sum(1 for r in rows if r["tier"] in ("达保底", "达确保", "达贡献"))
    known = sum(1 for r in rows if r["actual"] is not None)
    doc.body(
        f"截至{_day(snapshot['as_of'])}，《三年行动方案》表1所列{len(rows)}项指标中，"
        f"{known}项已有{snapshot['year']}年实际数据，其中{reached}项达到保底数及以上。"
        "各项指标目标、实际与全年预测见下表（预测按在手清单或近两年趋势测算）。"
    )
    indicator_table(doc, rows)


def _behind(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("二、滞后事项")
    behind = snapshot["behind"]
    rows = behind["rows"]
    doc.body(
        f"按计划日期与已报数据判断，滞后事项共{len(rows)}项；"
        f"另有{behind['unreported']}项已过计划日期但尚无数据可判，列为待报送，不计为滞后。"
    )
    if rows:
        doc.table(["类别", "名称", "情况"], [[r["kind"], r["name"], r["detail"]] for r in rows])


def _land(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("三、低效用地腾退与提升")
    for n, key in enumerate(("vacate", "upgrade")):
        part = snapshot["land"][key]
        doc.heading2(f"（{NUMERALS[n]}）{part['label']}")
        if part["rows"]:
            names = "、".join(f"{r['name']}（{shown(r['area_mu'], '亩')}）" for r in part["rows"])
            doc.body(
                f"{snapshot['year']}年已完成{part['label']}{len(part['rows'])}宗，"
                f"合计{part['total_mu']}亩：{names}。"
            )
        else:
            doc.body(f"{snapshot['year']}年已完成{part['label']}用地：{MISSING}。")


def _evaluation(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("四、企业综合评价")
    found = snapshot["evaluation"]
    if found is None:
        doc.body(f"已发布的企业综合评价结果：{MISSING}。")
        return
    counts = "，".join(f"{label}{n}家" for label, n in found["counts"] if n)
    doc.body(
        f"{found['year']}年度企业综合评价已发布，参评企业{found['total']}家：{counts or MISSING}。"
    )


def _service(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("五、企业服务与联合执法")
    service, enforcement = snapshot["service"], snapshot["enforcement"]
    doc.heading2("（一）企业服务")
    doc.body(
        f"本季度派单诉求{service['dispatched']}件，按时办结{service['on_time']}件，"
        f"超时办结{service['late']}件，未办结{service['open']}件；"
        f"按时办结率{shown(service['on_time_rate'], '%')}；"
        f"有效回访{service['rated']}件，满意率{shown(service['satisfaction_rate'], '%')}。"
    )
    doc.heading2("（二）联合执法")
    doc.body(
        f"本季度开展检查{enforcement['inspections']}次，发现违法违规问题"
        f"{enforcement['violations']}个，作出处罚决定{enforcement['penalties']}件。"
    )


def briefing_docx(snapshot: Json) -> bytes:
    doc = OfficialDocument()
    dated = _day(snapshot["dated"])
    doc.masthead("工作简报", f"第{snapshot['number']}期", snapshot["issuer"], dated)
    doc.blank()
    doc.title(briefing_title(snapshot))
    doc.blank()
    _indicators(doc, snapshot)
    _behind(doc, snapshot)
    _land(doc, snapshot)
    _evaluation(doc, snapshot)
    _service(doc, snapshot)
    doc.heading1("六、下一步工作")
    steps = [line.strip() for line in snapshot["next_steps"].splitlines() if line.strip()]
    for line in steps or [MISSING]:
        doc.body(line)
    doc.blank()
    doc.imprint(copies_to=snapshot["copies_to"], issuer=snapshot["issuer"], dated=dated)
    return doc.to_bytes()
