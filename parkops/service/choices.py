"""Every kind and state of the service app, as choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup", _("调休上班")


class Channel(models.TextChoices):
    VISIT = "visit", _("走访")
    PHONE = "phone", _("电话")
    HOTLINE = "hotline", _("12345转办")
    ONLINE = "online", _("线上")
    ACTIVITY = "activity", _("活动")


class Category(models.TextChoices):
    POLICY = "policy", _("政策")
    LAND = "land", _("用地与空间")
    PERMIT = "permit", _("审批许可")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    FINANCE = "finance", _("融资")
    TALENT = "talent", _("人才")
    SAFETY_ENV = "safety_env", _("安全环保")
    OTHER = "other", _("其他")


class RequestState(models.TextChoices):
    ACCEPTED = "accepted", _("受理")
    DISPATCHED = "dispatched", _("派单")
    HANDLING = "handling", _("办理")
    ANSWERED = "answered", _("答复")
    FOLLOWED_UP = "followed_up", _("回访")
    CLOSED = "closed", _("办结")
    RETURNED = "returned", _("退单")


# States in which a department holds the request and its clock runs.
HELD_STATES = frozenset({RequestState.DISPATCHED, RequestState.HANDLING})
OPEN_STATES = frozenset(set(RequestState) - {RequestState.CLOSED})


class EventKind(models.TextChoices):
    ACCEPT = "accept", _("受理")
    DISPATCH = "dispatch", _("派单")
    SIGN = "sign", _("签收")
    ANSWER = "answer", _("答复")
    FOLLOW_UP = "follow_up", _("回访")
    CLOSE = "close", _("办结")
    TRANSFER = "transfer", _("转办")
    CO_HANDLE = "co_handle", _("联办")
    RETURN = "return", _("退单")
    EXTEND = "extend", _("延期")
    PAUSE = "pause", _("暂停")
    RESUME = "resume", _("恢复")
    REOPEN = "reopen", _("重新办理")
    SUPERVISE = "supervise", _("督办")


# Events after which the request is held by the event's department (the clock's handovers).
HANDOVER_EVENTS = frozenset({EventKind.DISPATCH, EventKind.TRANSFER})
# Events a department records while holding the request: their authors are its handlers.
HANDLER_EVENTS = frozenset(
    {
        EventKind.SIGN,
        EventKind.ANSWER,
        EventKind.TRANSFER,
        EventKind.CO_HANDLE,
        EventKind.RETURN,
        EventKind.EXTEND,
        EventKind.PAUSE,
        EventKind.RESUME,
    }
)


class ReasonKind(models.TextChoices):
    RETURN = "return", _("退单")
    EXTEND = "extend", _("延期")
    CLOSE = "close", _("办结")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class DissatisfactionCause(models.TextChoices):
    NONE = "", _("—")
    SUBJECTIVE = "subjective", _("主观原因（办理不力、态度等）")
    OBJECTIVE = "objective", _("客观原因（政策限制、条件不具备等）")


class EscalationLevel(models.TextChoices):
    """The engine's escalation (parkops.core.workdays.Escalation) with its Chinese label."""

    NONE = "none", _("正常")
    WARNING = "warning", _("临期")
    SUPERVISION = "supervision", _("督办")
    BULLETIN = "bulletin", _("通报")


class DeadlineFlag(models.TextChoices):
    """Where a request on the clock stands against its stored deadlines (no calendar read)."""

    ON_TIME = "on_time", _("正常")
    DUE_SOON = "due_soon", _("临期")
    OVERDUE = "overdue", _("超期")
    PAUSED = "paused", _("暂停计时")

    @property
    def colour(self) -> str:
        return {"on_time": "light", "due_soon": "warning", "overdue": "danger",
                "paused": "secondary"}[self.value]  # fmt: skip
