"""`refgraph serve` and `refgraph check`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import EngineUnavailable
from .options import data_dir_option, engine_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes behind the one port (the service is stateless).")
@data_dir_option
@engine_option
def serve(host: str, port: int, workers: int, data_dir: Path | None, engine_kind: str | None) -> None:
    """Serve /graphql, /health and the pages; with no NEO4J_URI, on the embedded engine."""
    import uvicorn

    from ..app import create_app
    from ..settings import Settings
    from ..store.engines import engine_for

    settings = Settings.from_env(data_dir=data_dir, engine=engine_kind)
    engine = None
    if settings.embedded:
        # Started here, before uvicorn: a data dir that cannot be written, or an engine that
        # cannot start, is said in one line (FriendlyGroup), not in a start-up traceback. The
        # app attaches to it; with several workers, all of them do.
        engine = engine_for(settings)
        address = engine.start()
        if workers > 1:
            os.environ.update({"NEO4J_URI": address.uri, "NEO4J_USER": address.user,
                               "NEO4J_PASSWORD": address.password, "NEO4J_DATABASE": address.database})
    try:
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        else:
            uvicorn.run("service.app:create_app", factory=True, host=host, port=port,
                        workers=workers, log_level="info")
    finally:
        if engine is not None:
            engine.stop()


@click.command()
@data_dir_option
@engine_option
def check(data_dir: Path | None, engine_kind: str | None) -> None:
    """Say which engine is in use, whether it answers, and how to fix it when not."""
    from ..settings import Settings
    from ..store.engines import engine_class
    from ..store.graph import Graph

    settings = Settings.from_env(data_dir=data_dir, engine=engine_kind)
    if settings.embedded:
        chosen = engine_class(settings)
        click.echo(f"Engine: embedded {chosen.title} (data in {settings.data_dir}; "
                   f"REFGRAPH_ENGINE={chosen.kind})")
    else:
        click.echo(f"Engine: external server at {settings.neo4j_uri} "
                   f"(user {settings.neo4j_user}, database {settings.neo4j_database})")
    try:
        graph = Graph.open(settings, apply_schema=False)
    except EngineUnavailable as exc:
        raise click.ClickException(f"{exc.message}") from None
    try:
        graph.ping()
        counts = {r["label"]: r["count"] for r in graph.read("queries/node_counts")}
        click.echo("Status: answers over Bolt")
        click.echo("Holds: " + (", ".join(f"{v:,} {k}" for k, v in counts.items()) or "nothing yet "
                                "(run `refgraph demo` or `refgraph load ...`)"))
    except EngineUnavailable as exc:
        raise click.ClickException(exc.message) from None
    finally:
        graph.close()


commands: list[click.Command] = [serve, check]


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (e.g. schema.graphql) instead of printing.")
def export_schema(output: Path | None) -> None:
    """Print the GraphQL schema (SDL) the service serves."""
    from ..api.schema import schema

    text = schema.as_str() + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
        click.echo(f"Wrote {output}")


commands.append(export_schema)
