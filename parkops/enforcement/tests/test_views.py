"""The record's pages and services: a joint inspection with findings in one go, penalties in the
stated unit, photos checked by content and served only in scope, the ledger's .xlsx."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from parkops.accounts.roles import Role
from parkops.conftest import _user, client_for
from parkops.enforcement import services
from parkops.enforcement.choices import AmountUnit, PenaltyType
from parkops.enforcement.models import Inspection, Penalty
from parkops.enforcement.tests.factories import FindingFactory, InspectionFactory, department
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def eve() -> User:
    user = _user("eve", {Role.DEPARTMENT})
    department("eco").members.add(user)
    return user


def _inspection_form(enterprise_pk: int, **extra: str) -> dict[str, str]:
    return {
        "enterprise": str(enterprise_pk), "inspected_on": "2025-05-06", "kind": "joint",
        "lead_department": str(department("eco").pk),
        "departments": [str(department("emergency").pk), str(department("fire").pk)],
        "inspectors": "王五、赵六", "items_checked": "废水排放；消防设施", "result": "ordered_corrected",
        "findings-TOTAL_FORMS": "2", "findings-INITIAL_FORMS": "0",
        "findings-0-description": "废水直排雨水管网", "findings-0-domain": "environment",
        "findings-0-law": "水污染防治法", "findings-0-article": "第三十九条",
        "findings-0-severity": "3_major", "findings-0-deadline": "2025-06-06",
        **extra,
    }  # fmt: skip


def test_a_department_records_a_joint_inspection_with_its_findings(eve: User) -> None:
    enterprise = EnterpriseFactory()
    response = client_for(eve).post(
        "/enforcement/inspections/new/", _inspection_form(enterprise.pk)
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == inspection.get_absolute_url()
    assert inspection.created_by == eve
    assert {d.code for d in inspection.departments.all()} == {"emergency", "fire"}
    [finding] = inspection.findings.all()  # the empty second form adds nothing
    assert (finding.law, finding.article, finding.severity) == (
        "水污染防治法",
        "第三十九条",
        "3_major",
    )
    assert {h.history_change_reason for h in inspection.history.all()} == {"录入检查记录"}


def test_a_finding_due_before_the_inspection_is_refused_and_nothing_is_saved(eve: User) -> None:
    form = _inspection_form(EnterpriseFactory().pk, **{"findings-0-deadline": "2025-05-01"})
    response = client_for(eve).post("/enforcement/inspections/new/", form)
    assert response.status_code == 200
    assert "第 1 个问题：整改期限不能早于检查日期" in response.content.decode()
    assert not Inspection.objects.exists()


def test_a_fine_keeps_the_unit_of_its_decision(alice: User) -> None:
    inspection = InspectionFactory()
    data = {"decision_number": "金环罚〔2025〕1号", "kind": PenaltyType.FINE,
            "amount": Decimal("12.5"), "amount_unit": AmountUnit.WAN,
            "decided_on": date(2025, 4, 1), "department": department("eco")}  # fmt: skip
    penalty = services.penalty_create(
        user=alice, enterprise=inspection.enterprise, inspection=inspection, data=data
    )
    assert (penalty.amount, penalty.amount_unit, penalty.amount_text) == (
        Decimal("12.5"), "wan", "12.50 万元"
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.penalty_create(
            user=alice, enterprise=inspection.enterprise, inspection=inspection,
            data={**data, "decision_number": "金环罚〔2025〕2号", "amount": None},
        )  # fmt: skip
    assert caught.value.message_dict == {"amount": ["罚款、没收违法所得须填写金额"]}
    with pytest.raises(ValidationError) as caught:
        services.penalty_create(
            user=alice, enterprise=inspection.enterprise, inspection=inspection, data=data
        )
    assert caught.value.message_dict == {
        "decision_number": ["具有 决定书文号 的 处罚决定 已存在。"]
    }


def test_a_penalty_decided_elsewhere_needs_its_document(alice: User) -> None:
    enterprise = EnterpriseFactory()
    data = {"decision_number": "金税罚〔2025〕9号", "kind": PenaltyType.WARNING,
            "decided_on": date(2025, 4, 1), "department": department("tax")}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.penalty_create(user=alice, enterprise=enterprise, data=data)
    assert caught.value.message_dict == {
        "document_title": ["不在检查记录下的处罚决定须写明来源文书"]
    }
    scan = SimpleUploadedFile("d.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    penalty = services.penalty_create(
        user=alice, enterprise=enterprise, data={**data, "document_title": "税务行政处罚决定书"},
        document=scan,
    )  # fmt: skip
    assert penalty.document.name.endswith(".pdf")


def test_a_department_cannot_penalise_in_another_departments_name(eve: User) -> None:
    inspection = InspectionFactory(lead_department=department("eco"))
    with pytest.raises(ValidationError) as caught:
        services.penalty_create(
            user=eve, enterprise=inspection.enterprise, inspection=inspection,
            data={"decision_number": "X1", "kind": PenaltyType.WARNING,
                  "decided_on": date(2025, 4, 1), "department": department("tax")},
        )  # fmt: skip
    assert caught.value.message_dict == {"department": ["您不是该部门的成员，不能以该部门名义录入"]}
    assert not Penalty.objects.exists()


def test_photos_are_checked_by_content_and_served_only_in_scope(eve: User, rob: User) -> None:
    finding = FindingFactory(inspection=InspectionFactory(lead_department=department("eco")))
    fake = SimpleUploadedFile("x.png", b"<script>", content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        services.finding_photo_add(user=eve, finding=finding, upload=fake)
    assert caught.value.message_dict == {"file": ["只接受 JPEG、PNG 文件"]}
    big = SimpleUploadedFile("x.png", PNG + b"\0" * (10 * 1024 * 1024), content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        services.finding_photo_add(user=eve, finding=finding, upload=big)
    assert caught.value.message_dict == {"file": ["文件不能大于 10 MB"]}
    photo = services.finding_photo_add(
        user=eve, finding=finding, upload=SimpleUploadedFile("p.png", PNG)
    )
    url = f"/enforcement/photos/{photo.pk}/"
    response = client_for(eve).get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    assert client_for(rob).get(url).status_code == 404


def test_the_ledger_exports_its_filtered_rows(alice: User) -> None:
    kept = FindingFactory(description="未设置防爆设施").inspection
    InspectionFactory(kind="special")
    partial = client_for(alice).get(
        "/enforcement/inspections/?kind=routine", HTTP_HX_REQUEST="true"
    )
    link = 'id="export" href="/enforcement/inspections/export.xlsx?kind=routine"'
    assert link in partial.content.decode()  # the link follows the filter the results show
    response = client_for(alice).get("/enforcement/inspections/export.xlsx?kind=routine")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert rows[1][:3] == ["编号", "检查日期", "检查对象"]
    assert len(rows) == 3
    assert rows[2][0] == kept.number
    assert rows[2][10] == "一般·安全：未设置防爆设施（安全生产法第三十六条）"


def test_every_list_page_opens_for_the_park_office(alice: User) -> None:
    for path in ("inspections/", "rectifications/", "penalties/", "accidents/",
                 "control-events/", "plans/", "proposals/", "inspections/new/",
                 "accidents/new/", "control-events/new/", "penalties/new/"):  # fmt: skip
        assert client_for(alice).get(f"/enforcement/{path}").status_code == 200, path


def test_the_timeline_shows_only_records_in_scope(eve: User) -> None:
    """The enterprise page's enforcement panel lists the department's own inspections only."""
    enterprise = EnterpriseFactory()
    own = FindingFactory(inspection=InspectionFactory(enterprise=enterprise,
                         lead_department=department("eco")), description="自己的问题")  # fmt: skip
    FindingFactory(inspection=InspectionFactory(enterprise=enterprise,
                   lead_department=department("tax")), description="别人的问题")  # fmt: skip
    html = client_for(eve).get(enterprise.get_absolute_url()).content.decode()
    assert 'id="enforcement-timeline"' in html
    assert "自己的问题" in html
    assert own.inspection.number in html
    assert "别人的问题" not in html
