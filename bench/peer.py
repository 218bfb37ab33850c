"""The peer: the Neo4j GraphQL Library (@neo4j/graphql 7.6.3, with neo4j-driver 6) on
@apollo/server 5, serving the same routing Cypher (queries/route_referrals) through an
@cypher query field, against the same engine and data, with the parameters the service
sends (the moment as minutes of the week per time zone worked out in Python beforehand).
Installed with npm into bench/peer/ (gitignored; reinstalled when PACKAGES change); its
server script is generated here at run time and never committed.

7.x puts `CYPHER 5` before every statement it sends. Neo4j 5 accepts it; ArcadeDB's Cypher
parser does not (a syntax error at `CYPHER`), so on an engine that rejects it
(`version_prefix_accepted`) the peer runs with the library's own switch,
`cypherQueryOptions: {addVersionPrefix: false}`, and the benchmark says so. The types are
plain result types of the one @cypher field: 7.x maps only types marked `@node` to labels,
and these are none."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from service.store.engines import EngineAddress, free_port
from service.store.statements import statement

from .http import Client
from .workload import Request

PEER_DIR = Path(__file__).resolve().parent / "peer"
# @neo4j/graphql 7.6.3 declares neo4j-driver "^5.8.0 || ^6.0.0" and graphql ^16 as peers
PACKAGES = {"@neo4j/graphql": "7.6.3", "@apollo/server": "^5", "graphql": "^16", "neo4j-driver": "^6"}
STAMP = ".refgraph-packages.json"  # in node_modules: the PACKAGES it was installed for

TYPE_DEFS = """
type RoutedPlace { id: String!, name: String, kind: String, state: String, population: Int }
type CapabilityInfo { id: String!, service: String!, urgency: [String!], hours: [String!],
  nationality: [String!], age: [String!], gender: [String!], trafficking: [String!],
  priority: Int, verified_on: String, notes: String }
type OrganizationInfo { id: String!, name: String, type: String, sector: String, phone: String, hours: String }
type ContactInfo { id: String, name: String, role: String, unit: String, phone: String,
  after_hours_phone: String, email: String }
type Via { id: String!, name: String, kind: String, level: Int, hops: Int }
type Covering { capability: CapabilityInfo!, organization: OrganizationInfo!, contact: ContactInfo,
  via: Via!, federal: [ContactInfo!] }
type ServiceTotal { service: String!, total: Int! }
type Routed { place: RoutedPlace!, timezone: String, capabilities: [Covering!]!, totals: [ServiceTotal!]!,
  emergency: [Covering!]! }
input Situation { urgency: String, hours: String, nationality: String, age: String, gender: String,
  trafficking: String }
type Query {
  route(place: String!, services: [String!]!, situation: Situation!, hours: String, at: BigInt, limit: Int,
        emergency: Boolean!, local_types: [String!]!, federal_types: [String!]!, today: String!): Routed
    @cypher(statement: %s, columnName: "result")
}
"""

SERVER = """
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const driver = neo4j.driver(process.env.PEER_URI, neo4j.auth.basic(process.env.PEER_USER, process.env.PEER_PASSWORD),
                            { maxConnectionPoolSize: Number(process.env.PEER_POOL),
                              notificationFilter: { minimumSeverityLevel: "OFF" } });  // as the service's driver
