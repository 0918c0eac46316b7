"""A whole run: read -> analyze -> resolve -> anonymize -> write, with the run summary and its
accounting (read = written + quarantined + dropped, checked at the end of every run)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from redact.errors import AccountingError
from redact.record import CLEAN, DROPPED, QUARANTINED, REDACTED
from redact.redactor import Redactor
from redact.stages.read import numbered_lines, open_input
from redact.stages.write import Write, open_output


@dataclass
class Summary:
    """What a run did, counted as it went."""

    profile: str
    profile_hash: str
    read: int = 0
    written: int = 0
    redacted: int = 0
    quarantined: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)

    def count(self, record) -> None:
        """Count one record that has been written (or not) to its place."""
        self.read += 1
        if record.status in (CLEAN, REDACTED):
            self.written += 1
            self.redacted += record.status == REDACTED
            self.findings.update(f.entity_type for tf in record.fields for f in tf.findings)
        elif record.status == QUARANTINED:
            self.quarantined[record.reason] += 1
        elif record.status == DROPPED:
            self.dropped[record.reason] += 1

    def check(self) -> None:
        """Raise AccountingError unless every line read ended in exactly one place."""
        total = self.written + sum(self.quarantined.values()) + sum(self.dropped.values())
        if total != self.read:
            raise AccountingError(f"read {self.read} lines but accounted for {total}")

    def as_dict(self) -> dict[str, Any]:
        """The summary as written by --summary."""
        return {
            "profile": self.profile, "profile_hash": self.profile_hash,
            "read": self.read, "written": self.written, "redacted": self.redacted,
            "quarantined": sum(self.quarantined.values()),
            "quarantined_by_reason": dict(sorted(self.quarantined.items())),
            "dropped": sum(self.dropped.values()),
            "dropped_by_reason": dict(sorted(self.dropped.items())),
            "findings_by_type": dict(sorted(self.findings.items())),
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.read / self.seconds, 1) if self.seconds else None,
            "versions": self.versions,
        }


def versions(redactor: Redactor) -> dict[str, str]:
    """Versions of everything that decides the output."""
    meta = redactor.engine.nlp.meta
    model = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}" if redactor.profile.nlp.model else "none"
    return {
        "redact": version("redact"), "presidio_analyzer": version("presidio-analyzer"),
        "presidio_anonymizer": version("presidio-anonymizer"), "spacy": version("spacy"),
        "model": model,
    }


def run(redactor: Redactor, source: str | Path, output: str | Path,
        report: str | Path | None = None, quarantine: str | Path | None = None,
        progress: bool = False) -> Summary:
    """Redact a JSONL file (or `-`) into `output`; return the checked summary."""
    profile = redactor.profile
    summary = Summary(profile.name, profile.content_hash(), versions=versions(redactor))
    started = time.perf_counter()
    with open_input(source) as stream:
        targets = (output, report, quarantine)
        sinks = [open_output(t) for t in targets]
        try:
            records = redactor.reader.run(numbered_lines(stream))
            records = Write(*sinks, profile.report).run(redactor.process(records))
            for record in _progress(records, progress):
                summary.count(record)
        finally:
            for target, sink in zip(targets, sinks):
                if sink is not None:
                    sink.flush() if str(target) == "-" else sink.close()
    summary.seconds = time.perf_counter() - started
    summary.check()
    return summary


def _progress(records, enabled: bool):
    if not enabled:
        return records
    from tqdm import tqdm

    return tqdm(records, unit=" rec", desc="redact", mininterval=0.5)
