"""The situation a caller describes: six optional dimensions and immediate danger."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import strawberry

from service.api.vocabulary import value_of
from service.domain.models import Situation
from service.domain.vocabulary import DIMENSION_BY_NAME


def _dimension_enum(name: str, graphql_name: str, description: str) -> type[Enum]:
    values = DIMENSION_BY_NAME[name].values
    # mypy follows Enum's functional API only with a literal name and members
    made: type[Enum] = Enum(graphql_name, {v: v for v in values})  # type: ignore[misc]
    return strawberry.enum(made, description=description)


if TYPE_CHECKING:  # built from the vocabulary at import time: to mypy, each is some Enum
    Urgency = Enum
    Hours = Enum
    Nationality = Enum
    Age = Enum
    Gender = Enum
    TraffickingType = Enum
else:
    Urgency = _dimension_enum("urgency", "Urgency", "Is the situation urgent?")
    Hours = _dimension_enum("hours", "Hours", "Business hours (weekday daytime) or after hours (nights and weekends).")
    Nationality = _dimension_enum("nationality", "Nationality", "Foreign national or US citizen.")
    Age = _dimension_enum("age", "Age", "Minor (under 18) or adult.")
    Gender = _dimension_enum("gender", "Gender", "Gender of the person needing help.")
    TraffickingType = _dimension_enum("trafficking", "TraffickingType", "Labor or sex trafficking.")


@strawberry.input(description="What is known about the situation; leave out what is unknown.")
class SituationInput:
    urgency: Urgency | None = strawberry.field(default=None, description="URGENT or NON_URGENT.")
    hours: Hours | None = strawberry.field(
        default=None, description="Force BUSINESS_HOURS or AFTER_HOURS; usually leave out and give `at`.")
    nationality: Nationality | None = strawberry.field(default=None, description="FOREIGN_NATIONAL or US_CITIZEN.")
    age: Age | None = strawberry.field(default=None, description="MINOR or ADULT.")
    gender: Gender | None = strawberry.field(default=None, description="MALE or FEMALE.")
    trafficking: TraffickingType | None = strawberry.field(default=None, description="LABOR or SEX.")
    immediate_danger: bool = strawberry.field(default=False, description="The person is in immediate danger now.")

    def to_situation(self) -> Situation:
        v = value_of
        return Situation(urgency=v(self.urgency), hours=v(self.hours), nationality=v(self.nationality),
                         age=v(self.age), gender=v(self.gender), trafficking=v(self.trafficking),
                         immediate_danger=self.immediate_danger)


@strawberry.type(description="One known dimension value.")
class Condition:
    dimension: str = strawberry.field(description="urgency, hours, nationality, age, gender or trafficking.")
    value: str = strawberry.field(description="The value, e.g. MINOR.")


@strawberry.type(description="A situation profile, one value (or unknown) per dimension.")
class Profile:
    urgency: str | None
    hours: str | None
    nationality: str | None
    age: str | None
    gender: str | None
    trafficking: str | None

    @classmethod
    def of(cls, s: Situation) -> Profile:
        return cls(urgency=s.urgency, hours=s.hours, nationality=s.nationality, age=s.age,
                   gender=s.gender, trafficking=s.trafficking)
