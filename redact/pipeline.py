"""The pipeline: the ordered list of stages every record goes through, and a whole run.

    read -> consent -> identify -> analyze -> resolve -> anonymize -> write

`Pipeline` builds the stages a profile needs (consent only with consent rules, identify only with
languages) and runs records through them, noting on each record the stages it passed for the
summary's per-stage counts; `redact_chunk` is the unit of work of every worker; `run` checks a run's
set-up and files before any work, then reads, redacts and writes, and checks the summary's
accounting (read = written + quarantined + dropped).
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import ClassVar

from tqdm import tqdm

from redact import errors
from redact.checkpoint import Checkpoints, InputDigest, Targets
from redact.engine import Engine
from redact.guards import check_run, check_setup, written_files
from redact.language import preload
from redact.locks import run_locks
from redact.manifest import manifest_entry, manifest_header
from redact.operators import key_fingerprint
from redact.parquet import open_lines
from redact.profile import Profile
from redact.record import Record
from redact.stages.analyze import Analyze
from redact.stages.anonymize import Anonymize
from redact.stages.consent import Consent
from redact.stages.language import Identify
from redact.stages.read import Read
from redact.stages.resolve import Resolve
from redact.stages.write import LABELS, Rendered, Sinks, Write, render
from redact.summary import Summary, versions
from redact.workers import Chunk, WorkerPool

__all__ = ["LINES_PER_CHUNK", "Pipeline", "Pipelines", "Summary", "redact_chunk", "run"]

LINES_PER_CHUNK = 256
RecordStage = Consent | Identify | Analyze | Resolve | Anonymize
# How the summary names each stage.
STAGE_NAMES: dict[type, str] = {Read: "read", Consent: "consent", Identify: "identify",
                                Analyze: "analyze", Resolve: "resolve", Anonymize: "anonymize",
                                Write: "write"}


class Pipeline:
    """The stages one profile needs, in order, with the engine they share. Build it once per
    process: it loads the model. (`redact.Redactor` adds the library's conveniences.)"""

    def __init__(self, profile: Profile, key: bytes | None = None,
                 opt_out_file: str | Path | None = None):
        check_setup(profile, key, opt_out_file)
        self.profile = profile
        self.opt_out_file = opt_out_file
        loading = preload() if profile.languages else None
        self.engine = Engine(profile, key)
        if loading is not None:
            loading.join()
        self.reader = Read(profile.record)
        self.record_stages: list[RecordStage] = [
            *([Consent(profile.consent, opt_out_file, profile.record.comment_author_fields,
                       self.reader.fill)] if profile.consent else []),
            *([Identify(profile)] if profile.languages else []),
            Analyze(self.engine), Resolve(profile.propagate), Anonymize(self.engine)]
        self.writer = Write(profile.report, profile.record.author_field, self.engine.key,
                            profile.record.comment_author_fields)

    @property
    def stages(self) -> list[RecordStage | Write]:
        """The stages after read, in order: write is the last."""
        return [*self.record_stages, self.writer]

    def opt_outs_loaded(self) -> int | None:
        """How many member ids the run's opt-out sources hold (None without any)."""
        consent = next((stage for stage in self.record_stages if isinstance(stage, Consent)), None)
        return consent.opt_outs.loaded() if consent else None

    @property
    def stage_names(self) -> list[str]:
        """Every stage's name, read first, as the summary counts them."""
        return [STAGE_NAMES[type(stage)] for stage in (self.reader, *self.stages)]

    def read(self, lines: Iterable[tuple[int, bytes]]) -> Iterator[Record]:
        """The read stage: a Record for each numbered line."""
        return _traced(STAGE_NAMES[Read], self.reader.run(iter(lines)))

    def process(self, records: Iterator[Record],
                skip: tuple[type, ...] = ()) -> Iterator[Record]:
        """Records through every stage after read but write (but those of the types in `skip`)."""
        for stage in self.record_stages:
            if not isinstance(stage, skip):
                records = _traced(STAGE_NAMES[type(stage)], stage.run(records))
        return records

    def redact(self, records: Iterator[Record]) -> Iterator[Rendered]:
        """Records through every stage after read, write included: their rendered lines."""
        return self.writer.run(self.process(records))


def _traced(name: str, records: Iterator[Record]) -> Iterator[Record]:
    """The stage's output, each record noting that it left the stage (see `Record.leave`)."""
    for record in records:
        record.leave(name)
        yield record


def redact_chunk(pipeline: Pipeline, chunk: Chunk) -> list[Rendered]:
    """Read, process and render a chunk of numbered lines: the unit of work of every worker.

    A line that raises past every stage's own guard is found by doing the chunk again line by
    line, and quarantined as `not_processed`: one line never stops a run."""
    try:
        return list(pipeline.redact(pipeline.read(chunk)))
    except Exception:
        return [rendered for line in chunk for rendered in _redact_alone(pipeline, line)]


def _redact_alone(pipeline: Pipeline, line: tuple[int, bytes]) -> list[Rendered]:
    try:
        return list(pipeline.redact(pipeline.read([line])))
    except Exception as exc:
        record = Record(line=line[0], raw=line[1])
        record.quarantine(errors.NOT_PROCESSED, f"{type(exc).__name__} while processing the line")
        return [render(record, pipeline.profile.report)]


def lost_chunk(profile: Profile, chunk: Chunk, why: str) -> list[Rendered]:
    """Quarantine every line of a chunk that could not be processed (fail closed)."""
    rendered = []
    for number, raw in chunk:
        record = Record(line=number, raw=raw)
        record.quarantine(errors.WORKER_FAILED, why)
        rendered.append(render(record, profile.report))
    return rendered


class Pipelines:
    """Pipelines by (profile hash, key digest), each built on first use from a job's plain data:
    how Spark executors and `datasets.map` workers, which receive their work pickled for each task,
    load a profile's model once per process.

    Only those worker-side entry points use `Pipelines.of_this_process()`, the one cache a process
    keeps across tasks (Spark reuses its Python workers); a caller may hold its own instead.
    """

    _this_process: ClassVar[Pipelines | None] = None

    def __init__(self) -> None:
        self.built: dict[tuple[str, str], Pipeline] = {}

    @classmethod
    def of_this_process(cls) -> Pipelines:
        """The cache this process keeps for the tasks it runs (made on first use)."""
        if cls._this_process is None:
            cls._this_process = cls()
        return cls._this_process

    def get(self, profile_data: dict, profile_hash: str, key: bytes | None) -> Pipeline:
        """The Pipeline for a profile (as dumped to JSON data, and its hash) and key."""
        cache_key = (profile_hash, hashlib.sha256(key).hexdigest() if key else "")
        if cache_key not in self.built:
            self.built[cache_key] = Pipeline(Profile.model_validate(profile_data), key)
        return self.built[cache_key]


def run(redactor: Pipeline | Profile, source: str | Path, output: str | Path,
        report: str | Path | None = None, quarantine: str | Path | None = None,
        progress: bool = False, workers: int = 1, key: bytes | None = None,
        opt_out_file: str | Path | None = None, manifest: str | Path | None = None,
        resume: bool = False, summary_file: str | Path | None = None) -> Summary:
    """Redact a JSONL or Parquet file (or `-`) into `output` (JSONL, or Parquet by its name);
    return the checked summary.

    `redactor` is a Pipeline (a Redactor), or a Profile (with the key) to build one from. With
    `workers` > 1 the worker processes are forked from this one and use its engine: the model
    loads once. With `resume`, go on from the checkpoint a killed or interrupted run left, if it was started
    with the same input, profile, key, opt-outs and files (else a set-up error says what changed).
    `summary_file` gets the summary as JSON, finalised with the other files. Before any work the
    key, the opt-out list and the files are checked (see `redact.guards`), and every file the run
    writes is locked against other runs (`redact.locks`): the CLI and library callers get the same
    guards.
    """
    profile = redactor if isinstance(redactor, Profile) else redactor.profile
    if not isinstance(redactor, Profile):
        key, opt_out_file = redactor.engine.key, redactor.opt_out_file
    targets: Targets = {"output": output, "report": report, "quarantine": quarantine,
                        "manifest": manifest, "summary": summary_file}
    check_setup(profile, key, opt_out_file)
    check_run(profile, key, source, targets, resume, opt_out_file)
    with run_locks(written_files(targets), LABELS):
        checkpoints = Checkpoints.start(output, source, targets, profile, key, opt_out_file, resume)
        return _run(redactor, profile, source, output, targets, checkpoints, progress, workers, key,
                    opt_out_file)


def _run(redactor: Pipeline | Profile, profile: Profile, source: str | Path, output: str | Path,
         targets: Targets, checkpoints: Checkpoints, progress: bool, workers: int, key: bytes | None,
         opt_out_file: str | Path | None) -> Summary:
    """The run itself, once its files are checked and locked and its checkpoint loaded."""
    summary = Summary(profile.name, profile.content_hash(), workers=workers, versions=versions(profile))
    summary.key_fingerprint = key_fingerprint(key) if key else None
    started = time.perf_counter()
    with open_lines(source, checkpoints.lines, profile.record) as (lines, rows):  # JSONL, or Parquet rows
        checkpoints.skip_done(lines, summary)
        chunks = _chunks(lines, checkpoints.digest)
        first = list(islice(chunks, 2))
        if len(first) < 2:  # a small input is done before worker processes would have started
            workers = summary.workers = 1
        sinks = Sinks(targets, resume=checkpoints.resumed is not None, rows=rows)
        sinks.resume_at(checkpoints.positions)
        if targets["manifest"] and checkpoints.resumed is None:
            sinks.files["manifest"].write(manifest_header(output, summary))
        pool, complete = None, False
        try:
            pipeline = Pipeline(profile, key, opt_out_file) if isinstance(redactor, Profile) else redactor
            pipeline.reader.read_maps(rows.maps if rows else None)  # a Parquet map's keys are keys
            summary.expect(pipeline.stage_names)
            summary.opt_outs = pipeline.opt_outs_loaded()
            # The engine's objects (model, recognizers, word lists) live as long as the run: kept
            # out of the collector's full passes, which otherwise walk them all, and out of the
            # pages forked workers would copy when a collection touches them.
            gc.freeze()
            if workers > 1:
                pool = WorkerPool(partial(redact_chunk, pipeline), workers, partial(lost_chunk, profile))
                results = pool.map(chain(first, chunks))
            else:
                results = (redact_chunk(pipeline, chunk) for chunk in chain(first, chunks))
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
        checkpoints.closing(sinks.sizes())
        sinks.rename()
        checkpoints.finish()
    return summary


def _write_chunk(rendered_chunk: list[Rendered], sinks: Sinks, summary: Summary) -> None:
    for rendered in rendered_chunk:
        summary.count(rendered)
        entry = manifest_entry(rendered, summary.written) if rendered.output is not None else None
        sinks.write(rendered, entry)


def _chunks(lines: Iterator[tuple[int, bytes]], digest: InputDigest) -> Iterator[Chunk]:
    while chunk := list(islice(lines, LINES_PER_CHUNK)):
        digest.mark(chunk[-1][0])
        yield chunk


def _progress(chunks: Iterable[list[Rendered]], enabled: bool,
              done: int) -> Iterator[list[Rendered]]:
    if not enabled:
        yield from chunks
        return
    with tqdm(unit=" rec", desc="redact", mininterval=0.5, initial=done) as bar:
        for chunk in chunks:
            bar.update(len(chunk))
            yield chunk
