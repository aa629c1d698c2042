"""Writes of the evaluation's method: schemes and their versions (a version never changes).

The form editor, the JSON editor, a file import and the CLI all save through
`scheme_version_create`, which validates the definition with the engine's own parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.versioning import StaleVersion, record_save
from parkops.core.evaluation.default import DEFAULT_SCHEME_NAME, default_definition
from parkops.core.evaluation.scheme import Scheme as SchemeSpec
from parkops.core.evaluation.scheme import SchemeError
from parkops.evaluation.models import Scheme, SchemeVersion


def scheme_parse(definition: Any) -> SchemeSpec:
    """The scheme, or a ValidationError listing every problem in Chinese."""
    try:
        return SchemeSpec.from_dict(definition)
    except SchemeError as error:
        raise ValidationError({"definition": error.problems}) from error


@transaction.atomic
def scheme_default() -> SchemeVersion:
    """The default scheme's latest version, created on first use."""
    scheme, _created = Scheme.objects.get_or_create(
        name=DEFAULT_SCHEME_NAME,
        defaults={"description": _("依据公开的浙江县级亩均效益评价做法拟定，待录入区级手册。")},
    )
    version = scheme.versions.order_by("-number").first()
    if version is None:
        version = SchemeVersion.objects.create(
            scheme=scheme, number=1, definition=default_definition(), is_provisional=True
        )
    return version


@transaction.atomic
def scheme_version_create(
    *,
    scheme: Scheme,
    definition: Any,
    user: User | None = None,
    note: str = "",
    based_on: SchemeVersion | None = None,
    latest_seen: int | None = None,
) -> SchemeVersion:
    """Save an edited definition as the scheme's next version (versions never change).

    An edit of `based_on` that changes nothing stores nothing and returns `based_on`. When the
    scheme has a newer version than `latest_seen` (the newest when the editor opened the page),
    someone else saved in between: StaleVersion names their versions and nothing is stored."""
    scheme_parse(definition)
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()  # one editor at a time
    if latest_seen is not None:
        newer = scheme.versions.filter(number__gt=latest_seen).select_related("created_by")
        if newer:
            raise StaleVersion(_newer_versions_message(list(newer)), code="stale")
    if based_on is not None and definition == based_on.definition:
        return based_on
    number = (scheme.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    provisional = scheme.name == DEFAULT_SCHEME_NAME and definition == default_definition()
    version = SchemeVersion(
        scheme=scheme,
        number=number,
        definition=definition,
        note=note,
        created_by=user,
        is_provisional=provisional,
    )
    version.full_clean()
    version.save()
    return version


def _newer_versions_message(newer: list[SchemeVersion]) -> str:
    saved = "；".join(
        _("%(who)s 于 %(when)s 保存了第 %(number)s 版（%(note)s）")
        % {
            "who": v.created_by or _("系统"),
            "when": timezone.localtime(v.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            "number": v.number,
            "note": v.note or "—",
        }
        for v in newer
    )
    return _("此方案在您打开后已有新版本，本次未保存。%(saved)s。请打开最新版本重新修改。") % {
        "saved": saved
    }


@transaction.atomic
def scheme_copy(*, version: SchemeVersion, name: str, user: User | None = None) -> SchemeVersion:
    """A new scheme, named `name`, starting from a copy of `version`."""
    scheme = Scheme(name=name.strip(), description=_("复制自 %(v)s") % {"v": version})
    record_save(scheme, reason=_("复制方案"))
    definition = {**version.definition, "name": scheme.name}
    return scheme_version_create(
        scheme=scheme, definition=definition, user=user, note=_("复制自 %(v)s") % {"v": version}
    )


def scheme_import(
    *, definition: Mapping[str, Any], user: User | None = None, note: str = ""
) -> SchemeVersion:
    """The version holding `definition`: an identical existing version, or a new version of the
    scheme the definition names (a new scheme when no scheme has that name)."""
    spec = scheme_parse(dict(definition))
    for version in SchemeVersion.objects.filter(scheme__name=spec.name).order_by("-number"):
        if version.definition == definition:
            return version
    scheme, _created = Scheme.objects.get_or_create(name=spec.name)
    return scheme_version_create(
        scheme=scheme, definition=dict(definition), user=user, note=note or _("从文件导入")
    )
