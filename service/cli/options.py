"""What every `refgraph` command that touches the graph shares: the --data-dir
option and opening the graph it names (the embedded engine, or NEO4J_URI's server)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..store.graph import Graph

data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where the embedded engine keeps its data (default: your user data dir; env REFGRAPH_DATA_DIR).",
)

engine_option = click.option(
    "--engine", "engine_kind", type=click.Choice(["arcadedb", "neo4j"]), default=None,
    help="Which embedded engine to start when NEO4J_URI is empty (env REFGRAPH_ENGINE; default: the "
         "one already running in the data dir, else arcadedb).",
)


def open_graph(data_dir: Path | None) -> Graph:
    """The graph for a command (use it as `with open_graph(data_dir) as graph:`)."""
    from ..settings import Settings
    from ..store.graph import Graph

    return Graph.open(Settings.from_env(data_dir=data_dir))
