"""The annual notice of a published evaluation (关于公布……综合评价结果的通知), as an official .docx
through common/docx.py: how many enterprises in each class per population, and the D类 list.

Only what the published run holds is printed; a draft has no notice."""

from __future__ import annotations

from django.utils import timezone, translation

from parkops.common.docx import OfficialDocument, chinese_date
from parkops.common.types import AnyUser
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.models import EvaluationRun
from parkops.evaluation.run_figures import class_counts
from parkops.evaluation.selectors import results_visible

ISSUER = "漕泾工业园区管理办公室"


def notice_title(run: EvaluationRun) -> str:
    return f"关于公布{run.year}年度工业企业综合评价结果的通知"


def notice_docx(*, run: EvaluationRun, user: AnyUser) -> bytes:
    assert run.is_published
    assert run.published_at is not None
    with translation.override("zh-hans"):
        return _notice(run, user)


def _notice(run: EvaluationRun, user: AnyUser) -> bytes:
    doc = OfficialDocument()
    doc.title(notice_title(run))
    doc.blank()
    doc.addressee("各小园区、各相关企业：")
    populations = class_counts(user=user, run=run)
    total = sum(p["total"] for p in populations)
    doc.body(
        f"根据{run.scheme_version}，园区对{run.year}年度{total}家企业开展了综合评价，"
        "评价结果已经审定发布。现将有关情况通知如下。"
    )
    doc.heading1("一、评价结果")
    classes = list(EvaluationClass)
    doc.table(
        ["评价类别", *[str(c.label) for c in classes], "合计"],
        [[p["population"], *[str(n) for n in p["counts"]], str(p["total"])] for p in populations],
        widths=[2.2] + [1] * len(classes) + [1],
    )
    doc.heading1("二、D类企业名单")
    d_class = list(
        results_visible(user=user, run=run)
        .filter(evaluation_class=EvaluationClass.D)
        .order_by("population_label", "rank", "enterprise__name")
    )
    if d_class:
        doc.table(
            ["序号", "企业名称", "评价类别"],
            [
                [str(n), r.enterprise.name, r.population_label or "—"]
                for n, r in enumerate(d_class, start=1)
            ],
            widths=[0.8, 4, 2],
        )
    else:
        doc.body(f"{run.year}年度无D类企业。")
    doc.blank()
    published = timezone.localtime(run.published_at).date()
    doc.signature(ISSUER, chinese_date(published))
    return doc.to_bytes()
