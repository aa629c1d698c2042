"""Writes of the attraction pipeline. Each write is validated, keeps its history with a reason,
refuses a stale edit (the `version` read), and touches the lead's last activity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.attraction import selectors
from parkops.attraction.choices import STAGE_ORDER, Decision, Stage, Stance
from parkops.attraction.models import (
    Lead,
    LeadActivity,
    LostReason,
    ReviewOpinion,
    Screening,
)
from parkops.attraction.screening import screen
from parkops.common.versioning import record_reason, record_save, record_write
from parkops.core.text import company_key
from parkops.execution import services as execution
from parkops.execution.choices import Milestone
from parkops.registry import services as registry
from parkops.registry.models import Enterprise, SmallPark

LEAD_EDITABLE = (
    "company_name", "uscc", "contact", "source", "pipeline_type", "industry_code", "products",
    "investment_wan", "output_wan", "tax_wan", "energy_tce", "jobs", "land_mu", "floor_m2",
    "plot_ratio", "building_coverage_pct", "clear_height_m", "floor_load_kn_m2", "power_kva",
    "hazardous_chemicals", "eia_category", "owner_park", "next_action", "next_action_on",
    "planned_start_on", "planned_production_on", "planned_full_on",
)  # fmt: skip
# The stages a key project's milestones stand for.
MILESTONE_OF = {
    Stage.STARTED: Milestone.START,
    Stage.PRODUCING: Milestone.PRODUCTION,
    Stage.FULL: Milestone.FULL_PRODUCTION,
}


def _log(lead: Lead, user: User | None, text: str) -> None:
    LeadActivity.objects.create(lead=lead, user=user, text=text[:500])


def _touch(lead: Lead) -> None:
    Lead.objects.filter(pk=lead.pk).update(last_activity_at=timezone.now())


def _duplicate_check(lead: Lead, user: User) -> None:
    """A lead for a company already in the pipeline is refused, by USCC or normalised name. The
    message names the other lead only when the user may see it."""
    lead.name_key = company_key(lead.company_name)
    if not lead.name_key:
        raise ValidationError({"company_name": _("请填写企业（项目）名称")})
    same = Q(name_key=lead.name_key)
    if lead.uscc:
        same |= Q(uscc=lead.uscc)
    other = Lead.objects.filter(same).exclude(pk=lead.pk).first()
    if other is None:
        return
    field = "uscc" if lead.uscc and other.uscc == lead.uscc else "company_name"
    if selectors.leads_visible_to(user).filter(pk=other.pk).exists():
        message = _("已有相同企业的线索：%(name)s（%(stage)s）") % {
            "name": other.company_name, "stage": other.get_stage_display(),
        }  # fmt: skip
    else:
        message = _("已有相同企业的线索，由园区办或其他小园区跟进；请联系园区办")
    raise ValidationError({field: [message]})


def _check_owner(user: User, lead: Lead) -> None:
    if lead.owner_park_id is None and not selectors.can_sign(user):
        raise ValidationError({"owner_park": [_("请选择负责的小园区")]})
    if (
        lead.owner_park_id
        and not selectors.owner_parks(user).filter(pk=lead.owner_park_id).exists()
    ):
        raise ValidationError({"owner_park": [_("只能为本人的小园区登记线索")]})


def _apply(lead: Lead, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(LEAD_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(lead, name, value)
    if lead.uscc == "":
        lead.uscc = None


@transaction.atomic
def lead_create(
    *, user: User, data: Mapping[str, Any], offered_to: Iterable[SmallPark] = ()
) -> Lead:
    if not user.has_perm("attraction.add_lead"):
        raise PermissionDenied
    lead = Lead(last_activity_at=timezone.now())
    _apply(lead, data)
    _check_owner(user, lead)
    lead.full_clean(exclude=["name_key"])
    _duplicate_check(lead, user)
    record_save(lead, reason="新增招商线索")
    offers = list(offered_to)
    if offers:
        record_reason(lead, "新增招商线索")
        lead.offered_to.set(offers)
    _log(lead, user, _("登记线索"))
    return lead


@transaction.atomic
def lead_update(
    *,
    user: User,
    lead: Lead,
    data: Mapping[str, Any],
    offered_to: Iterable[SmallPark] | None = None,
    version: str | None = None,
    reason: str = "",
) -> Lead:
    if not selectors.can_work(user, lead):
        raise PermissionDenied
    _apply(lead, data)
    _check_owner(user, lead)
    lead.full_clean(exclude=["name_key"])
    _duplicate_check(lead, user)
    stamp = lead.updated_at
    record_save(lead, reason=reason or "修改招商线索", version=version)
    changed = lead.updated_at != stamp
    if offered_to is not None and set(offered_to) != set(lead.offered_to.all()):
        record_reason(lead, reason or "修改共享小园区")
        lead.offered_to.set(list(offered_to))
        changed = True
    if changed:  # saved unchanged, the lead shows no activity
        _touch(lead)
    lead.refresh_from_db()
    return lead


def lead_note(*, user: User, lead: Lead, text: str) -> LeadActivity:
    if not selectors.can_work(user, lead):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": [_("请填写跟进内容")]})
    activity = LeadActivity.objects.create(lead=lead, user=user, text=text.strip()[:500])
    _touch(lead)
    return activity


def next_stage(lead: Lead) -> Stage | None:
    index = STAGE_ORDER.index(Stage(lead.stage))
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


@transaction.atomic
def lead_advance(*, user: User, lead: Lead, on: date, version: str | None = None) -> Lead:
    """Move the lead one stage on. 签约 needs an admission decision; 注册落地 registers the
    enterprise (or links the one with its USCC) and opens a key project with its 四早
    milestones; 开工 / 投产 / 达产 record the milestone's date."""
    if not selectors.can_work(user, lead):
        raise PermissionDenied
    target = next_stage(lead)
    if lead.is_lost:
        raise ValidationError(_("线索已流失，不能推进"))
    if target is None:
        raise ValidationError(_("线索已达产，没有下一阶段"))
    if on > timezone.localdate():
        raise ValidationError({"on": [_("日期不能晚于今天")]})
    if target in (Stage.SIGNED, Stage.LANDED) and not selectors.can_sign(user):
        raise ValidationError(_("签约及注册落地由园区办办理"))
    if target == Stage.SIGNED and not selectors.admitted(lead):
        raise ValidationError(_("签约前须经准入审查并作出“同意准入”的决定"))
    if target == Stage.LANDED:
        _land(user, lead)
        lead.landed_on = on  # the joint scheme's incentives count from this date
    if target in MILESTONE_OF:
        _milestone_reached(lead, MILESTONE_OF[target], on)
    lead.stage = target
    record_save(lead, reason=f"推进至{target.label}", version=version)
    _log(lead, user, _("推进至%(stage)s（%(on)s）") % {"stage": target.label, "on": on})
    _touch(lead)
    lead.refresh_from_db()
    return lead


