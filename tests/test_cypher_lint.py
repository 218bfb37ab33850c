"""Neo4j's own linter accepts every statement in cypher/ (and the test-only ones in tests/cypher/,
the benchmark's in bench/cypher/) as Cypher 5."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from service import CYPHER_DIR, PROJECT_ROOT

LINT = PROJECT_ROOT / "tools" / "cypher-lint"


def _ensure_linter_installed() -> None:
    if (LINT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return
    npm = shutil.which("npm")
    assert npm, "npm is needed for the Cypher lint: install Node.js 18+"
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=LINT, check=True)


def _lint(directory: Path) -> subprocess.CompletedProcess[str]:
    _ensure_linter_installed()
    node = shutil.which("node")
    assert node, "node is needed for the Cypher lint: install Node.js 18+"
    return subprocess.run([node, str(LINT / "lint.mjs"), str(directory)],
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize("directory", [CYPHER_DIR, Path(__file__).parent / "cypher", PROJECT_ROOT / "bench" / "cypher"],
                         ids=["cypher", "tests-cypher", "bench-cypher"])
def test_every_cypher_file_passes_the_neo4j_linter(directory: Path) -> None:
    result = _lint(directory)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout


def test_linter_reports_an_undefined_variable_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "broken.cypher").write_text("// broken\nMATCH (n)\nRETURN m\n")
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert "broken.cypher:3:8: error: Variable `m` not defined" in result.stdout
