"""Units and thresholds as the plan and its users write them.

Money is in 万元, land in 亩, floor space in m², energy in tce (吨标准煤).
"""

from __future__ import annotations

import re
from decimal import Decimal

from parkops.core.figures import LandBasis
from parkops.core.text import to_half_width

M2_PER_MU = Decimal(10000) / Decimal(15)  # 1 亩 = 666.67 m²; 15 亩 = 1 ha
ABOVE_SCALE_REVENUE_WAN = Decimal(
    2000
)  # 规上: annual main-business revenue ≥ 2,000 万元 (NBS, 2011)
DEFAULT_FLOOR_M2_PER_MU = Decimal(2000)  # a tenant's rented floor space: 2,000 m² counts as 1 亩


def is_above_scale(revenue_wan: Decimal | None) -> bool | None:
    """规上 or not from main-business revenue in 万元; None when the revenue is unknown."""
    if revenue_wan is None:
        return None
    return revenue_wan >= ABOVE_SCALE_REVENUE_WAN


def m2_to_mu(area_m2: Decimal) -> Decimal:
    return area_m2 / M2_PER_MU


def rented_floor_to_mu(
    floor_m2: Decimal, floor_m2_per_mu: Decimal = DEFAULT_FLOOR_M2_PER_MU
) -> Decimal:
    """折算用地面积: a tenant's land is its rented floor space divided by the convention."""
    if floor_m2_per_mu <= 0:
        raise ValueError("floor_m2_per_mu must be positive")
    return floor_m2 / floor_m2_per_mu


def evaluated_land_mu(
    *,
    land_basis: str | None,
    land_mu: Decimal | None,
    rented_floor_m2: Decimal | None,
    floor_m2_per_mu: Decimal = DEFAULT_FLOOR_M2_PER_MU,
) -> Decimal | None:
    """The land the evaluation measures an enterprise's figures against (its engine's rule 1):
    a tenant's (basis rented) is its rented floor space converted, whatever land is also
    recorded; anyone else's is its land. Blank or zero is None: missing, never a free figure."""
    if land_basis == LandBasis.RENTED:
        land = (
            None
            if rented_floor_m2 is None
            else rented_floor_to_mu(rented_floor_m2, floor_m2_per_mu)
        )
    else:
        land = land_mu
    return land if land else None


# Spellings of the same unit.
UNIT_SYNONYMS = {
    "m2": "㎡",
    "m²": "㎡",
    "平方米": "㎡",
    "平米": "㎡",
    "吨标煤": "吨标准煤",
    "tce": "吨标准煤",
    "万吨标准煤": "万吨标准煤",
    "个": "人",
    "名": "人",
}
# Units of one kind, each as a multiple of the first: a figure in one converts into another.
MONEY = {
    "万元": Decimal(1),
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "亿元": Decimal(10000),
}
AREA = {"亩": Decimal(1), "公顷": Decimal(15), "㎡": 1 / M2_PER_MU}
UNIT_KINDS = (MONEY, AREA)
_SPACES = re.compile(r"\s+")


def normalise_unit(unit: str) -> str:
    unit = _SPACES.sub("", to_half_width(unit))
    return UNIT_SYNONYMS.get(unit, unit)


def same_kind(unit: str, other: str) -> bool:
    """Both are money, or both are land area."""
    return any(unit in kind and other in kind for kind in UNIT_KINDS)
