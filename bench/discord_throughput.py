"""Section 3 hook: Discord throughput (1,000 /ask interactions through the fake Discord gateway).

=== HOOK ===================================================================================
This section is to drive 1,000 `/ask` interactions, as fast as the fake can send them, through
the end-to-end fake Discord that the Discord issue adds under tests/discord/, and to report: how
many were answered within the 3-second interaction deadline, p50/p99 time to the callback, and
that none was lost or answered twice.

It is not implemented yet: when this benchmark was written, tests/discord/ held no reusable fake
server. Until it is wired in, `discord_throughput()` reports "not run: …" and the reason, and the
benchmark prints and records that status instead of figures.
============================================================================================
"""

from __future__ import annotations

from typing import Any

from bench.common import REPO_ROOT

FAKE_DISCORD_DIR = REPO_ROOT / "tests" / "discord"
INTERACTIONS = 1000
DEADLINE_S = 3.0


def discord_throughput() -> dict[str, Any]:
    """Run the Discord throughput section, or say why it was not run."""
    if not FAKE_DISCORD_DIR.is_dir() or not any(FAKE_DISCORD_DIR.glob("*.py")):
        return {"status": "not run: fake Discord not available", "detail": "tests/discord/ holds no fake server yet"}
    return {
        "status": "not run: fake Discord not available",
        "detail": "tests/discord/ exists but is not yet wired into the benchmark (see bench/discord_throughput.py)",
    }
