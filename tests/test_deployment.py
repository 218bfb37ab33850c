"""docker-compose.yml and the Dockerfile describe a working production shape.

No Docker engine runs here, so these tests read the files: Neo4j 5.26 with a
healthcheck, password from the environment, a data volume, and the service
waiting for a healthy database.
"""

from __future__ import annotations

import re

import yaml

from service import PROJECT_ROOT

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (PROJECT_ROOT / "Dockerfile").read_text()


def test_neo4j_is_the_5_26_lts_with_a_healthcheck_and_a_volume() -> None:
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    assert "neo4j-data" in COMPOSE["volumes"]


def neo4j_versions() -> dict[str, str]:
    """Every place that names the Neo4j version: they must agree."""
    pom = (PROJECT_ROOT / "engines" / "neo4j" / "pom.xml").read_text()
    found = {
        "docker-compose.yml": COMPOSE["services"]["neo4j"]["image"].split(":")[1].removesuffix("-community"),
        "engines/neo4j/pom.xml": re.search(r"<neo4j.version>([^<]+)</neo4j.version>", pom).group(1),  # type: ignore[union-attr]
    }
    for doc in ("README.md", "docs/engines.md"):
        for version in re.findall(r"Neo4j (5\.\d+\.\d+)", (PROJECT_ROOT / doc).read_text()):
            found[f"{doc} ({version})"] = version
    return found


def test_the_compose_file_runs_the_neo4j_the_tests_run() -> None:
    versions = neo4j_versions()
    assert len(versions) >= 4, versions  # the compose file, the pom and both docs name it
    assert len(set(versions.values())) == 1, f"Neo4j versions disagree: {versions}"
    assert versions["docker-compose.yml"].startswith("5.26."), "production runs the 5.26 LTS"


def test_passwords_come_from_the_environment_never_the_file() -> None:
    text = (PROJECT_ROOT / "docker-compose.yml").read_text()
    assert "NEO4J_AUTH: neo4j/${NEO4J_PASSWORD:?" in text
    service = COMPOSE["services"]["refgraph"]["environment"]
    assert service["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD")
    assert not re.search(r"NEO4J_PASSWORD:\s*[A-Za-z0-9]", text), "a literal password is in the file"


def test_service_waits_for_a_healthy_database_and_runs_in_production_mode() -> None:
    service = COMPOSE["services"]["refgraph"]
    assert service["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert service["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert service["environment"]["REFGRAPH_ENV"] == "production"


def test_image_ships_the_cypher_library_and_runs_unprivileged() -> None:
    assert "COPY cypher ./cypher" in DOCKERFILE
    assert "REFGRAPH_CYPHER_DIR=/app/cypher" in DOCKERFILE
    assert re.search(r"^USER refgraph$", DOCKERFILE, re.MULTILINE)
    assert "HEALTHCHECK" in DOCKERFILE and "/health" in DOCKERFILE
