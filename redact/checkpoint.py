"""Checkpoints: how far a run got, so that `redact run --resume` goes on from there.

After each chunk the run flushes its files and writes (atomically: write, then rename) the number
of input lines done, each output file's size, and the summary's counts so far. A resumed run cuts
each `.partial` file back to those sizes, skips those input lines and goes on; its files are then
byte for byte those of a run that was never interrupted.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import orjson

from redact.errors import RedactError


def checkpoint_path(output: str | Path) -> Path:
    """Where the checkpoint of a run writing `output` lives."""
    return Path(f"{output}.checkpoint")


def save(path: Path, lines_done: int, positions: dict[str, int], summary) -> None:
    """Write the checkpoint atomically."""
    state = {
        "profile_hash": summary.profile_hash, "lines_done": lines_done, "positions": positions,
        "counts": {"read": summary.read, "written": summary.written, "redacted": summary.redacted,
                   "quarantined": summary.quarantined, "dropped": summary.dropped,
                   "findings": summary.findings, "languages": summary.languages,
                   "uncovered": summary.uncovered},
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(orjson.dumps(state))
    os.replace(temporary, path)


def load(path: Path, summary) -> tuple[int, dict[str, int]]:
    """Restore the summary's counts from a checkpoint; return (lines done, file positions)."""
    if not path.exists():
        return 0, {}
    state = orjson.loads(path.read_bytes())
    if state["profile_hash"] != summary.profile_hash:
        raise RedactError(f"{path} was made with another profile ({state['profile_hash']}); "
                          f"resume with the same profile, or delete it to start again")
    counts = state["counts"]
    summary.read, summary.written, summary.redacted = counts["read"], counts["written"], counts["redacted"]
    for name in ("quarantined", "dropped", "findings", "languages", "uncovered"):
        setattr(summary, name, Counter(counts.get(name, {})))
    return state["lines_done"], state["positions"]
