"""The tables the recognizers read from ``recognizers/data/``: each YAML file read once per process.

Tables are data (per-site link rules, phone regions and cue words, street types); the code that
reads them stays in the recognizer. Entries that are regular-expression fragments are joined
here, in the order written, so that a table reads as a list.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


@functools.cache
def load_table(name: str) -> Any:
    """The parsed YAML file ``recognizers/data/<name>`` (read once; treat it as read-only)."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def alternation(fragments: list[str]) -> str:
    """The regex fragments joined as alternatives, in order (without a group around them)."""
    return "|".join(fragments)


def street_types(*keys: str) -> str:
    """The street types listed under ``keys`` in ``street_types.yaml``, as a regex alternation:
    ``street_types("after_name", "any_case")`` -> ``"street|st|avenue|..."``."""
    node = load_table("street_types.yaml")
    for key in keys:
        node = node[key]
    return alternation(node)
