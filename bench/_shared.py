"""Where the benchmarks find the project's shared data (``../shared/data`` beside the clone,
or ``$WIRENLP_SHARED_DATA`` when set, e.g. for a git worktree elsewhere).

The benchmarks are optional: without the shared data they say so and exit. From a clone
elsewhere (a git worktree), point ``WIRENLP_SHARED_DATA`` at that ``data`` folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# WIRENLP_SHARED_DATA points elsewhere (e.g. when running from a git worktree)
SHARED = Path(
    os.environ.get("WIRENLP_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)


def shared_data(*parts: str) -> Path:
    """``../shared/data/<parts>``; exits with a message when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        name = Path(sys.argv[0]).name
        sys.exit(f"{name}: needs the shared data at {path}, which is absent; skipped")
    return path
