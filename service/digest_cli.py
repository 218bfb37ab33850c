"""`refgraph digests`: compare routing's coverage digests with the graph, or rebuild them."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from .cli.options import data_dir_option, open_graph


@click.command("digests")
@click.option("--check", is_flag=True, help="Only compare them with the graph and name the places that differ; write nothing.")
@data_dir_option
def digests(check: bool, data_dir: Path | None) -> None:
    """Rebuild routing's coverage digests from the graph (every roster write keeps them exact;
    this is for a graph edited by other tools, or to make sure)."""
    from .digest import BATCH, digest_drift, jurisdiction_ids, refresh_digests

    graph = open_graph(data_dir)
    try:
        ids = jurisdiction_ids(graph)
        label = "Comparing the coverage digests" if check else "Rebuilding the coverage digests"
        with click.progressbar(length=math.ceil(len(ids) / BATCH), label=label) as bar:
            if check:
                differ = digest_drift(graph, ids, bar.update)
            else:
                refresh_digests(graph, ids, bar.update)
    finally:
        graph.close()
    if not check:
        click.echo(f"Rebuilt the coverage digests of {len(ids):,} places.")
        return
    if not differ:
        click.echo(f"All {len(ids):,} coverage digests agree with the graph.")
        return
    shown = ", ".join(differ[:20]) + (f" and {len(differ) - 20:,} more" if len(differ) > 20 else "")
    click.echo(f"{len(differ):,} of {len(ids):,} coverage digests differ from the graph: {shown}. "
               "Run `refgraph digests` to rebuild them.", err=True)
    sys.exit(1)


commands = [digests]
