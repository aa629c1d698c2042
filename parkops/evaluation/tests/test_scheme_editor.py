"""The evaluation method edited in a form, exported to a file and imported from one."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.models import SchemeVersion
from parkops.evaluation.scheme_forms import PREFIXES, definition_initial

pytestmark = pytest.mark.django_db


def form_data(definition: dict[str, Any], reason: str = "调整权重") -> dict[str, Any]:
    """What the form page posts when nothing is touched (blank extra rows left out)."""
    initial = definition_initial(definition)
    data: dict[str, Any] = {k: v for k, v in initial["main"].items() if v is not None}
    data["reason"] = reason
    for key, prefix in PREFIXES.items():
        rows = initial[key]
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for n, row in enumerate(rows):
            for field, value in row.items():
                if value is not None:
                    data[f"{prefix}-{n}-{field}"] = value
    return data


def test_the_form_rebuilds_the_stored_definition_exactly(alice: User) -> None:
    version = services.scheme_default()
    client = client_for(alice)
    assert client.get(f"/evaluation/schemes/{version.pk}/form/").status_code == 200
    response = client.post(
        f"/evaluation/schemes/{version.pk}/form/", form_data(version.definition), follow=True
    )
    assert "方案没有改动，未保存新版本" in response.content.decode()
    assert SchemeVersion.objects.count() == 1


def test_editing_one_weight_saves_a_new_version_with_the_reason(alice: User) -> None:
    version = services.scheme_default()
    data = form_data(version.definition, reason="亩均税收权重调为 35")
    data["ind-0-weight"] = "35"
    data["ind-1-weight"] = "15"
    response = client_for(alice).post(f"/evaluation/schemes/{version.pk}/form/", data)
    new = SchemeVersion.objects.get(number=2)
    assert response["Location"] == f"/evaluation/schemes/{new.pk}/"
    expected = copy.deepcopy(version.definition)
    expected["populations"][0]["indicators"][0]["weight"] = 35.0
    expected["populations"][0]["indicators"][1]["weight"] = 15.0
    assert new.definition == expected
    assert (new.note, new.created_by) == ("亩均税收权重调为 35", alice)


def test_an_indicator_is_added_and_a_veto_removed_in_the_form(alice: User) -> None:
    version = services.scheme_default()
    data = form_data(version.definition)
    n = int(data["ind-TOTAL_FORMS"])
    data["ind-TOTAL_FORMS"] = n + 1
    data.update(
        {
            f"ind-{n}-population": "below",
            f"ind-{n}-code": "va_per_mu",
            f"ind-{n}-label": "亩均增加值",
            f"ind-{n}-unit": "万元/亩",
            f"ind-{n}-numerator": "value_added",
            f"ind-{n}-denominator": "land_mu",
            f"ind-{n}-weight": "20",
            f"ind-{n}-benchmark_kind": "fixed",
            f"ind-{n}-benchmark": "50",
            f"ind-{n}-mode": "ratio",
            f"ind-{n}-missing": "zero",
            "veto-5-DELETE": "on",
        }
    )
    client_for(alice).post(f"/evaluation/schemes/{version.pk}/form/", data)
    new = SchemeVersion.objects.get(number=2).definition
    assert [i["code"] for i in new["populations"][1]["indicators"]] == ["tax_per_mu", "va_per_mu"]
    assert new["populations"][1]["indicators"][1]["missing"] == "zero"
    assert [v["kind"] for v in new["vetoes"]] == [
        v["kind"] for v in version.definition["vetoes"][:5]
    ]


def test_a_weight_of_zero_is_refused_naming_the_indicator_and_nothing_is_saved(
    alice: User,
) -> None:
    version = services.scheme_default()
    data = form_data(version.definition)
    data["ind-0-weight"] = "0"
    data["share_D"] = "10"  # shares now add up to 105 %
    response = client_for(alice).post(f"/evaluation/schemes/{version.pk}/form/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "规上企业指标「亩均税收」的权重必须大于 0" in page
    assert "等级划分：A、B、C、D 的比例之和应为 100%，现为 105%" in page
    assert SchemeVersion.objects.count() == 1


def test_the_form_asks_for_the_reason_and_refuses_a_stale_edit(alice: User) -> None:
    version = services.scheme_default()
    data = form_data(version.definition, reason="")
    data["ind-0-weight"] = "35"
    client = client_for(alice)
    page = client.post(f"/evaluation/schemes/{version.pk}/form/", data).content.decode()
    assert "这个字段是必填项。" in page
    data["reason"] = "甲的修改"
    data["latest"] = 1
    services.scheme_version_create(
        scheme=version.scheme,
        definition={**version.definition, "note": "乙先保存"},
        note="乙的修改",
    )
    stale = client.post(f"/evaluation/schemes/{version.pk}/form/", data).content.decode()
    assert "此方案在您打开后已有新版本，本次未保存。" in stale
    assert SchemeVersion.objects.count() == 2


def test_a_scheme_goes_out_as_a_file_and_comes_back_as_a_new_version(alice: User) -> None:
    version = services.scheme_default()
    client = client_for(alice)
    exported = client.get(f"/evaluation/schemes/{version.pk}/export/")
    assert exported["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment;" in exported["Content-Disposition"]
    definition = json.loads(exported.content)
    assert definition == version.definition
    # the same file again: the identical version, nothing new
    upload = SimpleUploadedFile("方案.json", exported.content, "application/json")
    client.post("/evaluation/schemes/import/", {"file": upload})
    assert SchemeVersion.objects.count() == 1
    definition["populations"][1]["indicators"][0]["benchmark"] = 12.5
    upload = SimpleUploadedFile(
        "方案-2026.json", json.dumps(definition).encode(), "application/json"
    )
    response = client.post("/evaluation/schemes/import/", {"file": upload})
    new = SchemeVersion.objects.get(number=2)
    assert response["Location"] == f"/evaluation/schemes/{new.pk}/"
    assert new.definition == definition
    assert new.note == "从文件导入：方案-2026.json"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "方案文件不是有效的 JSON：第 1 行第 2 列"),
        (b"[1, 2]", "方案文件应为一个方案（JSON 对象）"),
        ("方案".encode("gbk"), "方案文件应为 UTF-8 编码的 JSON 文本"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_clear_message(
    alice: User, content: bytes, message: str
) -> None:
    services.scheme_default()
    upload = SimpleUploadedFile("坏.json", content, "application/json")
    response = client_for(alice).post("/evaluation/schemes/import/", {"file": upload}, follow=True)
    assert message in response.content.decode()
    assert SchemeVersion.objects.count() == 1


def test_a_faulty_scheme_file_is_refused_whole_naming_the_field(alice: User) -> None:
    definition = copy.deepcopy(services.scheme_default().definition)
    definition["populations"][0]["indicators"][2]["weight"] = -1
    upload = SimpleUploadedFile("坏.json", json.dumps(definition).encode(), "application/json")
    response = client_for(alice).post("/evaluation/schemes/import/", {"file": upload}, follow=True)
    assert "规上企业指标「单位能耗增加值」的权重必须大于 0" in response.content.decode()
    assert SchemeVersion.objects.count() == 1


def test_only_the_park_office_edits_exports_and_imports(lena: User, dora: User, rob: User) -> None:
    version = services.scheme_default()
    for user in (lena, dora, rob):
        client = client_for(user)
        assert client.get(f"/evaluation/schemes/{version.pk}/form/").status_code == 403
        assert client.get(f"/evaluation/schemes/{version.pk}/export/").status_code == 403
        upload = SimpleUploadedFile("a.json", b"{}", "application/json")
        assert client.post("/evaluation/schemes/import/", {"file": upload}).status_code == 403
