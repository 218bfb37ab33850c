"""Every command is documented in the README, and every environment setting too."""

from __future__ import annotations

import pytest

from service import PROJECT_ROOT
from service.cli import main
from service.settings import Settings

README = (PROJECT_ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"`refgraph {name}" in README, f"document `refgraph {name}` in the README's command table"


@pytest.mark.parametrize("variable", [env for env, _ in Settings.describe()])
def test_every_setting_is_in_the_readme(variable: str) -> None:
    assert f"`{variable}`" in README, f"document {variable} in the README's configuration table"


def test_the_readme_quick_start_has_exactly_the_install_run_and_test_commands() -> None:
    assert 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"' in README
    assert ".venv/bin/refgraph serve" in README
    assert ".venv/bin/python -m pytest" in README
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert 'python3 -m venv .venv && .venv/bin/pip install -q -e ".[dev]"' in ci
    assert ci.rstrip().endswith(".venv/bin/python -m pytest")
