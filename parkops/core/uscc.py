"""统一社会信用代码 (Unified Social Credit Code) validation, GB 32100-2015.

An 18-character code: 1 registration authority, 2 organisation category, 3–8 administrative
region (GB/T 2260), 9–17 the organisation code (GB 11714, its own check character at 17), 18 the
check character over the first 17. The errors say which character is wrong so that a person can
find the typo; the Django layer turns their codes into translated messages.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from operator import mul

from parkops.core.text import normalise_code

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(CHARSET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 3^(i-1) mod 31 for positions 1..17

_ORG_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_VALUE = {ch: i for i, ch in enumerate(_ORG_CHARSET)}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
LENGTH = 18


class UsccErrorCode(enum.StrEnum):
    LENGTH = "length"
    CHARACTER = "character"
    REGION = "region"
    ORG_CHECK = "org_check"
    CHECK = "check"


@dataclass(frozen=True)
class UsccError(ValueError):
    """What is wrong with a code: the kind, the 1-based position, what was found and expected."""

    code: UsccErrorCode
    position: int | None = None
    found: str = ""
    expected: str = ""

    def __str__(self) -> str:
        return f"{self.code}: position {self.position}, found {self.found!r}, expected {self.expected!r}"


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 characters (all from CHARSET)."""
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"17 characters expected, got {len(first17)}")
    total = sum(map(mul, map(_VALUE.__getitem__, first17), WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def org_check_character(org8: str) -> str:
    """The check character (position 17) of an organisation code's first 8 characters."""
    if len(org8) != len(_ORG_WEIGHTS):
        raise ValueError(f"8 characters expected, got {len(org8)}")
    total = sum(map(mul, map(_ORG_VALUE.__getitem__, org8), _ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def validate_uscc(raw: str) -> str:
    """Return the normalised code, or raise UsccError naming the first wrong character."""
    code = normalise_code(raw)
    if len(code) != LENGTH:
        raise UsccError(UsccErrorCode.LENGTH, found=str(len(code)), expected=str(LENGTH))
    if not _VALUE.keys() >= set(code):
        position, ch = next((n, ch) for n, ch in enumerate(code, start=1) if ch not in _VALUE)
        raise UsccError(UsccErrorCode.CHARACTER, position=position, found=ch)
    region = code[2:8]
    if not region.isdigit():
        position = 3 + next(i for i, ch in enumerate(region) if not ch.isdigit())
        raise UsccError(UsccErrorCode.REGION, position=position, found=code[position - 1])
    expected_org = org_check_character(code[8:16])
    if code[16] != expected_org:
        raise UsccError(UsccErrorCode.ORG_CHECK, position=17, found=code[16], expected=expected_org)
    expected = check_character(code[:17])
    if code[17] != expected:
        raise UsccError(UsccErrorCode.CHECK, position=18, found=code[17], expected=expected)
    return code


def is_valid_uscc(raw: str) -> bool:
    try:
        validate_uscc(raw)
    except UsccError:
        return False
    return True


def complete_uscc(first16: str) -> str:
    """Append both check characters to 16 characters: for generating test and demo codes."""
    first16 = normalise_code(first16)
    if len(first16) != 16:
        raise ValueError("need exactly 16 characters")
    first17 = first16 + org_check_character(first16[8:16])
    return first17 + check_character(first17)
