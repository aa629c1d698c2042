"""An enterprise's annual figures (企业年度数据), the input of the evaluation and the indicators, and
the mark of each enterprise's newest year that every writer of figures keeps (latest_years_mark).
Imported with the registry's other models from parkops.registry.models.

Money is in 万元, land in 亩, floor space in m², energy in tce.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.core.units import ABOVE_SCALE_REVENUE_WAN
from parkops.registry.choices import DataSource, LandBasis

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _amount(verbose_name: StrOrPromise) -> models.DecimalField:
    """An amount of money in 万元; blank means not reported."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, null=True, blank=True)


class EnterpriseYear(TimeStamped):
    """One enterprise's annual figures: the input of the evaluation and the indicators."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="years",
        verbose_name=_("企业"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    output_value = _amount(_("工业产值（万元）"))
    revenue = _amount(_("营业收入（万元）"))
    tax = _amount(_("税收（万元）"))
    value_added = _amount(_("工业增加值（万元）"))
    energy_tce = models.DecimalField(
        _("综合能耗（吨标准煤）"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    emissions_t = models.DecimalField(
        _("主要污染物排放量（吨）"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    rd_expense = _amount(_("研发经费（万元）"))
    employees = models.PositiveIntegerField(_("从业人员（人）"), null=True, blank=True)
    land_basis = models.CharField(
        _("用地依据"), max_length=10, choices=LandBasis.choices, default=LandBasis.OWNED
    )
    land_mu = models.DecimalField(
        _("用地面积（亩）"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    rented_floor_m2 = models.DecimalField(
        _("租用建筑面积（㎡）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    is_above_scale = models.GeneratedField(
        expression=models.Case(
            models.When(revenue__gte=ABOVE_SCALE_REVENUE_WAN, then=models.Value(True)),
            models.When(revenue__isnull=False, then=models.Value(False)),
            default=None,
        ),
        output_field=models.BooleanField(_("规上"), null=True),
        db_persist=True,
    )
    source = models.CharField(
        _("数据来源"), max_length=10, choices=DataSource.choices, default=DataSource.MANUAL
    )
    note = models.TextField(_("备注"), blank=True)
    # The enterprise's newest year, whose revenue, 规上 and year the enterprise list shows and
    # sorts by: set to the enterprise on its newest year only (else null), so the list joins one
    # row per enterprise on a plain unique key instead of three subqueries per enterprise (1.6 s at
    # 100,000 enterprises), and PostgreSQL drops the join from the paginator's count. Derived, so
    # kept out of the history; latest_years_mark() sets it, called by save() and delete() and by
    # every writer that bypasses them (bulk, COPY, undo).
    latest_of = models.OneToOneField(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="latest_year_row",
        verbose_name=_("最近年度"),
    )
    history = HistoricalRecords(excluded_fields=["latest_of"])

    class Meta:
        verbose_name = _("企业年度数据")
        verbose_name_plural = _("企业年度数据")
        ordering = ["enterprise", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="enterprise_year_unique",
                violation_error_message=_("该企业该年度的数据已存在"),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="enterprise_year_range",
                violation_error_message=_("年度应在 2000–2100 之间"),
            ),
            # Tax is left out: net tax can be negative in a year of VAT refunds (留抵退税).
            models.CheckConstraint(
                condition=(
                    (Q(output_value__isnull=True) | Q(output_value__gte=0))
                    & (Q(revenue__isnull=True) | Q(revenue__gte=0))
                    & (Q(value_added__isnull=True) | Q(value_added__gte=0))
                    & (Q(energy_tce__isnull=True) | Q(energy_tce__gte=0))
                    & (Q(emissions_t__isnull=True) | Q(emissions_t__gte=0))
                    & (Q(rd_expense__isnull=True) | Q(rd_expense__gte=0))
                    & (Q(land_mu__isnull=True) | Q(land_mu__gte=0))
                    & (Q(rented_floor_m2__isnull=True) | Q(rented_floor_m2__gte=0))
                ),
                name="enterprise_year_non_negative",
                violation_error_message=_(
                    "产值、收入、增加值、能耗、排放、研发经费和面积不能为负数"
                ),
            ),
            models.CheckConstraint(
                condition=~Q(land_basis=LandBasis.RENTED) | Q(rented_floor_m2__isnull=False),
                name="enterprise_year_rented_needs_floor",
                violation_error_message=_("租赁厂房的企业须填写租用建筑面积"),
            ),
        ]
        indexes = [
            models.Index(fields=["year", "enterprise"]),
            # The latest change to any figures, shown on the cockpit's cards: read from the end
            # of this index instead of a scan of every row (28 ms → 0.05 ms at district scale).
            models.Index(fields=["updated_at"], name="enterprise_year_updated"),
            # The list's join reads the newest years from this index alone (100,000 entries, not
            # the 288,000 rows of the table: 90 ms -> 7 ms of a sort by revenue).
            models.Index(
                fields=["latest_of"],
                include=["year", "revenue", "is_above_scale"],
                condition=Q(latest_of__isnull=False),
                name="enterprise_year_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.year}"

    def validate_unique(self, exclude: Collection[str] | None = None) -> None:
        super().validate_unique(exclude={*(exclude or ()), "latest_of"})

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The newest-year mark is no one's input (save() writes it cleared, then marks it): an
        # instance read before a newer year came must not fail its unique key.
        super().validate_constraints(exclude={*(exclude or ()), "latest_of"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Written cleared, then marked: a stale mark read before another year was added would
        # break the unique key. The stored mark is the truth, not this instance's.
        self.latest_of = None
        super().save(*args, **kwargs)
        latest_years_mark(enterprise_ids=[self.enterprise_id])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        enterprise_id = self.enterprise_id
        deleted = super().delete(*args, **kwargs)
        latest_years_mark(enterprise_ids=[enterprise_id])
        return deleted


# A mark loses to another transaction's only once per year that transaction adds: three tries
# cover two other writers committing in turn.
MARK_ATTEMPTS = 3


def latest_years_mark(*, enterprise_ids: Collection[int] | QuerySet[Any] | None = None) -> None:
    """Mark each enterprise's newest year (`latest_of` = its enterprise) and no other (null), for
    the enterprises given (a list or a values() queryset) or, with None, for all. Two set-wise
    UPDATEs that touch only the rows whose mark changes (not updated_at: the mark is no edit, and
    an import's undo refuses rows edited after it). Old marks are cleared first: the unique key
    is checked row by row.

    Two transactions adding a year to the same enterprise at once (PostgreSQL; SQLite lets one
    writer in at a time) each see only their own new year, and both mark it: the second's mark
    waits on the unique key and fails when the first commits. It is then worked out again, from
    a savepoint: the first's year is now committed and seen, and the newer of the two is marked.
    No lock is taken beforehand: locking the enterprises first deadlocked with a correction of
    the newest year (which holds that year's row while it marks)."""
    rows = EnterpriseYear.objects.order_by()
    if enterprise_ids is not None:
        rows = rows.filter(enterprise_id__in=enterprise_ids)
    newer = EnterpriseYear.objects.filter(
        enterprise=OuterRef("enterprise"), year__gt=OuterRef("year")
    )
    for attempt in range(MARK_ATTEMPTS):
        try:
            with transaction.atomic():
                rows.filter(Exists(newer), latest_of__isnull=False).update(latest_of=None)
                rows.filter(~Exists(newer), latest_of__isnull=True).update(
                    latest_of=F("enterprise")
                )
            return
        except IntegrityError:
            if attempt == MARK_ATTEMPTS - 1:
                raise
