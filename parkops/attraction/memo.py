"""The admission memo (准入审查意见) of a screening, as an official .docx (common/docx.py).

Its text comes only from the screening as stored (its inputs, each rule's result and evidence, the
rule-set version, the opinions and the decision), so the same screening gives the same memo."""

from __future__ import annotations

from django.utils import timezone

from parkops.attraction.choices import Decision, RuleOutcome, ScreeningVerdict
from parkops.attraction.models import Screening
from parkops.common.docx import OfficialDocument, chinese_date

NUMERALS = "一二三四五六七八九十"


def memo_docx(screening: Screening) -> bytes:
    lead, rule_set = screening.lead, screening.rule_set
    doc = OfficialDocument()
    doc.title("关于" + lead.company_name + "项目的准入审查意见")
    doc.blank()
    doc.addressee("漕泾工业园区管理办公室：")
    doc.body(
        f"根据《{rule_set.label}》（版本 {rule_set.version}），对{lead.company_name}"
        f"项目（行业代码 {lead.industry_code or '未填'}）进行了准入审查，意见如下。"
    )
    doc.heading1("一、项目基本情况")
    inputs = screening.inputs
    facts = [
        ("计划固定资产投资", inputs.get("investment_wan"), "万元"),
        ("达产年产值", inputs.get("output_wan"), "万元"),
        ("达产年税收", inputs.get("tax_wan"), "万元"),
        ("达产年综合能耗", inputs.get("energy_tce"), "吨标准煤"),
    ]
    doc.body(
        "；".join(f"{name}{value or '未填'}{unit if value else ''}" for name, value, unit in facts)
        + "。"
    )
    doc.body(f"用地：{inputs.get('land_basis', '')}。")
    if screening.raise_pct:
        doc.body(f"所在小园区评定为低效，各项门槛提高 {screening.raise_pct}%。")
    doc.heading1("二、逐项审查结果")
    for n, result in enumerate(screening.results):
        outcome = RuleOutcome(result["outcome"]).label
        numeral = NUMERALS[n] if n < len(NUMERALS) else str(n + 1)
        doc.heading2(f"（{numeral}）{result['label']}：{outcome}")
        doc.body(result["evidence"] + "。")
    doc.heading1("三、审查结论")
    doc.body(f"审查结论：{ScreeningVerdict(screening.verdict).label}。")
    for opinion in screening.opinions.select_related("author").order_by("at", "pk"):
        doc.body(f"{opinion.author}：{opinion.get_stance_display()}。{opinion.text}")
    if screening.decision:
        doc.body(f"决定：{Decision(screening.decision).label}。{screening.decision_note}")
    doc.blank()
    day = timezone.localtime(screening.created_at).date()
    doc.signature("漕泾工业园区管理办公室", chinese_date(day))
    return doc.to_bytes()
