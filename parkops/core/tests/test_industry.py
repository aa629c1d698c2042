import pytest

from parkops.core.industry import IndustryCodeError, parse_industry_code


@pytest.mark.parametrize(
    ("raw", "code", "section", "division"),
    [
        ("C2710", "C2710", "C", 27),
        ("2710", "C2710", "C", 27),
        ("c 27", "C27", "C", 27),
        ("4411", "D4411", "D", 44),
    ],
)
def test_it_parses_and_normalises(raw: str, code: str, section: str, division: int) -> None:
    parsed = parse_industry_code(raw)
    assert (parsed.code, parsed.section, parsed.division) == (code, section, division)


def test_manufacturing_has_its_division_name() -> None:
    parsed = parse_industry_code("C27")
    assert parsed.is_manufacturing
    assert parsed.division_name == "医药制造业"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("X27", "format"),
        ("C2", "format"),
        ("99", "division"),
        ("00", "division"),
        ("D27", "section"),
    ],
)
def test_it_refuses_codes_outside_the_standard(raw: str, reason: str) -> None:
    with pytest.raises(IndustryCodeError) as info:
        parse_industry_code(raw)
    assert info.value.reason == reason
