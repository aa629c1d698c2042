"""LibreOffice (Debian's, headless) renders the documents to PDF; poppler reads them back.

A full body page holds 22 lines of 28 characters with its page number "— n —" under it; the pages
are saved as PNG under test-results/briefings/ to be looked at. Skipped, with the reason, only on
a machine without LibreOffice outside CI (`make office-deps` installs it); CI must run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from parkops.briefings import services
from parkops.briefings.snapshot import Quarter

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed: `make office-deps` (CI installs it)",
)
OUT = Path(settings.BASE_DIR) / "test-results" / "briefings"
# One long paragraph with no digit or Latin letter (pdftotext keeps each rendered line whole): it
# fills whole pages, which widow and orphan control would not let short paragraphs do.
PHRASE = (
    "围绕园区转型升级三年行动方案确定的目标任务加快推进重点项目建设盘活存量低效用地持续优化营商环境"
)
PARAGRAPH = PHRASE * 40


def _pdf(content: bytes, name: str, tmp_path: Path) -> Path:
    source = tmp_path / f"{name}.docx"
    source.write_bytes(content)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.is_file()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / name)], check=True, timeout=120
    )
    return pdf


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return [[line for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def test_a_full_page_has_22_lines_of_28_characters(alice: User, plan: None, tmp_path: Path) -> None:
    issue = services.briefing_generate(
        user=alice,
        quarter=Quarter(2026, 4),
        next_steps=PARAGRAPH,
        today=date(2026, 12, 31),
    )
    with issue.file.open("rb") as stored:
        pdf = _pdf(stored.read(), "briefing", tmp_path)
    pages = [p for p in _pages(pdf) if p]
    # A page of the next steps alone: every line a piece of the paragraph, or the page number.
    full = [
        p for p in pages if all("—" in line or line.replace(" ", "") in PARAGRAPH for line in p)
    ]
    assert full, "no page of body text alone"
    page = full[0]
    numbers = [line for line in page if "—" in line]
    body = [line.replace(" ", "") for line in page if "—" not in line]
    assert len(numbers) == 1
    assert len(body) == 22
    assert max(len(line) for line in body) == 28
    assert numbers[0].replace(" ", "") == f"—{pages.index(page) + 1}—"


def test_the_review_renders_with_its_charts(alice: User, plan: None, tmp_path: Path) -> None:
    issue = services.review_generate(user=alice, today=date(2026, 12, 31))
    with issue.file.open("rb") as stored:
        pdf = _pdf(stored.read(), "review", tmp_path)
    pages = [p for p in _pages(pdf) if p]
    text = "\n".join("\n".join(p) for p in pages)
    assert "实施情况总结" in text.replace(" ", "")
    assert "图8" in text.replace(" ", "")
    # pdftotext may give a page's footer before the last table row: look for it on the page.
    for n, page in enumerate(pages[:2], start=1):
        assert f"—{n}—" in [line.replace(" ", "") for line in page]
    assert len(list(OUT.glob("review-*.png"))) >= len(pages)


def test_each_indicator_name_stays_on_one_line_of_its_table(
    alice: User, plan: None, tmp_path: Path
) -> None:
    """The indicator table's 指标 column is as wide as the longest name (docx_table's grid):
    LibreOffice once drew seven equal columns and broke 工业园区单位土地产出增长率 over four lines."""
    issue = services.briefing_generate(
        user=alice, quarter=Quarter(2026, 4), today=date(2026, 12, 31)
    )
    with issue.file.open("rb") as stored:
        pdf = _pdf(stored.read(), "briefing-table", tmp_path)
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
        timeout=60,
    ).stdout  # fmt: skip
    lines = [line.replace(" ", "") for line in layout.splitlines()]
    names = [row["name"] for row in issue.snapshot["indicators"]]
    assert len(names) == 8
    assert "工业园区单位土地产出增长率" in names
    for name in names:
        assert any(name in line for line in lines), f"{name} is broken over lines"
