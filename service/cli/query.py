"""CLI mirrors of the routing and gap queries: `refgraph route | matrix | gaps`.

Each command resolves what was typed, runs the same read plan the service runs,
and prints a plain-text table (default), CSV or JSON (the GraphQL answer's shape, every
field: service.api.answer_json).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from ..api.answer_json import answer_json
from ..api.candidates import to_candidates
from ..api.protocol import to_sheet
from ..api.routing import to_coming_gaps, to_gap_report, to_matrix, to_route
from ..domain.candidates import MAX_CANDIDATES, GapCandidates, candidates_csv, candidates_plan
from ..domain.csv_safety import safe_row
from ..domain.gaps import GAP_KINDS, MAX_COMING_DAYS, SORTS, coming_gaps_plan, gaps_plan
from ..domain.matrix import matrix_plan
from ..domain.models import (
    ComingGaps,
    Emergency,
    GapReport,
    Matrix,
    PhoneLine,
    Referral,
    Route,
    Situation,
    parse_services,
    situation_of,
)
from ..domain.places import resolve_plan
from ..domain.protocol import ProtocolSheet, protocol_csv, protocol_plan
from ..domain.routing import route_for, routing_moment
from ..domain.vocabulary import COLUMN_LABELS, COLUMNS, DIMENSIONS, Service
from ..errors import InvalidInput
from ..store.graph import Graph
from .options import data_dir_option, open_graph

T = TypeVar("T")
FORMATS = click.Choice(["table", "csv", "json"])
SERVICE_NAMES = [s.value for s in Service]


def _format(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                        help="table (readable columns), csv or json.")(f)


def run_plans(data_dir: Path | None, work: Callable[[Graph], T]) -> T:
    with open_graph(data_dir) as graph:
        return work(graph)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, cells)])


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(safe_row(list(row)) for row in rows)  # cells a spreadsheet would run are neutralised
    return out.getvalue().rstrip("\n")


def parse_moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--at is {text!r}, not an ISO date and time",
                           "Write it like 2025-03-08T23:00:00-05:00", argument="at") from None
    if moment.tzinfo is None:
        raise InvalidInput(f"--at {text} has no time zone offset",
                           "Add one, e.g. 2025-03-08T23:00:00-05:00 (or Z for UTC)", argument="at")
    return moment


# --- route ---------------------------------------------------------------------------

REFERRAL_HEADERS = ["service", "rank", "organization", "type", "phone", "contact", "covered at",
                    "hops", "matched", "confirm", "verified_on", "notify"]


def dial(r: Referral) -> str:
    """The number, marked when it is a contact's after-hours line."""
    after = " (after-hours line)" if r.phone_line == PhoneLine.CONTACT_AFTER_HOURS else ""
    return f"{r.phone}{after}" if r.phone else ""


def referral_rows(route: Route) -> list[list[Any]]:
    rows = []
    for sr in route.services:
        for i, r in enumerate(sr.referrals, 1):
            rows.append([sr.service.value, i, r.organization.name, r.organization.type, dial(r),
                         r.contact.name if r.contact else "",
                         f"{r.coverage.jurisdiction_name} ({r.coverage.kind})", r.coverage.hops,
                         " ".join(v for _, v in r.matched), " ".join(r.confirm), r.verified_on, r.notify_text])
        if not sr.referrals:
            rows.append([sr.service.value, "", "GAP: nobody covers this situation here", *[""] * 9])
    return rows


def emergency_lines(e: Emergency) -> list[str]:
    return [f"EMERGENCY: {e.instruction}",
            *(f"  law enforcement: {r.organization.name} ({r.organization.type}) {dial(r)}"
              f" - covers {r.coverage.jurisdiction_name}" for r in e.law_enforcement[:3]),
            *(f"  federal after hours: {org.name} - {contact.name} {contact.after_hours_phone}"
              for org, contact in e.federal_contacts),
            f"  follow-up: {e.follow_up}"]


def render_route(route: Route) -> str:
    lines = [f"Place: {route.place.name} ({route.place.kind}, {route.place.id})",
             f"Situation: {route.situation.profile}" + ("; immediate danger" if route.situation.immediate_danger else ""),
             f"Hours: {route.hours or 'unknown'}" + (f" at {route.at.isoformat()}" if route.at else "")]
    for reason in route.mandatory_report:
        lines.append(f"MANDATORY REPORT: {reason}")
    if route.emergency is not None:
        lines += emergency_lines(route.emergency)
    lines.append("")
    lines.append(table(REFERRAL_HEADERS, referral_rows(route)))
    return "\n".join(lines)


