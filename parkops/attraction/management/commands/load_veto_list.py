from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parkops.attraction.choices import VetoKind
from parkops.attraction.models import AdmissionRuleSet
from parkops.attraction.vetoes import veto_list_import


class Command(BaseCommand):
    help = "以 .xlsx 载入准入规则的否决清单（列：行业代码、关键词、条目）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=VetoKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source", required=True, help="来源文件，如《产业结构调整指导目录（2024年本）》"
        )
        parser.add_argument("--rule-set", default="", help="规则版本（默认：当前使用的版本）")

    def handle(self, *args: Any, **options: Any) -> None:
        version = options["rule_set"]
        rules = AdmissionRuleSet.objects.filter(
            **({"version": version} if version else {"is_default": True})
        )
        rule_set = rules.order_by("-created_at").first()
        if rule_set is None:
            raise CommandError("没有该准入规则版本")
        try:
            veto = veto_list_import(
                rule_set=rule_set, kind=options["kind"], source=options["source"],
                content=options["file"].read_bytes(),
            )  # fmt: skip
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        self.stdout.write(f"{veto}：{veto.items.count()} 项")
