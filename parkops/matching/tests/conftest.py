"""A tiny park worked out by hand (see test_services): four enterprises, three on 月工路, one
(甲) on 平业路, the road chief rob's road."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from parkops.matching import services
from parkops.matching.models import MatchingSession
from parkops.registry.models import Enterprise, Road
from parkops.registry.tests.factories import EnterpriseFactory


@dataclass
class Firms:
    a: Enterprise  # needs C2231 纸盒、玻璃瓶; offers C2684 香精 (平业路)
    b: Enterprise  # offers C2231 纸盒、纸箱; needs C2929 注塑件
    c: Enterprise  # offers C2239 玻璃瓶包装
    d: Enterprise  # offers C2929 注塑件


@pytest.fixture
def firms(pingye: Road, yuegong: Road) -> Firms:
    made = Firms(
        a=EnterpriseFactory(name="上海甲日化有限公司", road=pingye),
        b=EnterpriseFactory(name="上海乙纸品有限公司", road=yuegong),
        c=EnterpriseFactory(name="上海丙包装有限公司", road=yuegong),
        d=EnterpriseFactory(name="上海丁塑料有限公司", road=yuegong),
    )
    profiles = {
        made.a: {"need_codes": "C2231", "need_keywords": "纸盒、玻璃瓶",
                 "offer_codes": "C2684", "offer_keywords": "香精"},
        made.b: {"offer_codes": "C2231", "offer_keywords": "纸盒，纸箱",
                 "need_codes": "2929", "need_keywords": "注塑件"},
        made.c: {"offer_codes": "C2239", "offer_keywords": "玻璃瓶包装"},
        made.d: {"offer_codes": "C2929", "offer_keywords": "注塑件"},
    }  # fmt: skip
    for enterprise, data in profiles.items():
        services.profile_save(enterprise=enterprise, data=data)
    return made


@pytest.fixture
def session(firms: Firms) -> MatchingSession:
    return services.session_create(
        data={"title": "春季供需对接会", "held_on": "2026-03-20", "organiser": "园区办"}
    )
