"""Write: redacted records to the output, a line per record to the report, bad lines to quarantine."""

from __future__ import annotations

import base64
import gzip
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import orjson

from redact.profile import ReportSpec
from redact import errors
from redact.record import CLEAN, PENDING, QUARANTINED, REDACTED, Record
from redact.report import report_line
from redact.stages.anonymize import redacted_object


def open_output(target: str | Path | None) -> IO[bytes] | None:
    """Open a file for writing (gzip when it ends in .gz), `-` for stdout, None for nowhere."""
    if target is None:
        return None
    if str(target) == "-":
        return sys.stdout.buffer
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    if str(target).endswith(".gz"):
        return gzip.open(target, "wb")
    return open(target, "wb")


def quarantine_line(record: Record) -> dict:
    """A quarantine entry: where the line was, why, and the original line to fix and run again."""
    line = {"line": record.line, "id": record.id, "reason": record.reason, "detail": record.detail}
    try:
        line["raw"] = record.raw.decode("utf-8")
    except UnicodeDecodeError:
        line["raw_base64"] = base64.b64encode(record.raw).decode("ascii")
    return line


class Write:
    """Send each record where it belongs. Only clean or redacted records reach the output."""

    def __init__(self, output: IO[bytes], report: IO[bytes] | None,
                 quarantine: IO[bytes] | None, spec: ReportSpec):
        self.output, self.report, self.quarantine, self.spec = output, report, quarantine, spec

    def run(self, records: Iterator[Record]) -> Iterator[Record]:
        """Write each record, then pass it on for counting."""
        for record in records:
            self.write(record)
            yield record

    def write(self, record: Record) -> None:
        """Write one record to its place, and its report line."""
        if record.status == PENDING:  # a stage let it through unfinished: fail closed
            record.quarantine(errors.NOT_PROCESSED, "no stage finished this record")
        if record.status in (CLEAN, REDACTED):
            try:
                line = orjson.dumps(redacted_object(record))
            except Exception as exc:
                record.quarantine(errors.WRITE_FAILED, f"{type(exc).__name__} while serialising")
            else:
                self.output.write(line + b"\n")
        if record.status == QUARANTINED and self.quarantine is not None:
            self.quarantine.write(orjson.dumps(quarantine_line(record)) + b"\n")
        if self.report is not None:
            self.report.write(orjson.dumps(report_line(record, self.spec)) + b"\n")