def situation_options(f: Callable[..., Any]) -> Callable[..., Any]:
    flags = [("urgent", "non-urgent", "urgency"), ("after-hours", "business-hours", "hours"),
             ("foreign-national", "us-citizen", "nationality"), ("minor", "adult", "age"),
             ("male", "female", "gender"), ("labor", "sex", "trafficking")]
    for yes, no, dim in reversed(flags):
        f = click.option(f"--{yes}/--{no}", dim, default=None, help=f"{dim} (leave out when unknown)")(f)
    return f


def situation_from(values: dict[str, bool | None], immediate_danger: bool = False) -> Situation:
    pick = {"urgency": ("URGENT", "NON_URGENT"), "hours": ("AFTER_HOURS", "BUSINESS_HOURS"),
            "nationality": ("FOREIGN_NATIONAL", "US_CITIZEN"), "age": ("MINOR", "ADULT"),
            "gender": ("MALE", "FEMALE"), "trafficking": ("LABOR", "SEX")}
    known = {d: pick[d][0 if flag else 1] for d, flag in values.items() if flag is not None}
    return situation_of(known, immediate_danger)


@click.command("route")
@click.argument("place")
@situation_options
@click.option("--immediate-danger", is_flag=True, help="The person is in immediate danger.")
@click.option("--service", "services", multiple=True, type=click.Choice(SERVICE_NAMES, case_sensitive=False),
              help="Only these services (repeat; default all eight).")
@click.option("--at", "at_text", default=None, metavar="ISO-DATETIME",
              help="Judge business hours at this moment in the place's time zone (default: now).")
@click.option("--any-time", is_flag=True,
              help="Regardless of the time: hours unknown, office-hours providers to confirm.")
@_format
@data_dir_option
def route_command(place: str, urgency: bool | None, hours: bool | None, nationality: bool | None,
                  age: bool | None, gender: bool | None, trafficking: bool | None, immediate_danger: bool,
                  services: tuple[str, ...], at_text: str | None, any_time: bool, fmt: str,
                  data_dir: Path | None) -> None:
    """Whom to call at PLACE (id, FIPS, postal code or 'Name, ST') for a situation, in order, and
    why; at this moment unless --at, --any-time or --business-hours/--after-hours say otherwise."""
    situation = situation_from({"urgency": urgency, "hours": hours, "nationality": nationality, "age": age,
                                "gender": gender, "trafficking": trafficking}, immediate_danger)
    wanted, moment = parse_services(services), routing_moment(parse_moment(at_text), situation, any_time)
    route = run_plans(data_dir, lambda g: g.run(route_for(place, situation, wanted, moment)))
    click.echo({"json": lambda: answer_json(to_route(route)), "csv": lambda: to_csv(REFERRAL_HEADERS, referral_rows(route)),
                "table": lambda: render_route(route)}[fmt]())


# --- matrix --------------------------------------------------------------------------

def matrix_rows(m: Matrix) -> list[list[Any]]:
    return [[c.service.value, c.dimension, c.value, c.organizations, c.contacts,
             "yes" if c.gap else "", "yes" if c.single_point_of_failure else "", c.oldest_verified_on]
            for c in m.cells]


MATRIX_HEADERS = ["service", "dimension", "value", "organizations", "contacts", "gap",
                  "single_point", "oldest_verified_on"]


def render_matrix(m: Matrix) -> str:
    headers = ["service", *(COLUMN_LABELS[v] for _, v in COLUMNS), "uncovered profiles"]
    rows = []
    for coverage in m.profiles:
        counts = [m.cell(coverage.service, v).organizations for _, v in COLUMNS]
        rows.append([coverage.service.value, *counts, f"{len(coverage.uncovered)}/{coverage.profiles}"])
    title = (f"Matrix for {m.place.name} ({m.place.kind}, {m.place.id}): organizations per cell, "
             "0 = gap, 1 = single point of failure")
    return "\n".join([title, "", table(headers, rows)])


@click.command("matrix")
@click.argument("place")
@_format
@data_dir_option
def matrix_command(place: str, fmt: str, data_dir: Path | None) -> None:
    """The 8 x 12 matrix of PLACE: organizations per cell, gaps and single points of failure."""
    m = run_plans(data_dir, lambda g: g.run(matrix_plan(g.run(resolve_plan(place)).id)))
    click.echo({"json": lambda: answer_json(to_matrix(m)), "csv": lambda: to_csv(MATRIX_HEADERS, matrix_rows(m)),
                "table": lambda: render_matrix(m)}[fmt]())


