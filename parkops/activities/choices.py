"""Every kind and state of an activity, as choices with their colour."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from parkops.common.choices import Colour, ColouredChoices, nonmember


class ActivityKind(ColouredChoices):
    FORUM = "forum", _("企业家座谈会")
    SALON = "salon", _("产业沙龙")
    # The supply–demand matching app links its sessions to an activity of this kind.
    MATCHING = "matching", _("供需对接会")
    BRIEFING = "briefing", _("政策宣讲会")
    OTHER = "other", _("其他")

    colours = nonmember(
        {
            "forum": Colour.BLUE,
            "salon": Colour.CYAN,
            "matching": Colour.ORANGE,
            "briefing": Colour.GREEN,
            "other": Colour.GREY,
        }
    )


class ActivityStatus(ColouredChoices):
    PLANNED = "planned", _("计划")
    HELD = "held", _("已举行")
    CANCELLED = "cancelled", _("取消")

    colours = nonmember({"planned": Colour.LIGHT, "held": Colour.GREEN, "cancelled": Colour.GREY})


class Attendance(ColouredChoices):
    UNKNOWN = "unknown", _("未记录")
    YES = "yes", _("出席")
    NO = "no", _("缺席")

    colours = nonmember({"unknown": Colour.LIGHT, "yes": Colour.GREEN, "no": Colour.GREY})
