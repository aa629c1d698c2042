"""Voiding a veto event: the park office alone, with a reason, on the page and the API; a voided
event stays on record and no longer counts in a new run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from parkops.common.versioning import StaleVersion, record_save, version_of
from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.choices import IncidentGrade, VetoKind
from parkops.evaluation.models import VetoEvent
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.registry.models import Enterprise

pytestmark = pytest.mark.django_db


def _accident(enterprise: Enterprise | None = None) -> VetoEvent:
    return services.veto_event_create(
        data={
            "enterprise": enterprise or enterprise_with_year(),
            "kind": VetoKind.SAFETY_ACCIDENT,
            "grade": IncidentGrade.LARGER,
            "occurred_on": date(2025, 5, 1),
        }
    )


def _edited_by_someone_else(event: VetoEvent) -> None:
    other = VetoEvent.objects.get(pk=event.pk)
    other.source = "安监 2025-9"
    record_save(other, reason="更正文号")


def test_it_voids_with_the_reason_in_the_history() -> None:
    event = _accident()
    services.veto_event_void(event=event, reason=" 经复核非企业责任 ", version=version_of(event))
    event.refresh_from_db()
    assert event.is_void is True
    assert event.history.latest().history_change_reason == "经复核非企业责任"
    assert event.history.count() == 2


def test_it_refuses_without_a_reason_twice_and_on_a_stale_version() -> None:
    event = _accident()
    with pytest.raises(ValidationError) as blank:
        services.veto_event_void(event=event, reason="  ")
    assert blank.value.message_dict == {"reason": ["请说明撤销原因"]}
    seen = version_of(event)
    _edited_by_someone_else(event)
    with pytest.raises(StaleVersion):
        services.veto_event_void(event=event, reason="复核", version=seen)
    assert VetoEvent.objects.get(pk=event.pk).is_void is False
    services.veto_event_void(event=event, reason="复核")
    with pytest.raises(ValidationError) as again:
        services.veto_event_void(event=event, reason="再次撤销")
    assert again.value.messages == ["该否决事件已撤销"]
    assert event.history.count() == 3  # created, edited, voided: the refusals wrote nothing


def test_a_voided_veto_no_longer_counts_in_a_new_run() -> None:
    leader = enterprise_with_year(tax=Decimal("600"))
    for _ in range(4):
        enterprise_with_year(tax=Decimal("50"))
    event = _accident(leader)
    before = services.run_create(year=2025).results.get(enterprise=leader)
    assert (before.class_before_veto, before.evaluation_class) == ("A", "D")
    services.veto_event_void(event=event, reason="经复核撤销")
    after = services.run_create(year=2025).results.get(enterprise=leader)
    assert (after.class_before_veto, after.evaluation_class) == ("A", "A")
    assert after.veto_reasons == []
    before.refresh_from_db()  # the earlier run keeps what it read
    assert before.evaluation_class == "D"


def test_the_park_office_voids_on_the_page(alice: User) -> None:
    event = _accident()
    client = client_for(alice)
    page = client.get(f"/evaluation/veto-events/{event.pk}/")
    assert page.status_code == 200
    assert 'id="veto-void-form"' in page.content.decode()
    listed = client.get("/evaluation/veto-events/").content.decode()
    assert f'href="/evaluation/veto-events/{event.pk}/"' in listed
    blank = client.post(
        f"/evaluation/veto-events/{event.pk}/", {"reason": "", "version": version_of(event)}
    )
    assert blank.status_code == 200
    assert VetoEvent.objects.get(pk=event.pk).is_void is False
    done = client.post(
        f"/evaluation/veto-events/{event.pk}/", {"reason": "复核撤销", "version": version_of(event)}
    )
    assert done["Location"] == f"/evaluation/veto-events/{event.pk}/"
    shown = client.get(f"/evaluation/veto-events/{event.pk}/").content.decode()
    assert "复核撤销" in shown  # the reason, in the history
    assert 'id="veto-void-form"' not in shown


def test_the_page_refuses_a_stale_void_with_409(alice: User) -> None:
    event = _accident()
    seen = version_of(event)
    _edited_by_someone_else(event)
    response = client_for(alice).post(
        f"/evaluation/veto-events/{event.pk}/", {"reason": "复核", "version": seen}
    )
    assert response.status_code == 409
    assert "此记录在您打开后已被他人修改，本次未保存" in response.content.decode()
    assert VetoEvent.objects.get(pk=event.pk).is_void is False


def test_other_roles_cannot_void(lena: User, dora: User, rob: User) -> None:
    event = _accident()
    for user in (lena, dora):
        client = client_for(user)
        page = client.get(f"/evaluation/veto-events/{event.pk}/")
        assert page.status_code == 200
        assert 'id="veto-void-form"' not in page.content.decode()
        posted = client.post(f"/evaluation/veto-events/{event.pk}/", {"reason": "x"})
        assert posted.status_code == 403
        api = client.post(
            f"/api/evaluation/veto-events/{event.pk}/void",
            {"reason": "x", "version": version_of(event)},
            content_type="application/json",
        )
        assert api.status_code == 403
    # The road chief's road does not hold the enterprise: the event is not his to see.
    assert client_for(rob).get(f"/evaluation/veto-events/{event.pk}/").status_code == 404
    assert VetoEvent.objects.get(pk=event.pk).is_void is False


def test_the_api_voids_with_a_version(alice: User) -> None:
    event = _accident()
    client = client_for(alice)
    url = f"/api/evaluation/veto-events/{event.pk}/void"
    read = client.get(f"/api/evaluation/veto-events/{event.pk}").json()
    assert read["version"] == version_of(event)
    unversioned = client.post(url, {"reason": "复核"}, content_type="application/json")
    assert unversioned.status_code == 428
    blank = client.post(
        url, {"reason": " ", "version": read["version"]}, content_type="application/json"
    )
    assert (blank.status_code, blank.json()["errors"]) == (422, {"reason": ["请说明撤销原因"]})
    _edited_by_someone_else(event)
    stale = client.post(
        url, {"reason": "复核", "version": read["version"]}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("此记录在您打开后已被他人修改，本次未保存")
    fresh = client.get(f"/api/evaluation/veto-events/{event.pk}").json()["version"]
    done = client.post(url, {"reason": "复核撤销"}, content_type="application/json",
                       headers={"If-Match": f'"{fresh}"'})  # fmt: skip
    assert done.status_code == 200
    assert done.json()["is_void"] is True
    again = client.post(
        url, {"reason": "再撤", "version": done.json()["version"]}, content_type="application/json"
    )
    assert (again.status_code, again.json()["detail"]) == (422, "数据有误，未保存")
    assert again.json()["errors"] == {"__all__": ["该否决事件已撤销"]}
