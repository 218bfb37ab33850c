"""A full disk under the embedded engine: a save says the disk is full (CANNOT_WRITE), not
"Unexpected error", and what the engine does next is said in words too.

The engine's data dir is on a tmpfs of its own (mounting one needs root, as on CI; elsewhere
the test says why it cannot run), filled to the last byte once the engine is up.

ArcadeDB refuses each commit while the disk is full and takes writes again once space is
freed. Neo4j stops the database that could not append to its transaction log; it needs a
restart, and its log recovery then sometimes fails on the zeros a full disk left at the log's
end ("Unknown entry type 0"): restore from a backup (docs/guarantees.md, "Full disk")."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from service.app import create_app
from service.cli import main
from service.settings import Settings
from service.store.engines import EmbeddedEngine

pytestmark = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="fills the embedded engine's disk")


def _mounted_tmpfs(mount: Path, options: str) -> Iterator[Path]:
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
                          check=False, capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs ({made.stderr.strip() or 'mount refused'}): needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _mounted_tmpfs(tmp_path / "disk", "size=900m")


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _mounted_tmpfs(tmp_path / "read-only", "ro,size=1m")


def _fill(disk: Path) -> Path:
    """Write zeros to `disk` until not one more byte fits."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for block in (1 << 20, 4096, 1):
            try:
                while os.write(descriptor, b"\0" * block):
                    pass
            except OSError:
                pass
    finally:
        os.close(descriptor)
    return filler


def _save(i: int) -> dict[str, Any]:
    name = f"Full Disk Shelter {i} " + "x" * 2000
    return {"query": 'mutation($id: String!, $name: String!) { upsertOrganization(input: {id: $id, name: $name, '
                     'sector: SERVICE_PROVIDER, type: ANTI_TRAFFICKING}, reason: "full disk test") { __typename } }',
            "variables": {"id": f"full-{i}", "name": name}}


def test_a_save_on_a_full_disk_says_the_disk_is_full(small_disk: Path, engine_class: type[EmbeddedEngine]) -> None:
    from service.ops.auth import Role, create_key

    settings = Settings(data_dir=small_disk / "data", engine_heap="512m", engine=engine_class.kind, auth="keys")
    with TestClient(create_app(settings, load_demo_when_empty=False, supervise_engine=False)) as client:
        state = client.app.state  # type: ignore[attr-defined]
        steward = {"Authorization": f"Bearer {create_key(state.writer, 'disk steward', Role.STEWARD).token}"}
        first = client.post("/graphql", json=_save(0), headers=steward).json()
        assert "errors" not in first, first
        filler = _fill(small_disk)
        refused = None
        for i in range(1, 200):  # the engine may still have room in pages it had already taken
            body = client.post("/graphql", json=_save(i), headers=steward).json()
            if "errors" in body:
                refused = body["errors"][0]
                break
        assert refused is not None, "200 saves on a full disk all succeeded"
        assert refused["extensions"]["code"] == "CANNOT_WRITE", refused
        assert "the disk holding its data is full" in refused["message"], refused
        assert "nothing of this request was saved" in refused["message"], refused
        then = client.post("/graphql", json=_save(1000), headers=steward).json()["errors"][0]
        if engine_class.kind == "neo4j":  # Neo4j stops a database that could not append to its log
            assert then["extensions"]["code"] == "ENGINE_UNAVAILABLE", then
            assert "stopped its database after a storage error: the disk holding its data is full" in then["message"]
            assert "restart Refgraph" in then["message"]
            assert client.get("/health").status_code == 503  # the database, not only the server, is asked
            return
        assert then["extensions"]["code"] == "CANNOT_WRITE", then  # ArcadeDB refuses each commit ...
        filler.unlink()  # ... until an operator frees space
        assert client.get("/health").status_code == 200
        saved = client.post("/graphql", json=_save(1001), headers=steward).json()
        assert "errors" not in saved, saved


def _serve(data_dir: Path, engine: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["serve", "--data-dir", str(data_dir), "--engine", engine])
    return result.exit_code, result.output


@pytest.mark.parametrize("engine", ["arcadedb", "neo4j"])
def test_serve_on_a_read_only_data_dir_says_so_in_one_line(read_only_disk: Path, engine: str) -> None:
    code, output = _serve(read_only_disk / "data", engine)
    assert code == 1
    assert output.strip() == (f"Error: Refgraph's data directory {read_only_disk / 'data'} cannot be written: it is "
                              "on a read-only file system. Mount it read-write, or set REFGRAPH_DATA_DIR to a "
                              "writable folder with free space; nothing was changed"), output


@pytest.mark.parametrize("engine", ["arcadedb", "neo4j"])
def test_serve_on_a_data_dir_under_a_file_says_so_in_one_line(tmp_path: Path, engine: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    code, output = _serve(tmp_path / "a-file" / "data", engine)
    assert code == 1
    assert "cannot be written: part of the path is a file, not a folder. Fix the path" in output, output
    assert "Traceback" not in output and output.count("\n") == 1, output
