"""What each kind of file holds: its columns, the table it fills, and how a row finds its record.

The same columns make the downloadable template, are matched against an uploaded file's
headers, and make the export of the list, so an exported file can be edited and imported back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from parkops.core.cells import CellKind, ColumnSpec
from parkops.core.figures import AMOUNT_FIELDS
from parkops.core.text import normalise_name
from parkops.imports.choices import ImportKind
from parkops.registry.choices import Cluster, DataSource, EnterpriseStatus, KeyIndustry, LandBasis
from parkops.registry.models import (
    Enterprise,
    EnterpriseYear,
    LandPlot,
    Road,
    SmallPark,
    latest_years_mark,
)
from parkops.registry.validators import validate_phone_field

D, T, N = CellKind.DECIMAL, CellKind.TEXT, CellKind.NAME
TEXT_LIMIT = 2000  # a note (a TextField has no length of its own)
ABSURD_WAN = Decimal(10_000_000)  # 1,000 亿元: above this a figure in 万元 is a unit mistake


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    return {str(label): value for value, label in choices.choices}


USCC = ColumnSpec(
    "uscc",
    "统一社会信用代码",
    kind=CellKind.USCC,
    aliases=("信用代码", "社会信用代码", "统一信用代码", "纳税人识别号"),
    help="18 位，GB 32100-2015；校验位错误的代码会被拒绝",
    example="91310116MA1J8XXXXX",
)
ENTERPRISE_NAME = ColumnSpec(
    "name",
    "企业名称",
    kind=N,
    aliases=("单位名称", "纳税人名称", "企业全称"),
    help="与营业执照一致",
    example="上海示例新材料有限公司",
)


RuleFinding = tuple[int, str, str, dict[str, Any], bool]
FIGURE_RULE_FIELDS = ("land_basis", "rented_floor_m2", "tax", "output_value", "land_mu")


def _field_limits(spec: ColumnSpec, field: models.Field[Any, Any]) -> ColumnSpec:
    """The column's length, digits, places and range as the model's field stores them."""
    if isinstance(field, models.DecimalField):
        assert field.max_digits is not None
        assert field.decimal_places is not None
        return replace(spec, max_digits=field.max_digits, places=field.decimal_places)
    if isinstance(field, models.IntegerField):
        low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
        return replace(spec, max_value=high, non_negative=low >= 0)
    if isinstance(field, models.CharField | models.TextField):
        return replace(spec, max_length=field.max_length or TEXT_LIMIT)
    return spec


def from_model(
    model: type[models.Model], columns: tuple[ColumnSpec, ...]
) -> tuple[ColumnSpec, ...]:
    """The columns with the limits of the model's fields of the same name (references and
    export-only columns are left as they are): a file is checked against what can be stored."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    return tuple(
        spec
        if spec.export_only or spec.key not in fields
        else _field_limits(spec, fields[spec.key])
        for spec in columns
    )


@dataclass(frozen=True)
class Kind:
    kind: ImportKind
    model: type[models.Model]
    columns: tuple[ColumnSpec, ...]
    # Where a row finds its record: by these columns of the model (after references resolve).
    key_fields: tuple[str, ...]
    # Column key -> the model matched by name; its id goes into `<key>_id`.
    references: dict[str, type[models.Model]] = field(default_factory=dict)
    insert_defaults: dict[str, Any] = field(default_factory=dict)
    # Read existing rows only where this field takes one of the file's values (else all rows).
    scope_field: str | None = None
    # Extra rules on the rows merged with their stored values, read column by column (the
    # `rule_fields`): (the row's index in the columns, column key, code, params, is_error).
    rules: Callable[[dict[str, list[Any]]], list[RuleFinding]] | None = None
    rule_fields: tuple[str, ...] = ()
    positive: tuple[str, ...] = ()  # columns that must be > 0 when given
    percent: tuple[str, ...] = ()  # columns between 0 and 100
    absurd: tuple[str, ...] = ()  # amounts in 万元 where a value above ABSURD_WAN is suspicious
    # Run after the writer (or an undo) changed the model's rows in bulk, in the same transaction:
    # what model.save() would keep up to date (the figures' newest-year flag).
    after_write: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", from_model(self.model, self.columns))

    @property
    def importable(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if not c.export_only)

    def spec(self, key: str) -> ColumnSpec:
        return next(c for c in self.columns if c.key == key)


def _wan(value: Any) -> str:
    """An amount as the messages show it (the row holds the database's own number type)."""
    return f"{Decimal(str(value)):.2f}"


