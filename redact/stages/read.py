"""Read: bytes of a JSONL line -> Record, with its id and every field given its role by the profile
(`redact/fields.py`), or quarantined with a reason."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from redact import errors, jsonline
from redact.errors import DamagedInput, RedactError
from redact.fields import FieldError, FieldPlan, FieldPolicy, MapPlaces, bounded
from redact.profile import RecordSpec
from redact.record import Record, TextField, value_at

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
PARQUET_MAGIC = b"PAR1"
# What gzip says when a member's CRC or length check, at its end, fails.
END_CHECKS = ("CRC check failed", "Incorrect length of data produced")


def open_input(source: str | Path) -> IO[bytes]:
    """Open a JSONL file or `-` (stdin) for reading, decompressing gzip or zstd when the magic
    bytes say so (whatever the file's name)."""
    raw = sys.stdin.buffer if str(source) == "-" else open(source, "rb")  # noqa: SIM115 (the caller closes it)
    # Else stdin's buffer is some other BufferedIOBase (a BytesIO under a test runner): typeshed's
    # BinaryIO, as it types sys.stdin.buffer, has no readinto.
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(io.BufferedIOBase, raw))
    head = buffered.peek(4)[:4]
    if head == PARQUET_MAGIC:  # a path is told apart before this; a pipe cannot be (no footer)
        raise RedactError(f"{'stdin' if str(source) == '-' else source}: this is Parquet, which "
                          f"is read from a file (its footer comes last), not a pipe: give its path")
    stream: Any = buffered
    stream.compression = None
    if head[:2] == GZIP_MAGIC:
        stream = gzip.GzipFile(fileobj=buffered, mode="rb")
        stream.compression = "gzip"
    elif head == ZSTD_MAGIC:
        import zstandard

        stream = io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(buffered, closefd=True))
        stream.compression = "zstd"
    stream.source = "stdin" if str(source) == "-" else str(source)  # named in a damaged input's error
    return stream


def numbered_lines(stream: Iterable[bytes], origin: IO[bytes] | None = None) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, line without its end-of-line) for every line of the stream.

    A stream that cannot be read to its end (a truncated or damaged gzip or zstd file, a failing
    disk) raises DamagedInput, which says which file (`origin`, the file `stream` reads from when
    it is a wrapper around it) and after which line."""
    number = 0
    lines = iter(stream)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except _read_errors() as exc:
            raise DamagedInput(_damage(origin or stream, number, exc)) from None
        number += 1
        yield number, line.rstrip(b"\r\n")


def _damage(stream: Any, lines_read: int, exc: BaseException) -> str:
    name = getattr(stream, "source", None) or getattr(stream, "name", "input")
    kind = getattr(stream, "compression", None)
    what = f"damaged {kind} input" if kind else "input could not be read"
    where = f"after line {lines_read}" if lines_read else "before its first line"
    if isinstance(exc, gzip.BadGzipFile) and lines_read and str(exc).startswith(END_CHECKS):
        # The check at a member's end: the damage may lie anywhere in the lines of that member.
        where = f"at the check after line {lines_read} (lines up to it may be damaged)"
    return f"{name}: {what} {where} ({str(exc) or type(exc).__name__})"


def _read_errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged or unreadable input raises."""
    return (OSError, EOFError, zlib.error, *_zstd_errors())


def _zstd_errors() -> tuple[type[BaseException], ...]:
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a dependency; without it no zstd input opens
        return ()
    return (zstandard.ZstdError,)


