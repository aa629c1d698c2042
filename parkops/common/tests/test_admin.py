"""The admin is no back door: what the pages and the API guard is read-only there, the rest is
edited with a reason and the version check, and nothing the evaluation reads is deleted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from parkops.common.admin import GuardedAdmin, ReadOnlyMixin
from parkops.common.tests.browserform import form_data
from parkops.registry.models import EnterpriseYear, Road
from parkops.registry.tests.factories import EnterpriseYearFactory

pytestmark = pytest.mark.django_db
# Not domain data: accounts and their tokens, managed by the platform's owner; django-axes' login
# attempts, which the park office deletes to unlock an account.
OUTSIDE = {
    "auth.User",
    "auth.Group",
    "accounts.ApiToken",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
}


@pytest.fixture
def root(db: None) -> Client:
    user = User.objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(user)
    return client


def test_every_model_admin_is_read_only_or_guarded() -> None:
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.label in OUTSIDE:
            continue
        assert isinstance(model_admin, ReadOnlyMixin | GuardedAdmin), model._meta.label
        assert not model_admin.has_delete_permission(request), model._meta.label
        assert "delete_selected" not in model_admin.get_actions(request), model._meta.label
        if isinstance(model_admin, ReadOnlyMixin):
            assert not model_admin.has_change_permission(request), model._meta.label
            assert not model_admin.has_add_permission(request), model._meta.label
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_delete_permission(request), model._meta.label


def test_annual_figures_cannot_be_changed_deleted_or_reverted_in_the_admin(root: Client) -> None:
    year = EnterpriseYearFactory()
    base = f"/admin/registry/enterpriseyear/{year.pk}"
    assert root.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    bulk = root.post(
        "/admin/registry/enterpriseyear/",
        {"action": "delete_selected", "_selected_action": [year.pk], "post": "yes"},
    )
    assert bulk.status_code in {200, 302}
    assert root.post(f"{base}/change/", {"tax": "1"}).status_code == 403
    first = year.history.last()
    revert = root.post(f"{base}/history/{first.history_id}/", {"tax": "1"})
    assert revert.status_code == 403
    stored = EnterpriseYear.objects.get(pk=year.pk)
    assert stored.tax == Decimal("150.00")
    assert stored.history.count() == 1


def test_a_road_is_edited_in_the_admin_only_with_a_reason(root: Client) -> None:
    road = Road.objects.create(name="金轩路")
    url = f"/admin/registry/road/{road.pk}/change/"
    data = form_data(root.get(url).content.decode(), form_id="road_form")
    refused = root.post(url, {**data, "note": "新备注"})
    assert refused.status_code == 200
    assert Road.objects.get(pk=road.pk).note == ""
    saved = root.post(url, {**data, "note": "新备注", "change_reason": "区里更名"})
    assert saved.status_code == 302
    road.refresh_from_db()
    assert road.note == "新备注"
    assert road.history.first().history_change_reason == "区里更名"


def test_a_deleted_year_stays_in_the_enterprise_pages_history(alice: User) -> None:
    from parkops.conftest import client_for

    year = EnterpriseYearFactory(year=2023)
    year._change_reason = "撤销导入批次 7"  # type: ignore[attr-defined]
    year.delete()
    page = client_for(alice).get(year.enterprise.get_absolute_url()).content.decode()
    row = f"<td>删除</td><td>{year.enterprise.name} · 2023</td>"
    assert row in page
    assert "撤销导入批次 7" in page
