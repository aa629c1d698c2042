"""The numbers an independent computation of the rules disagreed with (issue 12)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import translation

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.selectors import input_frame
from parkops.evaluation.tests.factories import enterprise_with_year

pytestmark = pytest.mark.django_db


def test_a_firm_started_two_years_before_the_years_end_has_completed_two_years() -> None:
    on_anniversary = enterprise_with_year(2023, production_started_on=date(2021, 12, 31))
    a_day_short = enterprise_with_year(2023, production_started_on=date(2022, 1, 1))
    years = dict(input_frame(year=2023).select("enterprise_id", "years_in_production").iter_rows())
    assert years == {on_anniversary.pk: 2, a_day_short.pk: 1}

    run = services.run_create(year=2023)
    results = {r.enterprise_id: r for r in run.results.all()}
    assert results[on_anniversary.pk].evaluation_class in {"A", "B", "C", "D"}
    assert results[on_anniversary.pk].excluded_reason == ""
    assert (results[a_day_short.pk].evaluation_class, results[a_day_short.pk].excluded_reason) == (
        "T",
        "T类（不定等级）：投产不满 2 年",
    )


def test_a_firm_with_zero_land_is_left_out_like_one_with_blank_land() -> None:
    twenty = enterprise_with_year(2025, land_mu=Decimal("20"))
    zero = enterprise_with_year(2025, land_mu=Decimal("0"))
    blank = enterprise_with_year(2025, land_mu=None)
    run = services.run_create(year=2025)
    results = {r.enterprise_id: r for r in run.results.all()}
    assert results[twenty.pk].rank == 1
    assert results[twenty.pk].population_size == 1
    for firm in (zero, blank):
        assert (results[firm.pk].evaluation_class, results[firm.pk].excluded_reason) == (
            "N",
            "缺少用地面积（未填或为 0）",
        )
        assert results[firm.pk].total_score is None


def test_the_scheme_page_states_the_rules_the_handbook_leaves_open(lena: User) -> None:
    version = services.scheme_default()
    html = client_for(lena).get(f"/evaluation/schemes/{version.pk}/").content.decode()
    order = html[html.index('id="exclusion-order"') :]
    order = order[: order.index("</ol>")]
    steps = [
        "没有营业收入数据",
        "投产不满 2 年（按日历计算已满的整年数",
        "行业代码以 D44、D45、D46 开头",
        "用地面积未填或为 0",
        "规下企业用地不足 1.5 亩",
    ]
    assert [order.index(s) for s in steps] == sorted(order.index(s) for s in steps)
    assert "一票否决只作用于已定为 A–D 类的企业" in html
    assert "租用建筑面积 ÷ 2000 ㎡ 折算" in html
    # the default shares A 20 B 40 C 35 D 5: 30 enterprises give one D, 10 give none
    sizes = html[html.index('id="class-sizes"') :]
    rows = re.findall(r"<tr><td>(\d+)</td>((?:<td[^>]*>\d+</td>)+)</tr>", sizes)
    table = {int(n): [int(x) for x in re.findall(r">(\d+)<", cells)] for n, cells in rows}
    assert table[30] == [6, 12, 11, 1]
    assert table[10] == [2, 4, 4, 0]


def test_the_scheme_page_states_them_in_english_too(lena: User) -> None:
    version = services.scheme_default()
    client = client_for(lena)
    client.cookies["django_language"] = "en"
    # the request activates English in this thread: give the language back afterwards
    with translation.override(settings.LANGUAGE_CODE):
        html = client.get(f"/evaluation/schemes/{version.pk}/").content.decode()
    assert "Vetoes reach only enterprises already in classes A–D" in html
    assert "一票否决只作用于" not in html
