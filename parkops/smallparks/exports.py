"""The vacancy list for investment attraction, as .xlsx (formula-safe through core.xlsx)."""

from __future__ import annotations

from collections.abc import Iterable

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.smallparks.models import VacantSpace

VACANCY_HEADERS = (
    "小园区", "楼栋", "楼层", "空置面积（㎡）", "空置起始日期", "适合用途", "业主单位", "地址", "备注",
)  # fmt: skip


def vacancy_xlsx(vacancies: Iterable[VacantSpace]) -> bytes:
    with xlsx_bytes() as (book, buffer):
        sheet, first = table_sheet(book, "空置厂房", VACANCY_HEADERS)
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for r, v in enumerate(vacancies, start=first):
            park = v.small_park
            sheet.write(r, 0, park.name)
            sheet.write(r, 1, v.building.name if v.building else "")
            if v.floor is not None:
                sheet.write_number(r, 2, v.floor)
            sheet.write_number(r, 3, float(v.area_m2))
            sheet.write_datetime(r, 4, v.vacant_since, day)
            sheet.write(r, 5, v.suitable_uses)
            sheet.write(r, 6, park.owner_name)
            sheet.write(r, 7, park.address)
            sheet.write(r, 8, v.note)
    return buffer.getvalue()
