"""Refgraph: who to call, and where nobody answers, for anti-trafficking hotlines."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CYPHER_DIR = PROJECT_ROOT / "cypher"