def _figure_rules(rows: dict[str, list[Any]]) -> list[RuleFinding]:
    """A tenant needs its rented floor space (error); tax above output, and land 0 with tax
    and no floor space, are suspicious (warnings). Findings come row by row."""
    found: list[RuleFinding] = []
    columns = (rows[name] for name in FIGURE_RULE_FIELDS)
    for n, (basis, floor, tax, output, land) in enumerate(zip(*columns, strict=True)):
        if basis == LandBasis.RENTED and floor is None:
            found.append((n, "rented_floor_m2", "rented_needs_floor", {}, True))
        if tax is None:
            continue
        if output is not None and tax > output:
            params = {"tax": _wan(tax), "output": _wan(output)}
            found.append((n, "tax", "tax_above_output", params, False))
        if tax > 0 and land is not None and land == 0 and not floor:
            found.append((n, "land_mu", "land_zero_with_tax", {"tax": _wan(tax)}, False))
    return found


FIGURES = Kind(
    kind=ImportKind.FIGURES,
    model=EnterpriseYear,
    key_fields=("enterprise_id", "year"),
    scope_field="year",
    insert_defaults={"source": DataSource.IMPORT, "note": "", "land_basis": LandBasis.OWNED},
    rules=_figure_rules,
    rule_fields=FIGURE_RULE_FIELDS,
    absurd=AMOUNT_FIELDS,
    after_write=latest_years_mark,
    columns=(
        USCC,
        ENTERPRISE_NAME,
        ColumnSpec("year", "年度", kind=CellKind.YEAR, required=True, aliases=("年份",),
                   help="四位年份，如 2025", example=2025),
        ColumnSpec("output_value", "工业产值", "万元", D, aliases=("产值", "工业总产值"),
                   example=Decimal("3200.50")),
        ColumnSpec("revenue", "营业收入", "万元", D, aliases=("主营业务收入", "营收"),
                   help="规上以营业收入 ≥ 2000 万元判定", example=Decimal("2800")),
        ColumnSpec("tax", "税收", "万元", D, non_negative=False,
                   aliases=("税收总额", "实缴税金", "纳税总额"), help="留抵退税年份可为负数",
                   example=Decimal("186.2")),
        ColumnSpec("value_added", "工业增加值", "万元", D, aliases=("增加值",)),
        ColumnSpec("energy_tce", "综合能耗", "吨标准煤", D, aliases=("能耗",),
                   example=Decimal("512.3")),
        ColumnSpec("emissions_t", "主要污染物排放量", "吨", D, aliases=("排放量",)),
        ColumnSpec("rd_expense", "研发经费", "万元", D, aliases=("研发投入", "R&D经费")),
        ColumnSpec("employees", "从业人员", "人", CellKind.INTEGER,
                   aliases=("从业人数", "员工人数", "职工人数"), example=85),
        ColumnSpec("land_basis", "用地依据", kind=CellKind.CHOICE, choices=_labels(LandBasis),
                   example=str(LandBasis.OWNED.label)),
        ColumnSpec("land_mu", "用地面积", "亩", D, aliases=("占地面积",),
                   example=Decimal("12.5")),
        ColumnSpec("rented_floor_m2", "租用建筑面积", "㎡", D, aliases=("租赁面积", "租用面积")),
        ColumnSpec("note", "备注"),
        ColumnSpec("is_above_scale", "规上", export_only=True),
    ),
)  # fmt: skip

ENTERPRISES = Kind(
    kind=ImportKind.ENTERPRISES,
    model=Enterprise,
    key_fields=("uscc",),
    references={"small_park": SmallPark, "road": Road},
    insert_defaults={
        "short_name": "",
        "industry_code": "",
        "key_industry": "",
        "cluster": "",
        "address": "",
        "note": "",
        "status": EnterpriseStatus.OPERATING,
        "is_demo": False,
    },
    columns=(
        ColumnSpec("name", "企业名称", kind=N, required=True, aliases=ENTERPRISE_NAME.aliases,
                   help="与营业执照一致；按信用代码（没有时按名称）匹配已有企业",
                   example=ENTERPRISE_NAME.example),
        USCC,
        ColumnSpec("short_name", "简称", example="示例新材料"),
        ColumnSpec("industry_code", "行业代码", kind=CellKind.INDUSTRY, aliases=("行业",),
                   help="GB/T 4754-2017，如 C2710", example="C2929"),
        ColumnSpec("key_industry", "重点产业", kind=CellKind.CHOICE, choices=_labels(KeyIndustry),
                   example=str(KeyIndustry.NEW_MATERIALS.label)),
        ColumnSpec("cluster", "特色产业集群", kind=CellKind.CHOICE, choices=_labels(Cluster)),
        ColumnSpec("small_park", "所在小园区", aliases=("小园区",), help="小园区名称，如 矮柳"),
        ColumnSpec("road", "道路", aliases=("所在道路",), example="平业路"),
        ColumnSpec("address", "地址", example="漕泾镇平业路 100 号"),
        ColumnSpec("status", "经营状态", kind=CellKind.CHOICE, choices=_labels(EnterpriseStatus),
                   example=str(EnterpriseStatus.OPERATING.label)),
        ColumnSpec("production_started_on", "投产日期", kind=CellKind.DATE,
                   help="如 2021-06-30"),
        ColumnSpec("note", "备注"),
        ColumnSpec("is_demo", "演示数据", export_only=True),
        ColumnSpec("latest_year", "最近数据年度", export_only=True),
        ColumnSpec("latest_revenue", "最近年度营业收入", "万元", D, export_only=True),
    ),
)  # fmt: skip

