"""Commitments after signing (履约): recorded from 签约 on with a reason for a change, compared
with the enterprise's year figures once due, listed and exported, and flagged on other lists."""

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
from parkops.attraction.commitments import commitment_checks, commitment_save, committed_leads
from parkops.attraction.models import Commitment, Lead
from parkops.attraction.tests.factories import lead
from parkops.common.records import enterprise_flags
from parkops.common.versioning import version_of
from parkops.conftest import client_for
from parkops.core.uscc import complete_uscc
from parkops.land.models import ControlListEntry
from parkops.registry.models import EnterpriseYear, SmallPark

pytestmark = pytest.mark.django_db
D = Decimal
TERMS = {
    "signed_on": date(2022, 5, 1), "document": "投资协议 漕招〔2022〕7号",
    "investment_wan": D(3000), "output_wan": D(8000), "tax_wan": D(500),
    "energy_tce": D(300), "jobs": 120,
}  # fmt: skip


def _admitted(user: User, **data: object) -> Lead:
    today = timezone.localdate()
    item = lead(user, planned_start_on=today - timedelta(days=900),
                planned_production_on=today - timedelta(days=800),
                planned_full_on=today - timedelta(days=700), **data)  # fmt: skip
    item = services.lead_advance(user=user, lead=item, on=today)
    screening = services.screening_run(user=user, lead=item)
    services.screening_decide(user=user, screening=screening, decision="admit", note="同意")
    return Lead.objects.get(pk=item.pk)


def _at_full(user: User, reached: date, n: int = 1, **data: object) -> Lead:
    """A signed lead taken through 注册落地 … 达产, 达产 reached on `reached`."""
    item = _admitted(user, uscc=complete_uscc(f"91310116MA1X000{n}"), **data)
    item = services.lead_advance(user=user, lead=item, on=timezone.localdate())  # 签约
    for on in (reached - timedelta(days=300), reached - timedelta(days=100), reached, reached):
        item = services.lead_advance(user=user, lead=item, on=on)
    assert item.stage == "full"
    return item


def _year(item: Lead, year: int, **figures: object) -> None:
    EnterpriseYear.objects.create(enterprise=item.enterprise, year=year, **figures)


def test_a_commitment_is_recorded_from_signing_on_and_changed_only_with_a_reason(
    alice: User, lena: User
) -> None:
    item = _admitted(alice)
    with pytest.raises(ValidationError) as early:
        commitment_save(user=alice, lead=item, data=TERMS)
    assert early.value.messages == ["签约后才能登记履约承诺"]
    item = services.lead_advance(user=alice, lead=item, on=timezone.localdate())
    saved = commitment_save(user=alice, lead=item, data=TERMS)
    assert (saved.tax_wan, saved.jobs) == (D(500), 120)
    assert saved.history.get().history_change_reason == "登记履约承诺"
    opened = version_of(saved)
    with pytest.raises(ValidationError) as unexplained:
        commitment_save(user=alice, lead=item, data={"tax_wan": D(450)})
    assert unexplained.value.message_dict == {"reason": ["修改履约承诺须填写修改原因"]}
    commitment_save(user=alice, lead=item, data={"tax_wan": D(450)}, reason="补充协议调整")
    with pytest.raises(ValidationError) as stale:
        commitment_save(user=alice, lead=item, data={"jobs": 100}, version=opened, reason="改")
    assert "此记录在您打开后已被他人修改" in stale.value.messages[0]
    stored = Commitment.objects.get(lead=item)
    assert (stored.tax_wan, stored.jobs) == (D(450), 120)
    assert stored.history.first().history_change_reason == "补充协议调整"  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as order:
        commitment_save(
            user=alice, lead=item, reason="日期",
            data={"start_on": date(2023, 6, 1), "production_on": date(2023, 1, 1)},
        )  # fmt: skip
    assert order.value.messages == ["承诺投产日期不能早于承诺开工日期"]
    with pytest.raises(PermissionDenied):
        commitment_save(user=lena, lead=item, data={"jobs": 1}, reason="领导")


