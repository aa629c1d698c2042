"""The demo's evaluation and small-park ratings, made by the app's own services on the demo data.

For the latest year of demo figures and the year before, an evaluation run under the default
scheme is created and published (run → publish, as the park office would), so that a fresh install
shows a published evaluation, its bottom 30 and the class migration between the two years; the
small parks are then rated for both years. Nothing is written for a year that already has a
published run, or (ratings) a rating of a demo park: loading again changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from parkops.core.demo import YEARS
from parkops.evaluation.selectors import published_run
from parkops.evaluation.services import run_create, run_publish
from parkops.registry.models import EnterpriseYear
from parkops.smallparks.models import SmallParkRating
from parkops.smallparks.services import rating_run

NOTE = "演示数据：按默认方案对演示企业评价并发布"


def demo_years() -> tuple[int, int]:
    """The latest complete year of the demo figures and the year before it."""
    latest = max(YEARS)
    return latest - 1, latest


def _office() -> User | None:
    return User.objects.filter(username="demo-office").first()


@transaction.atomic
def evaluations_publish() -> list[int]:
    """Run and publish the evaluation of each demo year that has none published; the years done."""
    done = []
    for year in demo_years():
        if published_run(year=year) is not None:
            continue
        if not EnterpriseYear.objects.filter(year=year, enterprise__is_demo=True).exists():
            continue
        run = run_create(year=year, user=_office(), note=NOTE)
        run_publish(run=run, user=_office())
        done.append(year)
    return done


@transaction.atomic
def ratings_run() -> list[int]:
    """Rate the small parks for each demo year unless a demo park already has that year's rating."""
    done = []
    for year in demo_years():
        rated = SmallParkRating.objects.filter(year=year, small_park__is_demo=True).exists()
        if rated or published_run(year=year) is None:
            continue
        rating_run(year=year)
        done.append(year)
    return done
