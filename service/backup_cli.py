"""`refgraph export DIR` and `refgraph import DIR`: the whole graph as roster CSVs and back."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_options import data_dir_option, open_graph


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@data_dir_option
def export(directory: Path, data_dir: Path | None) -> None:
    """Write the whole graph (places, rosters, audit trail) to DIRECTORY as CSV, with a manifest."""
    from .backup import export_graph

    graph = open_graph(data_dir)
    try:
        manifest = export_graph(graph, directory)
    finally:
        graph.close()
    for name, meta in manifest.files.items():
        click.echo(f"{name}: {meta['rows']:,} rows")
    click.echo(f"Wrote {directory} ({sum(manifest.nodes.values()):,} nodes, {manifest.relationships:,} "
               f"relationships; content sha256 {manifest.content_sha256[:16]}...)")


@click.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@data_dir_option
def import_(directory: Path, data_dir: Path | None) -> None:
    """Restore a backup written by `refgraph export` into an EMPTY database, and check it."""
    from .backup import content, import_graph
    from .backup_files import read_manifest

    manifest = read_manifest(directory)  # a damaged backup is refused before an engine is reached
    graph = open_graph(data_dir)
    try:
        import_graph(graph, directory, manifest)
        nodes, relationships, digest = content(graph)
    finally:
        graph.close()
    if digest != manifest.content_sha256 or nodes != manifest.nodes:
        raise click.ClickException(
            f"The restored graph differs from the backup (content sha256 {digest[:16]}... vs "
            f"{manifest.content_sha256[:16]}...); keep this database for inspection and report it")
    click.echo(f"Restored {sum(nodes.values()):,} nodes and {relationships:,} relationships from {directory}; "
               "content identical to the backup")


commands: list[click.Command] = [export, import_]
