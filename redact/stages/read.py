"""Read: bytes of a JSONL line -> Record, with its id and every field given its role by the profile
(`redact/fields.py`), or quarantined with a reason."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from redact import errors
from redact.fields import FieldError, FieldPlan, FieldPolicy
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
    if head[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    if head == ZSTD_MAGIC:
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(buffered, closefd=True))
    return buffered


def numbered_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, line without its end-of-line) for every line of the stream."""
    for number, line in enumerate(stream, start=1):
        yield number, line.rstrip(b"\r\n")


class Read:
    """Parse each line and give every field its role; a line that cannot be used is quarantined."""

    def __init__(self, spec: RecordSpec):
        self.spec = spec
        self.policy = FieldPolicy(spec)

    def run(self, lines: Iterator[tuple[int, bytes]]) -> Iterator[Record]:
        """One Record per input line, in order."""
        for number, raw in lines:
            yield self.parse(number, raw)

    def parse(self, number: int, raw: bytes) -> Record:
        """A Record for one line: parsed, or quarantined with the reason."""
        record = Record(line=number, raw=raw)
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            if not _is_utf8(raw):
                record.quarantine(errors.NOT_UTF8, str(exc))
                return record
            try:  # valid JSON orjson refuses: integers beyond 64 bits
                data = json.loads(raw)
            except ValueError:
                record.quarantine(errors.NOT_JSON, str(exc) if raw.strip() else "blank line")
                return record
        return self.fill(record, data)

    def fill(self, record: Record, data: Any) -> Record:
        """Check an already parsed object and set the record's id, text fields, identifiers,
        removed paths and unlisted paths."""
        if not isinstance(data, dict):
            record.quarantine(errors.NOT_OBJECT, f"a JSON {type(data).__name__}, not an object")
            return record
        record.data = data
        record_id = _get_path(data, self.spec.id_field.split("."))
        if record_id is None:
            record.quarantine(errors.MISSING_ID, f"no '{self.spec.id_field}'")
            return record
        if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
            record.quarantine(errors.BAD_ID, f"'{self.spec.id_field}' is a {type(record_id).__name__}")
            return record
        record.id = str(record_id)
        try:
            self.set_fields(record, self.policy.plan(data))
        except FieldError as exc:
            record.quarantine(exc.reason, str(exc))
        return record

    def set_fields(self, record: Record, plan: FieldPlan) -> None:
        """Give the record its fields by the plan; raise FieldError when it cannot be processed."""
        record.unlisted = tuple(sorted(plan.unlisted))
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
        """Every string analysed in the object: its text fields, and the unlisted strings under
        `unlisted: analyze`. Raises FieldError as `fill` would quarantine."""
        fields = self.policy.plan(data).fields
        self._check_size(fields)
        return fields

    def _check_size(self, fields: list[TextField]) -> None:
        size = sum(len(text_field.text) for text_field in fields)
        if size > self.spec.max_record_chars:
            raise FieldError(errors.TOO_LARGE, f"text fields hold {size} characters, more than "
                                               f"record.max_record_chars={self.spec.max_record_chars}")


def _get_path(data: dict, keys: list[str]) -> Any:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
