"""Read: bytes of a JSONL line -> Record, with its id and text fields, or quarantined with a reason."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from redact import errors, jsonline
from redact.errors import DamagedInput
from redact.profile import RecordSpec
from redact.record import Record, TextField

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def open_input(source: str | Path) -> IO[bytes]:
    """Open a JSONL file or `-` (stdin) for reading, decompressing gzip or zstd when the magic
    bytes say so (whatever the file's name)."""
    raw = sys.stdin.buffer if str(source) == "-" else open(source, "rb")
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    head = buffered.peek(4)[:4]
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
        except (OSError, EOFError, zlib.error, *_zstd_errors()) as exc:
            raise DamagedInput(_damage(origin or stream, number, exc)) from None
        number += 1
        yield number, line.rstrip(b"\r\n")


def _damage(stream: Any, lines_read: int, exc: BaseException) -> str:
    name = getattr(stream, "source", None) or getattr(stream, "name", "input")
    kind = getattr(stream, "compression", None)
    what = f"damaged {kind} input" if kind else "input could not be read"
    where = f"after line {lines_read}" if lines_read else "before its first line"
    return f"{name}: {what} {where} ({str(exc) or type(exc).__name__})"


def _zstd_errors() -> tuple[type[BaseException], ...]:
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a dependency; without it no zstd input opens
        return ()
    return (zstandard.ZstdError,)


class Read:
    """Parse each line and find the fields to redact; a line that cannot be used is quarantined."""

    def __init__(self, spec: RecordSpec):
        self.spec = spec

    def run(self, lines: Iterator[tuple[int, bytes]]) -> Iterator[Record]:
        """One Record per input line, in order."""
        for number, raw in lines:
            yield self.parse(number, raw)

    def parse(self, number: int, raw: bytes) -> Record:
        """A Record for one line: parsed, or quarantined with the reason."""
        record = Record(line=number, raw=raw)
        try:
            data = jsonline.loads(raw)
        except jsonline.LineError as exc:
            record.quarantine(exc.reason, exc.detail)
            return record
        return self.fill(record, data)

    def fill(self, record: Record, data: Any) -> Record:
        """Check an already parsed object and set the record's id and text fields."""
        if not isinstance(data, dict):
            record.quarantine(errors.NOT_OBJECT, f"a JSON {type(data).__name__}, not an object")
            return record
        record.data = data
        record_id = _get_path(data, self.spec.id_field.split("."))
        if record_id is None:
            record.quarantine(errors.MISSING_ID, f"no '{self.spec.id_field}'")
            return record
        if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
            record.quarantine(errors.BAD_ID, f"'{self.spec.id_field}' is a {jsonline.json_type(record_id)}")
            return record
        record.id = str(record_id)
        try:
            record.fields = self.text_fields(data)
        except FieldError as exc:
            record.quarantine(exc.reason, str(exc))
        except RecursionError:  # lists in lists, as deep as the parser allows
            record.quarantine(errors.TOO_LARGE, "text fields nested too deep to follow")
        return record

    def text_fields(self, data: dict) -> list[TextField]:
        """Every string the profile's text_fields address, in path order."""
        found: list[TextField] = []
        for path in self.spec.text_fields:
            _collect(data, tuple(path.split(".")), (), found)
        size = sum(len(text_field.text) for text_field in found)
        if size > self.spec.max_record_chars:
            raise FieldError(errors.TOO_LARGE, f"text fields hold {size} characters, more than "
                                               f"record.max_record_chars={self.spec.max_record_chars}")
        return found


class FieldError(Exception):
    """A configured field holds something other than text."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


def _collect(node: Any, rest: tuple[str, ...], where: tuple, found: list[TextField]) -> None:
    if isinstance(node, list):
        for i, item in enumerate(node):
            _collect(item, rest, where + (i,), found)
        return
    if not rest:
        if isinstance(node, str):
            found.append(TextField(path=where, text=node))
        elif node is not None:
            name = TextField(path=where, text="").name
            raise FieldError(errors.NOT_TEXT, f"{name} holds a {jsonline.json_type(node)}, not text")
        return
    if isinstance(node, dict) and rest[0] in node:
        _collect(node[rest[0]], rest[1:], where + (rest[0],), found)
    elif node is not None and not isinstance(node, dict):
        name = TextField(path=where, text="").name
        raise FieldError(errors.NOT_TEXT, f"{name} holds a {jsonline.json_type(node)}, not an object")


def _get_path(data: dict, keys: list[str]) -> Any:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node

