"""The park office's to-do line on the home page: how many gaps 数据待补 lists (registered in
parkops.common.home, so the home page itself is unchanged)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from parkops.common.home import HomeSection, home_section_register
from parkops.site.gaps import data_gaps_summary


def data_gaps_home(request: HttpRequest) -> dict[str, Any] | None:
    count = data_gaps_summary(user=request.user)
    return None if count is None else {"count": count}


def register() -> None:
    home_section_register(
        HomeSection(
            key="site.data_gaps",
            template="site/_home_data_gaps.html",
            context=data_gaps_home,
            order=5,
        )
    )
