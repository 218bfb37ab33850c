"""CLI mirrors of the routing and gap queries (route, matrix, gaps)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
