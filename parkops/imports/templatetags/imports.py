from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def export_link(context: dict[str, Any], url_name: str) -> SafeString:
    """An “导出 Excel” link that carries the list's current filters (not its page number)."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    url = reverse(url_name)
    if query:
        url = f"{url}?{query.urlencode()}"
    return format_html(
        '<a class="btn btn-sm btn-outline-success export-link" href="{}" hx-boost="false" '
        "download>{}</a>",
        url,
        _("导出 Excel"),
    )
