"""CLI for the loaders: `refgraph load KIND FILE`, `refgraph load jurisdictions --builtin us`,
`refgraph template KIND`.

Validation errors reach service.cli's FriendlyGroup as ImportRejected, which
prints every problem and exits 1; a successful import ends with its one-line
summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from loaders import KINDS, load_builtin_us, load_file
from loaders import template as roster_template
from service.cli.options import data_dir_option, open_graph
from service.ops.audit import Audit, cli_actor

BUILTINS = ("us",)


@click.command("load")
@click.argument("kind", type=click.Choice([*KINDS, "jurisdictions", "hsds"]))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--builtin", type=click.Choice(BUILTINS), default=None,
              help="With KIND jurisdictions: load a built-in set instead of a file (us: country, states, "
                   "territories, counties and cities).")
@click.option("--dry-run", is_flag=True, help="Check the file and report what would change; write nothing.")
@click.option("--reason", default=None, help="Why this import is made; kept in the audit trail with the file's checksum.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="With KIND hsds: the mapping of the directory's services, organization types and areas to "
                   "Refgraph's (start from `refgraph template hsds-mapping`; default: the one Refgraph ships).")
@click.option("--all-notes", is_flag=True, help="With KIND hsds: list everything that was not mapped, not only the first 50.")
@data_dir_option
def load(kind: str, file: Path | None, builtin: str | None, dry_run: bool, reason: str | None,
         mapping: Path | None, all_notes: bool, data_dir: Path | None) -> None:
    """Import a roster FILE (.csv in UTF-8, or .xlsx) of KIND into the graph, or
    an Open Referral HSDS 3.0 datapackage (KIND hsds: its folder, a .zip, or an
    HSDS .json file of services or organizations; docs/hsds.md).

    The whole file is checked first; any problem is listed with its line and
    column and nothing is written. Re-importing a file changes only the rows
    that differ. Start a new roster from `refgraph template KIND`.

    \b
    Examples:
      refgraph load jurisdictions --builtin us
      refgraph load organizations orgs.csv
      refgraph load capabilities capabilities.xlsx --dry-run
      refgraph load hsds ./211-export --mapping mapping.csv --dry-run
    """
    if kind != "hsds" and (mapping is not None or all_notes):
        raise click.UsageError("--mapping and --all-notes go with KIND hsds")
    if kind == "hsds":
        _load_hsds(file, mapping, dry_run, reason, all_notes, data_dir)
        return
    if file is not None and file.is_dir():
        raise click.BadParameter(f"{file} is a folder; a roster is one .csv or .xlsx file", param_hint="FILE")
    if kind == "jurisdictions":
        if builtin is None or file is not None:
            raise click.UsageError("Jurisdictions come built in: run `refgraph load jurisdictions --builtin us` "
                                   "(custom groups of counties are a `regions` roster)")
        if dry_run:
            raise click.UsageError("--dry-run is for roster files; the built-in load only adds or corrects places")
    else:
        if builtin is not None:
            raise click.UsageError("--builtin only goes with KIND jurisdictions")
        if file is None:
            raise click.UsageError(f"Name the file to import: refgraph load {kind} FILE "
                                   f"(start one with `refgraph template {kind} -o {kind}.csv`)")
        if not file.is_file():
            raise click.BadParameter(f"{file} does not exist", param_hint="FILE")
    graph = open_graph(data_dir)
    try:
        if kind == "jurisdictions":
            summary = load_builtin_us(graph)
        else:
            assert file is not None
            summary = load_file(graph, kind, file, dry_run=dry_run, audit=Audit(cli_actor(), reason=reason))
    finally:
        graph.close()
    click.echo(str(summary))


def _load_hsds(path: Path | None, mapping: Path | None, dry_run: bool, reason: str | None, all_notes: bool,
               data_dir: Path | None) -> None:
    from loaders.hsds.importer import import_hsds
    from loaders.hsds.mapping import read_mapping

    if path is None:
        raise click.UsageError("Name the datapackage: refgraph load hsds DIR_OR_ZIP (or an HSDS .json file)")
    if not path.exists():
        raise click.BadParameter(f"{path} does not exist", param_hint="FILE")
    rules = read_mapping(mapping)  # a bad mapping is refused before an engine is reached
    graph = open_graph(data_dir)
    try:
        result = import_hsds(graph, path, rules, dry_run=dry_run,
                             audit=Audit(cli_actor(), reason=reason))
    finally:
        graph.close()
    click.echo(result.report(limit=None if all_notes else 50))


@click.command("template")
@click.argument("kind", type=click.Choice([*KINDS, "hsds-mapping"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write the template to this file instead of standard output.")
def template(kind: str, output: Path | None) -> None:
    """Print a CSV template for a roster: the header and one commented example row.

    Lines starting with # are ignored on import, so the example can stay.
    Every column is described in docs/rosters.md.
    """
    if kind == "hsds-mapping":
        from loaders.hsds.mapping import default_text

        text = default_text()
    else:
        text = roster_template(kind)
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    if kind == "hsds-mapping":
        click.echo(f"Wrote {output}: edit its rules, then run `refgraph load hsds DIR --mapping {output}`", err=True)
        return
    click.echo(f"Wrote {output}: fill in one row per {kind.removesuffix('s')}, "
               f"then run `refgraph load {kind} {output}`", err=True)


commands: list[click.Command] = [load, template]
