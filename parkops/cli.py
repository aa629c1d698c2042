"""The `parkops` command: Django's management commands under friendlier names.

`parkops load-plan` runs `manage.py load_plan`; any other word is passed on as it is, so
`parkops migrate` and `parkops createsuperuser` work too. `parkops import` is `import_data`
(a command module cannot well be named after a Python keyword).
"""

from __future__ import annotations

import os
import sys

ALIASES = {"import": "import_data"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = ALIASES.get(args[0], args[0].replace("-", "_"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["parkops", *args])
