"""The tables' body drawn in Python (web/templatetags/parkops_tables.py) is the library's: every
list page the park office opens on the test world, drawn once with our template and once with
django-tables2's own, gives the same <tbody> markup, rows, attributes, links and localized
numbers included."""

from __future__ import annotations

import re

import django_tables2
import pytest
from django.contrib.auth.models import User

from parkops.accounts.roles import Role
from parkops.accounts.services import user_assign_roles
from parkops.conftest import PASSWORD, client_for
from parkops.testing.routes import page_routes
from parkops.testing.world import world_seed

LIBRARY = "django_tables2/bootstrap5-responsive.html"
BODY = re.compile(r"<tbody.*?</tbody>", re.S)
# A form in a row carries a CSRF token, masked afresh on every drawing.
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _bodies(content: bytes) -> list[str]:
    """The page's table bodies, whitespace between tags left out (the template's indentation)."""
    text = TOKEN.sub('name="csrfmiddlewaretoken"', content.decode())
    return [re.sub(r">\s+<", "><", body).strip() for body in BODY.findall(text)]


def _tables(cls: type = django_tables2.Table) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_tables(sub)}
    return found


@pytest.mark.django_db
def test_every_list_draws_the_librarys_table_body(monkeypatch: pytest.MonkeyPatch) -> None:
    world_seed()
    office = User.objects.create_user(username="alice", password=PASSWORD)
    user_assign_roles(user=office, roles={Role.PARK_OFFICE})
    client = client_for(office)
    pages = {}
    for route in page_routes():
        if route.params:
            continue
        response = client.get(route.template)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            bodies = _bodies(response.content)
            if bodies:
                pages[route.template] = bodies
    ours = [t for t in _tables() if t._meta.template_name == "web/table.html"]
    for table in ours:
        monkeypatch.setattr(table._meta, "template_name", LIBRARY)
    rows = 0
    for path, bodies in pages.items():
        library = _bodies(client.get(path).content)
        assert bodies == library, path
        rows += sum(body.count("<tr") for body in bodies)
    # Enough of the app is drawn for the comparison to mean something: most lists, many rows.
    assert len(ours) >= 20
    assert len(pages) >= 20, sorted(pages)
    assert rows >= 100, rows
