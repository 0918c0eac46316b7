"""A whole run: read -> analyze -> resolve -> anonymize -> write, with the run summary and its
accounting (read = written + quarantined + dropped, checked at the end of every run)."""

from __future__ import annotations

import gc
import json
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from itertools import chain, islice
from pathlib import Path
from typing import Any

from redact import errors
from redact.errors import AccountingError
from redact.profile import Profile
from redact.record import CLEAN, DROPPED, QUARANTINED, REDACTED, Record
from redact.checkpoint import Checkpoints, InputDigest
from redact.guards import OutputLock, check_run
from redact.manifest import manifest_entry, manifest_header, member_digest
from redact.operators import key_fingerprint
from redact.redactor import Redactor
from redact.parquet import open_lines
from redact.stages.write import Rendered, Sinks, render

LINES_PER_CHUNK = 256
SUMMARY_PATHS = 200  # unlisted paths the summary (and the run's warning) names
MORE_PATHS = "... and more"  # the summary's count of records holding paths past those


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
    unlisted: Counter = field(default_factory=Counter)  # records holding each unlisted path
    languages: Counter = field(default_factory=Counter)  # identified fields by language
    uncovered: Counter = field(default_factory=Counter)  # fields in uncovered languages
    seconds: float = 0.0
    workers: int = 1
    versions: dict[str, str] = field(default_factory=dict)
    key_fingerprint: str | None = None  # of the run's key, when it has one (never the key)

    def count(self, rendered: Rendered) -> None:
        """Count one record that has been written to its place."""
        self.read += 1
        self._count_unlisted(rendered.unlisted)
        self.languages.update(rendered.languages)
        self.uncovered.update(rendered.uncovered)
        if rendered.status in (CLEAN, REDACTED):
            self.written += 1
            self.redacted += rendered.status == REDACTED
            self.findings.update(rendered.entity_types)
        elif rendered.status == QUARANTINED:
            self.quarantined[rendered.reason] += 1
        elif rendered.status == DROPPED:
            self.dropped[rendered.reason] += 1

    def _count_unlisted(self, paths: tuple[str, ...]) -> None:
        """Count the record's unlisted paths: the first SUMMARY_PATHS distinct ones by name, the
        records holding any other (or more than a report line lists) under MORE_PATHS."""
        more = False
        for path in paths:
            named = len(self.unlisted) - (MORE_PATHS in self.unlisted)
            if path in self.unlisted or (named < SUMMARY_PATHS and not path.startswith("... and ")):
                self.unlisted[path] += 1
            else:
                more = True
        if more:
            self.unlisted[MORE_PATHS] += 1

    def unlisted_fields(self) -> dict[str, int]:
        """Records holding each unlisted path, by path, then MORE_PATHS when there were more."""
        named = sorted((path, n) for path, n in self.unlisted.items() if path != MORE_PATHS)
        more = [(MORE_PATHS, self.unlisted[MORE_PATHS])] if MORE_PATHS in self.unlisted else []
        return dict(named + more)

    def check(self) -> None:
        """Raise AccountingError unless every line read ended in exactly one place."""
        total = self.written + sum(self.quarantined.values()) + sum(self.dropped.values())
        if total != self.read:
            raise AccountingError(f"read {self.read} lines but accounted for {total}")

    def as_dict(self) -> dict[str, Any]:
        """The summary as written by --summary."""
        key = {"key_fingerprint": self.key_fingerprint} if self.key_fingerprint else {}
        return {
            "profile": self.profile, "profile_hash": self.profile_hash, **key,
            "read": self.read, "written": self.written, "redacted": self.redacted,
            "quarantined": sum(self.quarantined.values()),
            "quarantined_by_reason": dict(sorted(self.quarantined.items())),
            "dropped": sum(self.dropped.values()),
            "dropped_by_reason": dict(sorted(self.dropped.items())),
            "findings_by_type": dict(sorted(self.findings.items())),
            "unlisted_fields": self.unlisted_fields(),
            **({"fields_by_language": dict(sorted(self.languages.items())),
                "uncovered_by_language": dict(sorted(self.uncovered.items()))}
               if self.languages else {}),
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.read / self.seconds, 1) if self.seconds else None,
            "workers": self.workers,
            "versions": self.versions,
        }


def versions(profile: Profile) -> dict[str, str]:
    """Versions of everything that decides the output."""
    model = profile.nlp.model
    if model:
        try:
            model = f"{model} {version(model)}"
        except PackageNotFoundError:  # a model given as a path
            pass
    return {
        "redact": version("redact"), "presidio_analyzer": version("presidio-analyzer"),
        "presidio_anonymizer": version("presidio-anonymizer"), "spacy": version("spacy"),
        "model": model or "none",
    }


def redact_chunk(redactor: Redactor, chunk: list[tuple[int, bytes]]) -> list[Rendered]:
    """Read, process and render a chunk of numbered lines: the unit of work of every worker.

    A line that raises past every stage's own guard is found by doing the chunk again line by
    line, and quarantined as `not_processed`: one line never stops a run."""
    try:
        return _redact_lines(redactor, chunk)
    except Exception:
        return [rendered for line in chunk for rendered in _redact_alone(redactor, line)]


def _redact_lines(redactor: Redactor, chunk: list[tuple[int, bytes]]) -> list[Rendered]:
    records = redactor.process(redactor.reader.run(iter(chunk)))
    return [render(r, redactor.profile.report, author_digest(redactor, r)) for r in records]


