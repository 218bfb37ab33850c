"""The embedded engine supervisor: start, attach, password file, clean stop."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from service.errors import EngineUnavailable, InvalidInput
from service.settings import Settings
from service.store.engines import EmbeddedEngine, engine_for, pid_alive, port_open
from service.store.graph import Graph


def test_engine_answers_cypher_over_bolt(session_graph: Graph) -> None:
    assert session_graph.read("queries/node_counts") is not None
    session_graph.ping()


def test_password_file_is_owner_only(engine: EmbeddedEngine | None) -> None:
    if engine is None:
        pytest.skip("external server: no embedded password file")
    mode = stat.S_IMODE(os.stat(engine.data_dir / "root-password").st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(engine.data_dir).st_mode) == 0o700


def test_second_process_attaches_instead_of_starting_another(engine: EmbeddedEngine | None) -> None:
    if engine is None:
        pytest.skip("external server")
    other = type(engine)(engine.data_dir, databases=engine.databases)
    address = other.start()
    assert not other.owned
    assert engine.address is not None and address.uri == engine.address.uri
    other.stop()  # must not stop the engine it does not own
    assert engine.alive()


def _wait_gone(pid: int, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        try:  # reap if it is our zombie grandchild's parent is gone; init reaps it
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_engine_dies_with_its_parent(tmp_path: Path, signal_name: str, engine_class: type[EmbeddedEngine]) -> None:
    script = textwrap.dedent(
        f"""
        import json, sys, time
        from service.store.engines import ENGINE_CLASSES
        e = ENGINE_CLASSES[{engine_class.kind!r}]({str(tmp_path)!r}, heap="512m")
        e.start()
        print(e.process.pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    jvm_pid = int(parent.stdout.readline())
    assert pid_alive(jvm_pid)
    parent.send_signal(getattr(__import__("signal"), signal_name))
    parent.wait(timeout=30)
    assert _wait_gone(jvm_pid), f"JVM {jvm_pid} outlived its parent after {signal_name}"


def test_settings_refuse_placeholder_password_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFGRAPH_ENV", "production")
    monkeypatch.setenv("NEO4J_URI", "bolt://db:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "neo4j")
    with pytest.raises(Exception, match="NEO4J_PASSWORD is empty or a placeholder"):
        Settings.from_env()


def test_production_refuses_the_embedded_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFGRAPH_ENV", "production")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(InvalidInput, match="Production needs a Neo4j server") as refused:
        Settings.from_env()
    assert refused.value.argument == "NEO4J_URI" and "docker-compose.yml" in refused.value.hint


def test_unreachable_server_gives_a_clear_error() -> None:
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1", query_timeout=2)
    graph = Graph(settings)
    with pytest.raises(EngineUnavailable, match="does not answer") as caught:
        graph.read("queries/node_counts")
    assert not port_open(1)
    said = caught.value.message
    assert "127.0.0.1" not in said and "bolt" not in said and "Unavailable" not in said, said


def test_a_full_pool_is_reported_as_busy_not_as_the_engine_down(settings: Settings, engine: EmbeddedEngine | None) -> None:
    from dataclasses import replace

    from service.api.errors import code_of
    from service.errors import EngineBusy

    graph = Graph(replace(settings, pool_size=1), engine)
    try:
        with graph.driver.session(database=graph.address.database) as holder:
            held = holder.begin_transaction()  # the pool's only connection
            with pytest.raises(EngineBusy, match="every connection to the graph engine is in use") as caught:
                graph.read("queries/node_counts")
            held.rollback()
        assert code_of(caught.value) == "ENGINE_BUSY"
        assert "bolt" not in caught.value.message and "Timeout" not in caught.value.message
        assert graph.read("queries/node_counts") is not None  # free again: answers
    finally:
        graph.driver.close()


def test_an_engine_started_from_a_short_lived_thread_survives_that_thread(
        tmp_path: Path, engine_class: type[EmbeddedEngine]) -> None:
    import threading

    engine = engine_class(tmp_path, heap="512m")
    starter = threading.Thread(target=engine.start)
    starter.start()
    starter.join()
    try:
        time.sleep(2)
        assert engine.alive(), "the JVM died with the thread that started it"
    finally:
        engine.stop()


def test_a_relative_data_dir_is_the_one_the_engine_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        engine_class: type[EmbeddedEngine]) -> None:
    """The JVM runs inside the data directory, so a relative `--data-dir` must be made absolute
    first: kept relative, the engine would open an empty database nested inside it."""
    monkeypatch.chdir(tmp_path)
    engine = engine_class(Path("data") / "graph")
    assert engine.data_dir == tmp_path / "data" / "graph"
    assert engine.log_path.is_relative_to(tmp_path / "data" / "graph")


def test_the_engine_runs_with_the_jvm_options_the_settings_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                engine_class: type[EmbeddedEngine]) -> None:
    """REFGRAPH_ENGINE_JVM_OPTIONS reaches the JVM's command line (e.g. another collector)."""
    monkeypatch.setenv("REFGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REFGRAPH_ENGINE", engine_class.kind)
    monkeypatch.setenv("REFGRAPH_ENGINE_HEAP", "512m")
    monkeypatch.setenv("REFGRAPH_ENGINE_JVM_OPTIONS", "-XX:+UseParallelGC -Drefgraph.test=1")
    engine = engine_for(Settings.from_env())
    assert isinstance(engine, engine_class)
    engine.start()
    try:
        assert engine.process is not None
        command = Path(f"/proc/{engine.process.pid}/cmdline").read_bytes().split(b"\0")
        assert b"-XX:+UseParallelGC" in command and b"-Drefgraph.test=1" in command
        assert command.index(b"-XX:+UseParallelGC") < command.index(b"-cp"), "an option after the main class is an argument"
    finally:
        engine.stop()


def test_an_option_the_jvm_refuses_is_named_in_the_error(tmp_path: Path, engine_class: type[EmbeddedEngine]) -> None:
    engine = engine_class(tmp_path, heap="512m", jvm_options=("-XX:+NoSuchCollector",))
    with pytest.raises(EngineUnavailable, match="Unrecognized VM option 'NoSuchCollector'") as caught:
        engine.start()
    assert "REFGRAPH_ENGINE_JVM_OPTIONS" in str(caught.value)


def test_no_secret_is_on_the_engines_command_line(engine: EmbeddedEngine | None) -> None:
    """/proc/<pid>/cmdline is readable by every local user: the password travels in owner-only
    files only (ArcadeDB's settings in a java @-file, Neo4j's password file)."""
    if engine is None or engine.process is None:
        pytest.skip("external server")
    command = Path(f"/proc/{engine.process.pid}/cmdline").read_bytes()
    assert engine.password and engine.password.encode() not in command
    holding = [p for p in engine.data_dir.iterdir() if p.is_file() and engine.password in p.read_text(errors="replace")]
    assert holding, "the password is kept somewhere"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in holding), holding
