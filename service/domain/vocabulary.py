"""The matrix vocabulary: services (rows) and situation dimensions (columns).

One place defines the words every layer uses: CSV columns, Cypher properties,
GraphQL enums, CLI flags and pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Service(str, Enum):
    TIP_REPORTING = "TIP_REPORTING"
    VICTIM_EXTRACTION = "VICTIM_EXTRACTION"
    SHELTER_EMERGENCY = "SHELTER_EMERGENCY"
    SHELTER_TRANSITIONAL = "SHELTER_TRANSITIONAL"
    CASE_MANAGEMENT = "CASE_MANAGEMENT"
    LEGAL_SERVICES = "LEGAL_SERVICES"
    MENTAL_HEALTH = "MENTAL_HEALTH"
    IMMIGRATION_SERVICES = "IMMIGRATION_SERVICES"


SERVICE_LABELS: dict[Service, str] = {
    Service.TIP_REPORTING: "Tip reporting",
    Service.VICTIM_EXTRACTION: "Victim extraction / LE intervention",
    Service.SHELTER_EMERGENCY: "Emergency shelter",
    Service.SHELTER_TRANSITIONAL: "Transitional shelter",
    Service.CASE_MANAGEMENT: "Case management",
    Service.LEGAL_SERVICES: "Legal services",
    Service.MENTAL_HEALTH: "Mental health",
    Service.IMMIGRATION_SERVICES: "Immigration services",
}


@dataclass(frozen=True)
class Dimension:
    """A situation dimension: its property name in the graph and its two values."""

    name: str  # property / CSV column / GraphQL argument name
    title: str
    values: tuple[str, str]


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("urgency", "Urgency", ("URGENT", "NON_URGENT")),
    Dimension("hours", "Hours", ("BUSINESS_HOURS", "AFTER_HOURS")),
    Dimension("nationality", "Nationality", ("FOREIGN_NATIONAL", "US_CITIZEN")),
    Dimension("age", "Age", ("MINOR", "ADULT")),
    Dimension("gender", "Gender", ("MALE", "FEMALE")),
    Dimension("trafficking", "Trafficking type", ("LABOR", "SEX")),
)
DIMENSION_BY_NAME: dict[str, Dimension] = {d.name: d for d in DIMENSIONS}
ANY = "ANY"

# The 12 matrix columns in the hotline template's order: (dimension, value).
COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (d.name, v) for d in DIMENSIONS for v in d.values
)

COLUMN_LABELS: dict[str, str] = {
    "URGENT": "Urgent",
    "NON_URGENT": "Non-urgent",
    "BUSINESS_HOURS": "Business hours",
    "AFTER_HOURS": "After hours",
    "FOREIGN_NATIONAL": "Foreign national",
    "US_CITIZEN": "US citizen",
    "MINOR": "Minor",
    "ADULT": "Adult",
    "MALE": "Male",
    "FEMALE": "Female",
    "LABOR": "Labor",
    "SEX": "Sex",
}


class Sector(str, Enum):
    LAW_ENFORCEMENT = "LAW_ENFORCEMENT"
    SERVICE_PROVIDER = "SERVICE_PROVIDER"


class OrgType(str, Enum):
    TASK_FORCE = "TASK_FORCE"
    FBI = "FBI"
    HSI = "HSI"
    ICE = "ICE"  # ICE offices other than HSI (Enforcement and Removal Operations, the field offices)
    POLICE = "POLICE"
    SHERIFF = "SHERIFF"
    USAO = "USAO"
    VICTIM_WITNESS = "VICTIM_WITNESS"
    ANTI_TRAFFICKING = "ANTI_TRAFFICKING"
    DOMESTIC_VIOLENCE = "DOMESTIC_VIOLENCE"
    SEXUAL_ASSAULT = "SEXUAL_ASSAULT"
    RUNAWAY_HOMELESS_YOUTH = "RUNAWAY_HOMELESS_YOUTH"
    IMMIGRANT_RIGHTS = "IMMIGRANT_RIGHTS"
    LEGAL_SERVICES = "LEGAL_SERVICES"
    SHELTER_MEN = "SHELTER_MEN"
    SHELTER_WOMEN = "SHELTER_WOMEN"
    MENTAL_HEALTH = "MENTAL_HEALTH"
    HOTLINE = "HOTLINE"
    OTHER = "OTHER"


class Notify(str, Enum):
    """Whom a capability's report reaches: the first who answers, in rank order (the default),
    or every member of the offering organization's task forces serving the place (a notify list,
    as when a city's hotline reports every tip to all members of its task force)."""

    FIRST = "FIRST"
    ALL_MEMBERS = "ALL_MEMBERS"


