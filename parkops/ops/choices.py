from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    LOGIN = "login", _("登录成功")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKOUT = "lockout", _("账户锁定")
    EXPORT = "export", _("导出")
    PERMISSION_CHANGE = "permission_change", _("权限变更")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class JobKind(models.TextChoices):
    """Work that runs on the queue. The handlers live in the domain apps (their `jobs.py`);
    the ops app only names them, so it imports no domain app."""

    EVALUATION_RUN = "evaluation_run", _("运行评价")
    HANDBOOK = "handbook", _("评价结果手册")
    RATING_RUN = "rating_run", _("小园区评定")
    IMPORT_CONFIRM = "import_confirm", _("确认导入")
    IMPORT_FILE = "import_file", _("导入文件")
    EXPORT = "export", _("导出")
    BRIEFING = "briefing", _("生成简报与总结")