def _land(user: User, lead: Lead) -> None:
    missing = [
        str(getattr(Lead._meta.get_field(name), "verbose_name", name))
        for name in ("uscc", "planned_start_on", "planned_production_on", "planned_full_on")
        if not getattr(lead, name)
    ]
    if missing:
        raise ValidationError(_("注册落地前须填写：%(fields)s") % {"fields": "、".join(missing)})
    enterprise = Enterprise.objects.filter(uscc=lead.uscc).first()
    reason = f"招商线索注册落地（线索 {lead.pk}）"
    if enterprise is None:
        if Enterprise.objects.filter(name=lead.company_name).exists():
            raise ValidationError(
                _("企业库已有同名企业而统一社会信用代码不同：%(name)s，请核对")
                % {"name": lead.company_name}
            )
        enterprise = registry.enterprise_create(
            data={
                "name": lead.company_name, "uscc": lead.uscc,
                "industry_code": lead.industry_code, "small_park": lead.owner_park,
            },
            reason=reason,
        )  # fmt: skip
    dates = (lead.planned_start_on, lead.planned_production_on, lead.planned_full_on)
    project = execution.key_project_open(
        enterprise=enterprise,
        name=_("%(name)s招商项目") % {"name": lead.company_name},
        targets={kind: day for kind, day in zip(Milestone, dates, strict=True) if day is not None},
        reason=reason,
    )
    lead.enterprise = enterprise
    lead.key_project = project


