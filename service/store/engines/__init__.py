"""The embedded engines Refgraph starts itself when no NEO4J_URI is set: ArcadeDB (the
default, installed by pip alone) and Neo4j Community (the production engine, built by
Maven), under one supervisor with the same guarantees."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arcadedb import ArcadeDBEngine
from .neo4j import Neo4jEngine
from .supervisor import (
    DATABASE,
    ENGINE_CLASSES,
    EmbeddedEngine,
    EngineAddress,
    Ports,
    free_port,
    pid_alive,
    port_open,
)

if TYPE_CHECKING:
    from ...settings import Settings

ENGINE_CLASSES.update({"arcadedb": ArcadeDBEngine, "neo4j": Neo4jEngine})
ENGINES = tuple(ENGINE_CLASSES)


def engine_kind(settings: Settings) -> str:
    """The engine the settings name; for `auto`, the one running in the data dir, else ArcadeDB
    (so `refgraph route` after `refgraph serve --engine neo4j` talks to that Neo4j)."""
    if settings.engine != "auto":
        return settings.engine
    for kind, cls in ENGINE_CLASSES.items():
        if cls.running_in(settings.data_dir):
            return kind
    return "arcadedb"


def engine_class(settings: Settings) -> type[EmbeddedEngine]:
    return ENGINE_CLASSES[engine_kind(settings)]


def engine_for(settings: Settings, databases: tuple[str, ...] = ()) -> EmbeddedEngine:
    """The embedded engine the settings describe (kind, data dir, heap, databases)."""
    names = tuple(dict.fromkeys((DATABASE, settings.neo4j_database, *databases)))
    jvm_options = tuple(settings.engine_jvm_options.split())
    if engine_kind(settings) == "neo4j":
        return Neo4jEngine(settings.data_dir, heap=settings.engine_heap, databases=names,
                           jvm_options=jvm_options, pagecache=settings.engine_pagecache)
    return ArcadeDBEngine(settings.data_dir, heap=settings.engine_heap, databases=names,
                          jvm_options=jvm_options)


__all__ = ["DATABASE", "ENGINES", "ArcadeDBEngine", "EmbeddedEngine", "EngineAddress", "Neo4jEngine",
           "Ports", "engine_class", "engine_for", "engine_kind", "free_port", "pid_alive", "port_open"]
