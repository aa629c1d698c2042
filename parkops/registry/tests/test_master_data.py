"""A small park's master data and an enterprise's designations, kept in forms on their pages:
the park office edits with a reason, a stale form is refused, the owner reads and cannot edit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from parkops.common.versioning import StaleVersion, version_of
from parkops.conftest import client_for
from parkops.execution.choices import CultivationKind, ListProgress
from parkops.execution.models import CultivationEntry
from parkops.execution.selectors import cultivation_get
from parkops.registry.choices import DesignationKind, DesignationLevel
from parkops.registry.models import Designation, Road, SmallPark
from parkops.registry.services import designation_end, designation_update, smallpark_update
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _form(park: SmallPark, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "owner_name": "上海矮柳实业有限公司",
        "address": "平业路 100 号",
        "road": "",
        "land_mu": "45.6",
        "floor_area_m2": "36000",
        "rentable_floor_m2": "32000",
        "contact_person": "王经理",
        "contact_phone": "021-57231234",
        "note": "",
        "reason": "按业主提供的产证录入",
        "version": version_of(park),
    }
    data.update(changes)
    return data


def test_it_saves_the_master_data_with_its_reason_in_the_history(
    alice: User, olga: User, ailiu: SmallPark, pingye: Road
) -> None:
    response = client_for(alice).post(
        f"/small-parks/{ailiu.pk}/edit/", _form(ailiu, road=pingye.pk, owners=[olga.pk])
    )
    assert response.status_code == 302
    ailiu.refresh_from_db()
    assert (ailiu.owner_name, ailiu.land_mu, ailiu.floor_area_m2, ailiu.rentable_floor_m2) == (
        "上海矮柳实业有限公司", Decimal("45.60"), Decimal("36000.00"), Decimal("32000.00"),
    )  # fmt: skip
    assert (ailiu.contact_person, ailiu.contact_phone, ailiu.road) == (
        "王经理",
        "021-57231234",
        pingye,
    )
    assert ailiu.history.filter(history_change_reason="按业主提供的产证录入").exists()
    page = client_for(olga).get(f"/small-parks/{ailiu.pk}/").content.decode()
    assert "32,000.00" in page
    assert "王经理 · 021-57231234" in page
    assert 'id="owner-accounts">olga<' in page


def test_it_refuses_a_change_without_a_reason(alice: User, ailiu: SmallPark) -> None:
    response = client_for(alice).post(f"/small-parks/{ailiu.pk}/edit/", _form(ailiu, reason=""))
    assert response.status_code == 200
    assert "修改小园区台账须说明修改原因" in response.content.decode()
    ailiu.refresh_from_db()
    assert ailiu.owner_name == ""


def test_it_refuses_a_stale_edit_and_writes_nothing(alice: User, ailiu: SmallPark) -> None:
    opened = version_of(ailiu)
    smallpark_update(small_park=ailiu, data={"contact_person": "李四"}, reason="换人")
    response = client_for(alice).post(
        f"/small-parks/{ailiu.pk}/edit/", _form(ailiu, version=opened)
    )
    assert response.status_code == 200
    assert "此记录在您打开后已被他人修改" in response.content.decode()
    ailiu.refresh_from_db()
    assert (ailiu.contact_person, ailiu.owner_name) == ("李四", "")


def test_a_change_of_the_owners_alone_moves_the_version_on(
    alice: User, olga: User, ailiu: SmallPark
) -> None:
    opened = version_of(ailiu)
    smallpark_update(small_park=ailiu, data={}, owners=[], reason="业主换账号")
    assert list(ailiu.owners.all()) == []
    with pytest.raises(StaleVersion):
        smallpark_update(
            small_park=SmallPark.objects.get(pk=ailiu.pk),
            data={"address": "x"},
            reason="r",
            version=opened,
        )
    with pytest.raises(ValidationError) as refused:
        smallpark_update(small_park=ailiu, data={}, owners=[olga], reason=" ")
    assert refused.value.message_dict == {"reason": ["修改小园区台账须说明修改原因"]}


def test_it_names_the_rules_of_the_master_data_in_chinese(alice: User, ailiu: SmallPark) -> None:
    response = client_for(alice).post(
        f"/small-parks/{ailiu.pk}/edit/",
        _form(ailiu, rentable_floor_m2="40000", contact_phone="打电话"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "可出租面积不能大于厂房建筑面积" in page
    assert "联系电话“打电话”格式有误" in page


def test_the_owner_reads_and_cannot_edit(olga: User, ailiu: SmallPark) -> None:
    client = client_for(olga)
    assert 'id="smallpark-edit"' not in client.get(f"/small-parks/{ailiu.pk}/").content.decode()
    assert client.get(f"/small-parks/{ailiu.pk}/edit/").status_code == 403
    assert client.post(f"/small-parks/{ailiu.pk}/edit/", _form(ailiu)).status_code == 403
    ailiu.refresh_from_db()
    assert ailiu.owner_name == ""


# --- designations ----------------------------------------------------------------------------
def test_a_designation_is_added_and_completes_the_srdi_cultivation_entry(alice: User) -> None:
    enterprise = EnterpriseFactory()
    entry = CultivationEntry.objects.create(
        kind=CultivationKind.SRDI, enterprise=enterprise, planned_year=2025,
        listed_on=date(2024, 3, 11),
    )  # fmt: skip
    today = date(2025, 12, 1)
    assert cultivation_get(user=alice, pk=entry.pk, today=today).progress == ListProgress.PENDING  # type: ignore[attr-defined]
    response = client_for(alice).post(
        f"/enterprises/{enterprise.pk}/designations/new/",
        {"kind": DesignationKind.SRDI, "level": DesignationLevel.MUNICIPAL,
         "awarded_on": "2025-06-30", "certificate_no": "沪经信 2025-118", "version": ""},
    )  # fmt: skip
    assert response.status_code == 302
    designation = Designation.objects.get(enterprise=enterprise)
    assert (designation.level, designation.certificate_no) == ("municipal", "沪经信 2025-118")
    done = cultivation_get(user=alice, pk=entry.pk, today=today)
    assert (done.progress, done.done_year) == (ListProgress.DONE, 2025)  # type: ignore[attr-defined]
    page = client_for(alice).get(enterprise.get_absolute_url()).content.decode()
    assert "市级" in page
    assert "沪经信 2025-118" in page


def test_a_designation_before_the_listing_does_not_complete_the_entry(alice: User) -> None:
    enterprise = EnterpriseFactory()
    entry = CultivationEntry.objects.create(
        kind=CultivationKind.SRDI, enterprise=enterprise, planned_year=2024,
        listed_on=date(2024, 3, 11),
    )  # fmt: skip
    Designation.objects.create(
        enterprise=enterprise, kind=DesignationKind.SRDI, awarded_on=date(2023, 12, 1)
    )
    late = cultivation_get(user=alice, pk=entry.pk, today=date(2025, 1, 10))
    # Not done; and with no designation of 2024 or later recorded in the park, nothing shows it
    # late either: 待报送, not 逾期未完成 (core/schedule.py).
    assert late.progress == ListProgress.UNREPORTED  # type: ignore[attr-defined]


def test_a_designation_edit_needs_a_reason_and_a_fresh_version(alice: User) -> None:
    designation = Designation.objects.create(
        enterprise=EnterpriseFactory(), kind=DesignationKind.SRDI, awarded_on=date(2025, 6, 30)
    )
    url = f"/enterprises/{designation.enterprise_id}/designations/{designation.pk}/edit/"
    form = {"kind": DesignationKind.SRDI, "level": DesignationLevel.MUNICIPAL,
            "awarded_on": "2025-06-30", "certificate_no": "A-1", "version": version_of(designation)}  # fmt: skip
    response = client_for(alice).post(url, {**form, "reason": ""})
    assert "修改认定须说明修改原因" in response.content.decode()
    opened = form["version"]
    designation_update(designation=designation, data={"certificate_no": "B-2"}, reason="更正")
    response = client_for(alice).post(url, {**form, "reason": "补录级别", "version": opened})
    assert "此记录在您打开后已被他人修改" in response.content.decode()
    designation.refresh_from_db()
    assert (designation.certificate_no, designation.level) == ("B-2", "")
    fresh = {**form, "reason": "补录级别", "version": version_of(designation)}
    assert client_for(alice).post(url, fresh).status_code == 302
    designation.refresh_from_db()
    assert (designation.certificate_no, designation.level) == ("A-1", "municipal")


def test_a_designation_is_ended_with_its_date_and_reason(alice: User, lena: User) -> None:
    designation = Designation.objects.create(
        enterprise=EnterpriseFactory(), kind=DesignationKind.LITTLE_GIANT,
        awarded_on=date(2024, 7, 1),
    )  # fmt: skip
    url = f"/enterprises/{designation.enterprise_id}/designations/{designation.pk}/end/"
    assert client_for(lena).get(url).status_code == 403
    too_early = {"ended_on": "2024-01-01", "reason": "复核未通过", "version": version_of(designation)}  # fmt: skip
    assert "终止日期不能早于认定日期" in client_for(alice).post(url, too_early).content.decode()
    response = client_for(alice).post(url, {**too_early, "ended_on": "2025-09-01"})
    assert response.status_code == 302
    designation.refresh_from_db()
    assert designation.revoked_on == date(2025, 9, 1)
    assert designation.history.filter(history_change_reason="复核未通过").exists()
    with pytest.raises(ValidationError, match="该认定已于 2025-09-01 终止"):
        designation_end(designation=designation, ended_on=date(2025, 10, 1), reason="再次")
    page = client_for(alice).get(designation.enterprise.get_absolute_url()).content.decode()
    assert "已终止 2025-09-01" in page
