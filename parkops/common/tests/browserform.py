"""Submit a rendered form as a browser would: what the page shows is what comes back."""

from __future__ import annotations

import re

from lxml import html as lxml_html

# The HTML value sanitisation of <input type="date"> / "datetime-local": anything else is "".
_VALID = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "datetime-local": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"),
}


def form_data(page: str, form_id: str | None = None) -> dict[str, str | list[str]]:
    """The fields an edit form (the one carrying a version, or the form `form_id`) sends when
    submitted unchanged."""
    tree = lxml_html.fromstring(page)
    xpath = f'//form[@id="{form_id}"]' if form_id else '//form[.//input[@name="version"]]'
    form = tree.xpath(xpath)[0]
    data: dict[str, str | list[str]] = {}
    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "textarea":
            data[name] = (element.text or "").removeprefix("\n")  # the parser keeps it
        elif element.tag == "select" and element.get("multiple") is not None:
            data[name] = [o.get("value", o.text or "") for o in element.xpath("option[@selected]")]
        elif element.tag == "select":
            chosen = element.xpath("option[@selected]") or element.xpath("option")[:1]
            data[name] = chosen[0].get("value", chosen[0].text or "") if chosen else ""
        else:
            kind = (element.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "reset", "image"}:
                continue
            if kind in {"checkbox", "radio"}:
                if element.get("checked") is not None:
                    data[name] = element.get("value", "on")
                continue
            value = element.get("value", "")
            if kind in _VALID and not _VALID[kind].match(value):
                value = ""
            data[name] = value
    return data
