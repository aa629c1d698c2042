from __future__ import annotations

from decimal import Decimal

from parkops.core.policyrules import Facts, evaluate, validate_rules

FIRM = Facts(
    evaluation_class="A",
    above_scale=True,
    designations=frozenset({"srdi"}),
    key_industry="biomedicine",
    has_tech_project=False,
    rd_intensity_pct=Decimal("3.5"),
)


def test_an_empty_rule_set_selects_everyone() -> None:
    assert validate_rules({}) == []
    assert evaluate({}, FIRM) == (True, [])


def test_every_condition_must_hold_and_each_says_why() -> None:
    rules = {"classes": ["A", "B"], "above_scale": True, "rd_intensity_min": 3}
    ok, reasons = evaluate(rules, FIRM)
    assert ok
    assert [r.template % r.values for r in reasons] == [
        "评价类别 A，要求 A/B",
        "规上：是，要求 是",
        "研发投入强度 3.50%，要求 ≥ 3%",
    ]
    ok, reasons = evaluate({**rules, "rd_intensity_min": 4}, FIRM)
    assert not ok
    assert [r.met for r in reasons] == [True, True, False]


def test_unknown_rd_intensity_does_not_qualify() -> None:
    firm = Facts(None, None, frozenset(), "", False, None)
    ok, reasons = evaluate({"rd_intensity_min": 0}, firm)
    assert not ok
    assert reasons[0].values["actual"] == "—"


def test_designations_and_tech_projects() -> None:
    assert evaluate({"designations": ["little_giant", "srdi"]}, FIRM)[0]
    assert not evaluate({"designations": ["little_giant"]}, FIRM)[0]
    assert not evaluate({"has_tech_project": True}, FIRM)[0]
    assert evaluate({"key_industries": ["biomedicine"]}, FIRM)[0]


def test_it_refuses_what_it_cannot_read() -> None:
    assert validate_rules([]) == ["条件须为 JSON 对象"]
    assert validate_rules({"size": 3, "above_scale": "yes", "rd_intensity_min": 300}) == [
        "未知的条件：size",
        "above_scale 须为 true 或 false",
        "rd_intensity_min 须为 0–100 之间的数",
    ]
    assert validate_rules({"classes": ["E"]}) == ["classes 须为非空列表，取值为 A、B、C、D、T、N"]
    assert validate_rules({"rd_intensity_min": True}) == ["rd_intensity_min 须为 0–100 之间的数"]
