"""Write: render each record into the bytes of its output, report and quarantine lines.

Rendering happens where the record was processed (in a worker process, with --workers), and the
parent only writes bytes in input order, so every worker count gives byte-identical files.
"""

from __future__ import annotations

import base64
import gzip
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import orjson

from redact import errors, jsonline
from redact.errors import WriteFailed
from redact.languages import uncovered_languages
from redact.manifest import member_digest
from redact.parquet import ParquetSink
from redact.profile import ReportSpec
from redact.record import CLEAN, PENDING, QUARANTINED, REDACTED, Record, items_at
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
    unlisted: tuple[str, ...] = ()  # paths the profile does not name, for the summary
    languages: tuple[str, ...] = ()  # each identified field's language
    uncovered: tuple[str, ...] = ()  # the languages of fields the profile does not cover
    trace: tuple[tuple[str, int], ...] = ()  # (stage, findings) for each stage entered live
    stopped_by: str | None = None  # the stage that quarantined or dropped the record
    comments_dropped: tuple[str, ...] = ()  # the reason of each comment consent removed
    comment_authors: tuple[str, ...] = ()  # keyed digests of the written comments' authors


class Write:
    """The last stage: render each record into the bytes of its lines (see `render`), with the
    keyed digest of its author for the manifest. The run's `Sinks` write them, in input order."""

    name = "write"

    def __init__(self, spec: ReportSpec, author_field: str | None, key: bytes | None,
                 comment_author_fields: list[str] | None = None):
        self.spec = spec
        self.author_field = author_field
        self.key = key
        self.comment_author_fields = comment_author_fields or []

    def run(self, records: Iterator[Record]) -> Iterator[Rendered]:
        """Each record's Rendered lines, in order."""
        for record in records:
            rendered = render(record, self.spec, self.author_digest(record))
            record.leave(self.name)  # rendering quarantines a record it cannot write
            authors = self.comment_authors(record) if rendered.output is not None else ()
            yield replace(rendered, trace=tuple(record.trace), stopped_by=record.stopped_by,
                          comments_dropped=tuple(why for _, why in record.items_dropped),
                          comment_authors=authors)

    def comment_authors(self, record: Record) -> tuple[str, ...]:
        """The keyed digests of the authors of the record's comments (as written: consent has
        removed the others), each once, sorted, for the manifest; () without key or field."""
        if not (self.author_field and self.key and record.data):
            return ()
        digests = {member_digest(self.key, item.get(path.rsplit(".", 1)[1]))
                   for path in self.comment_author_fields for _, item in items_at(record.data, path)
                   if isinstance(item, dict)}
        return tuple(sorted(digest for digest in digests if digest))

    def author_digest(self, record: Record) -> str | None:
        """The keyed digest of a record's author id, folded as consent folds it, for the manifest
        (None without field, key or an id consent can fold)."""
        if not (self.author_field and self.key and record.data):
            return None
        return member_digest(self.key, record.data.get(self.author_field))


def quarantine_line(record: Record) -> dict:
    """A quarantine entry: where the line was, why, and the original line to fix and run again."""
    line = {"line": record.line, "id": record.id, "reason": record.reason, "detail": record.detail}
    try:
        line["raw"] = record.raw.decode("utf-8")
    except UnicodeDecodeError:
        line["raw_base64"] = base64.b64encode(record.raw).decode("ascii")
    return line


def render(record: Record, spec: ReportSpec, author_digest: str | None = None) -> Rendered:
    """The lines one record writes. Only a clean or redacted record has an output line.

    A record that cannot be rendered (a value no JSON can hold) is quarantined as `write_failed`
    and rendered again without its output: rendering never raises for one record."""
    try:
        return _render(record, spec, author_digest)
    except Exception as exc:
        record.quarantine(errors.WRITE_FAILED, f"{type(exc).__name__} while serialising")
        record.id = _writable(record.id)
        return _render(record, spec, None)


def _render(record: Record, spec: ReportSpec, author_digest: str | None) -> Rendered:
    output = None
    if record.status == PENDING:  # a stage let it through unfinished: fail closed
        record.quarantine(errors.NOT_PROCESSED, "no stage finished this record")
    if record.status in (CLEAN, REDACTED):
        try:
            output = jsonline.dumps(redacted_object(record)) + b"\n"
        except Exception as exc:
            record.quarantine(errors.WRITE_FAILED, f"{type(exc).__name__} while serialising")
    quarantine = None
    if record.status == QUARANTINED:
        quarantine = orjson.dumps(quarantine_line(record)) + b"\n"
    types = tuple(f.entity_type for tf in record.fields for f in tf.findings) if output else ()
    report = orjson.dumps(report_line(record, spec)) + b"\n"
    return Rendered(record.status, record.reason, types, output, report, quarantine,
                    record.id, author_digest if output else None, record.unlisted,
                    *field_languages(record))


