"""The progress bar of an import: a click bar over rows on a terminal, nothing otherwise."""

from __future__ import annotations

import sys

import click


def _progress(enabled: bool | None) -> bool:
    return sys.stdout.isatty() if enabled is None else enabled


class _Bar:
    """A click progress bar over rows, or nothing when output is not a terminal."""

    def __init__(self, enabled: bool, total: int, label: str) -> None:
        self.bar = click.progressbar(length=max(total, 1), label=label) if enabled else None
        if self.bar is not None:
            self.bar.__enter__()

    @property
    def shown(self) -> bool:
        return self.bar is not None

    def update(self, rows: int) -> None:
        if self.bar is not None:
            self.bar.update(rows)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
