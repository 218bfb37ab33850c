"""`refgraph keys create|list|revoke`: manage API keys (admins)."""

from __future__ import annotations

from pathlib import Path

import click

from ..ops.auth import Role, create_key, list_keys, revoke_key
from .options import data_dir_option, open_graph


@click.group()
def keys() -> None:
    """Manage API keys: create (shown once), list, revoke."""


@keys.command("create")
@click.option("--name", required=True, help="Who holds the key, e.g. 'NC hotline analysts'.")
@click.option("--role", type=click.Choice(["public", "analyst", "steward", "admin"]), required=True,
              help="public: aggregate counts only; analyst: read all; steward: write and import; admin: keys.")
@data_dir_option
def create(name: str, role: str, data_dir: Path | None) -> None:
    """Create a key; its secret is printed once and never stored."""
    graph = open_graph(data_dir)
    try:
        key = create_key(graph, name, Role.parse(role))
    finally:
        graph.close()
    click.echo(f"Created key {key.id} ({key.role.label}) for {key.name}.")
    click.echo("Give this token to its holder now; it cannot be shown again:")
    click.echo(key.token)


@keys.command("list")
@data_dir_option
def list_(data_dir: Path | None) -> None:
    """List keys (ids, names, roles, dates; never secrets)."""
    graph = open_graph(data_dir)
    try:
        rows = list_keys(graph)
    finally:
        graph.close()
    if not rows:
        click.echo("No keys yet: create one with `refgraph keys create --name ... --role ...`")
    for r in rows:
        state = f"revoked {r['revoked_on']}" if r["revoked_on"] else "active"
        click.echo(f"{r['id']}  {r['role']:<8} {state:<19} created {r['created_on']}  {r['name']}")


@keys.command("revoke")
@click.argument("key_id")
@data_dir_option
def revoke(key_id: str, data_dir: Path | None) -> None:
    """Revoke a key by id: it stops working at the next request."""
    graph = open_graph(data_dir)
    try:
        when = revoke_key(graph, key_id)
    finally:
        graph.close()
    click.echo(f"Revoked key {key_id} ({when}).")


commands: list[click.Command] = [keys]
