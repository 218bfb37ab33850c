"""Opaque page cursors: one format for every paginated answer (GraphQL and domain)."""

from __future__ import annotations

import base64

from ..errors import InvalidInput


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str, argument: str = "after") -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        if kind != "o" or not number.isdigit():
            raise ValueError
        return int(number)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(
            f"`{argument}` is not a cursor this API issued ({cursor!r})",
            "Pass the endCursor (or nextCursor) of a previous page, or leave it out to start at the beginning",
            argument=argument,
        ) from None