# --- gaps ----------------------------------------------------------------------------

GAP_HEADERS = ["id", "name", "kind", "state", "population"]


def render_gaps(r: GapReport) -> str:
    scope = f" within {r.within}" if r.within else ""
    stale = f", coverage older than {r.stale_months} months counted as missing" if r.stale_months is not None else ""
    head = (f"{r.service.value} for {r.situation.profile}: {r.total_gaps} of {r.considered} "
            f"{r.kind} places{scope} have nobody{stale}; population affected {r.population_affected:,}")
    rows = [[p.id, p.name, p.kind, p.state, p.population] for p in r.places]
    shown = f"showing {r.offset + 1}-{r.offset + len(r.places)}" if r.places else "nothing to show"
    more = f"; next page: --offset {r.offset + r.limit}" if r.next_cursor else ""
    return "\n".join([head, "", table(GAP_HEADERS, rows), "", shown + more])


def dimension_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for d in reversed(DIMENSIONS):
        f = click.option(f"--{d.name}", d.name, default=None, type=click.Choice(list(d.values), case_sensitive=False),
                         help=f"Fix {d.title.lower()}: {d.values[0]} or {d.values[1]} (default unknown).")(f)
    return f


@click.command("gaps")
@click.option("--service", required=True, type=click.Choice(SERVICE_NAMES, case_sensitive=False))
@dimension_options
@click.option("--kind", type=click.Choice(GAP_KINDS), default="county", show_default=True)
@click.option("--within", default=None, help="Enclosing jurisdiction (id, FIPS, postal code or name).")
@click.option("--stale-months", type=int, default=None, help="Count coverage verified longer ago as missing.")
@click.option("--trained-only", is_flag=True, help="Count coverage by untrained contacts as missing.")
@click.option("--sort", type=click.Choice(SORTS), default="name", show_default=True)
@click.option("--limit", type=int, default=100, show_default=True, help="Places per page (at most 500).")
@click.option("--offset", type=int, default=0, show_default=True)
@_format
@data_dir_option
def gaps_command(service: str, kind: str, within: str | None, stale_months: int | None, trained_only: bool,
                 sort: str, limit: int, offset: int, fmt: str, data_dir: Path | None, **dims: str | None) -> None:
    """Places of a kind where nobody offers SERVICE for the given situation."""
    situation = situation_of({d: v for d, v in dims.items() if v is not None})

    def work(g: Graph) -> GapReport:
        scope = g.run(resolve_plan(within)).id if within else None
        return g.run(gaps_plan(service.upper(), situation, kind=kind, within=scope, stale_months=stale_months,
                               sort=sort, offset=offset, limit=limit, trained_only=trained_only))

    gaps_plan(service.upper(), situation, kind=kind, stale_months=stale_months, sort=sort,
              offset=offset, limit=limit)  # refuse bad arguments before starting an engine
    report = run_plans(data_dir, work)
    rows = [[p.id, p.name, p.kind, p.state, p.population] for p in report.places]
    click.echo({"json": lambda: answer_json(to_gap_report(report)), "csv": lambda: to_csv(GAP_HEADERS, rows),
                "table": lambda: render_gaps(report)}[fmt]())


COMING_HEADERS = ["id", "name", "kind", "state", "population", "gap from", "retiring capabilities"]


def coming_rows(report: ComingGaps) -> list[list[Any]]:
    return [[g.place.id, g.place.name, g.place.kind, g.place.state, g.place.population, g.ends,
             " ".join(g.capabilities)] for g in report.places]


def render_coming(report: ComingGaps) -> str:
    scope = f" within {report.within}" if report.within else ""
    head = (f"{report.service.value} for {report.situation.profile}: {report.total} {report.kind} places{scope} "
            f"covered today will have nobody by {report.until} (scheduled retirements)")
    return "\n".join([head, "", table(COMING_HEADERS, coming_rows(report))])


