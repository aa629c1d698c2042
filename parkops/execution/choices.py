from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.common.choices import Colour, ColouredChoices, nonmember
from parkops.core.schedule import Basis, Check, ListState, Precision, Schedule


class Milestone(models.TextChoices):
    """The "four earlies" (四早) milestones a key project aims at."""

    START = "start", _("早开工")
    PRODUCTION = "production", _("早投产")
    FULL_PRODUCTION = "full_production", _("早达产")


class ScheduleStatus(ColouredChoices):
    ON_TRACK = Schedule.ON_TRACK.value, _("正常")
    LATE = Schedule.LATE.value, _("滞后")
    DONE = Schedule.DONE.value, _("完成")

    colours = nonmember({"on_track": Colour.GREEN, "late": Colour.RED, "done": Colour.BLUE})


class ScheduleState(ColouredChoices):
    """A computed schedule status (milestones, projects, infrastructure): 滞后 when the data shows
    it late, 待报送 when the data needed to decide has not come in (never typed in: ScheduleStatus
    is what a report states)."""

    ON_TRACK = Schedule.ON_TRACK.value, _("正常")
    LATE = Schedule.LATE.value, _("滞后")
    UNREPORTED = Schedule.UNREPORTED.value, _("待报送")
    DONE = Schedule.DONE.value, _("完成")

    colours = nonmember(
        {
            "on_track": Colour.GREEN,
            "late": Colour.RED,
            "unreported": Colour.YELLOW,
            "done": Colour.BLUE,
        }
    )


class StatusBasis(ColouredChoices):
    COMPUTED = Basis.COMPUTED.value, _("按日期计算")
    REPORTED = Basis.REPORTED.value, _("据报告")

    colours = nonmember({"computed": Colour.LIGHT, "reported": Colour.LIGHT})


class DatePrecision(models.TextChoices):
    DAY = Precision.DAY.value, _("日")
    MONTH = Precision.MONTH.value, _("月")
    YEAR = Precision.YEAR.value, _("年")


class CultivationKind(models.TextChoices):
    """附件 2's three lists."""

    ABOVE_SCALE = "above_scale", _("新增规上企业")
    SRDI = "srdi", _("新增专精特新企业")
    TECH = "tech", _("技改项目")


class ListProgress(ColouredChoices):
    """A list entry: done once the data shows it; once its planned year has passed, overdue if
    the data of that year or later shows it not done, 待报送 if that data has not come in."""

    PENDING = ListState.PENDING.value, _("推进中")
    DONE = ListState.DONE.value, _("已完成")
    OVERDUE = ListState.OVERDUE.value, _("逾期未完成")
    UNREPORTED = ListState.UNREPORTED.value, _("待报送")

    # As the projects' schedule: pending is on track, overdue is late.
    colours = nonmember(
        {
            "pending": Colour.GREEN,
            "done": Colour.BLUE,
            "overdue": Colour.RED,
            "unreported": Colour.YELLOW,
        }
    )


class CriterionCheck(ColouredChoices):
    """How a 专精特新 criterion stands for a candidate (shown on the cultivation entry)."""

    MET = Check.MET.value, _("已满足")
    NOT_MET = Check.NOT_MET.value, _("未满足")
    UNKNOWN = Check.UNKNOWN.value, _("需核实")

    colours = nonmember({"met": Colour.GREEN, "not_met": Colour.RED, "unknown": Colour.GREY})


# The 专精特新 criteria shown for a candidate, by the keys parkops.core.schedule uses.
SRDI_CRITERIA = {
    "rd_amount": _("上年度研发费用 ≥ 100 万元"),
    "rd_share": _("研发费用占营业收入 ≥ 3%"),
    "revenue": _("营业收入 ≥ 1000 万元（或近 2 年新增股权融资 ≥ 2000 万元）"),
    "years": _("从事特定细分市场 ≥ 2 年（按投产日期）"),
    "score": _("专业化、精细化、特色化、创新能力评分 ≥ 60 分（需申报材料）"),
}


class InfraStatus(models.TextChoices):
    PLANNED = "planned", _("未开工")
    IN_PROGRESS = "in_progress", _("实施中")
    COMPLETED = "completed", _("已完工")
