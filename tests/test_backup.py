"""Export, wipe, import: identical counts and content; damaged backups are refused."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
from pathlib import Path
from typing import Any, cast

import pandas as pd
import pytest
from click.testing import CliRunner

from loaders import load_frame
from service.domain.csv_safety import safe_cell, unsafe_cell
from service.errors import ImportRejected, InvalidInput
from service.ops.backup import RestoreFailed, content, export_graph, import_graph
from service.store.graph import Graph
from tests.builders import Roster
from tests.conftest import counts


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
    from loaders.rosters.capabilities import COLUMNS

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


# --- A backup is as sensitive as the graph; a restore trusts nothing and is all or nothing ---

def _copy(backup: Path, to: Path) -> Path:
    to.mkdir()
    for f in backup.iterdir():
        (to / f.name).write_bytes(f.read_bytes())
    return to


def _manifest(folder: Path) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads((folder / "manifest.json").read_text()))


def _rewrite(folder: Path, name: str, text: str) -> None:
    """Change one file and vouch for it in the manifest, as someone who edits a backup would."""
    (folder / name).write_text(text)
    manifest = _manifest(folder)
    manifest["files"][name]["sha256"] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_a_backup_folder_and_its_files_are_for_their_owner_only(demo_graph: Graph, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        export_graph(demo_graph, tmp_path / "b")
        (tmp_path / "b" / "contacts.csv").chmod(0o644)  # a file an earlier export left readable
        (tmp_path / "b").chmod(0o755)
        export_graph(demo_graph, tmp_path / "b")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) == 0o700
    modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in (tmp_path / "b").iterdir()}
    assert "contacts.csv" in modes and "manifest.json" in modes
    assert set(modes.values()) == {0o600}, modes


def test_an_export_into_a_folder_holding_other_files_is_refused(demo_graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InvalidInput, match="holds other files"):
        export_graph(demo_graph, tmp_path)
    assert [f.name for f in tmp_path.iterdir()] == ["notes.txt"]


def test_a_manifest_naming_a_file_outside_the_backup_is_refused(graph: Graph, backup: Path, tmp_path: Path) -> None:
    folder = _copy(backup, tmp_path / "b")
    manifest = _manifest(folder)
    target = Path("/etc/hostname")
    manifest["files"]["../../../../etc/hostname"] = {"rows": 0, "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(InvalidInput, match=r'names "\.\./\.\./\.\./\.\./etc/hostname", which is not a file of a backup'):
        import_graph(graph, folder)
    assert content(graph)[0] == {}


def test_a_file_left_out_of_the_manifest_is_refused_not_read_unchecked(graph: Graph, backup: Path, tmp_path: Path) -> None:
    folder = _copy(backup, tmp_path / "b")
    manifest = _manifest(folder)
    del manifest["files"]["contacts.csv"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "contacts.csv").write_text("anything at all\n")
    with pytest.raises(InvalidInput, match="does not list contacts.csv"):
        import_graph(graph, folder)
    assert content(graph)[0] == {}


@pytest.mark.parametrize(("manifest", "says"), [
    ('{"format": 1, "files": {', "is not valid JSON"),
    ("[1, 2]", "not a manifest object"),
    ('{"format": 1}', 'has no "files"'),
    ('{"format": 1, "files": []}', '"files" in manifest.json is \\[\\], not dict'),
], ids=["truncated", "a list", "no files", "files a list"])
def test_a_malformed_manifest_is_a_clear_error_also_from_the_cli(
        graph: Graph, backup: Path, tmp_path: Path, manifest: str, says: str) -> None:
    folder = _copy(backup, tmp_path / "b")
    (folder / "manifest.json").write_text(manifest)
    with pytest.raises(InvalidInput, match=says):
        import_graph(graph, folder)
    from service.cli import main

    # The backup is checked before an engine is started or reached: no data dir is created.
    ran = CliRunner().invoke(main, ["import", str(folder), "--data-dir", str(tmp_path / "unused")])
    assert ran.exit_code == 1 and ran.exception is None or isinstance(ran.exception, SystemExit), ran.output
    assert "Traceback" not in ran.output and "Error: " in ran.output, ran.output
    assert not (tmp_path / "unused").exists()


@pytest.mark.parametrize("key", ["sha256", "rows"])
def test_a_manifest_entry_with_a_wrong_value_names_it(graph: Graph, backup: Path, tmp_path: Path, key: str) -> None:
    folder = _copy(backup, tmp_path / "b")
    manifest = _manifest(folder)
    manifest["files"]["regions.csv"][key] = "../x" if key == "sha256" else -1
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(InvalidInput, match=f"files.regions.csv.{key} in manifest.json is"):
        import_graph(graph, folder)


def test_a_malformed_csv_file_is_a_clear_error_naming_it(graph: Graph, backup: Path, tmp_path: Path) -> None:
    folder = _copy(backup, tmp_path / "b")
    text = (folder / "organizations.csv").read_text()
    _rewrite(folder, "organizations.csv", text + '"an unclosed quote,x\n')
    with pytest.raises(InvalidInput, match="organizations.csv is not a well-formed CSV file"):
        import_graph(graph, folder)
    assert content(graph)[0] == {}


def test_a_bad_cell_in_the_places_file_names_its_line_and_column(graph: Graph, backup: Path, tmp_path: Path) -> None:
    folder = _copy(backup, tmp_path / "b")
    lines = (folder / "jurisdictions.csv").read_text().splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[3]]))
    cells[header.index("population")] = "many"
    lines[3] = ",".join(f'"{c}"' for c in cells)
    _rewrite(folder, "jurisdictions.csv", "\n".join(lines) + "\n")
    with pytest.raises(ImportRejected) as rejected:
        import_graph(graph, folder)
    assert 'jurisdictions.csv line 4, column population: "many" is not a whole number' in rejected.value.report()
    assert content(graph)[0] == {}


def test_a_bad_row_mid_restore_takes_back_what_was_written_and_the_import_can_be_run_again(
        graph: Graph, tmp_path: Path) -> None:
    roster = Roster()
    roster.org("ts-shelter", "SHELTER_WOMEN")
    roster.contact("ts-intake", "ts-shelter")
    roster.contact("ts-night-desk", "ts-shelter")
    roster.capability("ts-beds", "ts-shelter", "SHELTER_EMERGENCY", "us-ts", contact="ts-intake")
    from loaders.jurisdictions import write_places

    write_places(graph, [{"id": "us", "props": {"name": "United States", "kind": "country", "level": 5}, "parent": None},
                         {"id": "us-ts", "props": {"name": "Test State", "kind": "state", "level": 4}, "parent": "us"}])
    roster.load(graph)
    before = content(graph)
    folder = tmp_path / "b"
    export_graph(graph, folder)
    graph.write("writes/wipe_graph")
    original = (folder / "contacts.csv").read_bytes()
    manifest = (folder / "manifest.json").read_bytes()
    lines = original.decode().splitlines()
    header = next(csv.reader([lines[0]]))
    cells = next(csv.reader([lines[-1]]))
    cells[header.index("verified_on")] = "last spring"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    _rewrite(folder, "contacts.csv", "\n".join(lines[:-1]) + "\n" + out.getvalue())
    with pytest.raises(RestoreFailed) as failed:
        import_graph(graph, folder)
    assert "Restoring contacts.csv failed" in failed.value.message
    assert "the database is empty again" in failed.value.message
    assert f"contacts.csv line {len(lines)}, column verified_on" in failed.value.report()
    assert content(graph)[0] == {}  # places, regions and the organization were written, then taken back
    (folder / "contacts.csv").write_bytes(original)  # fixed
    (folder / "manifest.json").write_bytes(manifest)
    import_graph(graph, folder)
    assert content(graph) == before


def test_a_backup_from_before_notify_trained_on_and_place_facts_restores(graph: Graph, backup: Path, tmp_path: Path) -> None:
    """A backup written by an earlier version lacks the columns and files added since: a restore
    reads them as empty (COLUMNS_ADDED, FILES_ADDED) rather than refusing the backup."""
    from service.ops.backup_files import COLUMNS_ADDED, FILES_ADDED

    folder = _copy(backup, tmp_path / "older")
    manifest = _manifest(folder)
    for name, columns in COLUMNS_ADDED.items():
        frame = pd.read_csv(folder / name, dtype=str, keep_default_na=False).drop(columns=list(columns))
        frame.to_csv(folder / name, index=False)
        manifest["files"][name]["sha256"] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    for name in FILES_ADDED:
        (folder / name).unlink()
        del manifest["files"][name]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    import_graph(graph, folder)
    held = counts(graph)
    assert held.get("Capability") == manifest["files"]["capabilities.csv"]["rows"] and "PlaceFact" not in held
