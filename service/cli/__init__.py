"""`refgraph`: a thin command line over the library.

Commands live in this package and are registered here:
serve/check/schema (service.cli.serve), load/template (service.cli.rosters), demo
(service.cli.demo), route/matrix/gaps (service.cli.query), keys (service.cli.keys), export/import
(service.cli.backup).
"""

from __future__ import annotations

import logging
import sys

import click

from ..errors import RefgraphError


class FriendlyGroup(click.Group):
    """Print RefgraphError as the person-readable message, exit 1, no traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RefgraphError as exc:
            report = getattr(exc, "report", None)
            click.echo(report() if callable(report) else f"Error: {exc.message}", err=True)
            sys.exit(1)


@click.group(cls=FriendlyGroup)
@click.version_option(package_name="refgraph")
def main() -> None:
    """Refgraph: whom to call for a trafficking situation, and where nobody answers."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from .backup import commands as backup_commands
    from .demo import commands as demo_commands
    from .keys import commands as key_commands
    from .query import commands as query_commands
    from .rosters import commands as loader_commands
    from .serve import commands as serve_commands

    for command in [*serve_commands, *loader_commands, *demo_commands, *query_commands, *key_commands,
                    *backup_commands]:
        main.add_command(command)


_register()
