"""In Chromium at desktop and phone width: the 履约 list (a project behind its commitment, the
filter swapping the rows and the export link following it, an owner seeing only his park's), the
veto-list upload (errors by row, then a preview loaded all at once) and the incentive ledger (the
office computes a year; an owner reads his park's)."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.attraction.defaults import defaults_load
from parkops.attraction.models import Commitment, Lead, VetoList
from parkops.core.text import company_key
from parkops.core.uscc import complete_uscc
from parkops.registry.models import Enterprise, EnterpriseYear, SmallPark
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _landed(name: str, n: int, park: SmallPark, landed_on: date, **figures: object) -> Lead:
    """A joint-scheme lead at full production, registered as an enterprise in `park`, with its
    last year's figures (set directly: the stages are the services' tests' business)."""
    today = timezone.localdate()
    enterprise = Enterprise.objects.create(
        name=name, uscc=complete_uscc(f"91310116MA1W000{n}"), small_park=park
    )
    EnterpriseYear.objects.create(enterprise=enterprise, year=today.year - 1, **figures)
    return Lead.objects.create(
        company_name=name, name_key=company_key(name), pipeline_type="joint", stage="full",
        owner_park=park, enterprise=enterprise, landed_on=landed_on, next_action="回访",
        next_action_on=today, last_activity_at=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def parks(ailiu: SmallPark, changning: SmallPark) -> tuple[Lead, Lead]:
    last = timezone.localdate().year - 1
    behind = _landed("矮柳履约有限公司", 1, ailiu, date(last, 3, 1),
                     output_value=Decimal(6000), tax=Decimal(200))  # fmt: skip
    other = _landed("长宁履约有限公司", 2, changning, date(last, 5, 1),
                    output_value=Decimal(9000), tax=Decimal(600))  # fmt: skip
    for item in (behind, other):
        Commitment.objects.create(
            lead=item, signed_on=date(last - 2, 1, 1), document="投资协议",
            output_wan=Decimal(8000), tax_wan=Decimal(500), full_on=date(last, 1, 1),
        )  # fmt: skip
    return behind, other


@pytest.mark.parametrize("size", list(SIZES))
def test_the_commitment_list_shows_who_is_behind_and_filters_in_place(
    live_server: object, page: Page, alice: User, olga: User, parks: tuple[Lead, Lead], size: str
) -> None:
    viewport = SIZES[size]
    page.set_viewport_size(viewport)
    last = timezone.localdate().year - 1
    log_in(page, live_server, "alice", "/attraction/commitments/")
    expect(page.locator("h1")).to_have_text("履约情况")
    rows = page.locator("#commitment-table tbody tr")
    expect(rows).to_have_count(4)  # two projects × the committed output and tax of last year
    page.select_option("#id_status", "behind")
    expect(rows).to_have_count(2)  # 矮柳's output 75%, tax 40%; 长宁's 112.5% and 120% are met
    expect(page.locator("#export")).to_have_attribute(
        "href", re.compile(r"^/attraction/commitments/export\.xlsx\?.*status=behind")
    )
    tax = rows.filter(has_text="矮柳履约有限公司").filter(has_text="年税收")
    expect(tax).to_contain_text(str(last))
    expect(tax).to_contain_text("40.0")
    expect(tax).to_contain_text("未达承诺")
    _fits(page, viewport["width"])
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"attraction-commitments-{size}.png", full_page=True)
    rows.filter(has_text="矮柳履约有限公司").first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("矮柳履约有限公司")

    page.context.clear_cookies()
    log_in(page, live_server, "olga", "/attraction/commitments/")
    expect(page.locator("#commitment-table tbody tr").first).to_contain_text("矮柳履约有限公司")
    expect(page.locator("#commitment-table")).not_to_contain_text("长宁履约有限公司")
    _fits(page, viewport["width"])


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("size", list(SIZES))
def test_the_park_office_uploads_a_veto_list_after_fixing_its_errors(
    live_server: object, page: Page, alice: User, tmp_path: Path, size: str
) -> None:
    defaults_load()  # a transactional test flushed the migration's rows
    viewport = SIZES[size]
    page.set_viewport_size(viewport)
    bad = _xlsx(tmp_path / "坏清单.xlsx",
                [["行业代码", "关键词", "条目"], ["X99", "", "坏代码"], ["", "", "空条目"]])  # fmt: skip
    good = _xlsx(tmp_path / "清单.xlsx",
                 [["行业代码", "关键词", "条目"], ["C2611", "", "无机酸制造"], ["", "电镀", "电镀工艺"]])  # fmt: skip
    log_in(page, live_server, "alice", "/attraction/rules/")
    page.click("#veto-upload")
    expect(page.locator("h1")).to_have_text("载入否决清单")
    page.select_option("#id_kind", "environment")
    page.fill("#id_source", "沪环规〔2024〕3号")
    page.set_input_files("#id_file", str(bad))
    page.click("#veto-preview-button")
    body = page.locator("main")
    expect(body).to_contain_text("第 2 行“行业代码”列：“X99”不是有效的行业代码")
    expect(body).to_contain_text("第 3 行：须有行业代码或关键词")
    expect(page.locator("#veto-load")).to_have_count(0)
    _fits(page, viewport["width"])
    page.select_option("#id_kind", "environment")
    page.set_input_files("#id_file", str(good))
    page.click("#veto-preview-button")
    expect(page.locator("#veto-preview")).to_contain_text("共 2 项")
    expect(page.locator("#veto-rows tbody tr")).to_have_count(2)
    assert VetoList.objects.count() == 0  # a preview writes nothing
    _fits(page, viewport["width"])
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"attraction-veto-upload-{size}.png", full_page=True)
    page.click("#veto-load")
    expect(page.locator("h1")).to_have_text("准入规则")
    expect(page.locator("#veto-lists")).to_contain_text(
        "区环保限制严格准入目录：沪环规〔2024〕3号（2 项）"
    )
    veto = VetoList.objects.get()
    assert list(veto.items.values_list("code", "keyword")) == [("C2611", ""), ("", "电镀")]