LAW_ENFORCEMENT_TYPES = frozenset(
    {OrgType.TASK_FORCE, OrgType.FBI, OrgType.HSI, OrgType.ICE, OrgType.POLICE, OrgType.SHERIFF,
     OrgType.USAO, OrgType.VICTIM_WITNESS}
)
# Federal offices whose after-hours contacts an emergency block lists ("FBI and ICE agents")
FEDERAL_AFTER_HOURS_TYPES = frozenset({OrgType.FBI, OrgType.HSI, OrgType.ICE})
# Law enforcement an emergency block sends someone in danger to (besides 911)
EMERGENCY_LOCAL_TYPES = frozenset({OrgType.POLICE, OrgType.SHERIFF, OrgType.TASK_FORCE})
LOCAL_POLICE_TYPES = frozenset({OrgType.POLICE, OrgType.SHERIFF})


class JurisdictionKind(str, Enum):
    COUNTRY = "country"
    STATE = "state"
    REGION = "region"
    COUNTY = "county"
    CITY = "city"


# Nearness order used for ranking: a smaller level is nearer to the caller.
KIND_LEVEL: dict[str, int] = {"city": 1, "county": 2, "region": 3, "state": 4, "country": 5}


# Gap candidates (service.domain.candidates): the organization types that could take up a service
# ("law enforcement and service providers with experience working on related crimes or with
# related populations"), and the types that fit a situation value, which rank first.
_SHELTERS = (OrgType.SHELTER_WOMEN, OrgType.SHELTER_MEN, OrgType.DOMESTIC_VIOLENCE,
             OrgType.RUNAWAY_HOMELESS_YOUTH, OrgType.ANTI_TRAFFICKING)
CANDIDATE_TYPES: dict[Service, tuple[OrgType, ...]] = {
    Service.TIP_REPORTING: (OrgType.TASK_FORCE, OrgType.POLICE, OrgType.SHERIFF, OrgType.HOTLINE, OrgType.ANTI_TRAFFICKING),
    Service.VICTIM_EXTRACTION: (OrgType.POLICE, OrgType.SHERIFF, OrgType.TASK_FORCE, OrgType.FBI, OrgType.HSI, OrgType.ICE),
    Service.SHELTER_EMERGENCY: _SHELTERS,
    Service.SHELTER_TRANSITIONAL: _SHELTERS,
    Service.CASE_MANAGEMENT: (OrgType.ANTI_TRAFFICKING, OrgType.DOMESTIC_VIOLENCE, OrgType.SEXUAL_ASSAULT,
                              OrgType.VICTIM_WITNESS, OrgType.RUNAWAY_HOMELESS_YOUTH, OrgType.IMMIGRANT_RIGHTS),
    Service.LEGAL_SERVICES: (OrgType.LEGAL_SERVICES, OrgType.IMMIGRANT_RIGHTS, OrgType.VICTIM_WITNESS),
    Service.MENTAL_HEALTH: (OrgType.MENTAL_HEALTH, OrgType.SEXUAL_ASSAULT, OrgType.DOMESTIC_VIOLENCE),
    Service.IMMIGRATION_SERVICES: (OrgType.IMMIGRANT_RIGHTS, OrgType.LEGAL_SERVICES),
}
SITUATION_TYPES: dict[tuple[str, str], tuple[OrgType, ...]] = {
    ("age", "MINOR"): (OrgType.RUNAWAY_HOMELESS_YOUTH,),
    ("gender", "FEMALE"): (OrgType.SHELTER_WOMEN, OrgType.DOMESTIC_VIOLENCE, OrgType.SEXUAL_ASSAULT),
    ("gender", "MALE"): (OrgType.SHELTER_MEN,),
    ("nationality", "FOREIGN_NATIONAL"): (OrgType.IMMIGRANT_RIGHTS, OrgType.HSI, OrgType.ICE),
    ("trafficking", "SEX"): (OrgType.SEXUAL_ASSAULT,),
    ("trafficking", "LABOR"): (OrgType.IMMIGRANT_RIGHTS, OrgType.LEGAL_SERVICES),
}


class FactKind(str, Enum):
    """What a place fact says (loaders.rosters.placefacts): what is weighed when a protocol is designed."""

    TASK_FORCE_OR_COALITION = "TASK_FORCE_OR_COALITION"  # a local task force or coalition
    TRAFFICKING_UNIT = "TRAFFICKING_UNIT"  # an agency with a trafficking unit
    TRAINED_LAW_ENFORCEMENT = "TRAINED_LAW_ENFORCEMENT"
    TRAINED_PROVIDERS = "TRAINED_PROVIDERS"
    LOCAL_HOTLINE = "LOCAL_HOTLINE"
    LOCAL_PROTOCOL = "LOCAL_PROTOCOL"  # an existing local protocol
    LAW_HOTLINE_POSTING = "LAW_HOTLINE_POSTING"  # mandatory posting of the national or a local hotline
    LAW_VICTIM_FUNDING = "LAW_VICTIM_FUNDING"  # victim-service funding
    LAW_ENFORCEMENT_TRAINING = "LAW_ENFORCEMENT_TRAINING"  # mandatory law-enforcement training
    OTHER = "OTHER"
