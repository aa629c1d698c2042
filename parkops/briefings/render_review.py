"""The three-year review (《三年行动方案》实施情况总结) as an official .docx, from its snapshot alone.

Tables for the 72 targets and for each annex, and one bar chart per indicator (targets and actual
by year, drawn by parkops.core.barchart), so the same snapshot gives the same document.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from parkops.briefings.choices import MISSING
from parkops.briefings.render import NUMERALS, shown
from parkops.common.docx import OfficialDocument, chinese_date
from parkops.core.barchart import Group, grouped_bars

Json = dict[str, Any]
REVIEW_TITLE = "《漕泾工业园区转型升级三年行动方案（2024—2026年）》实施情况总结"
# 保底, 确保, 贡献 in three greys, the actual in red: the caption says so in words.
COLOURS = [(200, 200, 200), (150, 150, 150), (90, 90, 90), (192, 0, 0)]


def _float(value: str | None) -> float | None:
    return None if value is None else float(value)


def indicator_chart(row: Json) -> bytes:
    return grouped_bars(
        [
            Group(
                str(y["year"]),
                [_float(y[k]) for k in ("floor", "committed", "stretch", "actual")],
            )
            for y in row["years"]
        ],
        COLOURS,
    )


def _indicators(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("一、主要指标完成情况")
    targets = snapshot["targets"]
    doc.body(
        f"方案表1设{len(snapshot['indicators'])}项指标，分{len(snapshot['years'])}个年度各设保底数、"
        f"确保数、贡献数，共{targets['total']}项目标。截至{chinese_date(date.fromisoformat(snapshot['as_of']))}，"
        f"已达成{targets['met']}项，未达成{targets['missed']}项，尚无实际数据{targets['unknown']}项"
        f"（{MISSING}的不作推断）。"
    )
    for n, row in enumerate(snapshot["indicators"]):
        doc.heading2(f"（{NUMERALS[n]}）{row['name']}（{row['unit']}）")
        doc.table(
            ["年度", "保底数", "确保数", "贡献数", "实际", "达到档位"],
            [
                [
                    str(y["year"]),
                    shown(y["floor"]),
                    shown(y["committed"]),
                    shown(y["stretch"]),
                    shown(y["actual"]),
                    shown(y["tier"]),
                ]
                for y in row["years"]
            ],
        )
        doc.figure(
            indicator_chart(row),
            f"图{n + 1}　{row['name']}：浅灰、中灰、深灰为保底数、确保数、贡献数，红色为实际（-为{MISSING}）",
        )


def _counts(part: Json) -> str:
    return "，".join(f"{state}{n}项" for state, n in part["counts"]) or MISSING


def _annexes(doc: OfficialDocument, snapshot: Json) -> None:
    doc.heading1("二、附件清单落实情况")
    projects = snapshot["projects"]
    doc.heading2("（一）附件1 重点项目（“四早”）")
    doc.body(f"共{len(projects['rows'])}个项目：{_counts(projects)}。")
    if projects["rows"]:
        doc.table(
            ["项目", "企业", "进度"],
            [[r["name"], r["enterprise"], r["state"]] for r in projects["rows"]],
            widths=[3, 3, 1],
        )
    doc.heading2("（二）附件2 培育清单")
    for part in snapshot["cultivation"]:
        doc.body(f"{part['label']}：共{len(part['rows'])}项，{_counts(part)}。")
        if part["rows"]:
            doc.table(
                ["名称", "计划年度", "完成情况"],
                [[r["name"], str(r["year"]), r["state"]] for r in part["rows"]],
                widths=[4, 1.2, 1.6],
            )
    doc.heading2("（三）附件3 低效用地")
    for part in snapshot["land"]:
        doc.body(f"{part['label']}：共{len(part['rows'])}宗，{_counts(part)}。")
        if part["rows"]:
            doc.table(
                ["地块或企业", "面积（亩）", "计划年度", "状态"],
                [
                    [r["name"], shown(r["area_mu"]), str(r["year"]), r["state"]]
                    for r in part["rows"]
                ],
            )
    infra = snapshot["infrastructure"]
    doc.heading2("（四）附件4 基础设施")
    doc.body(f"共{len(infra['rows'])}个项目：{_counts(infra)}。")
    if infra["rows"]:
        doc.table(
            ["项目", "计划投资（万元）", "已支付（万元）", "计划完工", "状态", "进度"],
            [
                [
                    r["name"],
                    shown(r["investment_wan"]),
                    shown(r["spent_wan"]),
                    str(r["year"]),
                    r["state"],
                    r["schedule"],
                ]
                for r in infra["rows"]
            ],
        )


def review_docx(snapshot: Json) -> bytes:
    doc = OfficialDocument()
    doc.title(REVIEW_TITLE)
    doc.blank()
    doc.body(
        f"根据《漕泾工业园区转型升级三年行动方案》（{snapshot['plan']}），现将"
        f"{snapshot['years'][0]}—{snapshot['years'][-1]}年实施情况总结如下。"
    )
    _indicators(doc, snapshot)
    _annexes(doc, snapshot)
    doc.blank()
    dated = chinese_date(date.fromisoformat(snapshot["dated"]))
    doc.signature(snapshot["issuer"], dated)
    return doc.to_bytes()
