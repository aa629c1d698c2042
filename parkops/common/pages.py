"""What the pages share for reading the query string: bounded page sizes and years.

Bad input in the URL never answers 500: the page is shown with its default and a message saying
what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from parkops.common.years import YEAR_MAX, YEAR_MIN

PER_PAGE_MAX = 500


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _order_settle(table: Any) -> None:
    """End a database table's order with the primary key: rows that tie on the sorted column
    (every enterprise without figures, sorted by revenue) came back in any order, and PostgreSQL
    gave them in a different one on each request, so that paging showed some rows twice and
    others never."""
    rows = getattr(table.data, "data", None)
    # A DISTINCT or a UNION may order only by the columns it selects, and a values() query that
    # aggregates would be grouped by the key as well: each is left as it is.
    if not isinstance(rows, QuerySet):
        return
    if rows.query.distinct or rows.query.combinator or rows.query.values_select:
        return
    order = list(rows.query.order_by or rows.model._meta.ordering)
    if not {"pk", "-pk", "id", "-id"} & {o for o in order if isinstance(o, str)}:
        # In the direction of the last sorted column, so that an index on (column, id) read
        # backwards serves a descending list: the newest visits of a road chief's 120,000 were
        # sorted whole (visited_on DESC, id ASC) before the first 50 were cut.
        last = order[-1] if order else ""
        descending = isinstance(last, str) and last.startswith("-")
        table.data.data = rows.order_by(*order, "-pk" if descending else "pk")


def table_paginate(request: HttpRequest, table: Any) -> None:
    """django-tables2's ordering and pagination, with `per_page` kept between 1 and PER_PAGE_MAX
    (a negative one crashed the paginator)."""
    default = settings.PARKOPS_PAGE_SIZE
    asked = request.GET.get(table.prefixed_per_page_field)
    per_page = _int_or_none(asked)
    if asked is not None and (per_page is None or not 1 <= per_page <= PER_PAGE_MAX):
        messages.warning(
            request,
            _("每页行数须为 1–%(max)s 之间的整数，已按每页 %(default)s 行显示")
            % {"max": PER_PAGE_MAX, "default": default},
        )
        per_page = None
    RequestConfig(request, paginate=False).configure(table)
    _order_settle(table)
    page = _int_or_none(request.GET.get(table.prefixed_page_field)) or 1
    try:
        table.paginate(per_page=per_page or default, page=page)
    except PageNotAnInteger:
        table.paginate(per_page=per_page or default, page=1)
    except EmptyPage:
        table.paginate(per_page=per_page or default, page=table.paginator.num_pages)


def year_from_query(request: HttpRequest, default: Callable[[], int]) -> int:
    """`?year=` as a year the platform can hold; anything else shows the default year with a
    message. `default` is called only when needed (it may query the database)."""
    asked = request.GET.get("year")
    if not asked:
        return default()
    year = _int_or_none(asked)
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        fallback = default()
        messages.warning(
            request,
            _("年份须为 %(min)s–%(max)s 之间的整数，已显示 %(default)s 年")
            % {"min": YEAR_MIN, "max": YEAR_MAX, "default": fallback},
        )
        return fallback
    return year