def _milestone_reached(lead: Lead, kind: Milestone, on: date) -> None:
    if lead.key_project is None:
        raise ValidationError(_("线索没有对应的“四早”项目"))
    milestone = lead.key_project.milestones.get(kind=kind)
    execution.milestone_update(
        milestone=milestone,
        data={"achieved_on": on, "reason": f"招商线索推进（线索 {lead.pk}）"},
    )


@transaction.atomic
def lead_lose(
    *, user: User, lead: Lead, reason: LostReason, note: str = "", version: str | None = None
) -> Lead:
    if not selectors.can_work(user, lead):
        raise PermissionDenied
    if STAGE_ORDER.index(Stage(lead.stage)) >= STAGE_ORDER.index(Stage.LANDED):
        raise ValidationError(_("已注册落地的线索不能标为流失"))
    if not reason.is_active:
        raise ValidationError({"reason": [_("该流失原因已停用")]})
    lead.lost_reason = reason
    lead.lost_note = note
    record_save(lead, reason=f"流失：{reason.label}", version=version)
    _log(lead, user, _("标为流失：%(reason)s %(note)s") % {"reason": reason.label, "note": note})
    return lead


@transaction.atomic
def screening_run(*, user: User, lead: Lead) -> Screening:
    """Screen the lead against the current default rule set; the result is stored with it."""
    if not selectors.can_work(user, lead) or not user.has_perm("attraction.add_screening"):
        raise PermissionDenied
    rule_set = selectors.default_rule_set()
    if rule_set is None:
        raise ValidationError(_("尚未设置准入规则"))
    result, inputs = screen(lead, rule_set)
    screening = record_save(
        Screening(
            lead=lead, rule_set=rule_set, screened_by=user, verdict=result.verdict.value,
            results=[{"key": r.key, "label": str(r.label), "outcome": r.outcome.value,
                      "evidence": r.evidence} for r in result.results],
            inputs=inputs, raise_pct=result.raise_pct,
        ),
        reason="准入审查",
    )  # fmt: skip
    _log(lead, user, _("准入审查：%(v)s") % {"v": screening.get_verdict_display()})
    _touch(lead)
    return screening


def opinion_add(*, user: User, screening: Screening, stance: str, text: str) -> ReviewOpinion:
    if not user.has_perm("attraction.add_reviewopinion"):
        raise PermissionDenied
    if not selectors.leads_visible_to(user).filter(pk=screening.lead_id).exists():
        raise PermissionDenied
    opinion = ReviewOpinion(screening=screening, author=user, stance=Stance(stance), text=text)
    opinion.full_clean()
    opinion.save()
    _touch(screening.lead)
    return opinion


@transaction.atomic
def screening_decide(
    *, user: User, screening: Screening, decision: str, note: str = ""
) -> Screening:
    """The park office's decision, recorded with the screening's rule-set version. A project on
    a veto list cannot be admitted; admitting one below a threshold needs a stated reason."""
    if not selectors.can_sign(user):
        raise PermissionDenied
    if screening.decision:
        raise ValidationError(_("该次审查已作出决定；如情况变化请重新审查"))
    decided = Decision(decision)
    failed = [r for r in screening.results if r["outcome"] == "fail"]
    if decided == Decision.ADMIT:
        vetoes = [r for r in failed if r["key"].startswith("veto:")]
        if vetoes:
            raise ValidationError(
                _("项目命中否决清单，不能同意准入：%(rules)s")
                % {"rules": "、".join(r["label"] for r in vetoes)}
            )
        if failed and not note.strip():
            raise ValidationError(
                {"note": [_("有不符合的准入指标（%(rules)s），同意准入须说明理由")
                          % {"rules": "、".join(r["label"] for r in failed)}]}
            )  # fmt: skip
    screening.decision = decided.value
    screening.decided_by = user
    screening.decided_at = timezone.now()
    screening.decision_note = note.strip()
    record_write(
        screening, reason=f"准入决定：{decided.label}（规则 {screening.rule_set.version}）"
    )
    _log(screening.lead, user, _("准入决定：%(d)s") % {"d": decided.label})
    _touch(screening.lead)
    return screening
