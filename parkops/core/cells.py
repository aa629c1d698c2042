"""Normalising the cells of real spreadsheets, column by column, with no Django import.

What the park's files contain: numbers stored as text, thousands separators, full-width digits
and brackets, trailing spaces, and "—", "-", "/" or blank for a missing value. Each parser takes a
whole column (so that the common case, a column of plain numbers, runs at C speed) and returns
the parsed values (None when missing) and the problems as (index, code, params); the Django layer
turns the codes into translated messages.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import repeat
from typing import Any

from parkops.core.industry import IndustryCodeError, parse_industry_code
from parkops.core.text import normalise_code, normalise_name, to_half_width
from parkops.core.uscc import UsccError, validate_uscc

# What people write in a cell for "no value".
MISSING_MARKS = frozenset({"", "-", "—", "——", "–", "--", "/", "N/A", "#N/A", "n/a"})
_NUMBER_NOISE = re.compile(r"[,\s]")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_HUGE = Decimal(10) ** 20  # far past any column's limit, and still exact when rounded
Problem = tuple[int, str, dict[str, Any]]  # (index in the column, code, parameters)


class CellKind(enum.StrEnum):
    TEXT = "text"
    NAME = "name"  # an organisation's name: no inner spaces, Chinese brackets
    USCC = "uscc"
    INDUSTRY = "industry"
    DECIMAL = "decimal"
    INTEGER = "integer"
    YEAR = "year"
    CHOICE = "choice"
    DATE = "date"


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an import file: the field it fills, its Chinese header and unit, its kind."""

    key: str
    label: str
    unit: str = ""
    kind: CellKind = CellKind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    places: int = 2
    max_digits: int = 14
    non_negative: bool = True
    max_length: int = 200
    choices: Mapping[str, str] = field(default_factory=dict)  # label -> stored value
    help: str = ""
    example: Any = None
    export_only: bool = False  # written by exports, recognised and ignored by imports
    max_value: int = 2**31 - 1  # integers: the largest the field stores

    @property
    def header(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label


def clean_text(value: Any) -> str | None:
    """A cell as text: half-width, trimmed; None when it is one of the missing marks."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = to_half_width(str(value)).strip()
    return None if text in MISSING_MARKS else text


def _decimal_of(value: Any) -> Any:
    """A Decimal, None when missing, or the text when it is not a number."""
    kind = type(value)
    if kind is float or kind is int:
        return Decimal(repr(value))
    if kind is Decimal:
        return value
    text = clean_text(value)
    if text is None:
        return None
    candidate = _NUMBER_NOISE.sub("", text)
    try:
        number = Decimal(candidate)
    except InvalidOperation:
        return text
    return number if number.is_finite() else text


def parse_decimals(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    quantum = Decimal(1).scaleb(-spec.places)
    limit = Decimal(10) ** (spec.max_digits - spec.places)
    bound = float(limit)
    if all(type(v) is float and -bound < v < bound for v in values):
        # the common case: plain numbers, at C speed
        rounded = list(
            map(
                Decimal.quantize,
                map(Decimal, map(repr, values)),
                repeat(quantum),
                repeat(ROUND_HALF_UP),
            )
        )
        low, high = (min(rounded), max(rounded)) if rounded else (Decimal(0), Decimal(0))
        if (low >= 0 or not spec.non_negative) and high < limit and -low < limit:
            return rounded, []
        values = rounded
    raw = [_decimal_of(v) for v in values]
    problems: list[Problem] = []
    out: list[Any] = [None] * len(raw)
    for i, d in enumerate(raw):
        if d is None:
            continue
        if isinstance(d, str) or not d.is_finite():
            problems.append((i, "not_a_number", {"value": str(d)}))
            continue
        if abs(d) >= _HUGE:  # before rounding: 1E+300 cannot be rounded to cents
            problems.append((i, "too_large", {"value": f"{d:.6g}"}))
            continue
        q = d.quantize(quantum, ROUND_HALF_UP)
        if spec.non_negative and q < 0:
            problems.append((i, "negative", {}))
        elif abs(q) >= limit:
            problems.append((i, "too_large", {"value": str(q)}))
        else:
            out[i] = q
    return out, problems


def _integer(value: Any) -> int | str | None:
    number = _decimal_of(value)
    if number is None or isinstance(number, str):
        return number
    if not number.is_finite() or number != number.to_integral_value():
        return str(value)
    return int(number)


def parse_integers(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    whole = _whole_floats(values)
    if (
        whole is not None
        and (min(whole) >= 0 or not spec.non_negative)
        and max(map(abs, whole)) <= spec.max_value
    ):
        return list(whole), []
    out: list[Any] = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        number = _integer(value)
        if isinstance(number, str):
            problems.append((i, "not_an_integer", {"value": number}))
            number = None
        elif number is not None and spec.non_negative and number < 0:
            problems.append((i, "negative", {}))
            number = None
        elif number is not None and abs(number) > spec.max_value:
            problems.append((i, "too_large", {"value": f"{number:,}"}))
            number = None
        out.append(number)
    return out, problems


def _whole_floats(values: Sequence[Any]) -> list[int] | None:
    """The column as ints when every cell is a whole number (the common case), else None."""
    if values and all(type(v) is float and v.is_integer() and abs(v) < 1e15 for v in values):
        return list(map(int, values))
    return None


def parse_years(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    whole = _whole_floats(values)
    if whole is not None and min(whole) >= 2000 and max(whole) <= 2100:
        return list(whole), []
    out: list[Any] = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        year = _integer(value.removesuffix("年") if isinstance(value, str) else value)
        if isinstance(year, str) or (year is not None and not 2000 <= year <= 2100):
            problems.append((i, "bad_year", {"value": clean_text(value)}))
            year = None
        out.append(year)
    return out, problems


def parse_texts(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    out: list[Any] = []
    problems: list[Problem] = []
    normalise: Callable[[str], str] = normalise_name if spec.kind == CellKind.NAME else str.strip
    if values.count("") == len(values):  # an empty column
        return [None] * len(values), []
    seen: dict[Any, str | None] = {}  # names repeat (one row per enterprise and year)
    for i, value in enumerate(values):
        if value in seen:
            text = seen[value]
        else:
            text = clean_text(value)
            if text is not None:
                text = normalise(text)
            seen[value] = text
        if text is not None and len(text) > spec.max_length:
            problems.append((i, "too_long", {"limit": spec.max_length}))
            text = None
        out.append(text)
    return out, problems


def parse_usccs(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    out: list[Any] = []
    problems: list[Problem] = []
    checked: dict[str, str | UsccError] = {}  # a figures file repeats each code once per year
    for i, value in enumerate(values):
        if type(value) is float or type(value) is int:  # Excel kept 15 digits of a number
            problems.append((i, "uscc_number", {"value": f"{value:.15g}"}))
            out.append(None)
            continue
        text = value if value in checked else clean_text(value)
        code = None
        if text is not None:
            result = checked.get(text)
            if result is None:
                try:
                    result = validate_uscc(text)
                except UsccError as error:
                    result = error
                checked[text] = result
            if isinstance(result, UsccError):
                problems.append((i, "uscc", {"error": result}))
            else:
                code = result
        out.append(code)
    return out, problems


def parse_industries(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    out: list[Any] = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        text = clean_text(value)
        code = None
        if text is not None:
            try:
                code = parse_industry_code(normalise_code(text)).code
            except IndustryCodeError:
                problems.append((i, "industry", {"value": text}))
        out.append(code)
    return out, problems


def parse_choices(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    lookup = {to_half_width(label).strip(): value for label, value in spec.choices.items()}
    lookup.update({value: value for value in spec.choices.values()})
    out: list[Any] = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        text = clean_text(value)
        choice = None
        if text is not None:
            choice = lookup.get(text)
            if choice is None:
                problems.append((i, "bad_choice", {"value": text, "allowed": list(spec.choices)}))
        out.append(choice)
    return out, problems


def _date(value: Any) -> dt.date | str | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float | int) and 1 <= value < 80000:  # an Excel serial day number
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = clean_text(value)
    if text is None:
        return None
    match = _DATE_TEXT.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    return text


def parse_dates(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    out: list[Any] = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        date = _date(value)
        if isinstance(date, str):
            problems.append((i, "bad_date", {"value": date}))
            date = None
        out.append(date)
    return out, problems


PARSERS: dict[CellKind, Callable[[ColumnSpec, Sequence[Any]], tuple[list[Any], list[Problem]]]] = {
    CellKind.TEXT: parse_texts,
    CellKind.NAME: parse_texts,
    CellKind.USCC: parse_usccs,
    CellKind.INDUSTRY: parse_industries,
    CellKind.DECIMAL: parse_decimals,
    CellKind.INTEGER: parse_integers,
    CellKind.YEAR: parse_years,
    CellKind.CHOICE: parse_choices,
    CellKind.DATE: parse_dates,
}


def parse_column(spec: ColumnSpec, values: Sequence[Any]) -> tuple[list[Any], list[Problem]]:
    return PARSERS[spec.kind](spec, values)
