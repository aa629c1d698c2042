"""The pipeline's rules: duplicates, scoping, stages, decisions, landing into the registry and the
key projects, stale flags, and the memo."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from parkops.attraction import selectors, services
from parkops.attraction.memo import memo_docx
from parkops.attraction.models import Lead, LostReason, VetoItem, VetoList
from parkops.attraction.tests.factories import lead
from parkops.common.docx import document_text
from parkops.common.versioning import version_of
from parkops.conftest import client_for
from parkops.core.uscc import complete_uscc
from parkops.execution.choices import Milestone
from parkops.registry.models import Enterprise, SmallPark

pytestmark = pytest.mark.django_db
USCC = complete_uscc("91310116MA1X0001")


def test_it_refuses_a_duplicate_by_normalised_name_or_uscc(alice: User) -> None:
    lead(alice, company_name="上海 甲乙科技股份有限公司", uscc=USCC)
    with pytest.raises(ValidationError) as name:
        lead(alice, company_name="甲乙科技（上海）有限公司")
    assert name.value.message_dict["company_name"] == [
        "已有相同企业的线索：上海 甲乙科技股份有限公司（线索）"
    ]
    with pytest.raises(ValidationError) as code:
        lead(alice, company_name="完全不同有限公司", uscc=USCC)
    assert "uscc" in code.value.message_dict
    assert Lead.objects.count() == 1


def test_a_duplicate_outside_the_owners_scope_is_not_named(
    alice: User, olga: User, changning: SmallPark
) -> None:
    lead(alice, company_name="上海隐秘材料有限公司", owner_park=changning)
    with pytest.raises(ValidationError) as error:
        lead(olga, company_name="隐秘材料有限公司", owner_park=SmallPark.objects.get(name="矮柳"))
    assert error.value.message_dict["company_name"] == [
        "已有相同企业的线索，由园区办或其他小园区跟进；请联系园区办"
    ]


def test_an_owner_sees_and_works_only_its_parks_and_offered_leads(
    alice: User, olga: User, ailiu: SmallPark, changning: SmallPark, lena: User, rob: User
) -> None:
    own = lead(olga, company_name="本园线索有限公司", owner_park=ailiu)
    offered = lead(alice, company_name="共享线索有限公司", owner_park=changning,
                   offered_to=[ailiu])  # fmt: skip
    other = lead(alice, company_name="他园线索有限公司", owner_park=changning)
    office = lead(alice, company_name="园区办线索有限公司")
    assert set(selectors.leads_visible_to(olga)) == {own, offered}
    assert set(selectors.leads_visible_to(lena)) == {own, offered, other, office}
    assert list(selectors.leads_visible_to(rob)) == []
    assert selectors.can_work(olga, offered)
    assert not selectors.can_work(lena, own)
    with pytest.raises(ValidationError) as error:
        lead(olga, company_name="越权线索有限公司", owner_park=changning)
    assert error.value.message_dict["owner_park"] == ["只能为本人的小园区登记线索"]
    assert client_for(olga).get(other.get_absolute_url()).status_code == 404
    assert client_for(olga).get(offered.get_absolute_url()).status_code == 200
    # The offered lead's owning park is not the owner's to see: not named.
    assert "长宁" not in client_for(olga).get(offered.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        services.lead_note(user=lena, lead=own, text="领导不跟进")


def test_signing_needs_an_admission_decision_by_the_park_office(
    alice: User, olga: User, ailiu: SmallPark
) -> None:
    item = lead(olga, owner_park=ailiu)
    today = timezone.localdate()
    item = services.lead_advance(user=olga, lead=item, on=today)
    assert item.stage == "talks"
    with pytest.raises(ValidationError) as owner:
        services.lead_advance(user=olga, lead=item, on=today)
    assert owner.value.messages == ["签约及注册落地由园区办办理"]
    with pytest.raises(ValidationError) as undecided:
        services.lead_advance(user=alice, lead=item, on=today)
    assert undecided.value.messages == ["签约前须经准入审查并作出“同意准入”的决定"]


def test_a_vetoed_project_cannot_be_admitted_and_a_threshold_failure_needs_a_reason(
    alice: User,
) -> None:
    item = lead(alice, tax_wan=Decimal(200))  # 200 / (20000 ÷ 2000 = 10 亩) = 20 < 30
    screening = services.screening_run(user=alice, lead=item)
    failed = [r for r in screening.results if r["outcome"] == "fail"]
    assert [r["key"] for r in failed] == ["threshold:tax_per_mu"]
    assert failed[0]["evidence"] == (
        "达产税收 200.00 万元 ÷ 10.00 亩 = 20.00 万元/亩；要求 ≥ 30.00 万元/亩"
    )
    with pytest.raises(ValidationError) as error:
        services.screening_decide(user=alice, screening=screening, decision="admit")
    assert error.value.message_dict["note"] == [
        "有不符合的准入指标（亩均税收（达产）），同意准入须说明理由"
    ]
    rule_set = screening.rule_set
    veto = VetoList.objects.create(rule_set=rule_set, kind="environment", source="金山区目录")
    VetoItem.objects.create(veto_list=veto, code="C27")
    vetoed = services.screening_run(user=alice, lead=item)
    with pytest.raises(ValidationError) as refused:
        services.screening_decide(user=alice, screening=vetoed, decision="admit", note="重点项目")
    assert refused.value.messages == ["项目命中否决清单，不能同意准入：区环保限制严格准入目录"]


def _signed(alice: User, **data: object) -> Lead:
    today = timezone.localdate()
    item = lead(alice, uscc=USCC, planned_start_on=today + timedelta(days=30),
                planned_production_on=today + timedelta(days=200),
                planned_full_on=today + timedelta(days=400), **data)  # fmt: skip
    item = services.lead_advance(user=alice, lead=item, on=today)
    screening = services.screening_run(user=alice, lead=item)
    services.screening_decide(user=alice, screening=screening, decision="admit", note="同意")
    return services.lead_advance(user=alice, lead=item, on=today)


def test_landing_registers_the_enterprise_and_opens_a_key_project(
    alice: User, ailiu: SmallPark
) -> None:
    item = _signed(alice, owner_park=ailiu)
    assert item.stage == "signed"
    today = timezone.localdate()
    item = services.lead_advance(user=alice, lead=item, on=today)
    enterprise = Enterprise.objects.get(uscc=USCC)
    assert (enterprise.name, enterprise.small_park, enterprise.industry_code) == (
        "上海测试生物科技有限公司", ailiu, "C2710",
    )  # fmt: skip
    assert item.enterprise == enterprise
    assert item.key_project is not None
    targets = dict(item.key_project.milestones.values_list("kind", "target_date"))
    assert targets == {
        Milestone.START: item.planned_start_on,
        Milestone.PRODUCTION: item.planned_production_on,
        Milestone.FULL_PRODUCTION: item.planned_full_on,
    }
    item = services.lead_advance(user=alice, lead=item, on=today)
    assert item.stage == "started"
    assert item.key_project.milestones.get(kind=Milestone.START).achieved_on == today


def test_landing_links_the_enterprise_already_registered(alice: User) -> None:
    existing = Enterprise.objects.create(name="老企业有限公司", uscc=USCC)
    item = _signed(alice, pipeline_type="expansion")
    item = services.lead_advance(user=alice, lead=item, on=timezone.localdate())
    assert item.enterprise == existing
    assert Enterprise.objects.count() == 1


def test_landing_without_the_uscc_and_dates_is_refused_naming_them(alice: User) -> None:
    item = lead(alice)
    item.stage = "signed"
    item.save()
    with pytest.raises(ValidationError) as error:
        services.lead_advance(user=alice, lead=item, on=timezone.localdate())
    assert error.value.messages == [
        "注册落地前须填写：统一社会信用代码、计划开工日期、计划投产日期、计划达产日期"
    ]
    assert Enterprise.objects.count() == 0


def test_a_stale_edit_is_refused(alice: User) -> None:
    item = lead(alice)
    old = version_of(item)
    services.lead_update(user=alice, lead=item, data={"next_action": "签约谈判"}, reason="更新")
    with pytest.raises(ValidationError) as error:
        services.lead_update(
            user=alice, lead=Lead.objects.get(pk=item.pk), data={"next_action": "另一人改"},
            version=old,
        )  # fmt: skip
    assert "此记录在您打开后已被他人修改" in error.value.messages[0]


def test_a_lead_without_activity_is_flagged_stale_after_the_configured_days(
    alice: User, settings: object
) -> None:
    item = lead(alice)
    assert not selectors.is_stale(item)
    Lead.objects.filter(pk=item.pk).update(last_activity_at=timezone.now() - timedelta(days=31))
    item.refresh_from_db()
    assert selectors.is_stale(item)
    assert selectors.board(user=alice)[0].stale == 1
    settings.PARKOPS_ATTRACTION_STALE_DAYS = 40  # type: ignore[attr-defined]
    assert not selectors.is_stale(item)
    services.lead_note(user=alice, lead=item, text="电话跟进")
    item.refresh_from_db()
    settings.PARKOPS_ATTRACTION_STALE_DAYS = 30  # type: ignore[attr-defined]
    assert not selectors.is_stale(item)


def test_the_board_sums_by_stage_without_lost_leads(alice: User) -> None:
    lead(alice, company_name="甲有限公司", investment_wan=Decimal(100), tax_wan=Decimal(10))
    lead(alice, company_name="乙有限公司", investment_wan=Decimal(250), tax_wan=Decimal(5))
    lost = lead(alice, company_name="丙有限公司", investment_wan=Decimal(999))
    services.lead_lose(user=alice, lead=lost, reason=LostReason.objects.get(code="elsewhere"))
    first = selectors.board(user=alice)[0]
    assert (first.count, first.investment_wan, first.tax_wan) == (2, Decimal(350), Decimal(15))


def test_the_memo_carries_every_rule_and_is_the_same_twice(alice: User) -> None:
    item = lead(alice, tax_wan=Decimal(200))
    screening = services.screening_run(user=alice, lead=item)
    first, second = memo_docx(screening), memo_docx(screening)
    text = document_text(first)
    assert text == document_text(second)
    for result in screening.results:
        assert result["label"] in text
        assert result["evidence"] in text
    assert "默认（参考公开实践，待替换为区级文件）" in text
