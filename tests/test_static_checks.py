"""The code stays clean under its own static checkers: `ruff check .` and `mypy`.

Both read their settings from pyproject.toml ([tool.ruff], [tool.mypy]; mypy's `files`
names the paths it checks). A failure prints the checker's findings: fix them, or, where a
rule is wrong for one line, say why in a `# noqa: CODE - reason` / `# type: ignore[code]`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _check(*command: str) -> None:
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                            timeout=600, check=False)
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(command)}` exited {result.returncode}:\n{result.stdout}{result.stderr}",
                    pytrace=False)


def test_ruff_finds_nothing() -> None:
    _check("ruff", "check", ".", "--no-fix", "--output-format=full")


def test_mypy_finds_nothing() -> None:
    _check("mypy")  # the paths are [tool.mypy] files


def test_the_upgrades_do_not_import_the_graph_gateway() -> None:
    """The gateway calls the upgrades; they never reach back to the gateway, not even inside a
    function (no import circle graph -> upgrades -> graph): only its type, for the checker."""
    for name in ("service.store.upgrades",):
        tree = ast.parse((ROOT / f"{name.replace('.', '/')}.py").read_text())
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                       and ast.unparse(node.test) == "TYPE_CHECKING" for n in ast.walk(node)}
        reaching = [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and _absolute(name, node) == "service.store.graph" and id(node) not in typing_only]
        assert not reaching, f"{name} imports the gateway: {reaching}"


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The module an import names, relative ones (`from ..store.graph import`) made absolute."""
    package = module.split(".")[:-1]
    if node.level:
        package = package[:len(package) - node.level + 1]
        return ".".join([*package, node.module] if node.module else package)
    return node.module or ""
