from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.common.choices import Colour, ColouredChoices, nonmember


class EvaluationClass(ColouredChoices):
    """The class an enterprise is put in. A–D are ranked; T and N are left out of the ranking."""

    A = "A", _("A类")
    B = "B", _("B类")
    C = "C", _("C类")
    D = "D", _("D类")
    # 不定等级 / T类: excluded by the scheme (in production under two years, utilities …).
    EXEMPT = "T", _("T类（不定等级）")
    # Outside every population: no revenue figure, land below the minimum, missing data.
    UNRATED = "N", _("未参评")

    colours = nonmember(
        {"A": Colour.GREEN, "B": Colour.BLUE, "C": Colour.YELLOW, "D": Colour.RED,
         "T": Colour.GREY, "N": Colour.GREY}
    )  # fmt: skip


class RunStatus(ColouredChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")

    colours = nonmember({"draft": Colour.GREY, "published": Colour.GREEN})


class VetoKind(models.TextChoices):
    SAFETY_ACCIDENT = "safety_accident", _("生产安全事故")
    ENVIRONMENTAL_INCIDENT = "environmental_incident", _("突发环境事件")
    ILLEGAL_LAND_USE = "illegal_land_use", _("违法用地/违法建设")
    SERIOUS_DISHONESTY = "serious_dishonesty", _("严重失信")


class IncidentGrade(models.TextChoices):
    """Accident grades of 国务院令第493号, lowest first."""

    ORDINARY = "1_ordinary", _("一般")
    LARGER = "2_larger", _("较大")
    MAJOR = "3_major", _("重大")
    EXTRAORDINARY = "4_extraordinary", _("特别重大")
