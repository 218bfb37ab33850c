"""`refgraph export DIR` and `refgraph import DIR`: the whole graph as roster CSVs and back;
`refgraph export --format hsds DIR`: as an HSDS 3.0 datapackage (loaders.hsds.export)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import data_dir_option, open_graph


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "format_", type=click.Choice(["backup", "hsds"]), default="backup", show_default=True,
              help="backup: the loader CSVs and a manifest, for `refgraph import`; hsds: an HSDS 3.0 "
                   "datapackage (Open Referral) for other directories, into a new or empty DIRECTORY.")
@click.option("--with-confidential-addresses", is_flag=True,
              help="hsds only: also write the addresses marked confidential (left out by default).")
@data_dir_option
def export(directory: Path, format_: str, with_confidential_addresses: bool, data_dir: Path | None) -> None:
    """Write the whole graph (places, rosters, audit trail) to DIRECTORY as CSV, with a manifest;
    or, with --format hsds, its organizations, contacts and services as an HSDS 3.0 datapackage."""
    if with_confidential_addresses and format_ != "hsds":
        raise click.UsageError("--with-confidential-addresses is for --format hsds: a backup always holds "
                               "every address. Add --format hsds, or leave the flag out")
    if format_ == "hsds":
        _export_hsds(directory, with_confidential_addresses, data_dir)
        return
    from ..ops.backup import export_graph

    graph = open_graph(data_dir)
    try:
        manifest = export_graph(graph, directory)
    finally:
        graph.close()
    for name, meta in manifest.files.items():
        click.echo(f"{name}: {meta['rows']:,} rows")
    click.echo(f"Wrote {directory} ({sum(manifest.nodes.values()):,} nodes, {manifest.relationships:,} "
               f"relationships; content sha256 {manifest.content_sha256[:16]}...)")


def _export_hsds(directory: Path, confidential_addresses: bool, data_dir: Path | None) -> None:
    from loaders.hsds.export import DESCRIPTOR, export_hsds

    graph = open_graph(data_dir)
    try:
        counts = export_hsds(graph, directory, confidential_addresses=confidential_addresses)
    finally:
        graph.close()
    for name, rows in counts.items():
        click.echo(f"{name}: {rows:,} rows")
    addresses = "confidential addresses included" if confidential_addresses else "confidential addresses left out"
    click.echo(f"Wrote {directory} as an HSDS 3.0 datapackage ({DESCRIPTOR} and {len(counts)} files, "
               f"{sum(counts.values()):,} rows: {counts['organizations.csv']:,} organizations and task forces, "
               f"{counts['services.csv']:,} services; {addresses})")


@click.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@data_dir_option
def import_(directory: Path, data_dir: Path | None) -> None:
    """Restore a backup written by `refgraph export` into an EMPTY database, and check it."""
    from ..ops.backup import content, import_graph
    from ..ops.backup_files import read_manifest

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
