"""The request pages: list, export, new, detail with its action forms, attachments, inbox."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from python_calamine import CalamineWorkbook

from parkops.accounts.models import Department
from parkops.common.versioning import version_of
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.service import services as svc
from parkops.service.choices import RequestState
from parkops.service.models import ServiceRequest
from parkops.service.tests.conftest import accept, shanghai

Clock = Callable[[datetime], None]
MONDAY = shanghai(2025, 3, 3, 10)
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(autouse=True)
def _private_media(tmp_path: Path) -> object:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


def test_a_road_chief_lists_and_exports_only_his_enterprises_requests(
    at: Clock, rob: User, alice: User, firm: Enterprise, stranger: Enterprise
) -> None:
    at(MONDAY)
    mine = accept(rob, firm, MONDAY)
    accept(alice, stranger, MONDAY)
    page = client_for(rob).get("/service/requests/")
    assert page.status_code == 200
    text = page.content.decode()
    assert firm.name in text and stranger.name not in text  # noqa: PT018
    export = client_for(rob).get("/service/requests/export.xlsx")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    )  # type: ignore[arg-type]
    assert rows[1][:5] == ["编号", "受理时间", "渠道", "类别", "企业名称"]
    assert [r[0] for r in rows[2:]] == [mine.number]
    assert rows[2][11] == "2025-03-10 10:00"  # 办结期限
    assert (
        client_for(rob)
        .get(f"/service/requests/{ServiceRequest.objects.exclude(pk=mine.pk).get().pk}/")
        .status_code
        == 404
    )


def test_a_road_chief_registers_a_request_with_an_attachment(rob: User, firm: Enterprise) -> None:
    upload = SimpleUploadedFile("营业执照.pdf", PDF, content_type="application/pdf")
    response = client_for(rob).post("/service/requests/new/", {
        "enterprise": firm.pk, "channel": "visit", "category": "policy", "title": "政策咨询",
        "text": "咨询技改补贴", "file": upload,
    })  # fmt: skip
    request = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert request.state == RequestState.ACCEPTED and request.limit_days == 1  # noqa: PT018
    attachment = request.attachments.get()
    download = client_for(rob).get(f"/service/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]


def test_an_attachment_of_the_wrong_type_or_size_is_refused(rob: User, firm: Enterprise) -> None:
    def post(name: str, body: bytes) -> str:
        response = client_for(rob).post("/service/requests/new/", {
            "enterprise": firm.pk, "channel": "visit", "category": "policy", "title": "t",
            "text": "x", "file": SimpleUploadedFile(name, body),
        })  # fmt: skip
        assert response.status_code == 200
        return response.content.decode()

    assert "只能上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件。" in post("a.exe", b"MZ")
    assert "文件内容与扩展名 .pdf 不符" in post("a.pdf", b"MZ not a pdf")
    with override_settings(PARKOPS_ATTACHMENT_MAX_MB=0):
        assert "文件不能超过 0 MB。" in post("a.pdf", PDF)
    assert not ServiceRequest.objects.exists()


def test_another_road_chief_cannot_open_the_attachment(
    at: Clock, rob: User, firm: Enterprise, lena: User
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    from parkops.service.attachments import attachment_add

    attachment = attachment_add(request=request, user=rob, upload=SimpleUploadedFile("a.pdf", PDF))
    other = User.objects.create_user("ralf")
    from parkops.accounts.roles import Role
    from parkops.accounts.services import user_assign_roles

    user_assign_roles(user=other, roles={Role.ROAD_CHIEF})
    assert client_for(other).get(f"/service/attachments/{attachment.pk}/").status_code == 404
    assert client_for(lena).get(f"/service/attachments/{attachment.pk}/").status_code == 200


def test_the_detail_shows_only_the_allowed_actions_and_runs_them(
    at: Clock, rob: User, alice: User, dora: User, dave: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    page = client_for(alice).get(f"/service/requests/{request.pk}/").content.decode()
    assert 'id="action-dispatch"' in page and 'id="action-sign"' not in page  # noqa: PT018
    response = client_for(alice).post(f"/service/requests/{request.pk}/dispatch/", {
        "dispatch-version": version_of(request), "dispatch-department": eco.pk,
    })  # fmt: skip
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.DISPATCHED
    # The market department does not hold it: refused with the message, nothing written.
    response = client_for(dave).post(f"/service/requests/{request.pk}/sign/", {})
    assert response.status_code == 404  # it cannot even see it
    eco_page = client_for(dora).get(f"/service/requests/{request.pk}/").content.decode()
    assert 'id="action-sign"' in eco_page
    stale = client_for(dora).post(f"/service/requests/{request.pk}/sign/", {
        "sign-version": "2025-03-01T00:00:00+00:00",
    })  # fmt: skip
    assert stale.status_code == 409
    assert "此记录在您打开后已被他人修改" in stale.content.decode()
    ok = client_for(dora).post(f"/service/requests/{request.pk}/sign/", {
        "sign-version": version_of(ServiceRequest.objects.get(pk=request.pk)),
    })  # fmt: skip
    assert ok.status_code == 302
    assert ServiceRequest.objects.get(pk=request.pk).state == RequestState.HANDLING


def test_a_department_member_not_holding_the_request_is_refused_with_the_message(
    at: Clock,
    rob: User,
    alice: User,
    dave: User,
    firm: Enterprise,
    eco: Department,
    market: Department,
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=market)
    svc.request_transfer(request=request, user=alice, department=eco, text="属生态环境")
    # dave's department held it once, so it still sees the request, but no longer holds it.
    response = client_for(dave).post(f"/service/requests/{request.pk}/sign/", {})
    assert response.status_code == 403
    assert "您所在的部门未承办此诉求，不能签收。" in response.content.decode()


def test_the_inbox_lists_the_departments_requests_most_urgent_first(
    at: Clock, rob: User, alice: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    slow = accept(rob, firm, MONDAY, category="land")  # 15 days
    fast = accept(rob, firm, MONDAY, category="policy")  # 1 day
    for request in (slow, fast):
        svc.request_dispatch(request=request, user=alice, department=eco)
    page = client_for(dora).get("/service/inbox/").content.decode()
    assert page.index(fast.number) < page.index(slow.number)


def test_the_bulletin_pages_are_for_leaders_and_the_park_office(
    lena: User, rob: User, dora: User
) -> None:
    for path in ("/service/escalated/", "/service/monthly/?month=2025-03"):
        assert client_for(lena).get(path).status_code == 200
        assert client_for(rob).get(path).status_code == 403
        assert client_for(dora).get(path).status_code == 403
    assert (
        "月份须写作 YYYY-MM"
        in client_for(lena).get("/service/monthly/?month=x", follow=True).content.decode()
    )
