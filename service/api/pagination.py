"""Relay-style cursor pagination shared by every browsing query."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

from service.domain.cursors import decode_cursor, encode_cursor
from service.errors import InvalidInput

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


@strawberry.type(description="Where this page sits in the full list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when more items follow this page.")
    has_previous_page: bool = strawberry.field(description="True when items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item of this page.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass it as `after` for the next page.")


@dataclass(frozen=True)
class Window:
    skip: int
    limit: int


def window(first: int | None, after: str | None) -> Window:
    limit = DEFAULT_PAGE_SIZE if first is None else first
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            f"`first` is {limit}; a page holds 1 to {MAX_PAGE_SIZE} items",
            f"Ask for at most {MAX_PAGE_SIZE} and follow pageInfo.endCursor for the rest",
            argument="first",
        )
    skip = 0 if after is None else decode_cursor(after) + 1
    return Window(skip, limit)


def page_info(win: Window, count: int, total: int) -> PageInfo:
    return PageInfo(
        has_next_page=win.skip + count < total,
        has_previous_page=win.skip > 0,
        start_cursor=encode_cursor(win.skip) if count else None,
        end_cursor=encode_cursor(win.skip + count - 1) if count else None,
    )


T = TypeVar("T")


@strawberry.type(description="One item in a page, with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` to continue after this item.")
    node: T


@strawberry.type(description="A page of items, with where it sits and how many there are in all.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="How many items match the filters in all.")


def connection(win: Window, total: int, rows: Sequence[Any], to_node: Callable[[Any], T]) -> Connection[T]:
    """One page of a browsing query: nodes with their cursors, page info and the total."""
    edges = [Edge(cursor=encode_cursor(win.skip + i), node=to_node(r)) for i, r in enumerate(rows)]
    return Connection(edges=edges, page_info=page_info(win, len(rows), total), total_count=total)