@pytest.mark.parametrize("size", list(SIZES))
def test_the_office_computes_the_incentive_ledger_and_an_owner_reads_his_park(
    live_server: object, page: Page, alice: User, olga: User, parks: tuple[Lead, Lead], size: str
) -> None:
    defaults_load()
    viewport = SIZES[size]
    page.set_viewport_size(viewport)
    last = timezone.localdate().year - 1
    log_in(page, live_server, "alice", "/attraction/")
    page.click("#board-incentives a")
    expect(page.locator("h1")).to_have_text("联合招商奖励台账")
    page.fill("#id_year", str(last))
    page.click("#incentive-compute-button")
    expect(page.locator("body")).to_contain_text(f"计算 {last} 年：新增 4 条")
    totals = page.locator("#incentive-totals tbody tr")
    expect(totals).to_have_count(2)
    # 矮柳: landed 5 + 200 × 0.05 = 15; 长宁: 5 + 600 × 0.05 = 35.
    expect(totals.filter(has_text="矮柳")).to_contain_text("15.00")
    expect(totals.filter(has_text="长宁")).to_contain_text("35.00")
    page.select_option("#id_small_park", label="长宁")
    expect(totals).to_have_count(1)
    expect(page.locator("#incentive-table tbody tr")).to_have_count(2)
    _fits(page, viewport["width"])
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"attraction-incentives-{size}.png", full_page=True)

    page.context.clear_cookies()
    log_in(page, live_server, "olga", "/attraction/incentives/")
    expect(totals).to_have_count(1)
    expect(totals).to_contain_text("矮柳")
    expect(page.locator("main")).not_to_contain_text("长宁")
    expect(page.locator("#incentive-compute")).to_have_count(0)
    _fits(page, viewport["width"])
