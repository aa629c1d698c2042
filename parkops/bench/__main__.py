"""`make bench`: python -m parkops.bench [name ...]

Runs every `parkops/bench/bench_<name>.py` (or only those named) against a fresh SQLite database
in a temporary directory, so a benchmark never touches the site's data; the database is emptied
before each module, so that none measures on another's rows. Each module has
`run(out: Callable[[str], None]) -> None`; a module with `OWN_DATABASE = True` (bench_pages, at
district scale on PostgreSQL) keeps a database of its own and gets neither the migration nor the
emptying.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    names = argv or sorted(
        p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")
    )
    with tempfile.TemporaryDirectory(prefix="parkops-bench-") as tmp:
        # BENCH_DATABASE_URL runs them on another database (it is emptied: never the site's).
        os.environ["DATABASE_URL"] = os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
        )
        os.environ["PARKOPS_VAR_DIR"] = tmp
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django
        from django.core.management import call_command

        django.setup()
        migrated = False
        for name in names:
            module = importlib.import_module(f"parkops.bench.bench_{name}")
            if not getattr(module, "OWN_DATABASE", False):
                if not migrated:
                    call_command("migrate", verbosity=0)
                    migrated = True
                call_command("flush", interactive=False, verbosity=0)
            print(f"== {name} ==", flush=True)
            module.run(lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
