"""The matching pages, export and API as each role uses them."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.matching import services
from parkops.matching.choices import PairDecision, PairOutcome
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.matching.tests.conftest import Firms

pytestmark = pytest.mark.django_db
OTHER = "园区内其他企业"


@pytest.fixture
def proposed(session: MatchingSession) -> MatchingSession:
    services.pairs_propose(session=session)
    return session


def _pairs_of(client: object, session: MatchingSession) -> list[tuple[str, str]]:
    body = client.get(f"/api/matching/sessions/{session.pk}").json()  # type: ignore[attr-defined]
    return [(p["need_enterprise"], p["offer_enterprise"]) for p in body["pairs"]]


def test_the_park_office_sees_every_pair_by_name(alice: User, proposed: MatchingSession) -> None:
    assert _pairs_of(client_for(alice), proposed) == [
        ("上海甲日化有限公司", "上海乙纸品有限公司"),
        ("上海乙纸品有限公司", "上海丁塑料有限公司"),
        ("上海甲日化有限公司", "上海丙包装有限公司"),
    ]


def test_a_road_chief_sees_his_enterprises_pairs_the_others_unnamed(
    rob: User, proposed: MatchingSession
) -> None:
    client = client_for(rob)
    assert _pairs_of(client, proposed) == [
        ("上海甲日化有限公司", OTHER),
        ("上海甲日化有限公司", OTHER),
    ]
    page = client.get(f"/matching/{proposed.pk}/").content.decode()
    assert "上海甲日化有限公司" in page
    for name in ("上海乙纸品有限公司", "上海丙包装有限公司", "上海丁塑料有限公司"):
        assert name not in page
    assert [s["id"] for s in client.get("/api/matching/sessions").json()["items"]] == [proposed.pk]
    # His own enterprise's profile only.
    profiles = client.get("/api/matching/profiles").json()["items"]
    assert [p["enterprise"] for p in profiles] == ["上海甲日化有限公司"]


def test_a_session_without_his_enterprises_is_not_found_for_a_road_chief(
    rob: User, firms: Firms
) -> None:
    other = services.session_create(
        data={"title": "别处", "held_on": "2026-03-20", "organiser": "园区办"},
        invitees=[firms.b, firms.d],
    )
    services.pairs_propose(session=other)
    client = client_for(rob)
    assert client.get(f"/matching/{other.pk}/").status_code == 404
    assert client.get(f"/api/matching/sessions/{other.pk}").status_code == 404
    assert client.get("/api/matching/sessions").json()["items"] == []


def test_a_small_park_owner_sees_no_pair_outside_his_park(
    olga: User, proposed: MatchingSession
) -> None:
    client = client_for(olga)
    assert client.get(f"/matching/{proposed.pk}/").status_code == 404
    assert client.get("/api/matching/profiles").json()["items"] == []


@pytest.mark.parametrize("reader", ["lena", "dora"])
def test_leaders_and_departments_read_but_do_not_write(
    reader: str, request: pytest.FixtureRequest, proposed: MatchingSession, firms: Firms
) -> None:
    client = client_for(request.getfixturevalue(reader))
    assert len(_pairs_of(client, proposed)) == 3
    assert client.get(f"/matching/{proposed.pk}/").status_code == 200
    assert client.post(f"/matching/{proposed.pk}/propose/").status_code == 403
    pair = proposed.pairs.first()
    assert pair is not None
    assert client.get(f"/matching/pairs/{pair.pk}/").status_code == 403
    assert client.get(f"/matching/profiles/{firms.a.pk}/edit/").status_code == 403


def test_no_role_is_refused(charlie: User, proposed: MatchingSession) -> None:
    client = client_for(charlie)
    assert client.get("/matching/").status_code == 403
    assert client.get("/api/matching/sessions").status_code == 403


def test_the_clerk_proposes_accepts_and_records_an_outcome_on_the_pages(
    alice: User, session: MatchingSession
) -> None:
    client = client_for(alice)
    response = client.post(f"/matching/{session.pk}/propose/", follow=True)
    assert "已推荐 3 对新配对" in response.content.decode()
    response = client.post(f"/matching/{session.pk}/propose/", follow=True)
    assert "没有新的配对可推荐" in response.content.decode()
    pair = session.pairs.order_by("-score", "pk")[0]
    url = f"/matching/pairs/{pair.pk}/"
    assert client.post(url, {"decision": "accepted"}).status_code == 302
    pair.refresh_from_db()
    form = {"version": pair.updated_at.isoformat(), "outcome": "failed", "outcome_reason": ""}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "对接未成须说明原因" in response.content.decode()
    form |= {"outcome": "intent", "amount_wan": "35", "reason": "意向书"}
    assert client.post(url, form).status_code == 302
    pair.refresh_from_db()
    assert (pair.decision, pair.outcome, str(pair.amount_wan)) == (
        PairDecision.ACCEPTED, PairOutcome.INTENT, "35.00",
    )  # fmt: skip
    assert pair.history.first().history_change_reason == "意向书"  # type: ignore[union-attr]


def test_the_clerk_edits_a_profile_from_the_enterprise_page(alice: User, firms: Firms) -> None:
    client = client_for(alice)
    page = client.get(firms.a.get_absolute_url()).content.decode()
    assert 'id="panel-matching"' in page
    assert "香精" in page
    url = f"/matching/profiles/{firms.a.pk}/edit/"
    profile = SupplyDemandProfile.objects.get(enterprise=firms.a)
    data = {
        "version": profile.updated_at.isoformat(), "offer_codes": "C2684", "offer_keywords": "香精、香料",
        "need_codes": "C2231", "need_keywords": "纸盒、玻璃瓶", "offer_text": "", "need_text": "",
    }  # fmt: skip
    response = client.post(url, data)
    assert "修改供需画像须填写原因" in response.content.decode()
    assert client.post(url, data | {"reason": "新增香料"}).status_code == 302
    profile.refresh_from_db()
    assert profile.offer_keywords == "香精、香料"
    # Someone else's edit since the page was opened: refused, nothing written.
    stale = client.post(url, data | {"reason": "再改", "offer_keywords": "香精"})
    assert "已被他人修改" in stale.content.decode()
    profile.refresh_from_db()
    assert profile.offer_keywords == "香精、香料"


def test_the_profile_list_filters_by_code_and_keyword(alice: User, firms: Firms) -> None:
    client = client_for(alice)

    def names(query: str) -> list[str]:
        items = client.get(f"/api/matching/profiles?{query}").json()["items"]
        return [p["enterprise"] for p in items]

    assert names("code=2231") == ["上海乙纸品有限公司", "上海甲日化有限公司"]
    assert names("code=C2231&side=offer") == ["上海乙纸品有限公司"]
    assert names("keyword=注塑&side=need") == ["上海乙纸品有限公司"]
    page = client.get("/matching/profiles/?keyword=玻璃瓶", HTTP_HX_REQUEST="true")
    assert page.content.decode().count("<tr") == 3  # the header and two rows (甲, 丙)


def test_the_export_has_the_sessions_pairs_as_the_user_sees_them(
    alice: User, rob: User, proposed: MatchingSession
) -> None:
    pair = proposed.pairs.order_by("-score", "pk")[0]
    services.pair_decide(pair=pair, decision=PairDecision.ACCEPTED)
    services.pair_outcome_record(pair=pair, outcome=PairOutcome.SIGNED, amount_wan=12)  # type: ignore[arg-type]

    def rows(user: User) -> list[list[object]]:
        response = client_for(user).get(f"/matching/{proposed.pk}/?format=xlsx")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        return book.get_sheet_by_index(0).to_python()

    table = rows(alice)
    header = table.index(next(r for r in table if r and r[0] == "需求方"))
    assert table[header] == [
        "需求方", "供给方", "匹配分", "推荐理由", "采纳", "对接结果", "结果说明", "合作金额（万元）",
    ]  # fmt: skip
    assert table[header + 1] == [
        "上海甲日化有限公司", "上海乙纸品有限公司", 5.0, "同一行业小类；关键词：纸盒", "已采纳",
        "签约合作", "", 12.0,
    ]  # fmt: skip
    assert len(table) - header - 1 == 3
    mine = rows(rob)
    assert [r[:2] for r in mine[header + 1 :]] == [["上海甲日化有限公司", OTHER]] * 2
    assert MatchPair.objects.count() == 3