SMALL_PARK_RULE_FIELDS = ("floor_area_m2", "rentable_floor_m2", "contact_phone")


def _small_park_rules(rows: dict[str, list[Any]]) -> list[RuleFinding]:
    """Rentable space within the floor area; a telephone number that reads as one (errors)."""
    found: list[RuleFinding] = []
    columns = (rows[name] for name in SMALL_PARK_RULE_FIELDS)
    for n, (total, rentable, phone) in enumerate(zip(*columns, strict=True)):
        if total is not None and rentable is not None and rentable > total:
            params = {
                "rentable": f"{Decimal(str(rentable)):,.2f}",
                "total": f"{Decimal(str(total)):,.2f}",
            }
            found.append((n, "rentable_floor_m2", "rentable_above_total", params, True))
        if phone:
            try:
                validate_phone_field(phone)
            except ValidationError:
                found.append((n, "contact_phone", "bad_phone", {"value": phone}, True))
    return found


SMALL_PARKS = Kind(
    kind=ImportKind.SMALL_PARKS,
    model=SmallPark,
    key_fields=("name",),
    references={"road": Road},
    rules=_small_park_rules,
    rule_fields=SMALL_PARK_RULE_FIELDS,
    insert_defaults={
        "full_name": "", "owner_name": "", "address": "", "note": "",
        "contact_person": "", "contact_phone": "",
    },
    positive=("land_mu", "floor_area_m2", "rentable_floor_m2"),
    columns=(
        ColumnSpec("name", "名称", required=True, aliases=("小园区", "小园区名称"),
                   help="按名称匹配已有小园区", example="示例园"),
        ColumnSpec("full_name", "全称", example="上海示例园区管理有限公司园区"),
        ColumnSpec("owner_name", "业主单位", aliases=("业主",)),
        ColumnSpec("land_mu", "占地面积", "亩", D, example=Decimal("45.6")),
        ColumnSpec("floor_area_m2", "厂房建筑面积", "㎡", D, aliases=("建筑面积",),
                   example=Decimal("36000")),
        ColumnSpec("rentable_floor_m2", "可出租面积", "㎡", D, aliases=("可租面积",),
                   help="不大于厂房建筑面积", example=Decimal("32000")),
        ColumnSpec("road", "道路", example="月工路"),
        ColumnSpec("address", "地址"),
        ColumnSpec("contact_person", "联系人"),
        ColumnSpec("contact_phone", "联系电话", help="如 021-57231234",
                   example="021-57231234"),
        ColumnSpec("note", "备注"),
        ColumnSpec("tenant_count", "在册企业数", export_only=True),
    ),
)  # fmt: skip

PLOTS = Kind(
    kind=ImportKind.PLOTS,
    model=LandPlot,
    key_fields=("name",),
    references={"road": Road, "small_park": SmallPark, "holder": Enterprise},
    insert_defaults={"address": "", "note": ""},
    positive=("area_mu",),
    percent=("building_coefficient",),
    columns=(
        ColumnSpec("name", "地块名称", required=True, aliases=("地块",), help="按名称匹配已有地块",
                   example="示例地块 A"),
        ColumnSpec("address", "地址"),
        ColumnSpec("road", "道路", example="平业路"),
        ColumnSpec("small_park", "所属小园区", aliases=("小园区",)),
        ColumnSpec("area_mu", "占地面积", "亩", D, aliases=("面积", "用地面积"),
                   example=Decimal("30.62")),
        ColumnSpec("holder", "土地使用权人", aliases=("权利人", "使用权人"),
                   help="企业名称或统一社会信用代码，须已在企业名录中"),
        ColumnSpec("contract_signed_on", "出让合同签订日期", kind=CellKind.DATE),
        ColumnSpec("contract_start_on", "合同约定开工日期", kind=CellKind.DATE),
        ColumnSpec("plot_ratio", "容积率", kind=D, example=Decimal("1.2")),
        ColumnSpec("building_coefficient", "建筑系数", "%", D, example=Decimal("45")),
        ColumnSpec("note", "备注"),
    ),
)  # fmt: skip

KINDS: dict[str, Kind] = {k.kind.value: k for k in (ENTERPRISES, FIGURES, SMALL_PARKS, PLOTS)}


def name_key(value: str) -> str:
    """How names are compared: as registered (no inner spaces, Chinese brackets)."""
    return normalise_name(value)
