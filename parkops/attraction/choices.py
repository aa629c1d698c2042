from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.common.choices import Colour, ColouredChoices, nonmember
from parkops.core.admission import Outcome, Verdict
from parkops.core.commitments import Figure, Status


class Stage(ColouredChoices):
    """The shared pipeline (线索 → 洽谈 → 签约 → 注册落地 → 开工 → 投产 → 达产); the last three
    are the key project's 四早 milestones."""

    LEAD = "lead", _("线索")
    TALKS = "talks", _("洽谈")
    SIGNED = "signed", _("签约")
    LANDED = "landed", _("注册落地")
    STARTED = "started", _("开工")
    PRODUCING = "producing", _("投产")
    FULL = "full", _("达产")

    colours = nonmember(
        {
            "lead": Colour.LIGHT,
            "talks": Colour.CYAN,
            "signed": Colour.BLUE,
            "landed": Colour.BLUE,
            "started": Colour.YELLOW,
            "producing": Colour.ORANGE,
            "full": Colour.GREEN,
        }
    )


STAGE_ORDER = list(Stage)


class PipelineType(models.TextChoices):
    NEW = "new", _("新引进")
    EXPANSION = "expansion", _("增资扩产")
    JOINT = "joint", _("小园区联合招商")
    SWAP = "swap", _("腾换导入")


class RuleOutcome(ColouredChoices):
    PASS = Outcome.PASS.value, _("符合")
    FAIL = Outcome.FAIL.value, _("不符合")
    MISSING = Outcome.MISSING.value, _("缺少数据")
    NOT_APPLICABLE = Outcome.NOT_APPLICABLE.value, _("不适用")

    colours = nonmember(
        {"pass": Colour.GREEN, "fail": Colour.RED, "missing": Colour.YELLOW,
         "not_applicable": Colour.GREY}
    )  # fmt: skip


class ScreeningVerdict(ColouredChoices):
    PASS = Verdict.PASS.value, _("符合准入条件")
    FAIL = Verdict.FAIL.value, _("不符合准入条件")
    INCOMPLETE = Verdict.INCOMPLETE.value, _("资料不全")

    colours = nonmember({"pass": Colour.GREEN, "fail": Colour.RED, "incomplete": Colour.YELLOW})


class Decision(ColouredChoices):
    ADMIT = "admit", _("同意准入")
    REJECT = "reject", _("不予准入")

    colours = nonmember({"admit": Colour.GREEN, "reject": Colour.RED})


class Stance(models.TextChoices):
    AGREE = "agree", _("同意")
    DISAGREE = "disagree", _("不同意")
    MORE = "more", _("需补充材料")


class VetoKind(models.TextChoices):
    ELIMINATED = "eliminated", _("产业结构调整指导目录·淘汰类")
    RESTRICTED = "restricted", _("产业结构调整指导目录·限制类")
    ENVIRONMENT = "environment", _("区环保限制严格准入目录")
    NEGATIVE = "negative", _("外商投资准入负面清单")


class CommitmentStatus(ColouredChoices):
    """A committed figure of a year against the enterprise's report (parkops/core/commitments)."""

    BEHIND = Status.BEHIND.value, _("未达承诺")
    PENDING = Status.PENDING.value, _("待报送")
    MET = Status.MET.value, _("达到承诺")

    colours = nonmember({"behind": Colour.RED, "pending": Colour.YELLOW, "met": Colour.GREEN})


class CommitmentFigure(models.TextChoices):
    OUTPUT = Figure.OUTPUT.value, _("年产值（万元）")
    TAX = Figure.TAX.value, _("年税收（万元）")
    ENERGY = Figure.ENERGY.value, _("年综合能耗（吨标准煤）")
    JOBS = Figure.JOBS.value, _("用工（人）")


class IncentiveKind(models.TextChoices):
    """What a small park earns under the joint scheme (parkops/attraction/incentives.py)."""

    LANDED = "landed", _("项目落地奖励")
    TAX = "tax", _("税收贡献奖励")
