"""The activity pages: the list with its monthly counts and export, scoped per role; the detail;
create, edit, attendance and requests through the forms; the enterprise page's panel."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.accounts.models import Department
from parkops.activities import services
from parkops.activities.choices import ActivityKind, ActivityStatus, Attendance
from parkops.activities.models import Activity
from parkops.activities.tests.conftest import shanghai
from parkops.common.versioning import version_of
from parkops.conftest import client_for
from parkops.registry.models import Enterprise, Grid
from parkops.service.choices import Category, RequestState
from parkops.service.models import ServiceRequest

pytestmark = pytest.mark.django_db
FIRM, STRANGER = "上海平业活动测试有限公司", "上海月工活动测试有限公司"


@pytest.fixture
def attended(dora: User, eco: Department, briefing: Activity) -> Activity:
    """The briefing with both firms come, a request from each held by 生态环境, and a second
    activity in July by the park office that invited the stranger alone."""
    rows = [
        services.AttendanceRow(i.pk, Attendance.YES, "张三") for i in briefing.invitations.all()
    ]
    services.attendance_record(user=dora, activity=briefing, rows=rows)
    services.activity_requests_raise(
        user=dora, activity=briefing,
        rows=[
            services.RaisedRow(i.enterprise, Category.POLICY, "问补贴", briefing.organiser)
            for i in briefing.invitations.all()
        ],
    )  # fmt: skip
    return briefing


@pytest.fixture
def july(alice: User, stranger: Enterprise) -> Activity:
    return services.activity_create(
        user=alice,
        data={
            "kind": ActivityKind.FORUM, "title": "七月企业家座谈会",
            "starts_at": shanghai(2025, 7, 3, 9), "place": "镇政府", "organiser": None,
            "topics": "营商环境", "status": ActivityStatus.HELD,
        },
        invitees=[stranger],
    )  # fmt: skip


def _titles(client: object, query: str = "") -> list[str]:
    answer = client.get(f"/api/activities{query}").json()  # type: ignore[attr-defined]
    return [a["title"] for a in answer["items"]]


def test_each_role_lists_its_own_activities(
    alice: User, lena: User, dora: User, dave: User, rob: User, olga: User, charlie: User,
    attended: Activity, july: Activity,
) -> None:  # fmt: skip
    both = ["七月企业家座谈会", "环保政策宣讲会"]
    assert _titles(client_for(alice)) == both
    assert _titles(client_for(lena)) == both
    assert _titles(client_for(dora)) == ["环保政策宣讲会"]  # the one 生态环境 organised
    assert _titles(client_for(dave)) == []  # 市场监管 organised none
    assert _titles(client_for(rob)) == ["环保政策宣讲会"]  # it invited his road's firm
    assert _titles(client_for(olga)) == ["环保政策宣讲会"]  # it invited his park's firm
    assert client_for(charlie).get("/activities/").status_code == 403
    assert client_for(charlie).get("/api/activities").status_code == 403


def test_a_grid_officer_reads_the_activities_of_his_grid(
    gina: User, firm: Enterprise, attended: Activity, july: Activity
) -> None:
    assert _titles(client_for(gina)) == ["环保政策宣讲会"]


@pytest.fixture
def gina(db: None, firm: Enterprise) -> User:
    from parkops.accounts.roles import Role
    from parkops.conftest import _user

    user = _user("gina", {Role.GRID_OFFICER})
    grid = Grid.objects.create(name="平业格")
    grid.officers.add(user)
    Enterprise.objects.filter(pk=firm.pk).update(grid=grid)
    return user


def test_a_road_chief_sees_only_his_enterprises_rows_and_counts(
    rob: User, attended: Activity
) -> None:
    client = client_for(rob)
    page = client.get(f"/activities/{attended.pk}/").content.decode()
    assert FIRM in page
    assert STRANGER not in page
    listed = client.get("/api/activities").json()["items"][0]
    assert (listed["invited"], listed["attended"], listed["requests_raised"]) == (1, 1, 1)
    detail = client.get(f"/api/activities/{attended.pk}").json()
    assert [i["enterprise"] for i in detail["invitations"]] == [FIRM]
    assert [r["enterprise_id"] for r in detail["requests"]] == [
        Enterprise.objects.get(name=FIRM).pk
    ]
    # Not his to work: no attendance, no requests, no edit.
    for path in ("attendance/", "requests/", "edit/"):
        assert client.get(f"/activities/{attended.pk}/{path}").status_code == 403


def test_the_list_header_counts_each_month(alice: User, attended: Activity, july: Activity) -> None:
    page = client_for(alice).get("/activities/").content.decode()
    table = page[page.index('id="monthly-counts"') :]
    # 2025-07: one held, attendance not recorded, no request; 2025-06: one held, both invited
    # firms came, a request from each.
    july_row = '<td>2025-07</td><td class="text-end">1</td><td class="text-end">0</td><td class="text-end">0</td>'
    june_row = '<td>2025-06</td><td class="text-end">1</td><td class="text-end">2</td><td class="text-end">2</td>'
    assert july_row in table
    assert june_row in table
    assert table.index(july_row) < table.index(june_row)


def test_the_export_has_the_filtered_rows_in_chinese_columns(
    alice: User, attended: Activity, july: Activity
) -> None:
    partial = client_for(alice).get("/activities/?kind=briefing", HTTP_HX_REQUEST="true")
    assert 'href="/activities/export.xlsx?kind=briefing"' in partial.content.decode()
    response = client_for(alice).get("/activities/export.xlsx?kind=briefing")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert rows[0] == [
        "活动时间", "活动类型", "活动名称", "地点", "主办", "状态", "主题", "邀请企业数",
        "出席企业数", "提出诉求数", "演示数据",
    ]  # fmt: skip
    assert rows[1:] == [
        ["2025-06-10 14:00", "政策宣讲会", "环保政策宣讲会", "园区服务中心", "生态环境",
         "已举行", "排污许可新规", 2, 2, 2, "否"],
    ]  # fmt: skip


def test_filters_by_organiser_date_range_and_road(
    alice: User, attended: Activity, july: Activity, yuegong: object, pingye: object
) -> None:
    client = client_for(alice)
    assert _titles(client, "?organiser=null") == ["七月企业家座谈会"]
    assert _titles(client, "?date_from=2025-07-01&date_to=2025-07-31") == ["七月企业家座谈会"]
    assert _titles(client, f"?road={pingye.pk}") == ["环保政策宣讲会"]  # type: ignore[attr-defined]


def test_a_department_creates_edits_and_records_through_the_pages(
    dora: User, eco: Department, firm: Enterprise
) -> None:
    client = client_for(dora)
    response = client.post(
        "/activities/new/",
        {"kind": "briefing", "title": "惠企政策宣讲会", "starts_at": "2025-06-20T14:00",
         "place": "服务中心", "organiser": eco.pk, "topics": "技改补贴", "status": "planned",
         "invitees": [firm.pk]},
    )  # fmt: skip
    activity = Activity.objects.get(title="惠企政策宣讲会")
    assert response.status_code == 302
    assert response["Location"] == f"/activities/{activity.pk}/"
    edit = {
        "kind": "briefing", "title": "惠企政策宣讲会", "starts_at": "2025-06-20T14:00",
        "place": "三楼", "organiser": eco.pk, "topics": "技改补贴", "status": "planned",
        "invitees": [firm.pk], "version": version_of(activity), "reason": "",
    }  # fmt: skip
    refused = client.post(f"/activities/{activity.pk}/edit/", edit)
    assert refused.status_code == 200
    assert "修改已登记的活动须填写原因。" in refused.content.decode()
    assert (
        client.post(f"/activities/{activity.pk}/edit/", {**edit, "reason": "换场地"}).status_code
        == 302
    )
    stale = client.post(
        f"/activities/{activity.pk}/edit/", {**edit, "place": "四楼", "reason": "x"}
    )
    assert "此记录在您打开后已被他人修改" in stale.content.decode()
    assert Activity.objects.get(pk=activity.pk).place == "三楼"
    invitation = activity.invitations.get()
    sheet = client.post(
        f"/activities/{activity.pk}/attendance/",
        {"att-TOTAL_FORMS": 1, "att-INITIAL_FORMS": 1, "att-0-invitation": invitation.pk,
         "att-0-attended": "yes", "att-0-attendees": "赵六", "min-summary": "已宣讲"},
    )  # fmt: skip
    assert sheet.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.attended, invitation.attendees) == ("yes", "赵六")
    raised = client.post(
        f"/activities/{activity.pk}/requests/",
        {"req-TOTAL_FORMS": 2, "req-INITIAL_FORMS": 0, "req-0-enterprise": firm.pk,
         "req-0-category": "policy", "req-0-text": "问技改补贴比例", "req-0-department": eco.pk},
    )  # fmt: skip
    assert raised.status_code == 302
    request = ServiceRequest.objects.get()
    assert (request.activity_id, request.state, request.department_id) == (
        activity.pk, RequestState.DISPATCHED, eco.pk,
    )  # fmt: skip
    inbox = client.get("/service/inbox/").content.decode()
    assert "问技改补贴比例" in inbox
    detail = client.get(request.get_absolute_url()).content.decode()
    assert f'href="/activities/{activity.pk}/"' in detail


def test_the_enterprise_page_lists_the_activities_it_attended(
    rob: User, attended: Activity, july: Activity, firm: Enterprise
) -> None:
    page = client_for(rob).get(f"/enterprises/{firm.pk}/").content.decode()
    panel = page[page.index('id="panel-activities-attended"') :]
    assert "环保政策宣讲会" in panel
    assert "七月企业家座谈会" not in panel
