"""`refgraph serve` and `refgraph check`."""

from __future__ import annotations

import click

commands: list[click.Command] = []
