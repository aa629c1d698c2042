from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.maps.models import Shape
from parkops.maps.selectors import card_url


class ShapeTable(tables.Table):
    """The shapes in the map's view: the name opens the card beside the map."""

    name = tables.Column(verbose_name=_("名称"), empty_values=(), order_by=("plot__name",))
    kind = tables.Column(verbose_name=_("类别"))
    road = tables.Column(verbose_name=_("道路"), empty_values=(), orderable=False)
    record = tables.Column(verbose_name=_("记录"), empty_values=(), orderable=False)
    imported_at = tables.DateTimeColumn(verbose_name=_("导入时间"), format="Y-m-d")

    class Meta:
        model = Shape
        fields = ("name", "kind", "road", "record", "imported_at")
        order_by = ("kind",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "shape-table"}

    def render_name(self, record: Shape) -> SafeString:
        return format_html(
            '<a href="#map-card" class="shape-card-link" hx-get="{}" hx-target="#map-card" '
            'hx-swap="innerHTML" hx-push-url="false" data-shape="{}">{}</a>',
            card_url(record),
            record.pk,
            record,
        )

    def render_road(self, record: Shape) -> str:
        subject = record.subject
        road = getattr(subject, "road", None)
        return str(road) if road else "—"

    def render_record(self, record: Shape) -> SafeString:
        subject = record.subject
        assert subject is not None
        return format_html(
            '<a href="{}" {}>{}</a>',
            subject.get_absolute_url(),
            format_html('hx-boost="{}"', FULL_PAGE_LINK["a"]["hx-boost"]),
            _("查看"),
        )
