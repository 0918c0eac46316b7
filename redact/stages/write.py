"""Write: render each record into the bytes of its output, report and quarantine lines.

Rendering happens where the record was processed (in a worker process, with --workers), and the
parent only writes bytes in input order, so every worker count gives byte-identical files.
"""

from __future__ import annotations

import base64
import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import orjson

from redact import errors
from redact.profile import ReportSpec
from redact.record import CLEAN, PENDING, QUARANTINED, REDACTED, Record
from redact.report import report_line
from redact.stages.anonymize import redacted_object


@dataclass(frozen=True)
class Rendered:
    """A processed record as bytes, with what the run summary counts."""

    status: str
    reason: str | None
    entity_types: tuple[str, ...]
    output: bytes | None
    report: bytes
    quarantine: bytes | None
    id: str | None = None
    author_digest: str | None = None
    languages: tuple[str, ...] = ()  # each identified field's language
    uncovered: tuple[str, ...] = ()  # the languages of fields the profile does not cover


def open_output(target: str | Path | None, path: str | Path | None = None) -> IO[bytes] | None:
    """Open `path` (default: `target`) for writing; gzip or zstd when the target's name ends in
    .gz or .zst.
    `-` is stdout, None is nowhere."""
    if target is None:
        return None
    if str(target) == "-":
        return sys.stdout.buffer
    path = path or target
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if str(target).endswith(".gz"):
        return gzip.open(path, "wb")
    if str(target).endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(open(path, "wb"), closefd=True)
    return open(path, "wb")


def quarantine_line(record: Record) -> dict:
    """A quarantine entry: where the line was, why, and the original line to fix and run again."""
    line = {"line": record.line, "id": record.id, "reason": record.reason, "detail": record.detail}
    try:
        line["raw"] = record.raw.decode("utf-8")
    except UnicodeDecodeError:
        line["raw_base64"] = base64.b64encode(record.raw).decode("ascii")
    return line


def dump_json(value) -> bytes:
    """orjson's compact JSON; the standard library's for what orjson refuses (big integers)."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def render(record: Record, spec: ReportSpec, author_digest: str | None = None) -> Rendered:
    """The lines one record writes. Only a clean or redacted record has an output line."""
    output = None
    if record.status == PENDING:  # a stage let it through unfinished: fail closed
        record.quarantine(errors.NOT_PROCESSED, "no stage finished this record")
    if record.status in (CLEAN, REDACTED):
        try:
            output = dump_json(redacted_object(record)) + b"\n"
        except Exception as exc:
            record.quarantine(errors.WRITE_FAILED, f"{type(exc).__name__} while serialising")
    quarantine = None
    if record.status == QUARANTINED:
        quarantine = orjson.dumps(quarantine_line(record)) + b"\n"
    types = tuple(f.entity_type for tf in record.fields for f in tf.findings) if output else ()
    report = orjson.dumps(report_line(record, spec)) + b"\n"
    return Rendered(record.status, record.reason, types, output, report, quarantine,
                    record.id, author_digest if output else None, *field_languages(record))


def field_languages(record: Record) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The identified languages of a record's fields, and those of its uncovered fields."""
    from redact.languages import UNCOVERED

    identified = [f for f in record.fields if f.lang is not None]
    return (tuple(f.lang for f in identified),
            tuple(f.lang for f in identified if f.analysed_as == UNCOVERED))


PARTIAL = ".partial"
SINKS = ("output", "report", "quarantine", "manifest")


class Sinks:
    """The run's files, written under `NAME.partial` and renamed only when the run is complete,
    so that a run killed at any point leaves no file that looks finished.

    `positions()` and `resume_at()` let a checkpoint record how far each file is complete, and a
    resumed run cut each file back to that point before it goes on.
    """

    def __init__(self, targets: dict[str, str | Path | None], resume: bool = False):
        self.targets = targets
        self.files = {name: self._open(target, resume) for name, target in targets.items()}

    @staticmethod
    def _open(target, resume: bool):
        if resume and target is not None and Path(_partial(target)).exists():
            return open(_partial(target), "r+b")
        return open_output(target, _partial(target))

    def write(self, rendered: Rendered, manifest_line: bytes | None = None) -> None:
        """Write one record's lines."""
        lines = {"output": rendered.output, "report": rendered.report,
                 "quarantine": rendered.quarantine, "manifest": manifest_line}
        for name, line in lines.items():
            file = self.files.get(name)
            if file is not None and line is not None:
                file.write(line)

    def positions(self) -> dict[str, int]:
        """Flush, and give how many bytes each file holds."""
        sizes = {}
        for name, file in self.files.items():
            if file is not None and str(self.targets[name]) != "-":
                file.flush()
                sizes[name] = file.tell()
        return sizes

    def resume_at(self, positions: dict[str, int]) -> None:
        """Cut each file back to a checkpoint's position: what came after it is written again."""
        for name, size in positions.items():
            file = self.files[name]
            file.seek(size)
            file.truncate()

    def close(self, complete: bool) -> None:
        """Close the files (flush stdout); when the run is complete, give them their names."""
        for name, file in self.files.items():
            target = self.targets[name]
            if file is None:
                continue
            if str(target) == "-":
                file.flush()
                continue
            file.close()
            if complete:
                Path(_partial(target)).replace(target)


def _partial(target):
    if target is None or str(target) == "-":
        return target
    return f"{target}{PARTIAL}"
