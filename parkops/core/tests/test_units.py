from decimal import Decimal

from parkops.core.units import is_above_scale, m2_to_mu, rented_floor_to_mu


def test_above_scale_boundary_is_inclusive() -> None:
    assert is_above_scale(Decimal("2000")) is True
    assert is_above_scale(Decimal("1999.99")) is False
    assert is_above_scale(None) is None


def test_area_conversions() -> None:
    assert m2_to_mu(Decimal("10000")) == Decimal(15)  # 1 ha = 15 亩
    assert rented_floor_to_mu(Decimal("3000")) == Decimal("1.5")
