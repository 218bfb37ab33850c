"""Export, wipe, import: identical counts and content; damaged backups are refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from loaders import load_frame
from service.backup import content, export_graph, import_graph
from service.csv_safety import safe_cell, unsafe_cell
from service.errors import InvalidInput
from service.graph import Graph


@pytest.fixture(scope="module")
def backup(demo_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("backup")
    export_graph(demo_graph, out)
    return out


def test_export_then_import_into_an_empty_database_reproduces_the_graph(
        demo_graph: Graph, graph: Graph, backup: Path) -> None:
    original = content(demo_graph)
    import_graph(graph, backup)
    restored = content(graph)
    assert restored[0] == original[0]  # node counts by label
    assert restored[1] == original[1]  # relationships
    assert restored[2] == original[2]  # content checksum


def test_the_backup_files_are_rosters_the_loaders_accept(backup: Path) -> None:
    with open(backup / "capabilities.csv", newline="") as f:
        header = next(csv.reader(f))
    from loaders.capabilities import COLUMNS

    assert header == [c.name for c in COLUMNS]
    assert (backup / "manifest.json").is_file()


def test_import_refuses_a_database_that_is_not_empty(graph: Graph, backup: Path) -> None:
    from loaders.jurisdictions import write_places

    write_places(graph, [{"id": "us", "props": {"name": "United States", "kind": "country", "level": 5},
                          "parent": None}])
    with pytest.raises(InvalidInput, match="The database is not empty"):
        import_graph(graph, backup)


def test_a_damaged_backup_file_is_refused_before_anything_is_written(
        graph: Graph, backup: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for f in backup.iterdir():
        (damaged / f.name).write_bytes(f.read_bytes())
    with open(damaged / "organizations.csv", "a") as out:
        out.write("x,y\n")
    with pytest.raises(InvalidInput, match="organizations.csv does not match the checksum"):
        import_graph(graph, damaged)
    assert content(graph)[0] == {}


def test_formula_cells_are_neutralised_in_the_export_and_restored_on_import(
        graph: Graph, tmp_path: Path) -> None:
    from loaders.jurisdictions import write_places

    write_places(graph, [{"id": "us", "props": {"name": "United States", "kind": "country", "level": 5},
                          "parent": None}])
    import pandas as pd

    load_frame(graph, "organizations", pd.DataFrame([{
        "id": "evil", "name": '=HYPERLINK("http://x.example","click")', "sector": "SERVICE_PROVIDER",
        "type": "OTHER", "notes": "@SUM(1)", "verified_on": "2026-11-01"}]))
    before = content(graph)
    export_graph(graph, tmp_path / "b")
    text = (tmp_path / "b" / "organizations.csv").read_text()
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert ",=" not in text and ",@" not in text
    graph.write("writes/wipe_graph")
    import_graph(graph, tmp_path / "b")
    assert content(graph) == before


@pytest.mark.parametrize("value", ["=1+1", "+1", "@x", "-cmd", "'=x", "''@y", "\tx", "plain", "-12.5", "", "'"])
def test_formula_escaping_round_trips(value: str) -> None:
    escaped = safe_cell(value)
    assert unsafe_cell(escaped) == value
    numbers = ("+1", "-12.5")  # plain numbers are safe and stay numbers
    assert value in numbers or not escaped.startswith(("=", "+", "-", "@", "\t"))


def test_cli_export_and_import(demo_graph: Graph, graph: Graph, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.cli import main

    def point_at(g: Graph) -> None:
        for name, value in (("NEO4J_URI", g.address.uri), ("NEO4J_USER", g.address.user),
                            ("NEO4J_PASSWORD", g.address.password), ("NEO4J_DATABASE", g.address.database)):
            monkeypatch.setenv(name, value)

    point_at(demo_graph)
    exported = CliRunner().invoke(main, ["export", str(tmp_path / "b")])
    assert exported.exit_code == 0, exported.output
    assert "capabilities.csv:" in exported.output
    point_at(graph)
    imported = CliRunner().invoke(main, ["import", str(tmp_path / "b")])
    assert imported.exit_code == 0, imported.output
    assert "content identical to the backup" in imported.output
