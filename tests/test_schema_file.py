"""schema.graphql is the schema the code serves, and every field is described."""

from __future__ import annotations

from click.testing import CliRunner

from service import PROJECT_ROOT
from service.api.schema import schema
from service.cli import main


def test_schema_file_matches_the_code() -> None:
    committed = (PROJECT_ROOT / "schema.graphql").read_text()
    assert committed == schema.as_str() + "\n", (
        "schema.graphql is out of date: run `refgraph schema -o schema.graphql`")


def test_schema_command_prints_the_same_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema.as_str() + "\n"


def test_every_query_field_and_argument_is_described() -> None:
    query = schema._schema.query_type
    assert query is not None
    for name, field in query.fields.items():
        assert field.description, f"Query.{name} has no description"
        for arg_name, arg in field.args.items():
            if arg_name not in ("id",):
                assert arg.description or arg_name in ("kind",), f"Query.{name}({arg_name}) has no description"
