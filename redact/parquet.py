"""Parquet in and out: `redact run posts.parquet -o out.parquet`.

Each row becomes the JSON object `redact run` would read from a JSONL line (dates and times as
ISO strings, decimals as strings; a file with a bytes column is refused before any work: no
recognizer reads bytes, and as base64 a name or an e-mail in them would go out unread), so a
Parquet run goes through the CLI's own reader, stages, report and quarantine, line N being row N.
The output row is the input row with every string taken from the redacted object and every other
value kept as it was read, written with the input's schema. Rows are read and written a batch at a
time, so memory stays flat. pyarrow is needed only here: `pip install 'redact[parquet]'`.
"""

from __future__ import annotations

import base64
import datetime
import decimal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from redact.errors import DamagedInput, RedactError
from redact.fields import FieldPolicy, MapPlaces, shown
from redact.keys import is_field_name
from redact.profile_record import RecordSpec
from redact.stages.read import numbered_lines, open_input

MAGIC = b"PAR1"
SUFFIX = ".parquet"
BATCH_ROWS = 1024


def _pyarrow():
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise RedactError("Parquet needs pyarrow: pip install 'redact[parquet]'") from None
    return pq


def is_parquet(source: str | Path) -> bool:
    """True for a `.parquet` name or a file that starts with Parquet's magic bytes."""
    if str(source) == "-":
        return False
    if str(source).endswith(SUFFIX):
        return True
    try:
        with open(source, "rb") as file:
            return file.read(4) == MAGIC
    except OSError:
        return False


class SourceRows:
    """The rows read from a Parquet input and not yet written: the output row of each is built
    from it (every value but the strings). One row is taken per record, in input order."""

    def __init__(self, schema):
        self.schema = schema
        self.maps = map_places(schema)
        self._rows: deque[dict] = deque()

    def add(self, row: dict) -> None:
        """Keep a row read until its record is written."""
        self._rows.append(row)

    def take(self) -> dict:
        """The next row in input order."""
        return self._rows.popleft()


@contextmanager
def open_lines(source: str | Path, tap: Callable[[Iterable[bytes]], Iterable[bytes]] = iter,
               spec: RecordSpec | None = None
               ) -> Iterator[tuple[Iterator[tuple[int, bytes]], SourceRows | None]]:
    """(numbered JSON lines, the Parquet rows behind them or None) for a JSONL or Parquet input.
    A JSONL input's raw lines pass through `tap` (the checkpoint's digest) on their way. A Parquet
    schema that could only be quarantined row by row is refused before the first row (with `spec`,
    the profile's record section, also columns of numbers it does not name)."""
    if not is_parquet(source):
        with open_input(source) as stream:
            yield numbered_lines(tap(stream), origin=stream), None
        return
    parquet_file = _open_parquet(source)
    odd = _odd_names(parquet_file.schema_arrow)
    if odd:
        parquet_file.close()
        raise RedactError(f"{source}: column name(s) that are not field names ({', '.join(odd)}; # is the "
                          f"column's position in the schema, from 1): a name may itself be personal data "
                          f"and the output would carry it; rename them first")
    binary = binary_columns(parquet_file.schema_arrow)
    if binary:
        parquet_file.close()
        raise RedactError(f"{source}: column(s) {', '.join(binary)} hold bytes, which redact cannot "
                          f"analyse (text in them would go out unread); drop them or cast them to "
                          f"strings before redacting")
    numbers = unlisted_number_columns(parquet_file.schema_arrow, spec) if spec else []
    if numbers:
        parquet_file.close()
        raise RedactError(f"{source}: column(s) {', '.join(numbers)} hold numbers the profile does not "
                          f"name: under record.unlisted: analyze every row holding one would be "
                          f"quarantined (unlisted_number); name each in record.keep_fields, "
                          f"identifier_fields or drop_fields")
    rows = SourceRows(parquet_file.schema_arrow)
    try:
        yield _numbered_rows(parquet_file, rows, source), rows
    finally:
        parquet_file.close()


def _open_parquet(source: str | Path):
    """The ParquetFile of `source`: DamagedInput (exit 5, as a damaged gzip file) when it starts
    as Parquet does but its footer cannot be read (a file cut short loses its footer, which comes
    last, so not one row can be read), RedactError (a set-up error) for a file that is not Parquet."""
    pq = _pyarrow()
    try:
        return pq.ParquetFile(source)
    except Exception as exc:
        if _starts_as_parquet(source):
            raise DamagedInput(_damage(source, 0, exc)) from None
        raise RedactError(f"{source}: not a Parquet file ({_first_line(exc)})") from None


def _starts_as_parquet(source: str | Path) -> bool:
    try:
        with open(source, "rb") as file:
            return file.read(4) == MAGIC
    except OSError:
        return False


