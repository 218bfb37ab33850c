"""`refgraph load` and `refgraph template` through click, against the test engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.store.graph import Graph
from tests.conftest import DATA, counts
from tests.test_loaders import load_places


@pytest.fixture
def cli_graph(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> Graph:
    """Point the CLI's Settings.from_env at the test engine."""
    monkeypatch.setenv("NEO4J_URI", graph.address.uri)
    monkeypatch.setenv("NEO4J_USER", graph.address.user)
    monkeypatch.setenv("NEO4J_PASSWORD", graph.address.password)
    monkeypatch.setenv("NEO4J_DATABASE", graph.address.database)
    load_places(graph)
    return graph


def test_cli_load_prints_the_summary_and_exits_zero(cli_graph: Graph) -> None:
    result = CliRunner().invoke(main, ["load", "organizations", str(DATA / "good_organizations.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("good_organizations.csv: 5 rows - 5 created, 0 updated, 0 unchanged")
    assert counts(cli_graph)["Organization"] == 5


def test_cli_load_of_capabilities_ends_with_its_summary(cli_graph: Graph) -> None:
    for kind in ("regions", "organizations", "contacts"):
        CliRunner().invoke(main, ["load", kind, str(DATA / f"good_{kind}.csv")])
    result = CliRunner().invoke(main, ["load", "capabilities", str(DATA / "good_capabilities.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith("good_capabilities.csv: 8 rows - 8 created, 0 updated, 0 unchanged")


def test_cli_dry_run_writes_nothing(cli_graph: Graph) -> None:
    result = CliRunner().invoke(main, ["load", "organizations", str(DATA / "good_organizations.csv"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "5 created" in result.output and "dry run" in result.output
    assert "Organization" not in counts(cli_graph)


def test_cli_rejects_a_bad_file_with_every_problem_and_exit_one(cli_graph: Graph) -> None:
    CliRunner().invoke(main, ["load", "organizations", str(DATA / "good_organizations.csv")])
    CliRunner().invoke(main, ["load", "contacts", str(DATA / "good_contacts.csv")])
    before = counts(cli_graph)
    result = CliRunner().invoke(main, ["load", "capabilities", str(DATA / "bad_capabilities.csv")])
    assert result.exit_code == 1
    assert "bad_capabilities.csv: 9 problems in 4 rows; nothing was written" in result.output
    assert 'bad_capabilities.csv line 3, column age: "teen" is not MINOR, ADULT or ANY' in result.output
    assert counts(cli_graph) == before


def test_cli_load_needs_a_file_or_builtin(cli_graph: Graph) -> None:
    result = CliRunner().invoke(main, ["load", "capabilities"])
    assert result.exit_code == 2
    assert "refgraph template capabilities" in result.output
    result = CliRunner().invoke(main, ["load", "jurisdictions", "x.csv"])
    assert result.exit_code == 2
    assert "--builtin us" in result.output


def test_cli_template_writes_a_file_the_loader_accepts(cli_graph: Graph, tmp_path: Path) -> None:
    out = tmp_path / "organizations.csv"
    result = CliRunner().invoke(main, ["template", "organizations", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = (DATA / "good_organizations.csv").read_text().splitlines()[1:]
    out.write_text(out.read_text() + "\n".join(rows) + "\n")
    result = CliRunner().invoke(main, ["load", "organizations", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 created" in result.output
