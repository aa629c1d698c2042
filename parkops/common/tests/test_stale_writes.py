"""Two people edit the same record: the second save, based on what the first one replaced, is
refused with what the first person changed, and writes nothing. The same for forms and API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from parkops.accounts.roles import Role
from parkops.common.tests.browserform import form_data
from parkops.conftest import _user, client_for
from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def bob(db: None) -> User:
    """A second person in the park office."""
    return _user("bob", {Role.PARK_OFFICE})


def _when(record: Enterprise | EnterpriseYear) -> str:
    latest = record.history.first()  # type: ignore[union-attr]
    return timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M:%S")


def test_a_stale_enterprise_form_is_refused_naming_the_other_change(alice: User, bob: User) -> None:
    firm = EnterpriseFactory(address="金轩路 8 号", production_started_on=date(2016, 11, 24))
    url = reverse("registry:enterprise_edit", args=[firm.pk])
    mine, theirs = client_for(alice), client_for(bob)
    my_form = form_data(mine.get(url).content.decode())
    their_form = form_data(theirs.get(url).content.decode())
    assert theirs.post(url, {**their_form, "address": "月工路 1 号"}).status_code == 302
    firm.refresh_from_db()
    response = mine.post(url, {**my_form, "note": "我的备注"})
    assert response.status_code == 200
    expected = (
        f"此记录在您打开后已被他人修改，本次未保存。bob 于 {_when(firm)} 修改了 "
        "地址：金轩路 8 号 → 月工路 1 号。请刷新页面，在最新数据上重新修改。"
    )
    assert expected in response.content.decode()
    stored = Enterprise.objects.get(pk=firm.pk)
    assert (stored.address, stored.note) == ("月工路 1 号", "")
    assert stored.history.count() == 2


def test_a_stale_year_form_is_refused_and_writes_nothing(alice: User, bob: User) -> None:
    year = EnterpriseYearFactory()
    url = reverse("registry:year_edit", args=[year.enterprise_id, 2025])
    mine, theirs = client_for(alice), client_for(bob)
    my_form = form_data(mine.get(url).content.decode())
    their_form = form_data(theirs.get(url).content.decode())
    changed = {**their_form, "tax": "180", "reason": "税务局更正"}
    assert theirs.post(url, changed).status_code == 302
    response = mine.post(url, {**my_form, "revenue": "2600", "reason": "核对"})
    assert response.status_code == 200
    assert "修改了 税收（万元）：150.00 → 180.00" in response.content.decode()
    stored = EnterpriseYear.objects.get(pk=year.pk)
    assert (stored.revenue, stored.tax) == (Decimal("2500.00"), Decimal("180.00"))
    assert stored.history.count() == 2


def test_a_stale_api_patch_answers_409_naming_the_other_change(alice: User, bob: User) -> None:
    firm = EnterpriseFactory(address="金轩路 8 号")
    url = f"/api/enterprises/{firm.pk}"
    based_on = client_for(alice).get(url).json()["version"]
    first = client_for(bob).patch(
        url, {"address": "月工路 1 号", "version": based_on}, content_type=JSON
    )
    assert first.status_code == 200
    firm.refresh_from_db()
    stale = client_for(alice).patch(
        url, {"name": "改名有限公司", "version": based_on}, content_type=JSON
    )
    assert stale.status_code == 409
    assert stale.json()["errors"] == {
        "version": [
            f"此记录在您打开后已被他人修改，本次未保存。bob 于 {_when(firm)} 修改了 "
            "地址：金轩路 8 号 → 月工路 1 号。请刷新页面，在最新数据上重新修改。"
        ]
    }
    by_header = client_for(alice).patch(
        url, {"name": "改名有限公司"}, content_type=JSON, headers={"If-Match": f'"{based_on}"'}
    )
    assert by_header.status_code == 409
    assert Enterprise.objects.get(pk=firm.pk).name == firm.name
    current = first.json()["version"]
    fresh = client_for(alice).patch(
        url, {"name": "改名有限公司", "version": current}, content_type=JSON
    )
    assert fresh.status_code == 200
    assert Enterprise.objects.get(pk=firm.pk).name == "改名有限公司"


def test_a_stale_year_put_answers_409(alice: User, bob: User) -> None:
    from parkops.registry.tests.test_api import BLANK_YEAR

    year = EnterpriseYearFactory()
    url = f"/api/enterprises/{year.enterprise_id}/years/2025"
    based_on = (
        client_for(alice).get(f"/api/enterprises/{year.enterprise_id}/years").json()[0]["version"]
    )
    patched = client_for(bob).patch(
        url, {"tax": "180", "reason": "更正", "version": based_on}, content_type=JSON
    )
    assert patched.status_code == 200
    body = {**BLANK_YEAR, "revenue": "2500", "tax": "150", "reason": "核对", "version": based_on}
    stale = client_for(alice).put(url, body, content_type=JSON)
    assert stale.status_code == 409
    assert "修改了 税收（万元）：150.00 → 180.00" in stale.json()["detail"]
    assert EnterpriseYear.objects.get(pk=year.pk).tax == Decimal("180.00")


def test_a_stale_land_action_patch_answers_409(alice: User, bob: User) -> None:
    from parkops.common.versioning import version_of
    from parkops.land.models import LandAction
    from parkops.land.tests.factories import LandActionFactory

    action = LandActionFactory()
    based_on = version_of(action)
    url = f"/api/land/actions/{action.pk}"
    first = client_for(bob).patch(
        url, {"planned_year": 2026, "reason": "推迟", "version": based_on}, content_type=JSON
    )
    assert first.status_code == 200
    stale = client_for(alice).patch(
        url, {"note": "我的备注", "reason": "补充", "version": based_on}, content_type=JSON
    )
    assert stale.status_code == 409
    assert "修改了 计划时间（年）：2025 → 2026" in stale.json()["detail"]
    assert LandAction.objects.get(pk=action.pk).note == ""
    assert first.json()["version"] == version_of(LandAction.objects.get(pk=action.pk))


def test_a_stale_manual_indicator_value_answers_409(alice: User, bob: User) -> None:
    from parkops.indicators.models import ManualValue
    from parkops.indicators.services import indicators_plan_load

    indicators_plan_load()
    url = "/api/indicators/2/2024/manual"
    body = {"value": "10", "reason": "统计局口径"}
    assert client_for(bob).put(url, body, content_type=JSON).status_code == 200
    based_on = client_for(alice).get("/api/indicators/2").json()["years"][0]["manual_version"]
    changed = {"value": "12", "reason": "复核", "version": based_on}
    assert client_for(bob).put(url, changed, content_type=JSON).status_code == 200
    stale = client_for(alice).put(
        url, {"value": "11", "reason": "我的口径", "version": based_on}, content_type=JSON
    )
    assert stale.status_code == 409
    assert ManualValue.objects.get().value == Decimal("12.00")


def test_a_scheme_saved_from_a_stale_page_is_refused_naming_the_newer_version(
    alice: User, bob: User
) -> None:
    import json

    from parkops.evaluation.models import SchemeVersion
    from parkops.evaluation.services import scheme_default

    version = scheme_default()
    url = reverse("evaluation:scheme_edit", args=[version.pk])
    mine, theirs = client_for(alice), client_for(bob)
    my_form = form_data(mine.get(url).content.decode(), form_id="scheme-form")
    their_form = form_data(theirs.get(url).content.decode(), form_id="scheme-form")
    theirs_edit = json.dumps({**version.definition, "floor_m2_per_mu": 2500.0})
    saved = theirs.post(
        url, {**their_form, "definition": theirs_edit, "note": "区里口径", "save": "1"}
    )
    assert saved.status_code == 302
    newer = SchemeVersion.objects.get(number=2)
    mine_edit = json.dumps({**version.definition, "floor_m2_per_mu": 3000.0})
    refused = mine.post(url, {**my_form, "definition": mine_edit, "save": "1"})
    assert refused.status_code == 200
    when = timezone.localtime(newer.created_at).strftime("%Y-%m-%d %H:%M:%S")
    assert (
        f"此方案在您打开后已有新版本，本次未保存。bob 于 {when} 保存了第 2 版（区里口径）。"
        "请打开最新版本重新修改。"
    ) in refused.content.decode()
    assert SchemeVersion.objects.count() == 2


def test_an_api_change_to_a_stored_record_without_its_version_is_refused_428(alice: User) -> None:
    from parkops.indicators.models import ManualValue
    from parkops.indicators.services import indicators_plan_load
    from parkops.land.models import LandAction
    from parkops.land.tests.factories import LandActionFactory
    from parkops.registry.tests.test_api import BLANK_YEAR

    year = EnterpriseYearFactory(tax=Decimal(150))
    action = LandActionFactory()
    indicators_plan_load()
    client = client_for(alice)
    assert (
        client.put(
            "/api/indicators/2/2024/manual", {"value": "10", "reason": "口径"}, content_type=JSON
        ).status_code
        == 200
    )  # fmt: skip  (a new value: no version)
    writes = [
        ("patch", f"/api/enterprises/{year.enterprise_id}", {"address": "月工路 1 号"}),
        ("patch", f"/api/enterprises/{year.enterprise_id}/years/2025", {"tax": "1", "reason": "r"}),
        ("put", f"/api/enterprises/{year.enterprise_id}/years/2025",
         {**BLANK_YEAR, "tax": "1", "reason": "r"}),
        ("patch", f"/api/land/actions/{action.pk}", {"note": "n", "reason": "r"}),
        ("put", "/api/indicators/2/2024/manual", {"value": "12", "reason": "复核"}),
    ]  # fmt: skip
    for method, url, body in writes:
        response = getattr(client, method)(url, body, content_type=JSON)
        assert response.status_code == 428, url
        assert response.json()["detail"] == (
            "修改已有记录须给出所依据的版本：请求体中的 version，或 If-Match 头"
            "（取自读取该记录时返回的 version）"
        )
    assert EnterpriseYear.objects.get(pk=year.pk).tax == Decimal("150.00")
    assert LandAction.objects.get(pk=action.pk).note == ""
    assert ManualValue.objects.get().value == Decimal("10.00")
