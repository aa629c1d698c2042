"""Every service write keeps its reason in the history, through the helpers of common.versioning."""

import pytest
from django.core.exceptions import ValidationError

from parkops.common.versioning import record_delete, record_save, record_write
from parkops.registry.models import Road

pytestmark = pytest.mark.django_db


def _reasons(pk: int) -> list[tuple[str, str | None]]:
    rows = Road.history.filter(id=pk).order_by("history_date", "history_id")
    return [(h.history_type, h.history_change_reason) for h in rows]


def test_it_validates_creates_and_returns_the_record_with_its_reason() -> None:
    road = record_save(Road(name="测试路"), reason="新增道路")
    assert Road.objects.get(pk=road.pk).name == "测试路"
    with pytest.raises(ValidationError):
        record_save(Road(name="测试路"), reason="重复")  # unique name: refused, nothing written
    assert Road.objects.count() == 1
    assert _reasons(road.pk) == [("+", "新增道路")]


def test_it_writes_only_the_named_fields_and_deletes_with_a_reason() -> None:
    road = record_save(Road(name="测试路"), reason="新增道路")
    road.note = "改了备注"
    road.name = "不保存"
    record_write(road, reason="修改备注", update_fields=["note", "updated_at"])
    stored = Road.objects.get(pk=road.pk)
    assert (stored.name, stored.note) == ("测试路", "改了备注")
    record_delete(stored, reason="道路撤销")
    assert not Road.objects.filter(pk=road.pk).exists()
    assert _reasons(road.pk) == [("+", "新增道路"), ("~", "修改备注"), ("-", "道路撤销")]