@click.command("coming-gaps")
@click.option("--service", required=True, type=click.Choice(SERVICE_NAMES, case_sensitive=False))
@dimension_options
@click.option("--kind", type=click.Choice(GAP_KINDS), default="county", show_default=True)
@click.option("--within", default=None, help="Enclosing jurisdiction (id, FIPS, postal code or name).")
@click.option("--days", type=int, default=30, show_default=True, help=f"How far ahead (1 to {MAX_COMING_DAYS}).")
@_format
@data_dir_option
def coming_gaps_command(service: str, kind: str, within: str | None, days: int, fmt: str,
                        data_dir: Path | None, **dims: str | None) -> None:
    """Places covered today that become gaps within --days, as scheduled retirements take effect."""
    situation = situation_of({d: v for d, v in dims.items() if v is not None})
    coming_gaps_plan(service.upper(), situation, kind, days=days)  # refuse bad arguments before starting an engine
    report = run_plans(data_dir, lambda g: g.run(coming_gaps_plan(service.upper(), situation, kind, within, days=days)))
    click.echo({"json": lambda: answer_json(to_coming_gaps(report)),
                "csv": lambda: to_csv(COMING_HEADERS, coming_rows(report)),
                "table": lambda: render_coming(report)}[fmt]())


# --- protocol ------------------------------------------------------------------------

def render_protocol(sheet: ProtocolSheet) -> str:
    e = sheet.emergency
    verified = (f"verified {sheet.oldest_verified_on} to {sheet.newest_verified_on}"
                if sheet.oldest_verified_on else "nothing on file yet")
    lines = [(f"Protocol for {sheet.place.name} ({sheet.place.kind}, {sheet.place.id}); {verified}; "
              f"{len(sheet.gaps)} of {len(sheet.cells)} cells are gaps"), *emergency_lines(e), ""]
    headers = ["service", *(COLUMN_LABELS[v] for _, v in COLUMNS)]
    cells = [[s.value, *(("GAP" if c.gap else c.referrals[0].organization.name + (f" +{c.total - 1}" if c.total > 1 else ""))
                         for c in sheet.row(s))] for s in Service]
    lines.append(table(headers, cells))
    return "\n".join(lines)


@click.command("protocol")
@click.argument("place")
@_format
@data_dir_option
def protocol_command(place: str, fmt: str, data_dir: Path | None) -> None:
    """The protocol sheet of PLACE: the 8 x 12 cells with named contacts, the emergency block, gaps."""
    sheet = run_plans(data_dir, lambda g: g.run(protocol_plan(g.run(resolve_plan(place)).id)))
    click.echo({"json": lambda: answer_json(to_sheet(sheet)), "csv": lambda: protocol_csv(sheet).rstrip("\n"),
                "table": lambda: render_protocol(sheet)}[fmt]())


# --- candidates ----------------------------------------------------------------------

def render_candidates(found: GapCandidates) -> str:
    state = "a gap" if found.gap else "covered (candidates listed anyway)"
    head = (f"{found.service.value} for {found.situation.profile} in {found.place_name} ({found.place_id}) is {state}: "
            f"{len(found.candidates)} organizations to recruit, nearest first")
    rows = [[i, c.organization.name, c.organization.type, c.phone, c.area, "yes" if c.covers_place else "",
             " ".join(c.offers), "; ".join(c.reasons)] for i, c in enumerate(found.candidates, 1)]
    return "\n".join([head, "", table(["rank", "organization", "type", "phone", "area", "covers place",
                                         "offers", "why"], rows)])


@click.command("candidates")
@click.argument("place")
@click.option("--service", required=True, type=click.Choice(SERVICE_NAMES, case_sensitive=False))
@dimension_options
@click.option("--first", type=int, default=10, show_default=True, help=f"How many (1 to {MAX_CANDIDATES}).")
@_format
@data_dir_option
def candidates_command(place: str, service: str, first: int, fmt: str, data_dir: Path | None,
                       **dims: str | None) -> None:
    """Whom to recruit for the gap SERVICE (and situation) at PLACE: fitting organizations nearby."""
    situation = situation_of({d: v for d, v in dims.items() if v is not None})
    candidates_plan(place, service.upper(), situation, first)  # refuse bad arguments before starting an engine
    found = run_plans(data_dir, lambda g: g.run(candidates_plan(g.run(resolve_plan(place)).id, service.upper(),
                                                                situation, first)))
    click.echo({"json": lambda: answer_json(to_candidates(found)), "csv": lambda: candidates_csv(found).rstrip("\n"),
                "table": lambda: render_candidates(found)}[fmt]())


commands: list[click.Command] = [route_command, matrix_command, gaps_command, coming_gaps_command, protocol_command,
                                 candidates_command]
