"""Input formats for every language the UI speaks (FORMAT_MODULE_PATH points here).

A widget renders a date with the first of DATE_INPUT_FORMATS. Django's zh-hans list starts with
"%Y/%m/%d", which `<input type="date">` rejects: the browser shows the field empty and an unchanged
save erases the date. The HTML date and datetime-local inputs accept only ISO, so ISO comes first
in every language; the other formats stay accepted for typed-in values.
"""

from __future__ import annotations

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # what <input type="date"> sends and shows
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y年%m月%d日",
    "%m/%d/%Y",
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",  # what <input type="datetime-local"> sends and shows
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
]
