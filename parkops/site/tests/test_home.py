from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.demo.services import demo_load
from parkops.plan.services import plan_load


def test_home_counts_what_the_platform_holds(lena: User) -> None:
    plan_load()
    demo_load(count=12)
    html = client_for(lena).get("/").content.decode()
    assert '<div class="fs-3" id="count-enterprises">50</div>' in html
    assert "方案所列 38 家，演示企业 12 家" in html
    assert (
        '<div class="fs-3" id="count-smallparks">25</div>' in html
    )  # the plan's 20 and 5 demo parks
    assert "上海古岛时装有限公司地块" in html  # one of the plan's own conflicts
