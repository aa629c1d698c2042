"""The pages: the park office generates and downloads, the town leader reads and downloads, every
other role is refused (403); and the commands `parkops briefing` and `parkops review`."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from parkops.briefings.models import Briefing
from parkops.common.docx import document_text
from parkops.common.docx_check import check_docx
from parkops.conftest import client_for

PAGES = ["/briefings/", "/briefings/review/"]


def test_the_park_office_generates_a_briefing_on_the_page(alice: User, plan: None) -> None:
    client = client_for(alice)
    page = client.get("/briefings/").content.decode()
    assert 'id="generate-form"' in page
    response = client.post("/briefings/", {"quarter": "2026Q4", "next_steps": "推进低效用地腾退"})
    assert response.status_code == 302
    issue = Briefing.objects.get()
    assert (issue.year, issue.number, issue.quarter, issue.created_by) == (2026, 1, 4, alice)
    download = client.get(f"/briefings/{issue.pk}/download.docx")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert "推进低效用地腾退" in document_text(content)
    assert check_docx(content) == []
    assert "attachment;" in download["Content-Disposition"]


def test_a_bad_quarter_is_shown_on_the_form(alice: User) -> None:
    page = client_for(alice).post("/briefings/", {"quarter": "2026Q9"}).content.decode()
    assert "季度须写作 YYYYQn，如 2026Q4" in page
    assert not Briefing.objects.exists()


def test_the_park_office_generates_the_review_on_the_page(alice: User, plan: None) -> None:
    client = client_for(alice)
    assert client.post("/briefings/review/").status_code == 302
    issue = Briefing.objects.get()
    assert issue.kind == "review"
    assert issue.title in client.get("/briefings/review/").content.decode()


def test_the_leader_reads_and_downloads_but_does_not_generate(
    alice: User, lena: User, plan: None
) -> None:
    client_for(alice).post("/briefings/", {"quarter": "2026Q4"})
    issue = Briefing.objects.get()
    client = client_for(lena)
    page = client.get("/briefings/").content.decode()
    assert issue.title in page
    assert 'id="generate-form"' not in page
    assert client.get(f"/briefings/{issue.pk}/download.docx").status_code == 200
    assert client.post("/briefings/", {"quarter": "2026Q4"}).status_code == 403
    assert client.post("/briefings/review/").status_code == 403
    assert Briefing.objects.count() == 1


@pytest.mark.parametrize("other", ["dora", "rob", "olga", "gina", "charlie"])
def test_other_roles_are_refused(other: str, alice: User, request: pytest.FixtureRequest) -> None:
    client = client_for(request.getfixturevalue(other))
    client_for(alice).post("/briefings/", {"quarter": "2026Q4"})
    issue = Briefing.objects.get()
    for path in [*PAGES, f"/briefings/{issue.pk}/download.docx"]:
        assert client.get(path).status_code == 403, path
    assert client.post("/briefings/", {"quarter": "2026Q3"}).status_code == 403
    assert Briefing.objects.count() == 1


def test_the_commands_write_and_archive(alice: User, plan: None, tmp_path: Path) -> None:
    out = tmp_path / "briefing.docx"
    call_command("briefing", "--quarter", "2026Q4", "--user", "alice", "--out", str(out))
    call_command("briefing", "--quarter", "2026Q4", "--user", "alice", "--out", str(out))
    assert list(Briefing.objects.values_list("number", flat=True).order_by("number")) == [1, 2]
    assert "第2期" in document_text(out.read_bytes())
    review = tmp_path / "review.docx"
    call_command("review", "--user", "alice", "--out", str(review))
    assert check_docx(review.read_bytes()) == []
    assert Briefing.objects.filter(kind="review").count() == 1


def test_the_commands_refuse_clearly(alice: User, lena: User) -> None:
    with pytest.raises(CommandError, match="季度须在规划期 2024—2026 年内"):
        call_command("briefing", "--quarter", "2023Q4", "--user", "alice")
    with pytest.raises(CommandError, match="只有园区办可以生成简报和总结"):
        call_command("review", "--user", "lena")
    with pytest.raises(CommandError, match="没有可用的超级用户"):
        call_command("review")
