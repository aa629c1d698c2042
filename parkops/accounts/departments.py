"""The departments the plan's work needs, seeded by a migration and by `departments_seed`
(idempotent: a department the park office renamed or retired is left as it is)."""

from __future__ import annotations

from typing import Any

# (code, official name, short name). Names as the town and district publish them.
DEPARTMENTS = (
    ("park", "漕泾工业园区管理办公室", "园区办"),
    ("econ", "漕泾镇经济发展办公室", "经发办"),
    ("planning", "上海市金山区规划和自然资源局", "规划资源"),
    ("eco", "上海市金山区生态环境局", "生态环境"),
    ("emergency", "上海市金山区应急管理局", "应急管理"),
    ("fire", "上海市金山区消防救援支队", "消防"),
    ("tax", "国家税务总局上海市金山区税务局", "税务"),
    ("market", "上海市金山区市场监督管理局", "市场监管"),
    ("urban", "漕泾镇城市管理综合行政执法队", "城管"),
    ("hr", "上海市金山区人力资源和社会保障局", "人社"),
    ("construction", "漕泾镇建设和管理办公室", "建管"),
)


def departments_seed(department_model: Any) -> None:
    """Create the missing departments; takes the model (a migration passes its historical one)."""
    for code, name, short_name in DEPARTMENTS:
        department_model.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short_name}
        )