def _redact_alone(redactor: Redactor, line: tuple[int, bytes]) -> list[Rendered]:
    try:
        return _redact_lines(redactor, [line])
    except Exception as exc:
        record = Record(line=line[0], raw=line[1])
        record.quarantine(errors.NOT_PROCESSED, f"{type(exc).__name__} while processing the line")
        return [render(record, redactor.profile.report)]


def author_digest(redactor: Redactor, record: Record) -> str | None:
    """The keyed digest of a record's author id, folded as consent folds it, for the manifest
    (None without field, key or an id consent can fold)."""
    field, key = redactor.profile.record.author_field, redactor.engine.key
    if not (field and key and record.data):
        return None
    return member_digest(key, record.data.get(field))


def lost_chunk(profile: Profile, chunk: list[tuple[int, bytes]], why: str) -> list[Rendered]:
    """Quarantine every line of a chunk that could not be processed (fail closed)."""
    rendered = []
    for number, raw in chunk:
        record = Record(line=number, raw=raw)
        record.quarantine(errors.WORKER_FAILED, why)
        rendered.append(render(record, profile.report))
    return rendered


def run(redactor: Redactor | Profile, source: str | Path, output: str | Path,
        report: str | Path | None = None, quarantine: str | Path | None = None,
        progress: bool = False, workers: int = 1, key: bytes | None = None,
        opt_out_file: str | Path | None = None, manifest: str | Path | None = None,
        resume: bool = False, summary_file: str | Path | None = None) -> Summary:
    """Redact a JSONL or Parquet file (or `-`) into `output` (JSONL, or Parquet by its name);
    return the checked summary.

    `redactor` is a Redactor, or a Profile (with the key) to build one from. With `workers` > 1
    the worker processes are forked from this one and use its engine: the model loads once.
    With `resume`, go on from the checkpoint a killed or interrupted run left, if it was started
    with the same input, profile, key, opt-outs and files (else a set-up error says what changed).
    `summary_file` gets the summary as JSON, finalised with the other files. Before any work the
    files are checked (see `redact.guards`) and the output is locked against other runs.
    """
    profile = redactor if isinstance(redactor, Profile) else redactor.profile
    if not isinstance(redactor, Profile):
        key, opt_out_file = redactor.engine.key, redactor.opt_out_file
    targets = {"output": output, "report": report, "quarantine": quarantine, "manifest": manifest,
               "summary": summary_file}
    check_run(profile, key, source, targets, resume)
    with OutputLock(output) if str(output) != "-" else nullcontext():
        checkpoints = Checkpoints.start(output, source, targets, profile, key, opt_out_file, resume)
        return _run(redactor, profile, source, targets, checkpoints, progress, workers, key, opt_out_file)


def _run(redactor: Redactor | Profile, profile: Profile, source: str | Path, targets: dict,
         checkpoints: Checkpoints, progress: bool, workers: int, key: bytes | None,
         opt_out_file: str | Path | None) -> Summary:
    """The run itself, once its files are checked, its output locked and its checkpoint loaded."""
    summary = Summary(profile.name, profile.content_hash(), workers=workers, versions=versions(profile))
    summary.key_fingerprint = key_fingerprint(key) if key else None
    started = time.perf_counter()
    with open_lines(source, checkpoints.lines) as (lines, rows):  # JSONL, or Parquet rows as JSON lines
        checkpoints.skip_done(lines, summary)
        chunks = _chunks(lines, checkpoints.digest)
        first = list(islice(chunks, 2))
        if len(first) < 2:  # a small input is done before worker processes would have started
            workers = summary.workers = 1
        sinks = Sinks(targets, resume=checkpoints.resumed is not None, rows=rows)
        sinks.resume_at(checkpoints.positions)
        if targets["manifest"] and checkpoints.resumed is None:
            sinks.files["manifest"].write(manifest_header(targets["output"], summary))
        pool, complete = None, False
        try:
            engine = Redactor(profile, key, opt_out_file) if isinstance(redactor, Profile) else redactor
            # The engine's objects (model, recognizers, word lists) live as long as the run: kept
            # out of the collector's full passes, which otherwise walk them all, and out of the
            # pages forked workers would copy when a collection touches them.
            gc.freeze()
            if workers > 1:
                from redact.workers import WorkerPool

                pool = WorkerPool(engine, workers, lambda chunk, why: lost_chunk(profile, chunk, why))
                results = pool.map(chain(first, chunks))
            else:
                results = (redact_chunk(engine, chunk) for chunk in chain(first, chunks))
            for rendered_chunk in _progress(results, progress, summary.read):
                _write_chunk(rendered_chunk, sinks, summary)
                checkpoints.save(sinks, summary)
            summary.check()
            summary.seconds = time.perf_counter() - started
            sinks.write_summary(json.dumps(summary.as_dict(), indent=2).encode() + b"\n")
            complete = True
        finally:
            gc.unfreeze()
            if pool is not None:
                pool.close()
            sinks.close(complete)
    if complete:
        checkpoints.finish()
    return summary


def _write_chunk(rendered_chunk: list[Rendered], sinks: Sinks, summary: Summary) -> None:
    for rendered in rendered_chunk:
        summary.count(rendered)
        entry = manifest_entry(rendered, summary.written) if rendered.output is not None else None
        sinks.write(rendered, entry)


def _chunks(lines, digest: InputDigest):
    while chunk := list(islice(lines, LINES_PER_CHUNK)):
        digest.mark(chunk[-1][0])
        yield chunk


def _progress(chunks, enabled: bool, done: int):
    if not enabled:
        yield from chunks
        return
    from tqdm import tqdm

    with tqdm(unit=" rec", desc="redact", mininterval=0.5, initial=done) as bar:
        for chunk in chunks:
            bar.update(len(chunk))
            yield chunk
