"""A deterministic generator of fictional enterprises for the demo data set (演示数据).

The plan publishes no enterprise's output or tax, so the evaluation, the ranking and the
indicators need something to compute on. Everything here is invented, reproducible from the
seed, and flagged as demo data wherever it is stored. Distributions are rough but plausible for
a Shanghai suburban industrial park: land per enterprise, output per 亩, tax and value-added
rates, energy intensity, R&D intensity and labour productivity, with a tail of very weak
enterprises, some missing values, and some enterprises crossing the 2,000 万元 规上 line.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from parkops.core.figures import LandBasis
from parkops.core.uscc import CHARSET, complete_uscc

DEFAULT_SEED = 20240311
YEARS = (2023, 2024, 2025)
JINSHAN_REGION = "310116"

_BRAND_SYLLABLES = (
    "澜", "睿", "拓", "晟", "弘", "翔", "岚", "铭", "恒", "瀚", "嘉", "骏", "朗", "启", "彦", "泓",
    "辰", "煜", "峻", "璟", "沐", "昕", "钧", "霖", "航", "卓", "潇", "峰", "源", "曜", "衡", "湛",
)  # fmt: skip
# (division, trade word, key industry)
_TRADES = (
    (26, "化工", "new_materials"), (26, "新材料科技", "new_materials"), (27, "生物医药", "biomedicine"),
    (27, "医药科技", "biomedicine"), (29, "塑胶制品", "new_materials"), (30, "建材", "new_materials"),
    (33, "金属制品", "other"), (34, "机械设备", "intelligent_mfg"), (35, "智能装备", "intelligent_mfg"),
    (36, "汽车零部件", "other"), (38, "电气", "intelligent_mfg"), (39, "电子科技", "intelligent_mfg"),
    (40, "仪器仪表", "intelligent_mfg"), (22, "包装材料", "other"), (17, "纺织", "other"),
    (23, "印刷", "other"), (41, "日用品", "other"),
)  # fmt: skip
_SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司")


@dataclass(frozen=True)
class DemoYear:
    year: int
    output_value: Decimal | None
    revenue: Decimal | None
    tax: Decimal | None
    value_added: Decimal | None
    energy_tce: Decimal | None
    emissions_t: Decimal | None
    rd_expense: Decimal | None
    employees: int | None
    land_basis: LandBasis
    land_mu: Decimal | None
    rented_floor_m2: Decimal | None


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    short_name: str
    uscc: str
    industry_code: str
    key_industry: str
    small_park: str | None  # a small park's name, for tenants
    road: str
    address: str
    production_started_on: date
    years: list[DemoYear] = field(default_factory=list)


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _qty(value: float) -> Decimal:
    return Decimal(str(round(value, 3)))


def _uscc(rng: random.Random, used: set[str]) -> str:
    while True:
        body = "MA1" + "".join(rng.choice(CHARSET) for _ in range(5))
        code = complete_uscc("91" + JINSHAN_REGION + body)
        if code not in used:
            used.add(code)
            return code


# Two-syllable brands give about 33,000 distinct names; once a draw keeps hitting taken names,
# a third syllable opens about a million more. Small data sets never get that far, so the demo
# data an installation already holds is generated the same as before.
_TWO_SYLLABLE_TRIES = 40


def _name(rng: random.Random, trade: str, taken: set[str]) -> tuple[str, str]:
    tries = 0
    while True:
        syllables = 2 if tries < _TWO_SYLLABLE_TRIES else 3
        brand = "".join(rng.choice(_BRAND_SYLLABLES) for _ in range(syllables))
        name = f"上海{brand}{trade}{rng.choice(_SUFFIXES)}"
        if name not in taken and brand[0] != brand[1]:
            taken.add(name)
            return name, brand
        tries += 1


def generate(
    count: int,
    *,
    small_parks: list[str],
    roads: list[str],
    reserved_names: Collection[str] = (),
    seed: int = DEFAULT_SEED,
) -> list[DemoEnterprise]:
    """`count` fictional enterprises; the same arguments always give the same list."""
    rng = random.Random(seed)
    taken = set(reserved_names)
    used_codes: set[str] = set()
    result = []
    for _ in range(count):
        division, trade, key_industry = rng.choice(_TRADES)
        name, brand = _name(rng, trade, taken)
        tenant = bool(small_parks) and rng.random() < 0.7
        road = rng.choice(roads)
        started = date(rng.randint(2004, 2024), rng.randint(1, 12), rng.randint(1, 28))
        enterprise = DemoEnterprise(
            name=name,
            short_name=brand,
            uscc=_uscc(rng, used_codes),
            industry_code=f"C{division}",
            key_industry=key_industry,
            small_park=rng.choice(small_parks) if tenant else None,
            road=road,
            address=f"{road} {rng.randint(1, 4000)} 号（演示）",
            production_started_on=started,
            years=_years(rng, tenant=tenant, weak=rng.random() < 0.08, started=started),
        )
        result.append(enterprise)
    return result


def _years(rng: random.Random, *, tenant: bool, weak: bool, started: date) -> list[DemoYear]:
    if tenant:
        floor_m2 = min(max(rng.lognormvariate(8.0, 0.7), 400.0), 30000.0)  # median ≈ 3,000 m²
        land_equiv_mu = floor_m2 / 2000
    else:
        land_mu = min(max(rng.lognormvariate(3.0, 0.8), 3.0), 200.0)  # median ≈ 20 亩
        land_equiv_mu = land_mu
    output_per_mu = rng.lognormvariate(5.6, 0.7)  # median ≈ 270 万元/亩
    if weak:
        output_per_mu *= rng.uniform(0.05, 0.2)
    tax_rate = rng.uniform(0.004, 0.015) if weak else rng.uniform(0.015, 0.08)
    va_rate = rng.uniform(0.15, 0.35)
    energy_per_wan = rng.lognormvariate(-3.9, 0.9)  # tce per 万元 of output, median ≈ 0.02
    emission_per_tce = rng.uniform(0.002, 0.02)
    rd_rate = max(0.0, rng.gauss(0.025, 0.02))
    wan_per_worker = rng.uniform(40, 180)
    output = land_equiv_mu * output_per_mu
    missing_year = 2023 if started.year >= 2023 or rng.random() < 0.03 else None
    years = []
    for year in YEARS:
        output *= rng.uniform(0.85, 1.2)
        if year == missing_year or started.year > year:
            continue
        revenue = output * rng.uniform(0.88, 1.08)
        energy = output * energy_per_wan
        years.append(
            DemoYear(
                year=year,
                output_value=_money(output),
                revenue=_money(revenue),
                tax=_money(revenue * tax_rate * rng.uniform(0.85, 1.15)),
                value_added=_money(output * va_rate),
                energy_tce=None if rng.random() < 0.05 else _qty(energy),
                emissions_t=None if rng.random() < 0.08 else _qty(energy * emission_per_tce),
                rd_expense=None if rng.random() < 0.04 else _money(revenue * rd_rate),
                employees=max(3, round(output / wan_per_worker)),
                land_basis=LandBasis.RENTED if tenant else LandBasis.OWNED,
                land_mu=None if tenant else _qty(land_equiv_mu),
                rented_floor_m2=_money(land_equiv_mu * 2000) if tenant else None,
            )
        )
    return years
