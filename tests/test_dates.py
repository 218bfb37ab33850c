"""Dates as people write them (service.domain.dates), shared by the roster checks and the browsing arguments."""

from __future__ import annotations

import pytest

from service.domain.dates import iso_date


def test_a_date_written_yyyy_mm_dd_is_kept() -> None:
    assert iso_date("2025-03-31") == "2025-03-31"


@pytest.mark.parametrize("text", ["2025-02-30", "2025-3-1", "20250301", "2025-W01-1", "31/03/2025", " 2025-03-31"])
def test_anything_else_is_refused_even_what_fromisoformat_takes(text: str) -> None:
    with pytest.raises(ValueError):
        iso_date(text)
