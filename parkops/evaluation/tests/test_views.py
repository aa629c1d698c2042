"""Pages of the evaluation: who may see and do what, and what the pages show."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationRun, SchemeVersion, VetoEvent
from parkops.evaluation.selectors_input import figure_years
from parkops.evaluation.tests.factories import add_year, enterprise_with_year
from parkops.ops.choices import JobKind
from parkops.ops.models import Job
from parkops.registry.models import Enterprise, EnterpriseYear, Road, SmallPark

pytestmark = pytest.mark.django_db


def _five() -> list[int]:
    return [enterprise_with_year(tax=Decimal(t)).pk for t in (900, 300, 200, 100, 20)]


def test_the_park_office_runs_and_publishes_an_evaluation(alice: User) -> None:
    ids = _five()
    client = client_for(alice)
    version = services.scheme_default()
    response = client.post(
        "/evaluation/", {"year": 2025, "scheme_version": version.pk, "note": "年度评价"}
    )
    run = EvaluationRun.objects.get()
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    # The job page (done at once in tests) links to the run.
    job_page = client.get(response["Location"]).content.decode()
    assert f'href="/evaluation/runs/{run.pk}/"' in job_page
    page = client.get(f"/evaluation/runs/{run.pk}/").content.decode()
    assert "尾部 30 家企业" in page
    assert "默认方案（待录入区级手册）" in page

    client.post(f"/evaluation/runs/{run.pk}/publish/")
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert run.published_by == alice
    again = client.post(f"/evaluation/runs/{run.pk}/delete/", follow=True)
    assert "2025 年度的评价已发布，结果不能再修改" in again.content.decode()
    assert EvaluationRun.objects.filter(pk=run.pk).exists()
    assert run.results.filter(enterprise_id=ids[4]).get().park_position == 1


def test_readers_see_but_cannot_run_or_publish(lena: User, dora: User) -> None:
    _five()
    run = services.run_create(year=2025)
    for user in (lena, dora):
        client = client_for(user)
        assert client.get("/evaluation/").status_code == 200
        assert client.get(f"/evaluation/runs/{run.pk}/").status_code == 404  # drafts: office only
        assert client.post("/evaluation/", {"year": 2025}).status_code == 403
        assert client.post(f"/evaluation/runs/{run.pk}/publish/").status_code == 403
        assert client.get(f"/evaluation/schemes/{run.scheme_version_id}/edit/").status_code == 403
    run.refresh_from_db()
    assert run.status == RunStatus.DRAFT


def test_no_role_no_access(charlie: User) -> None:
    client = client_for(charlie)
    assert client.get("/evaluation/").status_code == 403
    assert client.get("/evaluation/veto-events/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client: object) -> None:
    response = client.get("/evaluation/")  # type: ignore[attr-defined]
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_road_chief_sees_only_the_enterprises_of_his_road(rob: User, pingye: Road) -> None:
    mine = enterprise_with_year(road=pingye, tax=Decimal("5"))
    other = enterprise_with_year(tax=Decimal("1"))
    run = services.run_publish(run=services.run_create(year=2025))
    page = client_for(rob).get(f"/evaluation/runs/{run.pk}/bottom/").content.decode()
    assert mine.name in page
    assert other.name not in page


def test_the_bottom_30_export_and_the_handbook(lena: User) -> None:
    _five()
    run = services.run_publish(run=services.run_create(year=2025))
    client = client_for(lena)
    bottom = client.get(f"/evaluation/runs/{run.pk}/bottom/?format=xlsx")
    rows = CalamineWorkbook.from_filelike(BytesIO(bottom.content)).get_sheet_by_index(0).to_python()  # type: ignore[attr-defined]
    assert rows[0][:3] == ["倒数位次", "企业名称", "统一社会信用代码"]
    assert [r[0] for r in rows[1:6]] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert client.get(f"/evaluation/runs/{run.pk}/handbook/").status_code == 405  # POST only
    started = client.post(f"/evaluation/runs/{run.pk}/handbook/")
    job = Job.objects.get(kind=JobKind.HANDBOOK)
    assert started["Location"] == f"/jobs/{job.pk}/"
    assert f'href="/jobs/{job.pk}/download/"' in client.get(started["Location"]).content.decode()
    handbook = client.get(f"/jobs/{job.pk}/download/")
    assert handbook["Content-Disposition"].endswith(quote("评价结果手册-2025.xlsx"))
    book = CalamineWorkbook.from_filelike(BytesIO(b"".join(handbook.streaming_content)))  # type: ignore[attr-defined]
    assert book.sheet_names == ["汇总", "规上企业", "规下企业", "未排名企业"]
    above = book.get_sheet_by_name("规上企业").to_python()
    assert [r[0] for r in above[1:]] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert above[0][-5:] == ["综合得分", "否决前等级", "评价等级", "否决原因", "园区倒数位次"]


def test_the_enterprise_page_shows_the_card_and_the_what_if(
    lena: User, olga: User, ailiu: SmallPark
) -> None:
    firm = enterprise_with_year(tax=Decimal("100"), small_park=ailiu)
    _five()
    run = services.run_publish(run=services.run_create(year=2025))
    page = client_for(lena).get(f"/enterprises/{firm.pk}/").content.decode()
    assert 'id="evaluation-card"' in page
    assert "亩均税收（权重 30）：10.00 万元/亩，基准值 24.10 万元/亩" in page
    response = client_for(olga).post(
        f"/evaluation/runs/{run.pk}/what-if/{firm.pk}/", {"tax": "2000"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong id="what-if-rank">1/6</strong>' in html
    assert '<strong id="what-if-class">A</strong>' in html
    outsider = enterprise_with_year()
    assert (
        client_for(olga)
        .post(f"/evaluation/runs/{run.pk}/what-if/{outsider.pk}/", {"tax": "1"})
        .status_code
        == 404
    )


def test_the_card_explains_the_score_in_english_for_an_english_reader(lena: User) -> None:
    firm = enterprise_with_year(tax=Decimal("100"))
    _five()
    services.run_publish(run=services.run_create(year=2025))
    client = client_for(lena)
    client.cookies["django_language"] = "en"
    page = client.get(f"/enterprises/{firm.pk}/").content.decode()
    # the sentence is the translated template; the label and unit are the scheme's, as entered
    assert (
        "亩均税收 (weight 30): 10.00 万元/亩 against a benchmark of 24.10 万元/亩, "
        "41% of the benchmark, 12.45 points." in page
    )
    assert "亩均税收（权重 30）" not in page


def test_a_scheme_is_validated_then_saved_as_a_new_version(alice: User) -> None:
    version = services.scheme_default()
    client = client_for(alice)
    bad = client.post(f"/evaluation/schemes/{version.pk}/edit/", {"definition": "{", "save": "1"})
    assert "JSON 格式有误：第 1 行第 2 列" in bad.content.decode()
    wrong = client.post(
        f"/evaluation/schemes/{version.pk}/edit/",
        {"definition": '{"name": "x", "populations": []}', "save": "1"},
    )
    assert "方案至少需要一个评价类别（如规上、规下）" in wrong.content.decode()
    assert SchemeVersion.objects.count() == 1
    import json

    edited = json.dumps({**version.definition, "floor_m2_per_mu": 2500.0})
    client.post(f"/evaluation/schemes/{version.pk}/edit/", {"definition": edited, "validate": "1"})
    assert SchemeVersion.objects.count() == 1
    saved = client.post(
        f"/evaluation/schemes/{version.pk}/edit/", {"definition": edited, "save": "1"}
    )
    new = SchemeVersion.objects.get(number=2)
    assert saved["Location"] == f"/evaluation/schemes/{new.pk}/"
    assert new.definition["floor_m2_per_mu"] == 2500.0


def test_the_park_office_records_a_veto_event(alice: User) -> None:
    firm = enterprise_with_year()
    client_for(alice).post(
        "/evaluation/veto-events/",
        {
            "enterprise": firm.pk,
            "kind": "safety_accident",
            "grade": "2_larger",
            "occurred_on": "2025-03-01",
        },
    )
    event = VetoEvent.objects.get()
    assert (event.enterprise, event.kind) == (firm, "safety_accident")
    assert event.history.get().history_change_reason == "登记否决事件"


def test_the_card_fills_the_what_if_from_the_runs_inputs_not_todays_figures(
    lena: User,
) -> None:
    firm = enterprise_with_year(tax=Decimal("100"))
    _five()
    services.run_publish(run=services.run_create(year=2025))
    EnterpriseYear.objects.filter(enterprise=firm, year=2025).update(tax=Decimal("999"))
    page = client_for(lena).get(f"/enterprises/{firm.pk}/").content.decode()
    tax = re.search(r'<input type="number" name="tax" value="([^"]*)"', page)
    revenue = re.search(r'<input type="number" name="revenue" value="([^"]*)"', page)
    assert tax is not None
    assert revenue is not None
    assert (tax.group(1), revenue.group(1)) == ("100.0", "5000.0")


def test_the_enterprise_page_leaves_the_runs_snapshot_unread(lena: User) -> None:
    firm = enterprise_with_year()
    _five()
    services.run_publish(run=services.run_create(year=2025))
    with CaptureQueriesContext(connection) as queries:
        page = client_for(lena).get(f"/enterprises/{firm.pk}/").content.decode()
    assert 'id="evaluation-card"' in page
    assert [q["sql"] for q in queries if "input_snapshot" in q["sql"]] == []


def test_the_run_pages_and_the_office_s_enterprise_page_leave_every_snapshot_unread(
    alice: User,
) -> None:
    # published_run() fed last year's run to the run page's comparison and bottom 30 (twice) and
    # this year's to the enterprise page's panels: 3.6 MB fetched each time at district scale.
    firm = enterprise_with_year()
    add_year(firm, 2024)
    for pk in _five():
        add_year(Enterprise.objects.get(pk=pk), 2024)
    last = services.run_create(year=2024)
    services.run_publish(run=last)
    run = services.run_create(year=2025)
    services.run_publish(run=run)
    client = client_for(alice)
    for path in (
        f"/enterprises/{firm.pk}/",
        f"/evaluation/runs/{run.pk}/",
        f"/evaluation/runs/{run.pk}/bottom/",
        f"/evaluation/runs/{last.pk}/",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert [q["sql"] for q in queries if "input_snapshot" in q["sql"]] == [], path


def test_the_run_form_offers_the_years_with_figures_newest_first(alice: User) -> None:
    assert figure_years() == []
    for year in (2019, 2025, 2023):
        enterprise_with_year(year=year)
    enterprise_with_year(year=2023)
    straightforward = list(
        EnterpriseYear.objects.order_by("-year").values_list("year", flat=True).distinct()
    )
    assert figure_years() == straightforward == [2025, 2023, 2019]
    page = client_for(alice).get("/evaluation/").content.decode()
    select = re.search(r'<select name="year".*?</select>', page, re.S)
    assert select is not None
    assert re.findall(r'<option value="(\d+)"', select.group(0)) == ["2025", "2023", "2019"]
