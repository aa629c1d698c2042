"""Column settings shared by the declared tables of every app."""

from __future__ import annotations

# Links to a record leave the list: they load a whole page, not an HTMX swap of the results.
FULL_PAGE_LINK = {"a": {"hx-boost": "false"}}