const neoSchema = new Neo4jGraphQL({ typeDefs: process.env.PEER_TYPEDEFS, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const addVersionPrefix = process.env.PEER_VERSION_PREFIX !== "0";  // 7.x's default: `CYPHER 5` before each statement
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(process.env.PEER_PORT) },
  context: async () => ({ sessionConfig: { database: process.env.PEER_DATABASE }, cypherQueryOptions: { addVersionPrefix } }),
});
console.log("peer ready " + url);
"""

PEER_QUERY = """
query Route($place: String!, $services: [String!]!, $situation: Situation!, $hours: String, $at: BigInt,
            $limit: Int, $emergency: Boolean!, $local_types: [String!]!, $federal_types: [String!]!,
            $today: String!) {
  route(place: $place, services: $services, situation: $situation, hours: $hours, at: $at, limit: $limit,
        emergency: $emergency, local_types: $local_types, federal_types: $federal_types, today: $today) {
    place { id name kind state population }
    timezone
    capabilities { ...covering }
    totals { service total }
    emergency { ...covering }
  }
}
fragment covering on Covering {
  capability { id service urgency hours nationality age gender trafficking priority verified_on notes }
  organization { id name type sector phone hours }
  contact { id name role unit phone after_hours_phone email }
  via { id name kind level hops }
  federal { id name phone after_hours_phone }
}
""".strip()


def cypher_statement() -> str:
    """queries/route_referrals with its columns returned as one map (what @cypher needs)."""
    text = statement("queries/route_referrals")
    head, _, _ = text.rpartition("RETURN p {")
    return head + ("WITH p {.id, .name, .kind, .state, .population} AS place, timezone, capabilities, totals, emergency\n"
                   "RETURN {place: place, timezone: timezone, capabilities: capabilities, totals: totals, "
                   "emergency: emergency} AS result")


def available() -> str | None:
    """None when the peer can run, else why not."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node/npm not found"
    return None


def version_prefix_accepted(driver: Any, database: str) -> bool:
    """Whether the engine accepts the `CYPHER 5` prefix @neo4j/graphql 7.x sends (ArcadeDB does not)."""
    from neo4j.exceptions import CypherSyntaxError

    try:
        driver.execute_query("CYPHER 5\nRETURN 1 AS one", database_=database)
    except CypherSyntaxError:
        return False
    return True


def installed_versions() -> dict[str, str]:
    """The versions npm installed of each of PACKAGES ("" when missing)."""
    out = {}
    for name in PACKAGES:
        meta = PEER_DIR / "node_modules" / name / "package.json"
        out[name] = json.loads(meta.read_text()).get("version", "") if meta.exists() else ""
    return out


def install(say=print) -> None:
    PEER_DIR.mkdir(exist_ok=True)
    (PEER_DIR / "package.json").write_text(json.dumps(
        {"name": "refgraph-bench-peer", "private": True, "type": "module", "dependencies": PACKAGES}, indent=1))
    stamp = PEER_DIR / "node_modules" / STAMP
    if not stamp.exists() or json.loads(stamp.read_text()) != PACKAGES:
        say("[peer] npm install " + " ".join(f"{k}@{v}" for k, v in PACKAGES.items()) + " (into bench/peer/, gitignored)")
        shutil.rmtree(PEER_DIR / "node_modules", ignore_errors=True)
        (PEER_DIR / "package-lock.json").unlink(missing_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True,
                       stdout=subprocess.DEVNULL)
        stamp.write_text(json.dumps(PACKAGES))
    (PEER_DIR / "server.mjs").write_text(SERVER)


class Peer:
    def __init__(self, address: EngineAddress, pool: int = 8, log: Path | None = None,
                 version_prefix: bool = True, say: Callable[[str], None] = print) -> None:
        install(say)
        self.versions = installed_versions()
        self.port = free_port()
        env = dict(os.environ, PEER_URI=address.uri, PEER_USER=address.user, PEER_PASSWORD=address.password,
                   PEER_DATABASE=address.database, PEER_PORT=str(self.port), PEER_POOL=str(pool),
                   PEER_VERSION_PREFIX="1" if version_prefix else "0",
                   PEER_TYPEDEFS=TYPE_DEFS % json.dumps(cypher_statement()))
        self.log = open(log or os.devnull, "ab")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(["node", "server.mjs"], cwd=PEER_DIR, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the peer exited with {self.proc.returncode}; see {self.log.name}")
            try:
                c = Client(self.port, "/")
                c.post({"query": "{ __typename }"})
                c.close()
                return
            except (OSError, RuntimeError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the peer did not answer in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def __enter__(self) -> Peer:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def body(request: Request) -> dict[str, Any]:
    params = request.referral_params
    if params.get("at") is not None:  # the library's BigInt comes in as a string (JSON numbers are doubles)
        params = {**params, "at": str(params["at"])}
    return {"query": PEER_QUERY, "variables": params}
