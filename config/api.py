"""The JSON API under /api/: one NinjaAPI, a router per domain app, login required throughout."""

from __future__ import annotations

from parkops.accounts.api_auth import API_AUTH, api_login_required
from parkops.activities.api import router as activities_router
from parkops.attraction.api import router as attraction_router
from parkops.common.api import ParkOpsAPI
from parkops.enforcement.api import router as enforcement_router
from parkops.evaluation.api import router as evaluation_router
from parkops.execution.api import router as execution_router
from parkops.imports.api import router as imports_router
from parkops.indicators.api import router as indicators_router
from parkops.land.api import router as land_router
from parkops.matching.api import router as matching_router
from parkops.ops.api import router as ops_router
from parkops.registry.api import router as registry_router
from parkops.service.api import router as service_router
from parkops.smallparks.api import router as smallparks_router
from parkops.visits.api import router as visits_router

api = ParkOpsAPI(
    title="ParkOps API",
    version="1",
    description="漕泾工业园区转型升级管理平台 JSON API。需要登录（会话）或 Bearer 令牌。",
    auth=API_AUTH,
    urls_namespace="api",
    # The docs are served from ninja's bundled static files (no CDN), to a session or a token.
    docs_decorator=api_login_required,
)
api.add_router("/", registry_router)
api.add_router("/", execution_router)
api.add_router("/", indicators_router)
api.add_router("/", land_router)
api.add_router("/", smallparks_router)
api.add_router("/", imports_router)
api.add_router("/", enforcement_router)
api.add_router("/", attraction_router)
api.add_router("/", activities_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/", ops_router)
api.add_router("/service/", service_router)
api.add_router("/visits/", visits_router)
api.add_router("/matching/", matching_router)
