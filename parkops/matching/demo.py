"""Demo supply–demand profiles (演示数据) on the first demo enterprises, and two demo matching
sessions with their pairs proposed, decided and some outcomes recorded. Nothing touches an
enterprise the plan names. Running it again adds only what is missing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from parkops.matching import services
from parkops.matching.choices import PairDecision, PairOutcome, SessionKind, SessionStatus
from parkops.matching.models import MatchingSession, SupplyDemandProfile
from parkops.registry.models import Enterprise

REASON = "载入演示数据"
# (offer text, offer codes, offer keywords, need text, need codes, need keywords)
PROFILES = [
    ("化妆品玻璃瓶、喷雾泵", "C3054", "玻璃瓶、喷雾泵", "化工原料采购", "C2614", "乙醇、香精"),
    ("日化香精香料", "C2684", "香精", "包装瓶与纸盒", "C2231", "纸盒、玻璃瓶"),
    ("瓦楞纸箱、彩印纸盒", "C2231", "纸盒、纸箱", "注塑件加工", "C2929", "注塑件"),
    ("精密注塑件", "C2929", "注塑件、模具", "工业机器人集成", "C3491", "机器人、自动化"),
    ("工业机器人系统集成", "C3491", "机器人、自动化、集成", "精密部件", "C3484", "齿轮、减速机"),
    ("精密齿轮与减速机", "C3484", "齿轮、减速机", "检测服务", "M7452", "检测、计量"),
    ("基础化学品（乙醇）", "C2614", "乙醇、溶剂", "危化品物流", "G5430", "危化品运输"),
    ("第三方检测与计量", "M7452", "检测、计量", "实验室耗材", "C2929", "塑料耗材"),
]
FIRMS = 16


def _outcomes(
    session: MatchingSession, plan: list[tuple[PairOutcome, str, Decimal | None]]
) -> None:
    """Accept the best pairs in order and record `plan`'s outcomes on them; reject the last."""
    pairs = list(session.pairs.order_by("-score", "pk"))
    for pair, (outcome, why, amount) in zip(pairs, plan, strict=False):
        services.pair_decide(pair=pair, decision=PairDecision.ACCEPTED, reason=REASON)
        if outcome != PairOutcome.PENDING:
            services.pair_outcome_record(
                pair=pair, outcome=outcome, outcome_reason=why, amount_wan=amount, reason=REASON
            )
    if len(pairs) > len(plan):
        services.pair_decide(pair=pairs[-1], decision=PairDecision.REJECTED, reason=REASON)


@transaction.atomic
def matching_demo_load(*, today: date) -> dict[str, int]:
    firms = list(Enterprise.objects.filter(is_demo=True).order_by("pk")[:FIRMS])
    profiles = 0
    for n, firm in enumerate(firms):
        if SupplyDemandProfile.objects.filter(enterprise=firm).exists():
            continue
        fields = ("offer_text", "offer_codes", "offer_keywords", "need_text", "need_codes",
                  "need_keywords")  # fmt: skip
        services.profile_save(
            enterprise=firm, data=dict(zip(fields, PROFILES[n % len(PROFILES)], strict=True)),
            reason=REASON,
        )  # fmt: skip
        profiles += 1
    if len(firms) < 4:
        return {"profiles": profiles, "sessions": 0}
    sessions = 0
    Plan = list[tuple[PairOutcome, str, Decimal | None]]
    specs: list[tuple[str, SessionKind, date, SessionStatus, list[Enterprise], Plan]] = [
        ("【演示】园区供需对接会", SessionKind.MEETING, today - timedelta(days=60),
         SessionStatus.HELD, [], [
             (PairOutcome.SIGNED, "签订年度采购框架协议", Decimal("120")),
             (PairOutcome.INTENT, "", Decimal("35")),
             (PairOutcome.CONTACTED, "", None),
             (PairOutcome.FAILED, "价格未谈拢", None),
             (PairOutcome.PENDING, "", None),
         ]),
        ("【演示】包装材料一对一撮合", SessionKind.ONE_ON_ONE, today - timedelta(days=20),
         SessionStatus.HELD, firms[:4], [(PairOutcome.INTENT, "", Decimal("18"))]),
    ]  # fmt: skip
    for title, kind, held_on, status, invitees, plan in specs:
        if MatchingSession.objects.filter(title=title, is_demo=True).exists():
            continue
        session = services.session_create(
            data={"title": title, "kind": kind, "held_on": held_on, "status": status,
                  "organiser": "园区办（演示数据）", "is_demo": True},
            invitees=invitees,
        )  # fmt: skip
        services.pairs_propose(session=session)
        _outcomes(session, plan)
        sessions += 1
    return {"profiles": profiles, "sessions": sessions}
