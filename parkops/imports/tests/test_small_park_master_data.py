"""The small-park import carries the master data the form keeps: rentable floor area and the
contact, checked by the same rules (rentable within the total, a readable phone number)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.imports.services import import_file
from parkops.imports.tests.files import xlsx
from parkops.registry.models import SmallPark

pytestmark = pytest.mark.django_db
HEADER = ["名称", "业主单位", "厂房建筑面积（㎡）", "可出租面积（㎡）", "联系人", "联系电话"]


def test_it_imports_the_rentable_area_and_the_contact(alice: User, ailiu: SmallPark) -> None:
    rows = [HEADER, ["矮柳", "上海矮柳实业有限公司", 36000, 32000, "王经理", "021-57231234"]]
    batch, plan = import_file(kind="small_parks", data=xlsx(rows), file_name="p.xlsx", user=alice)
    assert plan.errors == []
    assert batch is not None
    ailiu.refresh_from_db()
    assert (ailiu.floor_area_m2, ailiu.rentable_floor_m2) == (Decimal("36000"), Decimal("32000"))
    assert (ailiu.owner_name, ailiu.contact_person, ailiu.contact_phone) == (
        "上海矮柳实业有限公司",
        "王经理",
        "021-57231234",
    )


def test_it_refuses_rentable_above_the_total_and_a_bad_phone_by_row(
    alice: User, ailiu: SmallPark
) -> None:
    rows = [
        HEADER,
        ["矮柳", "", 36000, 40000, "", ""],
        ["新园", "", "", 1000, "", "找王经理"],
    ]
    batch, plan = import_file(kind="small_parks", data=xlsx(rows), file_name="p.xlsx", user=alice)
    assert batch is None
    assert [str(e) for e in plan.errors] == [
        "第 2 行「可出租面积（㎡）」可出租面积 40,000.00 ㎡ 大于厂房建筑面积 36,000.00 ㎡，请核对",
        "第 3 行「联系电话」“找王经理”不是有效的电话号码，应如 021-57231234",
    ]
    assert not SmallPark.objects.filter(name="新园").exists()
