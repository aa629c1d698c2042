"""The small parks' yearly rating on the queue."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.ops.choices import JobKind
from parkops.ops.jobs import Outcome, Progress, job_handler, job_start
from parkops.ops.models import Job
from parkops.registry.models import SmallPark
from parkops.smallparks import services


def rating_enqueue(*, year: int, user: AnyUser) -> Job:
    return job_start(kind=JobKind.RATING_RUN, user=user, params={"year": year})


@job_handler(JobKind.RATING_RUN)
def _rate(job: Job, progress: Progress) -> Outcome:
    year = int(job.params["year"])
    progress("rate", 0, 1)
    ratings = services.rating_run(year=year)
    progress("rate", 1, 1)
    skipped = SmallPark.objects.count() - len(ratings)
    text = _("已评定 %(year)s 年度 %(n)s 个小园区") % {"year": year, "n": len(ratings)}
    if skipped:
        text += _("；%(m)s 个小园区缺少计算亩均税收和空置率的数据，未评定") % {"m": skipped}
    return Outcome(url=f"{reverse('smallparks:rating_list')}?year={year}", summary=text)
