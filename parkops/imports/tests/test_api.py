import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from parkops.conftest import client_for
from parkops.imports.models import ImportBatch
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _post(client, rows, query=""):
    file = SimpleUploadedFile("api.xlsx", xlsx(rows))
    return client.post(f"/api/imports/figures{query}", {"file": file})


def test_the_api_imports_all_or_nothing_and_undoes(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    bad = _post(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, "abc", 1, 1]])
    assert bad.status_code == 422
    assert bad.json()["detail"] == "文件有 1 处错误，未写入任何数据"
    assert bad.json()["errors"] == [
        {
            "row": 2,
            "column": "工业产值（万元）",
            "message": "第 2 行「工业产值（万元）」不是数字：“abc”",
        }
    ]
    dry = _post(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 1]], "?dry_run=true")
    assert dry.json() == {
        "batch": None, "rows": 1, "added": 1, "changed": 0, "unchanged": 0, "warnings": [],
    }  # fmt: skip
    assert EnterpriseYear.objects.count() == 0
    done = _post(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 1]])
    batch_id = done.json()["batch"]
    assert EnterpriseYear.objects.count() == 1
    assert [b["id"] for b in client.get("/api/imports").json()] == [batch_id]
    undone = client.post(f"/api/imports/batches/{batch_id}/undo")
    assert undone.json()["status"] == "undone"
    assert EnterpriseYear.objects.count() == 0


def test_readers_cannot_import_through_the_api(lena: User) -> None:
    assert _post(client_for(lena), [FIGURES_HEADER]).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_an_unknown_kind_is_a_422_naming_the_path_parameter(alice: User) -> None:
    file = SimpleUploadedFile("api.xlsx", xlsx([FIGURES_HEADER]))
    response = client_for(alice).post("/api/imports/people", {"file": file})
    assert response.status_code == 422
    assert response.json()["errors"] == {"kind": ["不是可选的值"]}
    assert ImportBatch.objects.count() == 0
    schema = client_for(alice).get("/api/openapi.json").json()
    kind = schema["paths"]["/api/imports/{kind}"]["post"]["parameters"][0]
    assert kind["name"] == "kind"
    assert "enum" in str(schema["components"]["schemas"].get("ImportKind", kind))
