"""Reviewers' verdicts, checked against the review they belong to.

The review's sheet.jsonl is the design: which records were sampled and each one's weight, stratum
and entity types. Its digest names the sample; the page stamps that name (`sample`) on every
verdict it exports. A verdict file is scored only against its own sheet: a verdict of another
sample, or of a record the sheet does not hold, is refused, and the weights are the sheet's, never
the ones in the (editable) export.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from redact.errors import RedactError
from redact.review.stats import VERDICTS, Verdict

Key = tuple[str, int]


def sample_id(sheet_lines: list[bytes]) -> str:
    """A short digest of a sheet's lines (without their newlines): the name of the sample."""
    return hashlib.sha256(b"\n".join(sheet_lines)).hexdigest()[:16]


@dataclass(frozen=True)
class Sheet:
    """A review's sheet.jsonl: its sample's name and each sampled record's design facts."""

    path: Path
    sample: str
    entries: dict[Key, dict[str, Any]]

    def verdict(self, key: Key, verdict: str, note: str) -> Verdict:
        """A verdict on a sampled record, with the sheet's weight, stratum and types."""
        entry = self.entries[key]
        return Verdict(id=key[0], line=key[1], verdict=verdict, weight=float(entry["weight"]),
                       stratum=str(entry.get("stratum") or ""), types=tuple(entry.get("types") or ()),
                       note=note)


def load_sheet(path: Path) -> Sheet:
    """Read a review's sheet.jsonl; raises RedactError naming the first line that is not a sheet line."""
    lines = path.read_bytes().splitlines()
    entries: dict[Key, dict[str, Any]] = {}
    for number, raw in enumerate(lines, start=1):
        try:
            entry = orjson.loads(raw)
            key = (str(entry["id"]), int(entry["line"]))
            if not float(entry["weight"]) > 0:
                raise ValueError(f"weight {entry['weight']!r}")
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise RedactError(f"{path}:{number} is not a sheet line ({exc}): "
                              f"give the sheet.jsonl written by `redact review sample`") from None
        entries[key] = entry
    if not entries:
        raise RedactError(f"{path} samples no record: give the sheet.jsonl written by `redact review sample`")
    return Sheet(path, sample_id(lines), entries)


def load_verdicts(path: Path, sheet: Sheet) -> list[Verdict]:
    """The verdicts of a verdicts.jsonl (or several exports of one review concatenated: the last per
    record wins), weighted by the sheet.

    Raises RedactError naming the line of the first entry that is malformed, has an unknown verdict,
    comes from another sample, or judges a record the sheet does not hold.
    """
    latest: dict[Key, Verdict] = {}
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        key, entry = _verdict_entry(raw, where)
        _check_belongs(key, entry, sheet, where)
        latest[key] = sheet.verdict(key, entry["verdict"], str(entry.get("note") or ""))
    return list(latest.values())


def _verdict_entry(raw: bytes, where: str) -> tuple[Key, dict[str, Any]]:
    try:
        entry = orjson.loads(raw)
        key = (str(entry["id"]), int(entry["line"]))
        verdict = entry["verdict"]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise RedactError(f"{where} is not a verdict line ({exc})") from None
    if verdict not in VERDICTS:
        raise RedactError(f"{where}: unknown verdict {verdict!r}; known: {', '.join(VERDICTS)}")
    return key, entry


def _check_belongs(key: Key, entry: dict[str, Any], sheet: Sheet, where: str) -> None:
    sample = entry.get("sample")
    if sample != sheet.sample:
        said = f"is of sample {sample!r}" if sample else "names no sample (export it from the review page)"
        raise RedactError(f"{where}: the verdict {said}, {sheet.path} is sample {sheet.sample!r}: "
                          f"score verdicts with the sheet of their own review")
    if key not in sheet.entries:
        raise RedactError(f"{where}: record {key[0]!r} (line {key[1]}) is not in the sample of "
                          f"{sheet.path}: score verdicts with the sheet of their own review")


def unjudged(verdicts: list[Verdict], sheet: Sheet) -> int:
    """How many of the sheet's sampled records have no verdict."""
    judged = {(v.id, v.line) for v in verdicts}
    return sum(key not in judged for key in sheet.entries)
