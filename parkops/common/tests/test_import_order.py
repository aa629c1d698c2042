"""The house's import order (README, "Import order"): no module imports a package above its own.

Every non-test, non-migration module of parkops/ and config/ is parsed with `ast`; every import
of a parkops package (at the top or inside a function, `TYPE_CHECKING` included) must go to the
module's own package, a lower layer, or a sibling the order names. A failure names file:line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Lowest first. A package may import the packages of any lower layer.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer.split())
    for layer in (
        "core",  # plain Python, no Django
        "common",  # the shared Django kit
        "web",  # the UI kit: template tags, base templates, CSS, error and login pages
        "accounts",
        "ops",  # operations: the audit log, health, backups and the job kit the domain apps use
        "registry",
        "plan",
        "evaluation execution land service",
        "indicators smallparks visits",
        "imports",
        "attraction",  # reads registry, smallparks' vacancies, execution's projects, evaluation
        "enforcement",  # reads imports' cell messages for its control-event import
        "activities matching maps",  # service's requests, land's flags, the evaluation's classes
        "briefings",  # reads every app above for the briefing and the three-year review
        "demo",
        "site",
        "config",
        "bench testing cli",  # tools that drive the whole house
    )
)
# Siblings of one layer import each other only here: (importer, imported).
SIBLINGS: frozenset[tuple[str, str]] = frozenset()

# Upward imports known and waiting for the panel registry (issue 13, "panels"). Each entry
# fails the test once the import is gone, so that the list only shrinks.
PENDING: frozenset[tuple[str, str]] = frozenset()

# The pure core imports none of these.
FRAMEWORKS = ("django", "ninja", "simple_history", "django_filters", "django_tables2")


def _layer_of(package: str) -> int:
    for index, layer in enumerate(LAYERS):
        if package in layer:
            return index
    raise AssertionError(f"package {package!r} is not in the import order (LAYERS)")


def _modules() -> Iterator[Path]:
    for base in ("parkops", "config"):
        for path in sorted((ROOT / base).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or path.name == "conftest.py":
                continue
            if parts == ("parkops", "__init__.py"):  # the namespace itself
                continue
            yield path


def _package(parts: tuple[str, ...]) -> str:
    """parkops/registry/views.py → registry; parkops/cli.py → cli; config/urls.py → config."""
    if parts[0] == "config":
        return "config"
    return parts[1].removesuffix(".py")


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    module_parts = path.relative_to(ROOT).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own package
                base = module_parts[: len(module_parts) - node.level]
                name = ".".join((*base, node.module) if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name


def _problems() -> tuple[list[str], set[tuple[str, str]]]:
    problems: list[str] = []
    pending_seen: set[tuple[str, str]] = set()
    for path in _modules():
        parts = path.relative_to(ROOT).parts
        rel = "/".join(parts)
        own = _package(parts)
        own_layer = _layer_of(own)
        for line, name in _imports(path):
            top = name.split(".")[0]
            if own == "core" and top in FRAMEWORKS:
                problems.append(f"{rel}:{line}: the core imports {name} (it stays plain Python)")
                continue
            if top == "config":
                target = "config"
            elif top == "parkops" and "." in name:
                target = name.split(".")[1]
            else:
                continue
            if target == own:
                continue
            target_layer = _layer_of(target)
            if target_layer < own_layer:
                continue
            if target_layer == own_layer and (own, target) in SIBLINGS:
                continue
            if (rel, name) in PENDING:
                pending_seen.add((rel, name))
                continue
            where = "a sibling" if target_layer == own_layer else "a higher layer"
            problems.append(f"{rel}:{line}: {own} imports {name}, {where} ({target})")
    return problems, pending_seen


def test_no_module_imports_upward() -> None:
    problems, pending_seen = _problems()
    stale = sorted(PENDING - pending_seen)
    problems += [f"{rel}: no longer imports {name}; remove it from PENDING" for rel, name in stale]
    assert not problems, "Imports against the order in README:\n" + "\n".join(problems)


def test_every_package_is_in_the_order() -> None:
    packages = {p.name for p in (ROOT / "parkops").iterdir() if (p / "__init__.py").exists()}
    for package in packages:
        _layer_of(package)