def test_each_due_year_is_compared_and_an_unreported_year_waits(alice: User) -> None:
    last = timezone.localdate().year - 1
    item = _at_full(alice, date(last - 1, 3, 1))
    commitment_save(user=alice, lead=item, data=TERMS)
    _year(item, last - 1, output_value=D(8000), tax=D(400), energy_tce=D(330), employees=150)
    _year(item, last - 2, tax=D(1))  # before 达产: not compared
    rows = commitment_checks(committed_leads(alice), today=timezone.localdate())
    found = {(r.check.year, r.figure.value): (r.check.actual, r.check.pct, r.status.value)
             for r in rows}  # fmt: skip
    assert found == {
        (last - 1, "output"): (D(8000), D("100.0"), "met"),
        (last - 1, "tax"): (D(400), D("80.0"), "behind"),
        (last - 1, "energy"): (D(330), D("110.0"), "behind"),  # a ceiling
        (last - 1, "jobs"): (D(150), D("125.0"), "met"),
        (last, "output"): (None, None, "pending"),
        (last, "tax"): (None, None, "pending"),
        (last, "energy"): (None, None, "pending"),
        (last, "jobs"): (None, None, "pending"),
    }


def test_a_passed_committed_date_makes_a_project_due_before_it_reports_full_production(
    alice: User,
) -> None:
    last = timezone.localdate().year - 1
    item = _admitted(alice, uscc=complete_uscc("91310116MA1X0009"))
    item = services.lead_advance(user=alice, lead=item, on=timezone.localdate())
    commitment_save(user=alice, lead=item, data={**TERMS, "full_on": date(last, 6, 30)})
    rows = commitment_checks(committed_leads(alice), today=timezone.localdate())
    assert {(r.check.year, r.status.value) for r in rows} == {(last, "pending")}
    commitment_save(user=alice, lead=item, data={"full_on": date(last + 2, 1, 1)}, reason="延期")
    assert commitment_checks(committed_leads(alice), today=timezone.localdate()) == []


def test_the_list_filters_scopes_and_exports_the_same_rows(
    alice: User, olga: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    last = timezone.localdate().year - 1
    own = _at_full(alice, date(last, 3, 1), 1, company_name="矮柳履约有限公司", owner_park=ailiu)
    other = _at_full(alice, date(last, 3, 1), 2, company_name="长宁履约有限公司",
                     owner_park=changning)  # fmt: skip
    for item in (own, other):
        commitment_save(user=alice, lead=item, data=TERMS)
        _year(item, last, output_value=D(6000), tax=D(600))
    client = client_for(alice)
    page = client.get("/attraction/commitments/?status=behind").content.decode()
    assert page.count("未达承诺</span>") == 2  # output of both; tax is above, the rest pending
    assert "75.0" in page
    owner_page = client_for(olga).get("/attraction/commitments/").content.decode()
    assert "矮柳履约有限公司" in owner_page
    assert "长宁履约有限公司" not in owner_page
    partial = client.get(
        "/attraction/commitments/?status=pending&figure=jobs", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'href="/attraction/commitments/export.xlsx?status=pending&amp;figure=jobs"' in partial
    xlsx = client.get("/attraction/commitments/export.xlsx?status=behind&q=矮柳")
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    header = rows.index(next(r for r in rows if r and r[0] == "企业（项目）名称"))
    assert rows[header][:8] == ["企业（项目）名称", "负责", "年度", "指标", "承诺", "实际",
                                "完成（%）", "履约情况"]  # fmt: skip
    assert [r[:8] for r in rows[header + 1 :]] == [
        ["矮柳履约有限公司", "矮柳", last, "年产值（万元）", 8000, 6000, 75, "未达承诺"]
    ]
    assert client.get("/attraction/commitments/?year=abc").status_code == 200
    assert client_for(olga).get(f"/attraction/leads/{other.pk}/commitment/").status_code == 404


def test_an_enterprise_behind_is_flagged_on_the_visit_due_list_and_the_land_control_list(
    alice: User,
) -> None:
    last = timezone.localdate().year - 1
    behind = _at_full(alice, date(last, 3, 1), 1, company_name="落后履约有限公司")
    waiting = _at_full(alice, date(last, 3, 1), 2, company_name="待报履约有限公司")
    for item in (behind, waiting):
        commitment_save(user=alice, lead=item, data=TERMS)
    _year(behind, last, output_value=D(9000), tax=D(250))
    flags = enterprise_flags([behind.enterprise_id, waiting.enterprise_id], timezone.localdate())
    assert flags == {behind.enterprise_id: [f"未履约承诺：{last} 年税收（万元） 50.0%"]}
    due = client_for(alice).get("/visits/due/").content.decode()
    assert f"未履约承诺：{last} 年税收（万元） 50.0%" in due
    ControlListEntry.objects.create(
        kind="low_output", enterprise=behind.enterprise, listed_on=date(last, 1, 1), reason="低效"
    )
    controls = client_for(alice).get("/land/controls/").content.decode()
    assert "未履约承诺" in controls
