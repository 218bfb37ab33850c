"""`refgraph demo`: the demo roster, or a synthetic national roster for benchmarks."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from service.cli.options import data_dir_option, open_graph


@click.command()
@data_dir_option
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Build the synthetic national roster instead: scale 1 is about 20,000 "
                   "organizations and 60,000 capabilities.")
@click.option("--seed", type=int, default=7, show_default=True,
              help="Random seed of the synthetic roster (same seed, same rows).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --scale: write regions.csv ... capabilities.csv here instead of loading them.")
@click.option("--silent", is_flag=True, help="No progress messages or bars; only the summary lines.")
def demo(data_dir: Path | None, scale: float | None, seed: int, out: Path | None, silent: bool) -> None:
    """Load the demo roster (fictional partners in real US places; see docs/demo.md).

    With --scale N, build a synthetic national roster over every real jurisdiction:
    written as CSV files to --out (load them with `refgraph load KIND FILE`), or
    loaded straight away without --out. Loads the built-in US jurisdictions first
    when the graph has none. Running it again changes nothing.
    """
    from loaders.samples.demo import ensure_builtin_us, load_demo

    if out is not None and scale is None:
        raise click.UsageError("--out writes the synthetic roster, which needs a size: "
                               "add --scale N (e.g. --scale 1)")
    say = None if silent else click.echo
    with open_graph(data_dir) as graph:
        if scale is None:
            for summary in load_demo(graph, progress=say):
                click.echo(str(summary))
            click.echo("Demo loaded: docs/demo.md lists the questions it answers and the expected answers.")
            return
        builtin = ensure_builtin_us(graph, progress=say)
        if builtin is not None:
            click.echo(str(builtin))
        if out is not None:
            _write(graph, out, scale, seed)
            click.echo("Load them in this order:")
            for kind in _kinds():
                click.echo(f"  refgraph load {kind} {out / (kind + '.csv')}")
            return
        with tempfile.TemporaryDirectory(prefix="refgraph-synthetic-") as tmp:
            _write(graph, Path(tmp), scale, seed)
            from loaders import load_file

            for kind in _kinds():
                click.echo(str(load_file(graph, kind, Path(tmp) / f"{kind}.csv",
                                         progress=False if silent else None)))


def _kinds() -> tuple[str, ...]:
    from loaders.samples.demo import KINDS_IN_ORDER

    return KINDS_IN_ORDER


def _write(graph: object, out: Path, scale: float, seed: int) -> None:
    import time

    from loaders.samples.synthetic import places_from_graph, write_synthetic

    started = time.perf_counter()
    written = write_synthetic(out, scale, seed, places=places_from_graph(graph))
    click.echo(f"Synthetic roster (scale {scale:g}, seed {seed}) in {out}: "
               + ", ".join(f"{n:,} {kind}" for kind, n in written.items())
               + f" ({time.perf_counter() - started:.1f} s)")


commands: list[click.Command] = [demo]
