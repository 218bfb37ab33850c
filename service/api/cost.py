"""The cost of a GraphQL document, refused over the budget before any resolver runs.

Each top-level field costs what service.store.cost says for its arguments (literals or
variables): `route` 1, a national `matrixSummary(kind: city)` 200, the budget of one
request 200. Nested fields cost nothing extra: they are bounded by page sizes and
batched per level (service.api.context). A document over the budget gets one error,
TOO_EXPENSIVE, that names what it asked for and what that costs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    value_from_ast_untyped,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from service.store import cost

Arguments = dict[str, Any]


def _services(args: Arguments) -> int:
    given = args.get("services")
    if not isinstance(given, list) or not given:
        return cost.SERVICES
    return len({str(s) for s in given})


def _text(args: Arguments, name: str, default: str | None) -> str | None:
    value = args.get(name, default)
    return value if isinstance(value, str) else default


def _gaps(args: Arguments) -> int:
    return cost.gaps_cost(_text(args, "kind", "county") or "county", _text(args, "within", None))


FIELD_COSTS: dict[str, Callable[[Arguments], int]] = {
    "route": lambda a: cost.ROUTE,
    "matrix": lambda a: cost.MATRIX,
    "protocolSheet": lambda a: cost.MATRIX + cost.ROUTE,
    "gapCandidates": lambda a: cost.MATRIX + cost.ROUTE,
    "gaps": _gaps,
    "comingGaps": _gaps,
    "singlePointsOfFailure": lambda a: cost.single_points_cost(_text(a, "kind", None), _text(a, "within", None)),
    "matrixSummary": lambda a: cost.summary_cost(_text(a, "kind", "county") or "county", _services(a)),
}


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)


def _top_fields(selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode],
                seen: frozenset[str] = frozenset()) -> Iterator[FieldNode]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _top_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:  # a cycle is a validation error anyway
                yield from _top_fields(fragment.selection_set, fragments, seen | {name})


def _describe(field: FieldNode, args: Arguments) -> str:
    shown = [f"{k}: {args[k]}" for k in ("kind", "within") if isinstance(args.get(k), str)]
    return f"{field.name.value}({', '.join(shown)})" if shown else field.name.value


def document_cost(document: DocumentNode, operation_name: str | None,
                  variables: dict[str, Any] | None) -> tuple[int, Counter[tuple[str, int]]]:
    """The document's cost, and what made it: (field as asked, its cost) -> how many."""
    operation = _operation(document, operation_name)
    if operation is None:
        return 0, Counter()  # graphql-core reports the missing operation itself
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    parts: Counter[tuple[str, int]] = Counter()
    for field in _top_fields(operation.selection_set, fragments):
        args = {a.name.value: value_from_ast_untyped(a.value, variables or {}) for a in field.arguments or ()}
        price = FIELD_COSTS.get(field.name.value, lambda _a: 1)(args)
        parts[(_describe(field, args), price)] += 1
    return sum(price * n for (_, price), n in parts.items()), parts


def too_expensive(total: int, parts: Counter[tuple[str, int]]) -> GraphQLError:
    costly = sorted(parts.items(), key=lambda item: -item[0][1] * item[1])[:3]
    said = "; ".join(f"{what} costs {price:,}" + (f" (x{n})" if n > 1 else "") for (what, price), n in costly)
    return GraphQLError(
        f"This request would cost {total:,} and one request may cost at most {cost.BUDGET:,} "
        f"(a route costs {cost.ROUTE}): {said}",
        extensions={"code": "TOO_EXPENSIVE", "cost": total, "budget": cost.BUDGET,
                    "hint": "Ask for fewer national reports in one request, or narrow them with `within`; "
                            "docs/guarantees.md lists what each field costs"},
    )


class CostBudget(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            total, parts = document_cost(document, context.operation_name, context.variables)
            if total > cost.BUDGET:
                context.result = GraphQLExecutionResult(data=None, errors=[too_expensive(total, parts)])
        yield


__all__ = ["FIELD_COSTS", "CostBudget", "document_cost"]
