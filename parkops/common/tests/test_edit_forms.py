"""Every edit form, opened by the park office in each language and saved unchanged, changes
nothing: no stored field, no history row. Browsers drop a date they cannot read, so a date
rendered in a non-ISO format would be erased here as it was on the real page."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import formats, translation

import parkops
from parkops.common.forms import VersionedModelForm
from parkops.common.tests.browserform import form_data
from parkops.common.versioning import tracked_fields
from parkops.conftest import client_for
from parkops.execution.choices import CultivationKind, Milestone
from parkops.execution.models import CultivationEntry, KeyProject, ProjectMilestone
from parkops.land.choices import Batch, LandActionStatus, LandFlagKind
from parkops.land.models import BatchAssignment, ControlListEntry, PlotProgress, Resettlement
from parkops.land.tests.factories import LandActionFactory
from parkops.registry.models import Road
from parkops.registry.tests.factories import (
    EnterpriseFactory,
    EnterpriseYearFactory,
    LandPlotFactory,
    SmallParkFactory,
)

pytestmark = pytest.mark.django_db
DAY = date(2016, 11, 24)

Case = Callable[[], tuple[str, models.Model]]


def _enterprise() -> tuple[str, models.Model]:
    firm = EnterpriseFactory(
        production_started_on=DAY,
        small_park=SmallParkFactory(),
        road=Road.objects.create(name="金轩路"),
        address="金轩路 8 号",
        note="第一行\n第二行",
    )
    return reverse("registry:enterprise_edit", args=[firm.pk]), firm


def _year() -> tuple[str, models.Model]:
    year = EnterpriseYearFactory(energy_tce=Decimal("12.345"), employees=40, note="备注")
    return reverse("registry:year_edit", args=[year.enterprise_id, year.year]), year


def _milestone() -> tuple[str, models.Model]:
    project = KeyProject.objects.create(enterprise=EnterpriseFactory(), name="新建厂房项目")
    milestone = ProjectMilestone.objects.create(
        project=project, kind=Milestone.PRODUCTION, target_date=DAY, achieved_on=date(2017, 1, 3)
    )
    url = reverse("execution:milestone_edit", args=[project.pk])
    return f"{url}?milestone={milestone.pk}", milestone


def _cultivation() -> tuple[str, models.Model]:
    entry = CultivationEntry.objects.create(
        kind=CultivationKind.TECH, enterprise=EnterpriseFactory(), planned_year=2025,
        listed_on=date(2024, 3, 11), project_name="技改一期", started_on=DAY,
    )  # fmt: skip
    return reverse("execution:cultivation_edit", args=[entry.pk]), entry


def _land_action() -> tuple[str, models.Model]:
    action = LandActionFactory(status=LandActionStatus.COMPLETED, completed_on=DAY)
    return reverse("land:action_edit", args=[action.pk]), action


def _control_entry() -> tuple[str, models.Model]:
    entry = ControlListEntry.objects.create(
        kind=LandFlagKind.IDLE, enterprise=EnterpriseFactory(), listed_on=DAY,
        reason="闲置两年", measures="限期开工", lifted_on=date(2025, 6, 1), lifted_reason="已复工",
    )  # fmt: skip
    return reverse("land:control_edit", args=[entry.pk]), entry


def _resettlement() -> tuple[str, models.Model]:
    assignment = BatchAssignment.objects.create(
        enterprise=EnterpriseFactory(), batch=Batch.CLOSE, reason="关停", decided_on=DAY
    )
    record = Resettlement.objects.create(
        assignment=assignment, workers_affected=12, workers_resettled=5, methods="转岗"
    )
    return reverse("land:resettlement", args=[assignment.pk]), record


def _plot_progress() -> tuple[str, models.Model]:
    progress = PlotProgress.objects.create(
        plot=LandPlotFactory(), construction_started_on=DAY, halted_since=date(2023, 5, 6)
    )
    return reverse("land:plot_progress", args=[progress.plot_id]), progress


def _visit() -> tuple[str, models.Model]:
    from django.contrib.auth.models import User

    from parkops.visits.models import Visit

    visit = Visit.objects.create(
        enterprise=EnterpriseFactory(), visited_on=DAY, discussed="第一行\n第二行",
        next_visit_on=date(2016, 12, 24), interviewee_phone="021-57000000",
    )  # fmt: skip
    visit.visitors.set([User.objects.get(username="alice")])
    return reverse("visits:visit_edit", args=[visit.pk]), visit


def _profile() -> tuple[str, models.Model]:
    from parkops.matching.services import profile_save

    firm = EnterpriseFactory()
    profile = profile_save(
        enterprise=firm,
        data={"offer_text": "第一行\n第二行", "offer_codes": "C2710, C2720",
              "offer_keywords": "原料药、制剂", "need_codes": "C2231", "need_keywords": "纸盒"},
    )  # fmt: skip
    return reverse("matching:profile_edit", args=[firm.pk]), profile


def _matching_session() -> tuple[str, models.Model]:
    from parkops.matching.services import session_create

    session = session_create(
        data={"title": "对接会", "held_on": DAY, "organiser": "园区办", "note": "第一行\n第二行"},
        invitees=[EnterpriseFactory(), EnterpriseFactory()],
    )
    return reverse("matching:session_edit", args=[session.pk]), session


def _match_pair() -> tuple[str, models.Model]:
    from parkops.matching import services
    from parkops.matching.choices import PairDecision, PairOutcome

    for firm, side in ((EnterpriseFactory(), "need"), (EnterpriseFactory(), "offer")):
        services.profile_save(enterprise=firm, data={f"{side}_codes": "C2710"})
    session = services.session_create(data={"title": "对接会", "held_on": DAY, "organiser": "办"})
    pair = services.pairs_propose(session=session)[0]
    services.pair_decide(pair=pair, decision=PairDecision.ACCEPTED)
    services.pair_outcome_record(
        pair=pair, outcome=PairOutcome.INTENT, outcome_reason="意向书", amount_wan=Decimal("12.5")
    )
    return reverse("matching:pair_edit", args=[pair.pk]), pair


def _small_park() -> tuple[str, models.Model]:
    park = SmallParkFactory(
        owner_name="上海某某园区管理有限公司", land_mu=Decimal("50.5"), floor_area_m2=Decimal(30000),
        rentable_floor_m2=Decimal(25000), contact_person="王经理", contact_phone="021-57000000",
        address="漕廊公路 1 号", note="第一行\n第二行",
    )  # fmt: skip
    return reverse("registry:smallpark_edit", args=[park.pk]), park


def _designation() -> tuple[str, models.Model]:
    from parkops.registry.models import Designation

    firm = EnterpriseFactory()
    item = Designation.objects.create(
        enterprise=firm, kind="srdi", level="municipal", awarded_on=DAY,
        expires_on=date(2019, 11, 23), certificate_no="沪专精 2016-001",
    )  # fmt: skip
    return reverse("registry:designation_edit", args=[firm.pk, item.pk]), item


def _infra() -> tuple[str, models.Model]:
    from parkops.execution.models import InfraProject

    project = InfraProject.objects.create(
        name="某路改建", investment_wan=Decimal("1200.50"), content="道路拓宽",
        start_year=2016, finish_year=2017, status="in_progress", started_on=DAY, note="备注",
    )  # fmt: skip
    return reverse("execution:infra_edit", args=[project.pk]), project


def _plan() -> tuple[str, models.Model]:
    from parkops.accounts.models import Department
    from parkops.enforcement.plan_services import plan_create

    plan = plan_create(
        user=User.objects.get(username="alice"),
        data={"name": "联合检查", "starts_on": DAY, "ends_on": date(2016, 12, 31), "note": "说明"},
        departments=[Department.objects.get(code="emergency")],
    )
    return reverse("enforcement:plan_edit", args=[plan.pk]), plan


def _lead() -> tuple[str, models.Model]:
    from parkops.attraction.tests.factories import lead

    item = lead(User.objects.get(username="alice"))
    return reverse("attraction:lead_edit", args=[item.pk]), item


def _activity() -> tuple[str, models.Model]:
    from parkops.activities.services import activity_create
    from parkops.core.workdays import SHANGHAI

    item = activity_create(
        user=User.objects.get(username="alice"),
        data={
            "kind": "salon", "title": "产业沙龙", "place": "服务中心", "organiser": None,
            "starts_at": datetime(2016, 11, 24, 14, 30, tzinfo=SHANGHAI),
            "topics": "第一行\n第二行", "status": "held", "summary": "纪要",
        },
        invitees=EnterpriseFactory.create_batch(2),
    )  # fmt: skip
    return reverse("activities:activity_edit", args=[item.pk]), item


def _commitment() -> tuple[str, models.Model]:
    from decimal import Decimal

    from parkops.attraction import services
    from parkops.attraction.commitments import commitment_save
    from parkops.attraction.tests.factories import lead

    alice = User.objects.get(username="alice")
    item = services.lead_advance(user=alice, lead=lead(alice), on=DAY)
    screening = services.screening_run(user=alice, lead=item)
    services.screening_decide(user=alice, screening=screening, decision="admit", note="同意")
    item = services.lead_advance(user=alice, lead=item, on=DAY)
    commitment = commitment_save(
        user=alice, lead=item,
        data={"signed_on": DAY, "document": "投资协议", "tax_wan": Decimal(500), "jobs": 80},
    )  # fmt: skip
    return reverse("attraction:commitment_edit", args=[item.pk]), commitment


EDIT_FORMS: dict[str, Case] = {
    "ActivityForm": _activity,
    "CommitmentForm": _commitment,
    "SmallParkForm": _small_park,
    "DesignationForm": _designation,
    "InfraProjectForm": _infra,
    "PlanForm": _plan,
    "LeadForm": _lead,
    "EnterpriseForm": _enterprise,
    "EnterpriseYearForm": _year,
    "MilestoneForm": _milestone,
    "CultivationEntryForm": _cultivation,
    "LandActionForm": _land_action,
    "ControlEntryForm": _control_entry,
    "ResettlementForm": _resettlement,
    "PlotProgressForm": _plot_progress,
    "VisitEditForm": _visit,
    "ProfileForm": _profile,
    "SessionForm": _matching_session,
    "PairOutcomeForm": _match_pair,
}
# Model forms that only ever create a record: nothing stored to keep.
CREATE_ONLY = {
    "BatchForm", "BuildingForm", "CultivationEntryCreateForm", "InfraSpendForm", "OccupantForm",
    "TenancyForm", "VacancyForm", "VetoEventForm", "VisitForm",
    # enforcement: records are entered, then followed up (re-inspection, handling) by services
    "AccidentForm", "ControlEventForm", "ExternalPenaltyForm", "FindingForm", "InspectionForm",
    "PenaltyForm",
}  # fmt: skip


def _model_forms() -> set[type[forms.ModelForm]]:  # type: ignore[type-arg]
    for module in pkgutil.iter_modules(parkops.__path__):
        if not module.ispkg:
            continue
        with_forms = f"parkops.{module.name}.forms"
        if importlib.util.find_spec(with_forms) is not None:
            importlib.import_module(with_forms)
    found: set[type[forms.ModelForm]] = set()  # type: ignore[type-arg]
    todo = list(forms.ModelForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        # The kit's own bases (and the admin's form, tested with the admin) are not pages' forms.
        if cls.__module__.startswith("parkops.") and not cls.__module__.startswith(
            ("parkops.common.", "parkops.common")
        ):
            if getattr(cls._meta, "model", None) is None:
                continue  # a base class of an app's forms, with no model of its own
            found.add(cls)
    return found


def test_every_model_form_is_a_versioned_edit_form_with_a_case_or_create_only() -> None:
    found = _model_forms()
    versioned = {c.__name__ for c in found if issubclass(c, VersionedModelForm)}
    plain = {c.__name__ for c in found if not issubclass(c, VersionedModelForm)}
    assert versioned == set(EDIT_FORMS)
    assert plain == CREATE_ONLY


def _stored(record: models.Model) -> dict[str, Any]:
    fresh = type(record)._default_manager.get(pk=record.pk)
    return {f.name: getattr(fresh, f.attname) for f in tracked_fields(type(record))}


def _history_count(record: models.Model) -> int:
    return type(record).history.count()  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_saving_an_edit_form_unchanged_changes_nothing(
    alice: User, name: str, language: str
) -> None:
    url, record = EDIT_FORMS[name]()
    before, history = _stored(record), _history_count(record)
    client = client_for(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page.content.decode()))
    assert response.status_code == 302, response.content.decode()
    assert _stored(record) == before
    assert _history_count(record) == history


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_every_language_renders_dates_as_html_inputs_read_them(language: str) -> None:
    with translation.override(language):
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"
        assert formats.get_format("DATETIME_INPUT_FORMATS")[0] == "%Y-%m-%dT%H:%M"
        widget = forms.DateInput(attrs={"type": "date"})
        assert 'value="2016-11-24"' in widget.render("d", DAY)


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_saving_the_scheme_form_unchanged_stores_no_new_version(alice: User, language: str) -> None:
    from parkops.evaluation.models import SchemeVersion
    from parkops.evaluation.services import scheme_default

    version = scheme_default()
    url = reverse("evaluation:scheme_edit", args=[version.pk])
    client = client_for(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    data = form_data(client.get(url).content.decode(), form_id="scheme-form")
    response = client.post(url, {**data, "save": "1"})
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert SchemeVersion.objects.count() == 1
