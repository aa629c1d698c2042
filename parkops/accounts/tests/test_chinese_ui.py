"""Every page without parameters (the lists, the dashboards), rendered in Chinese, shows no stray
English: a framework's default word ("Clear", "Unknown", "Previous") or a Python value ("None",
"True") that escaped translation. The data shown are Chinese (the test world and the plan).
Every yes/no filter reads 全部 / 是 / 否 (django-filter's own reads 未知 / 是 / 否)."""

from __future__ import annotations

import re

import lxml.html
import pytest
from django.contrib.auth.models import User

from parkops.accounts.roles import Role
from parkops.accounts.services import user_assign_roles
from parkops.accounts.tests.test_scope_walk import OPEN_PAGES
from parkops.conftest import client_for
from parkops.testing.routes import page_routes
from parkops.testing.world import PASSWORD, world_seed

ENGLISH = (
    "Clear", "Unknown", "Yes", "No", "All", "Any", "Previous", "Next", "First", "Last", "Page",
    "Search", "Submit", "Filter", "Filters", "Reset", "Export", "Download", "Showing", "Sort",
    "Loading", "Edit", "Delete", "Save", "Cancel", "Close", "Back", "None", "True", "False",
    "null", "undefined", "nan", "Choose", "Select", "Upload", "Browse", "Log out", "Sign in",
    "Home", "Status", "Name", "Date", "Total", "records", "items", "of",
)  # fmt: skip
WORDS = re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![A-Za-z])")
# The language menu names English in English, as a language names itself.
ALLOWED = re.compile(r"\bEnglish\b")
INVISIBLE = "//script|//style|//template|//*[@hidden]|//*[contains(@class,'visually-hidden')]"


def yes_no_options(html: bytes) -> set[tuple[str, ...]]:
    """The options of every yes/no select (its values "", "true", "false"), as shown."""
    doc = lxml.html.fromstring(html)
    shown = set()
    for select in doc.xpath("//select[option[@value='true']]"):
        shown.add(tuple(o.text_content().strip() for o in select.xpath("./option")))
    return shown


def visible_text(html: bytes) -> str:
    doc = lxml.html.fromstring(html)
    for element in doc.xpath(INVISIBLE):
        element.drop_tree()
    said = list(doc.itertext())  # text nodes apart: "Clear" and "Unknown" are two words
    said += doc.xpath("//@placeholder|//@title|//@aria-label|//input[@type='submit']/@value")
    return ALLOWED.sub("", " ".join(said))


def test_the_words_are_caught() -> None:
    html = b"<body><button>Clear</button><select><option>Unknown</option></select></body>"
    assert WORDS.findall(visible_text(html)) == ["Clear", "Unknown"]
    assert not WORDS.findall(visible_text(b"<body><p>English \xe5\x85\xa8\xe9\x83\xa8</p></body>"))


@pytest.mark.django_db
def test_no_page_shows_stray_english_in_chinese() -> None:
    world_seed()
    office = User.objects.create_user(username="alice", password=PASSWORD)
    user_assign_roles(user=office, roles={Role.PARK_OFFICE})
    client = client_for(office)
    found, asked = [], 0
    for route in page_routes():
        if route.params or route.key in OPEN_PAGES:
            continue
        response = client.get(route.template)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        asked += 1
        words = sorted(set(WORDS.findall(visible_text(response.content))))
        if words:
            found.append(f"{route.template}: {', '.join(words)}")
        for options in yes_no_options(response.content) - {("全部", "是", "否")}:
            found.append(f"{route.template}: a yes/no filter reads {'/'.join(options)}")
    assert not found, "\n".join(found)
    assert asked > 20  # the walk reached the pages
