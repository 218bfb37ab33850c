"""CLI for the loaders: `refgraph load KIND FILE`, `refgraph template KIND`, `refgraph demo`."""

from __future__ import annotations

import click

commands: list[click.Command] = []