def _writable(text: str | None) -> str | None:
    """`text` with what UTF-8 cannot hold (lone surrogates) written as `\\udXXX` escapes."""
    return None if text is None else text.encode("utf-8", "backslashreplace").decode("utf-8")


def field_languages(record: Record) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The identified languages of a record's fields, and the uncovered languages they hold."""
    identified = [f for f in record.fields if f.lang is not None]
    return (tuple(f.lang for f in identified if f.lang is not None),
            tuple(lang for f in identified for lang in uncovered_languages(f)))


PARTIAL = ".partial"
SINKS = ("output", "report", "quarantine", "manifest", "summary")
STDIO = "-"
# How a run's files are named in messages: the CLI's options, which library callers recognise too.
LABELS = {"input": "the input", "output": "--output", "report": "--report",
          "quarantine": "--quarantine", "manifest": "--manifest", "summary": "--summary"}


class Sinks:
    """The run's files, written under `NAME.partial` and renamed only once every one of them is
    flushed, synced and closed without error, the output last (see `rename`), so that an output
    under its final name means all its run's files are finished. `summary` (when given) is written
    once, by `write_summary`.

    An output named `*.parquet` is a `ParquetSink` (see redact.parquet); `rows` are the Parquet
    input's rows its output rows are built from.

    `positions()` and `resume_at()` let a checkpoint record how far each file is complete, and a
    resumed run cut each file back to that point before it goes on.
    """

    def __init__(self, targets: dict[str, str | Path | None], resume: bool = False, rows=None):
        self.targets = {name: target for name, target in targets.items() if target is not None}
        self.files = {name: _open(name, target, resume, rows) for name, target in self.targets.items()}

    def write(self, rendered: Rendered, manifest_line: bytes | None = None) -> None:
        """Write one record's lines; WriteFailed (naming the file) when a file cannot take them."""
        lines = {"output": rendered.output, "report": rendered.report,
                 "quarantine": rendered.quarantine, "manifest": manifest_line}
        name = None
        try:
            for name, line in lines.items():
                file = self.files.get(name)
                if isinstance(file, ParquetSink):  # every record: one row per input row
                    file.write_record(rendered)
                elif file is not None and line is not None:
                    file.write(line)
        except OSError as exc:
            raise self.failed(name, exc) from None

    def write_summary(self, summary: bytes) -> None:
        """Write the run summary, when the run has a summary file."""
        if "summary" in self.files:
            self.files["summary"].write(summary)

    def positions(self) -> dict[str, int]:
        """Flush, and give how many bytes of each file are complete (stdout has no position)."""
        sizes = {}
        for name, file in self.files.items():
            try:
                sizes[name] = file.mark()
            except OSError as exc:
                raise self.failed(name, exc) from None
        return {name: size for name, size in sizes.items() if size is not None}

    def failed(self, name: str | None, exc: OSError) -> WriteFailed:
        """The one-line error of a file that could not be written."""
        target = self.targets.get(name) if name else None
        where = "stdout" if str(target) == "-" else _partial(target)
        return WriteFailed(f"{where}: cannot write ({exc.strerror or exc}); the run stopped and "
                           f"left its files as {PARTIAL}")

    def resume_at(self, positions: dict[str, int]) -> None:
        """Cut each file back to a checkpoint's position: what came after it is written again."""
        for name, size in positions.items():
            self.files[name].cut(size)

    def close(self, complete: bool) -> None:
        """Close the files (flush stdout). When the run is complete, a file that failed to close
        raises (naming it): the files stay partial, `rename` is not called."""
        failure = None
        for name, file in self.files.items():
            try:
                file.finish()
            except OSError as exc:
                failure = failure or self.failed(name, exc)
        if complete and failure is not None:
            raise failure

    def sizes(self) -> dict[str, int]:
        """The size of each closed partial file (stdout has none)."""
        return {name: os.path.getsize(_partial(target)) for name, target in self.targets.items()
                if str(target) != STDIO}

    def rename(self) -> None:
        """Give the closed files their names: every other file first, the output last, each step
        synced to disk. So an output under its final name means every file of its run is final;
        a failure in between leaves the output `.partial`, with its checkpoint, to be resumed
        (see `redact.checkpoint.load`)."""
        files = [name for name, target in self.targets.items() if str(target) != STDIO]
        for step in ([name for name in files if name != "output"], [n for n in files if n == "output"]):
            for name in step:
                _rename(self.targets[name])
            _sync_folders([self.targets[name] for name in step])


def partial_paths(targets: dict[str, str | Path | None]) -> dict[str, str]:
    """Each file's partial name: where it is written until the run is complete."""
    return {name: _partial(target) for name, target in targets.items() if target is not None}


def _partial(target):
    if target is None or str(target) == "-":
        return target
    return f"{target}{PARTIAL}"


