"""The activity services: create with invitees, attendance, the requests raised in one go, and
the refusals with their exact messages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from parkops.accounts.models import Department
from parkops.activities import services
from parkops.activities.choices import ActivityKind, ActivityStatus, Attendance
from parkops.activities.models import Activity, Invitation
from parkops.activities.tests.conftest import shanghai
from parkops.common.versioning import StaleVersion, version_of
from parkops.registry.models import Enterprise
from parkops.service.choices import Category, Channel, EventKind, RequestState
from parkops.service.models import RequestEvent, ServiceRequest
from parkops.service.selectors import department_inbox

pytestmark = pytest.mark.django_db


def _data(**changes: object) -> dict[str, object]:
    return {
        "kind": ActivityKind.SALON, "title": "新材料产业沙龙", "starts_at": shanghai(2025, 5, 8, 9),
        "place": "镇政府三楼", "organiser": None, "topics": "上下游合作", **changes,
    }  # fmt: skip


def test_it_creates_an_activity_with_its_invitees_and_history(
    alice: User, firm: Enterprise, stranger: Enterprise
) -> None:
    activity = services.activity_create(user=alice, data=_data(), invitees=[firm, stranger, firm])
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.title, stored.status, stored.organiser_id, stored.created_by) == (
        "新材料产业沙龙", ActivityStatus.PLANNED, None, alice,
    )  # fmt: skip
    assert set(stored.invitations.values_list("enterprise__name", "attended")) == {
        ("上海平业活动测试有限公司", Attendance.UNKNOWN),
        ("上海月工活动测试有限公司", Attendance.UNKNOWN),
    }
    assert stored.history.get().history_change_reason == "登记活动"


def test_a_department_organises_in_its_own_name_only(
    dora: User, eco: Department, market: Department
) -> None:
    services.activity_create(user=dora, data=_data(organiser=eco))
    for organiser in (market, None):
        with pytest.raises(ValidationError) as refused:
            services.activity_create(user=dora, data=_data(organiser=organiser))
        assert refused.value.message_dict == {"organiser": ["只能以本部门的名义主办活动。"]}
    assert Activity.objects.count() == 1


def test_a_road_chief_may_not_create_an_activity(rob: User) -> None:
    with pytest.raises(PermissionDenied, match="只有园区办或主办部门的人员可以登记活动。"):
        services.activity_create(user=rob, data=_data())


def test_it_refuses_a_future_activity_marked_held(alice: User) -> None:
    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            user=alice, data=_data(starts_at=shanghai(2099, 1, 5, 9), status=ActivityStatus.HELD)
        )
    assert refused.value.message_dict == {"status": ["活动时间未到，不能标为已举行。"]}


def test_it_refuses_bad_input_with_the_fields_message(alice: User) -> None:
    with pytest.raises(ValidationError) as refused:
        services.activity_create(user=alice, data=_data(title="", kind="dinner"))
    assert refused.value.message_dict["title"] == ["此字段不能为空。"]
    assert refused.value.message_dict["kind"] == ["值 'dinner' 不是有效选项。"]


def test_an_edit_needs_a_reason_and_a_stale_edit_is_refused(dora: User, briefing: Activity) -> None:
    opened = version_of(briefing)
    with pytest.raises(ValidationError) as refused:
        services.activity_update(
            user=dora, activity=briefing, data={"place": "三楼"}, reason="", version=opened
        )
    assert refused.value.message_dict == {"reason": ["修改已登记的活动须填写原因。"]}
    services.activity_update(
        user=dora, activity=Activity.objects.get(pk=briefing.pk), data={"place": "三楼"},
        reason="改地点", version=opened,
    )  # fmt: skip
    with pytest.raises(StaleVersion, match="此记录在您打开后已被他人修改"):
        services.activity_update(
            user=dora, activity=Activity.objects.get(pk=briefing.pk), data={"place": "四楼"},
            reason="又改", version=opened,
        )  # fmt: skip
    stored = Activity.objects.get(pk=briefing.pk)
    assert stored.place == "三楼"
    assert stored.history.first().history_change_reason == "改地点"


def test_another_department_may_not_edit(dave: User, briefing: Activity) -> None:
    with pytest.raises(PermissionDenied, match="只有园区办或主办部门的人员可以修改活动。"):
        services.activity_update(
            user=dave, activity=briefing, data={"place": "x"}, reason="r", version=None
        )


def test_it_records_attendance_and_marks_a_planned_activity_held(
    alice: User, firm: Enterprise, stranger: Enterprise
) -> None:
    activity = services.activity_create(user=alice, data=_data(), invitees=[firm, stranger])
    came, absent = activity.invitations.order_by("enterprise__name")
    changed = services.attendance_record(
        user=alice, activity=activity, summary="企业交流热烈",
        rows=[
            services.AttendanceRow(came.pk, Attendance.YES, "张三（总经理）"),
            # names of an absent firm are dropped, not stored against the constraint
            services.AttendanceRow(absent.pk, Attendance.NO, "李四"),
        ],
    )  # fmt: skip
    assert changed == 2
    assert set(Invitation.objects.values_list("enterprise__name", "attended", "attendees")) == {
        ("上海平业活动测试有限公司", Attendance.YES, "张三（总经理）"),
        ("上海月工活动测试有限公司", Attendance.NO, ""),
    }
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.status, stored.summary) == (ActivityStatus.HELD, "企业交流热烈")
    assert came.history.first().history_change_reason == "记录出席"


def test_attendance_on_a_cancelled_activity_is_refused(alice: User, firm: Enterprise) -> None:
    activity = services.activity_create(
        user=alice, data=_data(status=ActivityStatus.CANCELLED), invitees=[firm]
    )
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(user=alice, activity=activity, rows=[])
    assert refused.value.messages == ["活动尚未举行（状态为“取消”），不能记录出席。"]


def test_attendees_without_attendance_break_the_constraint(briefing: Activity) -> None:
    invitation = briefing.invitations.first()
    invitation.attendees = "王五"
    with pytest.raises(ValidationError) as refused:
        invitation.full_clean()
    assert refused.value.messages == ["只有出席的企业才能填写出席人员"]


def test_requests_raised_are_created_in_one_go_and_reach_the_department_inbox(
    dora: User, eco: Department, briefing: Activity, firm: Enterprise, stranger: Enterprise
) -> None:
    created = services.activity_requests_raise(
        user=dora, activity=briefing, at=shanghai(2025, 6, 10, 16),
        rows=[
            services.RaisedRow(firm, Category.POLICY, "咨询排污许可延续的办理时限", eco),
            services.RaisedRow(stranger, Category.SAFETY_ENV, "危废转运渠道不畅", eco),
        ],
    )  # fmt: skip
    assert len(created) == 2
    rows = ServiceRequest.objects.order_by("pk")
    assert list(rows.values_list("enterprise__name", "channel", "state", "department", "activity")) == [
        ("上海平业活动测试有限公司", Channel.ACTIVITY, RequestState.DISPATCHED, eco.pk, briefing.pk),
        ("上海月工活动测试有限公司", Channel.ACTIVITY, RequestState.DISPATCHED, eco.pk, briefing.pk),
    ]  # fmt: skip
    assert list(
        RequestEvent.objects.filter(request=created[0]).values_list("kind", "actor", "text")
    ) == [(EventKind.ACCEPT, dora.pk, ""), (EventKind.DISPATCH, dora.pk, "首问负责")]
    assert {r.pk for r in department_inbox(user=dora)} == {r.pk for r in created}
    assert list(briefing.requests.order_by("pk")) == created


def test_requests_are_all_or_nothing(
    dora: User, eco: Department, briefing: Activity, firm: Enterprise
) -> None:
    outsider = Enterprise.objects.create(name="上海未邀请有限公司")
    with pytest.raises(ValidationError) as refused:
        services.activity_requests_raise(
            user=dora, activity=briefing,
            rows=[
                services.RaisedRow(firm, Category.POLICY, "第一条", eco),
                services.RaisedRow(outsider, Category.POLICY, "第二条", eco),
            ],
        )  # fmt: skip
    assert refused.value.message_dict == {
        "enterprise": ["企业“上海未邀请有限公司”不在本次活动的邀请名单中。"]
    }
    assert ServiceRequest.objects.count() == 0


def test_a_department_holds_only_its_own_requests(
    dora: User, market: Department, briefing: Activity, firm: Enterprise
) -> None:
    for holder in (market, None):
        with pytest.raises(ValidationError) as refused:
            services.activity_requests_raise(
                user=dora, activity=briefing,
                rows=[services.RaisedRow(firm, Category.POLICY, "咨询", holder)],
            )  # fmt: skip
        assert refused.value.message_dict == {"department": ["请选择承办部门（本部门）。"]}
    assert ServiceRequest.objects.count() == 0


def test_the_park_office_may_leave_dispatch_for_later(
    alice: User, briefing: Activity, firm: Enterprise
) -> None:
    (created,) = services.activity_requests_raise(
        user=alice, activity=briefing,
        rows=[services.RaisedRow(firm, Category.LAND, "扩产用地", None)],
    )  # fmt: skip
    assert (created.state, created.department_id) == (RequestState.ACCEPTED, None)


def test_requests_need_a_held_activity_and_its_organiser(
    alice: User, dave: User, briefing: Activity, firm: Enterprise
) -> None:
    row = services.RaisedRow(firm, Category.LAND, "扩产用地", None)
    with pytest.raises(
        PermissionDenied, match="只有园区办或主办部门的人员可以登记活动中提出的诉求。"
    ):
        services.activity_requests_raise(user=dave, activity=briefing, rows=[row])
    planned = services.activity_create(user=alice, data=_data(), invitees=[firm])
    with pytest.raises(ValidationError) as refused:
        services.activity_requests_raise(user=alice, activity=planned, rows=[row])
    assert refused.value.messages == ["活动尚未举行（状态为“计划”），不能登记活动中提出的诉求。"]
    with pytest.raises(ValidationError) as empty:
        services.activity_requests_raise(user=alice, activity=briefing, rows=[])
    assert empty.value.messages == ["请至少填写一条诉求。"]
    assert ServiceRequest.objects.count() == 0


def test_an_invitee_who_attended_stays_on_the_list(
    dora: User, briefing: Activity, firm: Enterprise, stranger: Enterprise
) -> None:
    came = briefing.invitations.get(enterprise=firm)
    services.attendance_record(
        user=dora, activity=briefing, rows=[services.AttendanceRow(came.pk, Attendance.YES, "")]
    )
    with pytest.raises(ValidationError) as refused:
        services.activity_update(
            user=dora, activity=Activity.objects.get(pk=briefing.pk), data={}, reason="调整名单",
            version=None, invitees=[stranger],
        )  # fmt: skip
    assert refused.value.message_dict == {
        "invitees": ["企业“上海平业活动测试有限公司”已记录出席或提出诉求，不能移出邀请名单。"]
    }
    services.activity_update(
        user=dora, activity=Activity.objects.get(pk=briefing.pk), data={}, reason="调整名单",
        version=None, invitees=[firm],
    )  # fmt: skip
    assert list(Invitation.objects.values_list("enterprise__name", flat=True)) == [
        "上海平业活动测试有限公司"
    ]