def _schema_nodes(schema) -> list[tuple[str, Any]]:
    """(dotted path, Arrow type) of every column and struct field of a Parquet schema, however
    deep; a list's or a map's elements are reached under the list's own path."""
    import pyarrow as pa

    def walk(data_type, where: str, named: bool) -> Iterator[tuple[str, Any]]:
        if named:
            yield where, data_type
        if pa.types.is_struct(data_type):
            for i in range(data_type.num_fields):
                yield from walk(data_type.field(i).type, f"{where}.{data_type.field(i).name}", True)
        elif pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
            yield from walk(data_type.value_type, where, False)
        elif pa.types.is_map(data_type):
            yield from walk(data_type.key_type, where, False)
            yield from walk(data_type.item_type, where, False)
        elif not named:  # a list's or map's scalar elements
            yield where, data_type

    return [node for field in schema for node in walk(field.type, field.name, True)]


def map_places(schema) -> MapPlaces:
    """Where a schema's maps are, as plain data the read stage walks a row's JSON with
    (`redact.fields.map_keys`): None for a schema without maps."""
    import pyarrow as pa

    def places(data_type) -> MapPlaces:
        if pa.types.is_struct(data_type):
            fields = {data_type.field(i).name: places(data_type.field(i).type) for i in range(data_type.num_fields)}
            fields = {name: inner for name, inner in fields.items() if inner is not None}
            return ("struct", fields) if fields else None
        if pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
            inner = places(data_type.value_type)
            return ("list", inner) if inner is not None else None
        if pa.types.is_map(data_type):
            return ("map", places(data_type.item_type))
        return None

    return places(pa.struct(list(schema)))


def _odd_names(schema) -> list[str]:
    """The columns and struct fields whose names are not field names (they may be personal data),
    each shown as `#position path`, the path with such names as `<key>` (`#12 <key>`,
    `#3 meta.<key>`): never the name, but where a user of a wide table finds it."""
    odd = []
    for position, column in enumerate(schema, start=1):
        for path, _ in _schema_nodes([column]):
            if not all(is_field_name(part) for part in path.split(".")):
                odd.append(f"#{position} {shown(tuple(path.split('.')))}")
    return list(dict.fromkeys(odd))


def binary_columns(schema) -> list[str]:
    """The columns (dotted paths) of a Parquet schema that hold bytes, however deep."""
    import pyarrow as pa

    binary = (pa.types.is_binary, pa.types.is_large_binary, pa.types.is_fixed_size_binary)
    return sorted({path for path, data_type in _schema_nodes(schema) if any(is_(data_type) for is_ in binary)})


def unlisted_number_columns(schema, spec: RecordSpec) -> list[str]:
    """The columns and struct fields (dotted paths) of a Parquet schema that hold numbers no path of
    the profile names, when `record.unlisted` is `analyze`: every row with a number there would be
    quarantined as `unlisted_number` (fields.py), so the schema is refused up front, as Spark does."""
    if spec.unlisted != "analyze":
        return []
    policy = FieldPolicy(spec)
    found: list[str] = []

    def walk(data_type, at: tuple[str, ...]) -> None:
        if at in policy.roles:
            return
        if at in policy.inner:  # on the way to listed paths: its own fields may be unlisted
            inside = _list_element(data_type)
            if _pa().types.is_struct(inside):
                for i in range(inside.num_fields):
                    walk(inside.field(i).type, at + (inside.field(i).name,))
                return
            if policy.inner[at]:
                return  # a text path through a scalar: field_not_text, not this check's
        if _holds_number(data_type):
            found.append(shown(at, ".".join))

    for column in schema:
        walk(column.type, (column.name,))
    return found


def _pa():
    import pyarrow as pa

    return pa


def _list_element(data_type):
    """The element type of a list (however nested), or the type itself: JSON reads lists through."""
    pa = _pa()
    while pa.types.is_list(data_type) or pa.types.is_large_list(data_type) or pa.types.is_fixed_size_list(data_type):
        data_type = data_type.value_type
    return data_type


def _holds_number(data_type) -> bool:
    """True when an Arrow type holds an integer or a float anywhere (booleans are not numbers to
    the field policy; decimals and dates are read as strings)."""
    pa = _pa()
    if pa.types.is_dictionary(data_type):
        return _holds_number(data_type.value_type)
    if pa.types.is_integer(data_type) or pa.types.is_floating(data_type):
        return True
    return any(_holds_number(data_type.field(i).type) for i in range(data_type.num_fields))


def _numbered_rows(parquet_file, rows: SourceRows, source: str | Path) -> Iterator[tuple[int, bytes]]:
    """(row number, the row as a JSON line) for every row; a row group that cannot be read (a
    damaged page) raises DamagedInput, naming the file and the last row read whole. Rows are read
    row group by row group (batches never span two), so every row before the damage is read and
    the row named is exact."""
    number = 0
    for group in range(parquet_file.num_row_groups):
        for row in _group_rows(parquet_file, group, source, number):
            number += 1
            rows.add(row)
            yield number, row_json(row)