def _open(name: str, target, resume: bool, rows=None):
    """A sink file for `target`: stdout for `-`; else its partial file, kept (to be cut back) on
    resume; gzip or zstd when the target's name ends in .gz or .zst (never for the summary); an
    output named `*.parquet` is a ParquetSink, its rows built from the Parquet input's `rows`.
    A symbolic link at the partial file's name is replaced by a new file (a resumed run refuses
    one: see `redact.checkpoint`), so a run never writes through a link."""
    if str(target) == "-":
        return Stdout()
    if not resume and os.path.islink(_partial(target)):  # left there: replaced, never written through
        os.unlink(_partial(target))
    if name == "output" and str(target).endswith(".parquet"):
        return ParquetSink(_partial(target), rows)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    raw = _open_partial(_partial(target), resume)
    if name != "summary" and str(target).endswith(".gz"):
        return GzipMembers(raw)
    if name != "summary" and str(target).endswith(".zst"):
        return ZstdFile(raw)
    return PlainFile(raw)


def _open_partial(path: str, resume: bool) -> IO[bytes]:
    """A partial file opened for writing, never through a symbolic link (O_NOFOLLOW): kept as it
    is to be cut back on resume, else created empty."""
    flags = os.O_RDWR if resume else os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags | os.O_NOFOLLOW, 0o666)
    return open(fd, "r+b" if resume else "wb")  # noqa: SIM115 - the sink closes it


def _rename(target) -> None:
    try:
        Path(_partial(target)).replace(target)
    except OSError as exc:
        raise WriteFailed(f"{_partial(target)} -> {target}: cannot rename ({exc.strerror or exc}); "
                          f"the run's output is left as {PARTIAL}: run it again (--resume "
                          f"finishes it where its files can be resumed)") from None


def _sync_folders(targets) -> None:
    """Make the renames durable: sync each folder that now holds a finished file."""
    for folder in {Path(t).parent for t in targets if str(t) != "-"}:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sync_close(raw: IO[bytes]) -> None:
    """Flush a file, sync it to disk and close it (closed even when flushing fails)."""
    try:
        raw.flush()
        os.fsync(raw.fileno())
    finally:
        raw.close()


class PlainFile:
    """An uncompressed file."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw

    def write(self, data: bytes) -> None:
        """Append bytes."""
        self.raw.write(data)

    def mark(self) -> int:
        """Flush; the bytes complete so far."""
        self.raw.flush()
        return self.raw.tell()

    def cut(self, size: int) -> None:
        """Drop everything after `size` bytes and go on writing from there."""
        self.raw.seek(size)
        self.raw.truncate()

    def finish(self) -> None:
        """Flush, sync to disk and close."""
        try:
            self.mark()
        finally:
            _sync_close(self.raw)


class GzipMembers(PlainFile):
    """A gzip file written as one member per checkpoint (a series of members is one valid gzip
    file): at a checkpoint the member is closed, so the file's size is a point a resumed run can
    cut back to and go on from. Members carry no time and no name, so a resumed run's bytes are
    those of a run never interrupted."""

    def __init__(self, raw: IO[bytes]):
        super().__init__(raw)
        self.member: gzip.GzipFile | None = None

    def write(self, data: bytes) -> None:
        """Compress bytes into the current member (started on the first write after a mark)."""
        if self.member is None:
            self.member = self._member()
        self.member.write(data)

    def mark(self) -> int:
        """End the current member; the compressed bytes complete so far."""
        if self.member is not None:
            self.member.close()
            self.member = None
        return super().mark()

    def finish(self) -> None:
        """End the current member, sync and close. A file that got no line is one empty member:
        0 bytes is no valid gzip file. (Written at the end only, so a resumed run, cut back to
        0 bytes, ends with the same bytes as a run never interrupted.)"""
        try:
            if self.mark() == 0:
                self.member = self._member()
                self.mark()
        finally:
            _sync_close(self.raw)

    def _member(self) -> gzip.GzipFile:
        return gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0)


class ZstdFile(PlainFile):
    """A zstd file: one frame, flushed at each checkpoint (not resumable: `--resume` refuses it)."""

    def __init__(self, raw: IO[bytes]):
        import zstandard

        super().__init__(raw)
        self.stream = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)

    def write(self, data: bytes) -> None:
        """Compress bytes."""
        self.stream.write(data)

    def mark(self) -> int:
        """Flush what is compressed so far."""
        self.stream.flush()
        return super().mark()

    def finish(self) -> None:
        """End the frame, sync and close."""
        try:
            self.stream.close()
        finally:
            _sync_close(self.raw)


class Stdout:
    """Standard output: flushed, never closed, with no position to resume from."""

    def write(self, data: bytes) -> None:
        """Write bytes to stdout."""
        sys.stdout.buffer.write(data)

    def mark(self) -> None:
        """Flush; stdout has no position."""
        sys.stdout.buffer.flush()

    def finish(self) -> None:
        """Flush."""
        sys.stdout.buffer.flush()
