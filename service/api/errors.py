"""GraphQL errors for people: expected errors explain themselves, the rest are masked.

A RefgraphError (bad argument, unknown place, ambiguous name, engine down)
reaches the client with its message and `extensions` {code, argument, hint,
candidates}. GraphQL validation errors (bad enum, wrong type) pass unchanged:
they already name the argument. Anything else is logged server-side with a
reference id and returned as a generic error carrying only that id.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from service.errors import (
    Ambiguous,
    CannotWrite,
    EngineBusy,
    EngineUnavailable,
    InvalidInput,
    NotFound,
    RefgraphError,
    ReportsBusy,
)

log = logging.getLogger("refgraph.api")

CODES: list[tuple[type[RefgraphError], str]] = [
    (InvalidInput, "BAD_INPUT"),
    (NotFound, "NOT_FOUND"),
    (CannotWrite, "CANNOT_WRITE"),
    (Ambiguous, "AMBIGUOUS"),
    (ReportsBusy, "REPORTS_BUSY"),
    (EngineBusy, "ENGINE_BUSY"),
    (EngineUnavailable, "ENGINE_UNAVAILABLE"),
    (RefgraphError, "REFGRAPH_ERROR"),
]


def code_of(exc: RefgraphError) -> str:
    return next(code for cls, code in CODES if isinstance(exc, cls))


def log_graphql_errors(errors: list[GraphQLError]) -> None:
    """In place of strawberry's logger, which writes each error with the document's text (the
    literal arguments a caller typed: a searched name, a phone): the field and the code only."""
    for error in errors:
        original = error.original_error
        code = code_of(original) if isinstance(original, RefgraphError) else type(original or error).__name__
        log.info("graphql error at %s: %s", ".".join(str(p) for p in error.path or ()) or "(document)", code)


def explain(error: GraphQLError, exc: RefgraphError) -> GraphQLError:
    extensions: dict[str, Any] = {"code": code_of(exc)}
    if exc.hint:
        extensions["hint"] = exc.hint
    argument = getattr(exc, "argument", None)
    if argument:
        extensions["argument"] = argument
    candidates = getattr(exc, "candidates", None)
    if candidates:
        extensions["candidates"] = candidates
    return GraphQLError(exc.message, nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path, extensions=extensions)


class PeopleFacingErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(error_message="Unexpected error")

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        out = []
        for error in errors:
            original = error.original_error
            if isinstance(original, RefgraphError):
                out.append(explain(error, original))
            elif original is None or isinstance(original, GraphQLError):
                out.append(error)  # GraphQL validation or coercion: already names the argument
            else:
                reference = uuid.uuid4().hex[:12]
                log.error("unexpected error %s at %s: %s", reference, error.path,
                          type(original).__name__, exc_info=original)
                out.append(GraphQLError(
                    f"Unexpected error (reference {reference}); it has been logged",
                    nodes=error.nodes, source=error.source, positions=error.positions,
                    path=error.path, extensions={"code": "INTERNAL", "reference": reference},
                ))
        return out
