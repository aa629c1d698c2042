import random
import signal

from parkops.core.demo import _BRAND_SYLLABLES, _SUFFIXES, _name, generate
from parkops.core.uscc import is_valid_uscc

PARKS = ["矮柳", "长宁", "爱尔"]
ROADS = ["平业路", "月工路"]


def test_same_seed_same_data() -> None:
    assert generate(50, small_parks=PARKS, roads=ROADS) == generate(
        50, small_parks=PARKS, roads=ROADS
    )
    assert generate(50, small_parks=PARKS, roads=ROADS, seed=1) != generate(
        50, small_parks=PARKS, roads=ROADS
    )


def test_codes_valid_and_unique_names_avoid_reserved() -> None:
    first = generate(300, small_parks=PARKS, roads=ROADS)
    reserved = {first[0].name, first[1].name}
    data = generate(300, small_parks=PARKS, roads=ROADS, reserved_names=reserved)
    assert all(is_valid_uscc(e.uscc) for e in data)
    assert len({e.uscc for e in data}) == len({e.name for e in data}) == 300
    assert not reserved & {e.name for e in data}


def test_it_has_the_cases_an_evaluation_must_handle() -> None:
    data = generate(300, small_parks=PARKS, roads=ROADS)
    years = [y for e in data for y in e.years]
    tenants = [e for e in data if e.small_park]
    assert 0 < len(tenants) < 300
    assert all(y.rented_floor_m2 and y.land_mu is None for e in tenants for y in e.years)
    assert any(y.energy_tce is None for y in years)
    assert any(y.emissions_t is None for y in years)
    assert any(len(e.years) < 3 for e in data)  # new enterprises have fewer years
    revenues_2025 = [y.revenue for y in years if y.year == 2025 and y.revenue is not None]
    assert any(r >= 2000 for r in revenues_2025)
    assert any(r < 2000 for r in revenues_2025)
    tax_per_land = sorted(
        float(y.tax) / float(y.land_mu if y.land_mu else y.rented_floor_m2 / 2000)  # type: ignore[operator]
        for y in years
        if y.year == 2025 and y.tax is not None
    )
    assert tax_per_land[0] < tax_per_land[len(tax_per_land) // 2] / 10  # a tail of very weak firms


def test_it_names_more_enterprises_than_two_syllable_brands_can() -> None:
    # 32 × 31 brands × 17 trades × 2 suffixes ≈ 33,700 two-syllable names: the generator used to
    # loop for ever past about 32,000 enterprises. Here every two-syllable name of one trade is
    # taken; the alarm turns a loop for ever into a failure.
    taken = {
        f"上海{a}{b}化工{suffix}"
        for a in _BRAND_SYLLABLES
        for b in _BRAND_SYLLABLES
        for suffix in set(_SUFFIXES)
    }
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(5)
    try:
        name, brand = _name(random.Random(1), "化工", taken)
    finally:
        signal.alarm(0)
    assert len(brand) == 3
    assert name == f"上海{brand}化工有限公司" or name == f"上海{brand}化工股份有限公司"
    assert name in taken


def _too_slow(signum: int, frame: object) -> None:
    raise AssertionError("no free name found in 5 s")


def test_it_generates_100000_enterprises_with_unique_names_and_codes() -> None:
    # What `load_demo --count 100000` (the district benchmark) asks of it, without a database.
    data = generate(
        100_000, small_parks=PARKS, roads=ROADS, reserved_names={"上海演示化工有限公司"}
    )
    assert len(data) == 100_000
    assert len({e.name for e in data}) == len({e.uscc for e in data}) == 100_000
    assert "上海演示化工有限公司" not in {e.name for e in data}
    assert data[:300] == generate(300, small_parks=PARKS, roads=ROADS)[:300]  # the first unchanged
