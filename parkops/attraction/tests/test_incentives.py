"""The joint scheme's incentive ledger: hand-computed rewards at the year boundaries (the Nth
year counted, the N+1th not), an idempotent recompute that keeps history and the rule version,
and the page's scoping (the office sees all parks, an owner his own, anyone else 403)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkops.attraction import services
from parkops.attraction.incentives import incentive_ledger_compute
from parkops.attraction.models import IncentiveEntry, IncentiveRuleSet, Lead
from parkops.attraction.tests.factories import lead
from parkops.conftest import client_for
from parkops.core.uscc import complete_uscc
from parkops.registry.models import Enterprise, EnterpriseYear, SmallPark

pytestmark = pytest.mark.django_db
D = Decimal
REASON = "计算{}年联合招商奖励（规则 incentive-default-2026）"


def _landed(
    user: User, name: str, n: int, on: date, park: SmallPark, taxes: dict[int, str], **data: object
) -> Lead:
    """A lead registered on `on` in `park`, with its enterprise's tax per year (set directly:
    the stages are the services' tests' business)."""
    data.setdefault("pipeline_type", "joint")
    item = lead(user, company_name=name, **data)
    enterprise = Enterprise.objects.create(
        name=name, uscc=complete_uscc(f"91310116MA1Y000{n}"), small_park=park
    )
    Lead.objects.filter(pk=item.pk).update(stage="landed", landed_on=on, enterprise=enterprise)
    for year, tax in taxes.items():
        EnterpriseYear.objects.create(enterprise=enterprise, year=year, tax=D(tax))
    return Lead.objects.get(pk=item.pk)


def _ledger(year: int) -> dict[tuple[str, str], Decimal]:
    return {
        (e.lead.company_name, e.kind): e.amount_wan
        for e in IncentiveEntry.objects.filter(year=year).select_related("lead")
    }


@pytest.fixture
def world(alice: User, ailiu: SmallPark, changning: SmallPark) -> dict[str, Lead]:
    return {
        # 矮柳's own joint lead, landed in 2023: 5 万元 then 5% of its tax for 2023–2025.
        "own": _landed(alice, "甲联合招商有限公司", 1, date(2023, 6, 1), ailiu,
                       {2023: "100", 2024: "250", 2025: "333.33", 2026: "400"},
                       owner_park=ailiu),
        # Not a joint lead: earns nothing.
        "new": _landed(alice, "乙新引进有限公司", 2, date(2024, 3, 1), ailiu, {2024: "500"},
                       owner_park=ailiu, pipeline_type="new"),
        # The office's lead offered to both parks, registered in 长宁: 长宁 earns.
        "offered": _landed(alice, "丙共享有限公司", 3, date(2025, 1, 10), changning,
                           {2025: "80"}, offered_to=[ailiu, changning]),
        # Offered to 矮柳 but registered in 长宁, which it was not offered to: nobody earns.
        "elsewhere": _landed(alice, "丁他处有限公司", 4, date(2025, 2, 1), changning,
                             {2025: "90"}, offered_to=[ailiu]),
    }  # fmt: skip


def test_it_computes_each_year_by_hand_counting_the_nth_year_and_not_the_next(
    alice: User, world: dict[str, Lead]
) -> None:
    for year in (2023, 2024, 2025, 2026):
        incentive_ledger_compute(user=alice, year=year)
    assert _ledger(2023) == {("甲联合招商有限公司", "landed"): D("5.00"),
                             ("甲联合招商有限公司", "tax"): D("5.00")}  # fmt: skip
    assert _ledger(2024) == {("甲联合招商有限公司", "tax"): D("12.50")}  # 250 × 0.05
    assert _ledger(2025) == {
        ("甲联合招商有限公司", "tax"): D("16.67"),  # year 3 of 3: 333.33 × 0.05 = 16.6665
        ("丙共享有限公司", "landed"): D("5.00"),
        ("丙共享有限公司", "tax"): D("4.00"),  # 80 × 0.05
    }
    assert _ledger(2026) == {}  # year 4 of 3 for 甲, though its tax is reported
    third = IncentiveEntry.objects.get(year=2025, lead=world["own"], kind="tax")
    assert third.evidence == "落地第 3 年（共 3 年）：税收 333.33 万元 × 0.05 = 16.67 万元"
    assert third.small_park.name == "矮柳"
    assert IncentiveEntry.objects.get(year=2025, lead=world["offered"], kind="landed").small_park \
        .name == "长宁"  # fmt: skip


def test_recomputing_a_year_is_idempotent_keeps_history_and_records_the_rule_version(
    alice: User, world: dict[str, Lead]
) -> None:
    incentive_ledger_compute(user=alice, year=2023)
    first = incentive_ledger_compute(user=alice, year=2024)
    assert (first.added, first.changed, first.removed, first.kept) == (1, 0, 0, 0)
    again = incentive_ledger_compute(user=alice, year=2024)
    assert (again.added, again.changed, again.removed, again.kept) == (0, 0, 0, 1)
    entry = IncentiveEntry.objects.get(year=2024)
    assert entry.history.count() == 1
    assert entry.history.get().history_change_reason == REASON.format(2024)

    EnterpriseYear.objects.filter(enterprise=world["own"].enterprise, year=2024).update(tax=D(300))
    changed = incentive_ledger_compute(user=alice, year=2024)
    assert (changed.changed, changed.kept) == (1, 0)
    entry.refresh_from_db()
    assert entry.amount_wan == D("15.00")
    assert [h.amount_wan for h in entry.history.order_by("history_id")] == [D("12.50"), D("15.00")]

    old = IncentiveRuleSet.objects.get(is_default=True)
    old.tax_years = 5
    with pytest.raises(ValidationError) as frozen:
        old.full_clean()
    assert frozen.value.messages == ["该奖励规则版本已用于台账计算，不能修改；请新建一个版本"]
    IncentiveRuleSet.objects.filter(pk=old.pk).update(is_default=False)
    new = IncentiveRuleSet.objects.create(
        version="scheme-2027", label="联合招商方案", is_default=True,
        landed_reward_wan=D(8), tax_reward_per_wan=D("0.1"), tax_years=1,
    )  # fmt: skip
    renewed = incentive_ledger_compute(user=alice, year=2024)
    assert (renewed.version, renewed.removed) == ("scheme-2027", 1)  # year 2 of 1: removed
    assert IncentiveEntry.objects.filter(year=2024).count() == 0
    deleted = entry.history.order_by("history_id").last()
    assert deleted is not None
    assert deleted.history_type == "-"
    assert deleted.history_change_reason == "计算2024年联合招商奖励（规则 scheme-2027）：不再计奖"
    # The other year keeps what it was computed with until it is computed again.
    assert set(IncentiveEntry.objects.filter(year=2023).values_list("rule_set", flat=True)) == {
        old.pk
    }
    incentive_ledger_compute(user=alice, year=2023)
    assert _ledger(2023) == {("甲联合招商有限公司", "landed"): D("8.00"),
                             ("甲联合招商有限公司", "tax"): D("10.00")}  # fmt: skip
    assert set(IncentiveEntry.objects.values_list("rule_set", flat=True)) == {new.pk}


def test_only_the_park_office_computes_and_a_year_must_be_sensible(
    alice: User, olga: User, lena: User, world: dict[str, Lead]
) -> None:
    for user in (olga, lena):
        with pytest.raises(PermissionDenied):
            incentive_ledger_compute(user=user, year=2024)
    with pytest.raises(ValidationError) as future:
        incentive_ledger_compute(user=alice, year=timezone.localdate().year + 1)
    assert future.value.message_dict == {"year": ["年度须在 2000 年至今年之间"]}
    client = client_for(alice)
    for bad in ("abc", "2999", str(timezone.localdate().year + 1)):
        page = client.post("/attraction/incentives/compute/", {"year": bad}, follow=True)
        assert page.status_code == 200
        assert ("请填写有效的计算年度（2000—2100）" in page.content.decode()
                or "年度须在 2000 年至今年之间" in page.content.decode())  # fmt: skip
    assert IncentiveEntry.objects.count() == 0
    done = client.post("/attraction/incentives/compute/", {"year": "2025"}, follow=True)
    assert (
        "已按规则 incentive-default-2026 计算 2025 年：新增 3 条，更新 0 条，删除 0 条，未变 0 条"
        in (done.content.decode())
    )
    assert client_for(olga).post("/attraction/incentives/compute/", {"year": "2025"}).status_code \
        == 403  # fmt: skip
    assert client.get("/attraction/incentives/?year=abc").status_code == 200


def _sheet(content: bytes) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    header = next(i for i, r in enumerate(rows) if r and r[0] == "年度")
    return rows[header:]


def test_the_office_sees_every_park_an_owner_his_own_and_others_are_refused(
    alice: User, olga: User, lena: User, rob: User, dora: User, world: dict[str, Lead]
) -> None:
    for year in (2023, 2024, 2025):
        incentive_ledger_compute(user=alice, year=year)
    office = client_for(alice).get("/attraction/incentives/").content.decode()
    assert "丙共享有限公司" in office
    assert "甲联合招商有限公司" in office
    assert 'id="incentive-compute"' in office
    owner = client_for(olga).get("/attraction/incentives/").content.decode()
    assert "甲联合招商有限公司" in owner
    assert "丙共享有限公司" not in owner
    assert "长宁" not in owner
    assert 'id="incentive-compute"' not in owner
    for other in (lena, rob, dora):
        for url in ("/attraction/incentives/", "/attraction/incentives/export.xlsx",
                    "/attraction/incentives/totals.xlsx"):  # fmt: skip
            assert client_for(other).get(url).status_code == 403
    totals = _sheet(client_for(alice).get("/attraction/incentives/totals.xlsx").content)
    assert totals == [
        [
            "年度",
            "小园区",
            "落地项目（个）",
            "落地奖励（万元）",
            "税收奖励（万元）",
            "合计（万元）",
        ],
        [2025, "矮柳", 0, 0, 16.67, 16.67],
        [2025, "长宁", 1, 5, 4, 9],
        [2024, "矮柳", 0, 0, 12.5, 12.5],
        [2023, "矮柳", 1, 5, 5, 10],
    ]
    mine = _sheet(client_for(olga).get("/attraction/incentives/export.xlsx?year=2025").content)
    assert [r[:6] for r in mine[1:]] == [
        [2025, "矮柳", "甲联合招商有限公司", "税收贡献奖励", 333.33, 16.67]
    ]
    partial = (
        client_for(alice)
        .get("/attraction/incentives/?year=2025&kind=tax", HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'href="/attraction/incentives/export.xlsx?year=2025&amp;kind=tax"' in partial
    assert "<html" not in partial
    board = client_for(olga).get("/attraction/").content.decode()
    assert "2025 年合计 16.67 万元" in board
    assert "奖励台账" not in client_for(lena).get("/attraction/").content.decode()


def test_landing_records_the_date_the_incentives_count_from(alice: User) -> None:
    today = timezone.localdate()
    item = lead(alice, uscc=complete_uscc("91310116MA1Y0009"), pipeline_type="joint",
                planned_start_on=today + timedelta(days=30),
                planned_production_on=today + timedelta(days=200),
                planned_full_on=today + timedelta(days=400))  # fmt: skip
    item = services.lead_advance(user=alice, lead=item, on=today)
    screening = services.screening_run(user=alice, lead=item)
    services.screening_decide(user=alice, screening=screening, decision="admit", note="同意")
    item = services.lead_advance(user=alice, lead=item, on=today)
    assert item.landed_on is None
    landed_on = today - timedelta(days=3)
    item = services.lead_advance(user=alice, lead=item, on=landed_on)
    assert (item.stage, item.landed_on) == ("landed", landed_on)
