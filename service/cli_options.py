"""What every `refgraph` command that touches the graph shares: the --data-dir
option and opening the graph it names (the embedded engine, or NEO4J_URI's server)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .graph import Graph

data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where the embedded engine keeps its data (default: your user data dir; env REFGRAPH_DATA_DIR).",
)


def open_graph(data_dir: Path | None) -> Graph:
    """The graph for a command (use it as `with open_graph(data_dir) as graph:`)."""
    from .graph import Graph
    from .settings import Settings

    return Graph.open(Settings.from_env(data_dir=data_dir))
