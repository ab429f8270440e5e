"""Where the user's shared folder is (seeds, gold, the dev set), for tests that read its real texts.

Tests reading it skip with a clear reason when it is absent (a user's clone); CI always has it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POLICYGRAPH_SHARED", REPO.parent / "shared"))

requires_dev = pytest.mark.skipif(
    not (SHARED / "dev" / "docs").is_dir(), reason=f"no dev plans at {SHARED}/dev/docs (../shared is absent)"
)


def real_text_paths() -> list[Path]:
    """The real plans of the shared folder: the dev set's, then the seeds."""
    return sorted((SHARED / "dev" / "docs").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
