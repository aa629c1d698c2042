import pytest
from hypothesis import given
from hypothesis import strategies as st

from parkops.core.uscc import (
    CHARSET,
    UsccError,
    UsccErrorCode,
    check_character,
    complete_uscc,
    is_valid_uscc,
    org_check_character,
    validate_uscc,
)

# Public sample codes (GB 32100-2015 form, including the newer "MA" codes).
VALID = ["91350200776049653A", "91440101MA5CJQ4N59", "91350213678251743X"]


@pytest.mark.parametrize("code", VALID)
def test_it_accepts_real_form_codes(code: str) -> None:
    assert validate_uscc(code) == code


def test_it_normalises_case_spaces_and_full_width() -> None:
    assert validate_uscc(" 9144 0101 ma5cjq4n59 ") == "91440101MA5CJQ4N59"
    assert validate_uscc("９１３５０２００７７６０４９６５３Ａ") == "91350200776049653A"


def test_it_computes_the_check_characters_by_hand() -> None:
    # 91350200776049653A, recomputed here independently of the module: weights 3^(i-1) mod 31.
    first17 = "91350200776049653"
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, weights, strict=True))
    assert check_character(first17) == CHARSET[(31 - total % 31) % 31] == "A"
    # Organisation code 77604965 → check 3 (weights 3 7 9 10 5 8 4 2).
    digits = [7, 7, 6, 0, 4, 9, 6, 5]
    c = 11 - sum(d * w for d, w in zip(digits, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    assert org_check_character("77604965") == str(c) == "3"


def test_it_reports_a_wrong_check_character_with_the_expected_one() -> None:
    with pytest.raises(UsccError) as info:
        validate_uscc("91350200776049653B")
    assert info.value.code == UsccErrorCode.CHECK
    assert (info.value.position, info.value.found, info.value.expected) == (18, "B", "A")


def test_it_reports_a_wrong_organisation_check_at_position_17() -> None:
    with pytest.raises(UsccError) as info:
        validate_uscc("91350200776049654A")
    assert info.value.code == UsccErrorCode.ORG_CHECK
    assert (info.value.position, info.value.found, info.value.expected) == (17, "4", "3")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("9135020077604965", (UsccErrorCode.LENGTH, None, "16")),
        ("91350200776049653A1", (UsccErrorCode.LENGTH, None, "19")),
        ("91350200776O49653A", (UsccErrorCode.CHARACTER, 12, "O")),
        ("9I350200776049653A", (UsccErrorCode.CHARACTER, 2, "I")),
        ("9135A200776049653A", (UsccErrorCode.REGION, 5, "A")),
    ],
)
def test_it_names_the_first_wrong_character(code: str, expected: tuple[object, ...]) -> None:
    with pytest.raises(UsccError) as info:
        validate_uscc(code)
    assert (info.value.code, info.value.position, info.value.found) == expected


def test_complete_uscc_makes_valid_codes() -> None:
    assert complete_uscc("9135020077604965") == "91350200776049653A"
    assert is_valid_uscc(complete_uscc("91310116MA1AB123"))


@given(
    body=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8),
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from(CHARSET),
)
def test_any_single_substitution_is_caught(body: str, position: int, replacement: str) -> None:
    code = complete_uscc("91310116" + body)
    assert is_valid_uscc(code)
    if code[position] == replacement:
        return
    typo = code[:position] + replacement + code[position + 1 :]
    assert not is_valid_uscc(typo)
