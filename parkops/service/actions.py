"""The actions a user may take on a request now, each with its form and its service, so the
detail page shows exactly the allowed forms and one view runs any of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from parkops.accounts.roles import Role, roles_of
from parkops.registry.selectors import enterprises_visible_to
from parkops.service import services as svc
from parkops.service import services_closure as closure
from parkops.service.choices import HELD_STATES, RequestState
from parkops.service.forms import (
    AnswerForm,
    CloseForm,
    CoHandleForm,
    DispatchForm,
    ExtendForm,
    NoteForm,
    RateForm,
    ReturnForm,
    TransferForm,
)
from parkops.service.models import ServiceRequest
from parkops.service.rules import handlers_of, holds, is_park_office

S = RequestState


@dataclass(frozen=True)
class Situation:
    """What the allowed actions depend on, read once per page."""

    office: bool
    holder: bool
    visitor: bool
    handler: bool
    paused: bool


def situation(user: User, request: ServiceRequest) -> Situation:
    visitor = bool(roles_of(user) & {Role.ROAD_CHIEF, Role.GRID_OFFICER}) and (
        enterprises_visible_to(user).filter(pk=request.enterprise_id).exists()
    )
    return Situation(
        office=is_park_office(user),
        holder=holds(user, request),
        visitor=visitor,
        handler=user.pk in handlers_of(request),
        paused=any(p.ended_at is None for p in request.pauses.all()),
    )


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    form: type[forms.Form]
    run: Callable[..., ServiceRequest]
    allowed: Callable[[Situation, str], bool]


def _office(s: Situation, state: str) -> bool:
    return s.office


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("dispatch", _("派单"), DispatchForm, svc.request_dispatch,
               lambda s, st: s.office and st in (S.ACCEPTED, S.RETURNED)),
        Action("sign", _("签收"), NoteForm, svc.request_sign,
               lambda s, st: s.holder and st == S.DISPATCHED),
        Action("answer", _("答复"), AnswerForm, svc.request_answer,
               lambda s, st: s.holder and st == S.HANDLING and not s.paused),
        Action("pause", _("暂停计时（等待企业材料）"), NoteForm, svc.request_pause,
               lambda s, st: s.holder and st == S.HANDLING and not s.paused),
        Action("resume", _("恢复计时"), NoteForm, svc.request_resume,
               lambda s, st: s.holder and s.paused),
        Action("transfer", _("转办"), TransferForm, svc.request_transfer,
               lambda s, st: (s.holder or s.office) and st in HELD_STATES),
        Action("co_handle", _("联办"), CoHandleForm, svc.request_co_handle,
               lambda s, st: (s.holder or s.office) and st in HELD_STATES),
        Action("extend", _("延期"), ExtendForm, svc.request_extend,
               lambda s, st: (s.holder or s.office) and st in HELD_STATES),
        Action("return", _("退单"), ReturnForm, svc.request_return,
               lambda s, st: s.holder and st in HELD_STATES),
        Action("rate", _("回访评价"), RateForm, closure.request_rate,
               lambda s, st: (s.office or s.visitor) and not s.handler and st == S.ANSWERED),
        Action("close", _("办结"), CloseForm, closure.request_close,
               lambda s, st: s.office and st == S.FOLLOWED_UP),
        Action("reopen", _("重新办理"), NoteForm, closure.request_reopen,
               lambda s, st: s.office and st in (S.ANSWERED, S.FOLLOWED_UP, S.CLOSED)),
        Action("supervise", _("督办"), NoteForm, closure.request_supervise,
               lambda s, st: s.office and st in (S.ACCEPTED, S.DISPATCHED, S.HANDLING, S.RETURNED)),
    )
}  # fmt: skip


def allowed_actions(user: User, request: ServiceRequest) -> list[Action]:
    now = situation(user, request)
    return [a for a in ACTIONS.values() if a.allowed(now, request.state)]


def may_attach(user: User, request: ServiceRequest) -> bool:
    """The park office, the holding department and the enterprise's visitor add files; readers
    (leaders, small-park owners) do not."""
    now = situation(user, request)
    return now.office or now.holder or now.visitor
