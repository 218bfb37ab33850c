"""Refgraph: who to call, and where nobody answers, for anti-trafficking hotlines."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The Cypher library; REFGRAPH_CYPHER_DIR points an installed (non-editable) copy at it.
CYPHER_DIR = Path(os.environ.get("REFGRAPH_CYPHER_DIR") or PROJECT_ROOT / "cypher")
