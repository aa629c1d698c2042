from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api

urlpatterns = [
    path("", include("parkops.site.urls")),
    path("", include("parkops.registry.urls")),
    path("", include("parkops.evaluation.urls")),
    path("", include("parkops.execution.urls")),
    path("", include("parkops.indicators.urls")),
    path("land/", include("parkops.land.urls")),
    path("estates/", include("parkops.smallparks.urls")),
    path("", include("parkops.imports.urls")),
    path("service/", include("parkops.service.urls")),
    path("visits/", include("parkops.visits.urls")),
    path("enforcement/", include("parkops.enforcement.urls")),
    path("attraction/", include("parkops.attraction.urls")),
    path("activities/", include("parkops.activities.urls")),
    path("matching/", include("parkops.matching.urls")),
    path("map/", include("parkops.maps.urls")),
    path("briefings/", include("parkops.briefings.urls")),
    path("accounts/", include("parkops.accounts.urls")),
    path("ops/", include("parkops.ops.urls")),
    path("jobs/", include("parkops.ops.job_urls")),
    # The language switch works on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