class Read:
    """Parse each line and give every field its role; a line that cannot be used is quarantined."""

    def __init__(self, spec: RecordSpec):
        self.spec = spec
        self.policy = FieldPolicy(spec)
        self.maps: MapPlaces = None  # where a Parquet input's maps are (Spark's are only dropped)

    def read_maps(self, maps: MapPlaces) -> None:
        """Judge the keys of the maps at `maps` (`redact.parquet.map_places`) as keys in the rows
        read from now on (None: an input without maps, as JSONL)."""
        self.maps = maps

    def run(self, lines: Iterator[tuple[int, bytes]]) -> Iterator[Record]:
        """One Record per input line, in order."""
        for number, raw in lines:
            yield self.parse(number, raw)

    def parse(self, number: int | None, raw: bytes) -> Record:
        """A Record for one line: parsed, or quarantined with the reason."""
        record = Record(line=number, raw=raw)
        try:
            data = jsonline.loads(raw)
        except jsonline.LineError as exc:
            record.quarantine(exc.reason, exc.detail)
            return record
        return self.fill(record, data)

    def fill(self, record: Record, data: Any) -> Record:
        """Check an already parsed object and set the record's id, text fields, identifiers,
        removed paths and unlisted paths."""
        if not isinstance(data, dict):
            record.quarantine(errors.NOT_OBJECT, f"a JSON {jsonline.json_type(data)}, not an object")
            return record
        record.data = data
        record_id = value_at(data, self.spec.id_field)
        if record_id is None:
            record.quarantine(errors.MISSING_ID, f"no '{self.spec.id_field}'")
            return record
        if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
            record.quarantine(errors.BAD_ID, f"'{self.spec.id_field}' is a {jsonline.json_type(record_id)}")
            return record
        if isinstance(record_id, str) and not record_id.strip():
            record.quarantine(errors.BAD_ID, f"'{self.spec.id_field}' is empty")
            return record
        record.id = str(record_id)
        try:
            self.set_fields(record, self.policy.plan(data, self.maps))
        except FieldError as exc:
            record.quarantine(exc.reason, str(exc))
        except RecursionError:  # lists in lists, as deep as the parser allows
            record.quarantine(errors.TOO_LARGE, "text fields nested too deep to follow")
        return record

    def fill_object(self, record: Record, data: Any) -> Record:
        """`fill` for an object a program built (the library's), read as its JSON line would be
        (jsonline.from_python): a str subclass as str; one that is not JSON (a key that is not a
        string, NaN, a set, bytes, a tuple, a Timestamp) is quarantined as `not_json`, a lone
        surrogate as `not_utf8`."""
        try:
            data = jsonline.from_python(data)
        except jsonline.LineError as exc:
            record.quarantine(exc.reason, exc.detail)
            return record
        except RecursionError:  # the copy of an object with a str subclass, lists in lists
            record.quarantine(errors.TOO_LARGE, "nested too deep to follow")
            return record
        return self.fill(record, data)

    def set_fields(self, record: Record, plan: FieldPlan) -> None:
        """Give the record its fields by the plan; raise FieldError when it cannot be processed."""
        record.unlisted = bounded(sorted(plan.unlisted))
        if plan.problem:
            raise plan.problem
        if plan.unlisted and self.spec.unlisted == "quarantine":
            raise FieldError(errors.UNLISTED_FIELD, f"fields the profile does not name: "
                                                    f"{', '.join(record.unlisted)}")
        if not any(text_field.listed for text_field in plan.fields):
            raise FieldError(errors.NO_TEXT_FIELDS, f"none of record.text_fields "
                                                    f"({', '.join(self.spec.text_fields)}) holds text")
        self._check_size(plan.fields)
        record.fields, record.identifiers, record.removed = plan.fields, plan.identifiers, plan.removed

    def text_fields(self, data: dict) -> list[TextField]:
        """Every string analysed in the object: its text fields, the strings inside kept objects
        and lists, and the unlisted strings under `unlisted: analyze`. Raises FieldError as `fill`
        would quarantine."""
        fields = self.policy.plan(data).fields
        self._check_size(fields)
        return fields

    def _check_size(self, fields: list[TextField]) -> None:
        size = sum(len(text_field.text) for text_field in fields)
        if size > self.spec.max_record_chars:
            raise FieldError(errors.TOO_LARGE, f"text fields hold {size} characters, more than "
                                               f"record.max_record_chars={self.spec.max_record_chars}")