def _group_rows(parquet_file, group: int, source: str | Path, rows_before: int) -> Iterator[dict]:
    """The rows of one row group, a batch at a time; DamagedInput when a batch cannot be read."""
    import pyarrow as pa

    batches = parquet_file.iter_batches(batch_size=BATCH_ROWS, row_groups=[group])
    read = rows_before
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (OSError, pa.ArrowException) as exc:
            raise DamagedInput(_damage(source, read, exc)) from None
        read += batch.num_rows
        yield from batch.to_pylist()


def _damage(source: str | Path, rows_read: int, exc: BaseException) -> str:
    """The one line a damaged Parquet input fails its run with."""
    where = f"after row {rows_read}" if rows_read else "before its first row"
    return f"{source}: damaged Parquet input {where} ({_first_line(exc)})"


def _first_line(exc: BaseException) -> str:
    """An exception's message on one line (pyarrow's run over several)."""
    return " ".join(str(exc).split()) or type(exc).__name__


def row_json(row: dict) -> bytes:
    """A Parquet row as the JSON line `redact run` reads."""
    return orjson.dumps(row, default=_json_value)


def _json_value(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (decimal.Decimal, datetime.timedelta)):
        return str(value)
    if isinstance(value, datetime.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form")


def merged_row(original: Any, redacted: Any) -> Any:
    """`original` with each string replaced by the one at the same place in `redacted`: text is
    taken from the redacted object, every other value (dates, numbers, bytes) as it was read
    unless the profile changed it. A field the profile dropped (absent from `redacted`) is null;
    a value it changed (a pseudonymised id) is the new value: never the original (fail closed)."""
    if isinstance(original, str):
        return redacted
    if isinstance(original, dict) and isinstance(redacted, dict):
        return {name: merged_row(value, redacted[name]) if name in redacted else None
                for name, value in original.items()}
    if isinstance(original, (list, tuple)) and isinstance(redacted, list):
        merged = [merged_row(value, new) for value, new in zip(original, redacted)]
        # A map's entries are read as (key, value) tuples, which JSON makes lists; Arrow writes a
        # map back only from tuples.
        if isinstance(original, tuple):
            return tuple(merged)
        return distinct_keys(merged) if merged and all(isinstance(e, tuple) for e in original) else merged
    if isinstance(original, (dict, list, tuple)) or redacted == _as_read(original):
        return original  # kept: the value as read, not its JSON form (dates, bytes, decimals)
    return redacted


def distinct_keys(entries: list) -> list:
    """A map's (key, value) entries with keys redacted alike told apart (`<PERSON>`,
    `<PERSON> (2)`): a map's keys must be unique (Parquet, Spark), and no entry may be lost nor a
    key written as it was read."""
    seen: dict[Any, int] = {}
    distinct = []
    for key, value in entries:
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1 and isinstance(key, str):
            while f"{key} ({seen[key]})" in seen:
                seen[key] += 1
            key = f"{key} ({seen[key]})"
            seen[key] = 1
        distinct.append((key, value))
    return distinct


def _as_read(value: Any) -> Any:
    """A value as the redacted object holds it when nothing changed it: its JSON form."""
    return orjson.loads(orjson.dumps(value, default=_json_value))


class ParquetSink:
    """The output as Parquet: the Parquet input's schema (a JSONL input is refused up front), written a
    batch of rows at a time. Takes every processed record, in order, through `write_record`."""

    def __init__(self, path: str | Path, rows: SourceRows | None):
        self.path, self.rows = Path(path), rows
        self.schema = rows.schema if rows else None
        self._pending: list[dict] = []
        self._writer: Any = None  # a pyarrow.parquet.ParquetWriter once the first batch is in
        _pyarrow()

    def write_record(self, rendered) -> None:
        """Buffer one record's output row (none for a quarantined or dropped record)."""
        original = self.rows.take() if self.rows else None
        if rendered.output is None:
            return
        redacted = orjson.loads(rendered.output)
        self._pending.append(merged_row(original, redacted) if original is not None else redacted)
        if len(self._pending) >= BATCH_ROWS:
            self._flush_rows()

    def _flush_rows(self) -> None:
        import pyarrow as pa

        pq = _pyarrow()
        if not self._pending and self._writer is not None:
            return
        try:
            table = pa.Table.from_pylist(self._pending, schema=self.schema)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            raise RedactError(f"{self.path}: rows do not fit the Parquet schema of the first "
                              f"batch ({exc}); write JSONL instead") from None
        if self._writer is None:
            self.schema = table.schema
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.path, self.schema)
        self._writer.write_table(table)
        self._pending = []

    def mark(self) -> None:
        """No position to record: rows are written a batch at a time, and a Parquet file cannot
        be cut back to a checkpoint (`--resume` refuses Parquet)."""
        return None

    def cut(self, size: int) -> None:
        """Never called: a run with a Parquet file is refused `--resume` before it starts."""
        raise RedactError("a Parquet output cannot be resumed")

    def finish(self) -> None:
        """Write the last rows and the file's footer."""
        self._flush_rows()
        self._writer.close()
