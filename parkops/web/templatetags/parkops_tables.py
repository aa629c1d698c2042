"""The body of every django-tables2 table, written in Python.

The library's template (django_tables2/table.html, block table.tbody) draws each cell through the
template engine: three tag lookups, an if over the column's localize and an attribute dict per
cell. A list of 50 enterprises is 450 cells, and they took most of the page's time at district
scale (about 180 ms of 220 on the 2-core machine). This tag writes the same markup — the row's and
the column's attributes, the cell localized and escaped as `{{ cell }}`, `{{ cell|localize }}` or
`{{ cell|unlocalize }}` would — and the tests compare it with the library's block for every table.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize, unlocalize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def _cell(value: Any, localized: bool | None, context: template.Context) -> str:
    if localized is None:
        return render_value_in_context(value, context)
    return render_value_in_context(localize(value) if localized else unlocalize(value), context)


def _html_attrs(attrs: Any) -> str:
    """`{{ attrs.as_html }}`: the attributes, or nothing where the template's lookup would fail."""
    return attrs.as_html() if attrs is not None else ""


@register.simple_tag(takes_context=True)
def table_body(context: template.Context, table: Any) -> SafeString:
    """The table's <tbody> as django_tables2/table.html draws it: each paginated row's cells,
    or the empty text across every column when there is no row."""
    rows = [
        format_html(
            "<tr {}>{}</tr>",
            _html_attrs(row.attrs),
            # column.attrs is read inside the iteration: row.items() has just set the cell's
            # value and record, which callable attributes receive.
            format_html_join(
                "",
                "<td {}>{}</td>",
                (
                    (_html_attrs(column.attrs.get("td")), _cell(cell, column.localize, context))
                    for column, cell in row.items()
                ),
            ),
        )
        for row in table.paginated_rows
    ]
    if not rows and table.empty_text:
        rows.append(
            format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), table.empty_text)
        )
    return format_html(
        "<tbody {}>{}</tbody>",
        _html_attrs(table.attrs.get("tbody")),
        format_html_join("", "{}", ((row,) for row in rows)),
    )
