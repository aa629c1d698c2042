import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.models import EvaluationResult
from parkops.evaluation.tests.factories import enterprise_with_year

BASE = Path(settings.BASE_DIR)
# The project's catalogue plus one per app that keeps its own `locale/` (makemessages run from the
# project root writes each app's strings into the nearest `locale/` above them).
CATALOGUES = [
    BASE / "locale/en/LC_MESSAGES/django.po",
    *BASE.glob("parkops/*/locale/en/LC_MESSAGES/django.po"),
]


def test_every_string_has_an_english_translation() -> None:
    entries = []
    for po in CATALOGUES:
        # makemessages runs with --no-wrap, so every msgid and msgstr is on one line.
        found = re.findall(
            r'^msgid "(.+)"\n(?:msgid_plural .*\n)?msgstr(?:\[0\])? "(.*)"$', po.read_text(), re.M
        )
        entries += [(po.relative_to(BASE), msgid, msgstr) for msgid, msgstr in found]
    assert len(entries) > 150
    assert [(po, msgid) for po, msgid, msgstr in entries if not msgstr] == []


def test_no_translation_is_a_fuzzy_guess() -> None:
    # makemessages marks near matches fuzzy with another string's English; msgfmt skips them, so
    # the page would fall back to Chinese. Only the catalogue's header may stay fuzzy.
    guesses = [
        (po.relative_to(BASE), msgid)
        for po in CATALOGUES
        for msgid in re.findall(r'^#, fuzzy\n(?:#\|.*\n)*msgid "(.+)"$', po.read_text(), re.M)
    ]
    assert guesses == []


def test_chinese_by_default_english_on_request(lena: User) -> None:
    client = client_for(lena)
    assert "企业名称" in client.get("/enterprises/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/enterprises/"})
    html = client.get("/enterprises/").content.decode()
    assert "Enterprise name" in html
    assert "Log out" in html


def test_api_errors_follow_the_language(alice: User) -> None:
    response = client_for(alice).post(
        "/api/enterprises",
        {"name": "上海错码有限公司", "uscc": "91350200776049653B"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json()["errors"]["uscc"] == [
        'Character 18 of the credit code (the check character) should be "A", not "B"'
    ]


def test_the_language_menu_names_each_language_in_itself_and_switches_on_submit(
    lena: User,
) -> None:
    client = client_for(lena)
    for _language in ("zh-hans", "en"):
        html = client.get("/enterprises/").content.decode()
        assert '<option value="zh-hans">简体中文</option>' in html or (
            '<option value="zh-hans" selected>简体中文</option>' in html
        )
        assert ">English</option>" in html
        # Arrow keys in the menu must not switch the page: a button submits the choice.
        assert "onchange" not in html
        assert 'type="submit" id="switch-language"' in html
        client.post("/i18n/setlang/", {"language": "en", "next": "/enterprises/"})


def test_an_exclusion_reason_stored_in_chinese_reads_in_english(alice: User) -> None:
    enterprise_with_year(tax=Decimal("800"))
    small = enterprise_with_year(revenue=Decimal("800"), land_mu=Decimal("1"))
    services.run_create(year=2025)
    stored = EvaluationResult.objects.get(enterprise=small)
    assert stored.excluded_reason == "用地面积不足 1.5 亩"  # stored as the engine wrote it

    client = client_for(alice)
    reason = '<span class="text-muted" id="excluded-reason">{}</span>'
    html = client.get(f"/enterprises/{small.pk}/").content.decode()
    assert reason.format("用地面积不足 1.5 亩") in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/enterprises/{small.pk}/").content.decode()
    assert reason.format("Land area below 1.5 mu") in html


def test_the_industry_filter_names_industries_in_english(lena: User) -> None:
    client = client_for(lena)
    assert (
        '<option value="C27">C27 医药制造业</option>'
        in client.get("/enterprises/").content.decode()
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/enterprises/").content.decode()
    assert '<option value="C27">C27 Manufacture of medicines</option>' in html
    assert (
        '<option value="D">D Production and supply of electricity, heat, gas and water</option>'
        in html
    )
