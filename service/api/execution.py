"""Plain objects completed in one pass.

graphql-core completes every field of every object on its own (resolve info, resolver,
awaitable check, completion): ~3 us a field, and an answer of 80 referrals has ~2,000
fields. Most of them are plain: a strawberry field with no resolver, permission or
extension, which reads an attribute. `PlainObjects` completes an object whose selected
fields are all plain (leaves, lists of them, nested plain objects) with a plan made once
per selection per request. Anything else goes the stock way: a field with a resolver or
arguments, an abstract type, a type with its own `is_type_of`, deferred fragments,
middleware, and any surprise in the values (a null where the schema says non-null, a
value a scalar refuses, an error while reading): the stock path then completes that
object again and reports the error where it belongs. Answers are the same either way
(tests/test_execution.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

Complete = Callable[[Any], Any]


class _NotPlain(Exception):
    """This value needs the stock path."""


def _constant(value: str) -> Complete:
    return lambda _source: value


class PlainObjects(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (type, id of the field details list) -> (the list, kept alive so its id is not
        # reused during this request, and the plan, or None when the stock path must run)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[FieldDetailsList, Complete | None]] = {}
        middleware = self.middleware_manager
        self._plain_allowed = middleware is None or not middleware.middlewares

    def collect_and_execute_subfields(self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList,
                                      path: Any, result: Any, position_context: Any) -> Any:
        plan = self._plan(return_type, field_details_list) if self._plain_allowed else None
        if plan is not None:
            try:
                return plan(result)
            except Exception:  # noqa: BLE001, S110 - falls back: the stock path below reports it
                pass
        return super().collect_and_execute_subfields(return_type, field_details_list, path, result,
                                                     position_context)

    def _plan(self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> Complete | None:
        key = (object_type, id(field_details_list))
        cached = self._plans.get(key)
        if cached is None:
            cached = (field_details_list, self._object_plan(object_type, field_details_list))
            self._plans[key] = cached
        return cached[1]

    def _object_plan(self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> Complete | None:
        grouped, new_defer_usages, forbidden = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages or forbidden:
            return None
        readers: list[tuple[str, Complete]] = []
        for response_key, details in grouped.items():
            if any(d.defer_usage is not None or d.fragment_variable_values is not None for d in details):
                return None
            name = details[0].node.name.value
            if name == "__typename":
                readers.append((response_key, _constant(object_type.name)))
                continue
            reader = self._field_reader(object_type, name, details)
            if reader is None:
                return None
            readers.append((response_key, reader))

        def complete_object(source: Any) -> dict[str, Any]:
            return {response_key: read(source) for response_key, read in readers}

        return complete_object

    def _field_reader(self, object_type: GraphQLObjectType, name: str, details: FieldDetailsList) -> Complete | None:
        field = object_type.fields.get(name)
        if field is None or field.args or not getattr(field.resolve, "_is_default", False):
            return None
        definition = (field.extensions or {}).get("strawberry-definition")
        if definition is None or definition.base_resolver is not None or definition.extensions:
            return None
        complete = self._value_plan(field.type, details)
        if complete is None:
            return None
        attribute, get = definition.python_name, definition.default_resolver
        return lambda source: complete(get(source, attribute))

    def _value_plan(self, type_: GraphQLOutputType, details: FieldDetailsList) -> Complete | None:
        nullable = not isinstance(type_, GraphQLNonNull)
        inner = type_ if nullable else type_.of_type  # type: ignore[union-attr]
        complete_inner: Complete
        if is_leaf_type(inner):
            coerce = inner.coerce_output_value  # type: ignore[union-attr]

            def complete_inner(value: Any) -> Any:
                coerced = coerce(value)
                if coerced is None or coerced is Undefined:
                    raise _NotPlain
                return coerced
        elif isinstance(inner, GraphQLList):
            item = self._value_plan(inner.of_type, details)
            if item is None:
                return None

            def complete_inner(value: Any) -> Any:
                if not isinstance(value, list | tuple):
                    raise _NotPlain
                return [item(v) for v in value]
        elif isinstance(inner, GraphQLObjectType) and inner.is_type_of is None:
            complete_object = self._plan(inner, details)
            if complete_object is None:
                return None
            complete_inner = complete_object
        else:
            return None

        def complete(value: Any) -> Any:
            if value is None:
                if nullable:
                    return None
                raise _NotPlain
            return complete_inner(value)

        return complete
