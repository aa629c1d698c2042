from django.utils.translation import gettext_lazy as _

from parkops.common.choices import Colour, ColouredChoices, nonmember


class RatingLevel(ColouredChoices):
    GOOD = "good", _("优质")
    UNBALANCED = "unbalanced", _("发展不平衡")
    INEFFICIENT = "inefficient", _("低效")

    colours = nonmember(
        {"good": Colour.GREEN, "unbalanced": Colour.YELLOW, "inefficient": Colour.RED}
    )


# The rating list's `level` filter for the parks without a rating in the year (未评定).
UNRATED = "unrated"

# The policy that follows each level (方案 三（二）, with the reference's default measures).
LEVEL_POLICY = {
    RatingLevel.GOOD: _(
        "支持园内企业增资扩产，加大扶持力度；优先安排镇级扶持资金和提容增效、工业上楼项目。"
    ),
    RatingLevel.UNBALANCED: _(
        "支持市场化腾换，推动小园区提档升级；诊断薄弱环节，与镇里商定一年改进计划，列入观察。"
    ),
    RatingLevel.INEFFICIENT: _(
        "有序腾退园内低效企业，提高准入门槛；限期整改，暂停新增补贴和新企业入驻登记。"
    ),
}


class EiaCategory(ColouredChoices):
    """建设项目环境影响评价分类管理名录's three categories, lightest first (as ordered in
    parkops/core/space_matching.py's EIA_ORDER)."""

    REGISTRATION = "registration", _("登记表")
    TABLE = "table", _("报告表")
    REPORT = "report", _("报告书")

    colours = nonmember(
        {"registration": Colour.GREEN, "table": Colour.YELLOW, "report": Colour.ORANGE}
    )
