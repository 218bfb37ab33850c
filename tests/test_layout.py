"""The packages import one another in one direction (docs/architecture.md): the interfaces
(service.api, service.web, service.cli, service.app) use the rules and the gateway, never the
other way round, and the rules of the domain know nothing of access, backups or loaders.
Every import counts, also one inside a function or under TYPE_CHECKING."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INTERFACES = ("service.api", "service.web", "service.cli", "service.app")

# package -> the packages it must not import
NEVER = {
    "service.domain": (*INTERFACES, "service.ops", "loaders"),
    "service.store": (*INTERFACES, "service.ops", "loaders"),
    "service.ops": ("service.api", "service.web", "service.cli", "service.app"),
    "service.api": ("service.web", "service.cli", "service.app"),
    "service.web": ("service.api", "service.cli", "service.app"),
    "loaders": INTERFACES,
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every module the file imports, relative imports made absolute."""
    module = _module(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found += [name] + [f"{name}.{alias.name}" for alias in node.names]
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("package", sorted(NEVER))
def test_no_package_imports_against_the_layers(package: str) -> None:
    files = sorted((ROOT / package.replace(".", "/")).rglob("*.py"))
    assert files, f"{package} has no modules: update NEVER to the layout"
    wrong = [f"{path.relative_to(ROOT)} imports {name}" for path in files for name in _imports(path)
             if any(_within(name, banned) for banned in NEVER[package])]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_relative_imports() -> None:
    """A relative import is resolved against the file's package, as Python does."""
    names = _imports(ROOT / "service" / "domain" / "routing.py")
    assert "service.domain.coverage" in names and "service.store.graph" in names
