"""The visit pages as each role uses them: logging a visit with a photo, a request and an answer."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from parkops.accounts.models import Department
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.visits.choices import QuestionStatus
from parkops.visits.models import PendingQuestion, RaisedRequest, Visit, VisitPhoto
from parkops.visits.tests.conftest import PNG

pytestmark = pytest.mark.django_db


def _post(enterprise: Enterprise, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "visited_on": timezone.localdate().isoformat(),
        "kind": "routine",
        "method": "on_site",
        "interviewee_name": "王经理",
        "discussed": "了解扩产计划",
        "req-TOTAL_FORMS": "2",
        "req-INITIAL_FORMS": "0",
        "req-MIN_NUM_FORMS": "0",
        "req-MAX_NUM_FORMS": "10",
        "req-0-category": "",
        "req-0-text": "",
        "req-1-category": "",
        "req-1-text": "",
    }
    data.update(extra)
    return data


def test_it_logs_a_visit_with_a_photo_a_request_and_an_answer(
    rob: User, pingye_firm: Enterprise, private_media: Path
) -> None:
    eco = Department.objects.get(code="eco")
    question = PendingQuestion.objects.create(
        enterprise=pingye_firm, department=eco, text="危废转移是否备案？"
    )
    client = client_for(rob)
    form = client.get(f"/visits/new/?enterprise={pingye_firm.pk}")
    assert form.status_code == 200
    assert "危废转移是否备案？" in form.content.decode()
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    response = client.post(
        f"/visits/new/?enterprise={pingye_firm.pk}",
        _post(
            pingye_firm,
            photos=[photo],
            **{"req-0-category": "land", "req-0-text": "需要扩租厂房 2000 平方米",
               "req-0-department": str(eco.pk), f"answer_{question.pk}": "已备案"},
        ),
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/visits/{visit.pk}/"
    assert list(visit.visitors.all()) == [rob]
    assert visit.recorded_by == rob
    raised = RaisedRequest.objects.get()
    assert (raised.visit, raised.category, raised.text, raised.department) == (
        visit, "land", "需要扩租厂房 2000 平方米", eco,
    )  # fmt: skip
    question.refresh_from_db()
    assert (question.status, question.answered_in, question.answer) == (
        QuestionStatus.ANSWERED, visit, "已备案",
    )  # fmt: skip
    stored = VisitPhoto.objects.get()
    assert (stored.content_type, stored.size, stored.original_name) == (
        "image/png",
        len(PNG),
        "现场.png",
    )
    path = Path(stored.image.path)
    assert path.is_relative_to(private_media / "private")
    assert path.read_bytes() == PNG
    served = client.get(f"/visits/photos/{stored.pk}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG  # type: ignore[attr-defined]
    # Answered: the question no longer shows on the next visit's form.
    assert (
        "危废转移是否备案？"
        not in client.get(f"/visits/new/?enterprise={pingye_firm.pk}").content.decode()
    )


def test_a_road_chief_cannot_log_open_or_see_a_photo_of_another_roads_visit(
    rob: User, alice: User, yuegong_firm: Enterprise
) -> None:
    other = Visit.objects.create(
        enterprise=yuegong_firm, visited_on=date(2025, 5, 1), discussed="x"
    )
    photo = VisitPhoto(visit=other, content_type="image/png", size=len(PNG))
    photo.image.save("x.png", ContentFile(PNG))  # a real file: a 404 must come from the scope
    client = client_for(rob)
    assert client.get(f"/visits/new/?enterprise={yuegong_firm.pk}").status_code == 404
    assert (
        client.post(f"/visits/new/?enterprise={yuegong_firm.pk}", _post(yuegong_firm)).status_code
        == 404
    )
    assert client.get(f"/visits/{other.pk}/").status_code == 404
    assert client.get(f"/visits/{other.pk}/edit/").status_code == 404
    assert client.get(f"/visits/photos/{photo.pk}/").status_code == 404
    assert Visit.objects.count() == 1


def test_a_leader_reads_visits_but_cannot_log_one(lena: User, pingye_firm: Enterprise) -> None:
    visit = Visit.objects.create(enterprise=pingye_firm, visited_on=date(2025, 5, 1), discussed="x")
    client = client_for(lena)
    assert client.get(f"/visits/{visit.pk}/").status_code == 200
    assert client.get(f"/visits/new/?enterprise={pingye_firm.pk}").status_code == 403
    assert client.get(f"/visits/{visit.pk}/edit/").status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "合同.png",
            b"%PDF-1.7 not an image at all.........",
            "“合同.png”不是 JPG、PNG 或 WebP 图片，未保存",
        ),
        ("现场.jpg", PNG, "“现场.jpg”的扩展名与内容（PNG）不符，未保存"),
    ],
)
def test_it_refuses_a_photo_by_its_content(
    rob: User, pingye_firm: Enterprise, name: str, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client_for(rob).post(
        f"/visits/new/?enterprise={pingye_firm.pk}", _post(pingye_firm, photos=[upload])
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Visit.objects.count() == 0
    assert VisitPhoto.objects.count() == 0


def test_it_refuses_a_photo_over_10_mb(rob: User, pingye_firm: Enterprise) -> None:
    big = SimpleUploadedFile(
        "大图.png", PNG + b"\x00" * (10 * 1024 * 1024), content_type="image/png"
    )
    response = client_for(rob).post(
        f"/visits/new/?enterprise={pingye_firm.pk}", _post(pingye_firm, photos=[big])
    )
    assert "照片“大图.png”超过 10 MB，未保存" in response.content.decode()
    assert Visit.objects.count() == 0


def test_a_future_visit_date_is_refused(rob: User, pingye_firm: Enterprise) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(rob).post(
        f"/visits/new/?enterprise={pingye_firm.pk}", _post(pingye_firm, visited_on=tomorrow)
    )
    assert "走访日期不能晚于今天" in response.content.decode()
    assert Visit.objects.count() == 0


def test_a_request_row_without_category_is_refused(rob: User, pingye_firm: Enterprise) -> None:
    response = client_for(rob).post(
        f"/visits/new/?enterprise={pingye_firm.pk}", _post(pingye_firm, **{"req-0-text": "要电"})
    )
    assert "请选择诉求类别" in response.content.decode()
    assert Visit.objects.count() == 0


def test_an_edit_needs_a_reason_and_a_stale_one_is_refused(
    rob: User, pingye_firm: Enterprise
) -> None:
    client = client_for(rob)
    client.post(f"/visits/new/?enterprise={pingye_firm.pk}", _post(pingye_firm))
    visit = Visit.objects.get()
    page = client.get(f"/visits/{visit.pk}/edit/")
    version = page.context["form"]["version"].value()
    base = {**_post(pingye_firm), "visitors": [rob.pk], "version": version}
    no_reason = client.post(f"/visits/{visit.pk}/edit/", {**base, "discussed": "改过"})
    assert "修改已登记的走访须填写原因" in no_reason.content.decode()
    ok = client.post(f"/visits/{visit.pk}/edit/", {**base, "discussed": "改过", "reason": "补记"})
    assert ok.status_code == 302
    visit.refresh_from_db()
    assert visit.discussed == "改过"
    assert visit.history.first().history_change_reason == "补记"  # type: ignore[union-attr]
    stale = client.post(f"/visits/{visit.pk}/edit/", {**base, "discussed": "再改", "reason": "x"})
    assert "此记录在您打开后已被他人修改" in stale.content.decode()
    visit.refresh_from_db()
    assert visit.discussed == "改过"
