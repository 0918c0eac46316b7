"""`redact_dataframe`: redact a Spark DataFrame's text columns the way `redact run` redacts JSONL.

Each row becomes the JSON object `redact run` would read (every column but the kept ones, the line
column and Spark's corrupt-record column) and goes, in a Python worker, through the reader, stages
and write stage of the `Pipeline`, the CLI's own code path, so the profile's field roles hold here as
there: text analysed, identifiers pseudonymised or dropped, unlisted columns analysed, dropped or
quarantining the row. It comes back with every column but the kept ones taken from the redacted
JSON line (a dropped column is NULL), the report line as `redact_report` and the status as
`redact_status`. A quarantined or dropped row keeps only its kept columns (the id, keep_fields,
the line column); the others are NULL: no path writes a value that was not analysed and anonymised.

Everything is checked on the driver before the real job starts: the profile, the key, that every
column the profile reads exists with a type the JSON round trip keeps, and, with one tiny job,
that the executors' Python can import redact and load the profile's model. pyspark is needed by
this module only, so `import redact` never needs it: `pip install 'redact[spark]'`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
from pydantic import ValidationError

from redact import errors
from redact.engine import require_key
from redact.errors import MissingKey, Problem, ProfileError, RedactError
from redact.fields import DROP, KEEP, PSEUDONYMIZE, TEXT, FieldPolicy, shown
from redact.keys import is_field_name
from redact.operators import read_key
from redact.pipeline import Pipeline, Pipelines
from redact.profile import CONSENT_RULES, Profile, field_role_problems, load_profile
from redact.record import Record
from redact.stages.write import Rendered

try:
    import pyarrow as pa
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - the message is the point
    raise ImportError("redact.spark needs pyspark and pyarrow: pip install 'redact[spark]'") from exc

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.sql import DataFrame, SparkSession


REPORT_COLUMN = "redact_report"
STATUS_COLUMN = "redact_status"
KEY_CONF = "spark.redact.key"
EXECUTOR_KEY_CONF = "spark.executorEnv.REDACT_KEY"

# Types that survive Arrow -> Python -> JSON -> Python -> Arrow unchanged: a text column's value
# is rebuilt from the redacted JSON line, so it may only hold these (in arrays and structs).
ROUND_TRIP_TYPES = (T.StringType, T.BooleanType, T.ByteType, T.ShortType, T.IntegerType,
                    T.LongType, T.FloatType, T.DoubleType, T.NullType)
# Columns that are only read (id, consent fields) may also hold dates and times (ISO strings in JSON).
READ_ONLY_TYPES = ROUND_TRIP_TYPES + (T.DateType, T.TimestampType, T.TimestampNTZType)
# Unlisted values `unlisted: analyze` writes back: strings (analysed), booleans and null (kept).
STRING_TYPES = (T.StringType, T.BooleanType, T.NullType)
ID_TYPES = (T.StringType, T.ByteType, T.ShortType, T.IntegerType, T.LongType)

class SparkWorkersNotReady(RedactError):
    """Spark's Python workers cannot import redact or build the profile's Pipeline."""

    def __init__(self, python: str, error: str):
        super().__init__(
            f"Spark's Python workers ({python}) cannot run redact: {error}; set PYSPARK_PYTHON to a "
            f"Python that has redact and the profile's model installed (locally: "
            f"PYSPARK_PYTHON={sys.executable}), or on a cluster ship the packed environment "
            f"(--archives, see the README's Spark section)")


class SparkMissingKey(MissingKey):
    """A profile needs the secret key and the driver sees none: say where Spark takes it from."""

    def __init__(self, needed_by: str):
        RedactError.__init__(
            self, f"{needed_by} needs a secret key: pass key=..., or set the Spark conf "
            f"{KEY_CONF} or {EXECUTOR_KEY_CONF} (or REDACT_KEY in the driver's environment); "
            f"the key is never read from the profile")


@dataclass(frozen=True)
class Job:
    """What every task needs, shipped with the job: plain data, validated again in the worker."""

    profile_data: dict
    profile_hash: str
    key: bytes | None = field(repr=False)  # never in a plan's or a log's text
    read_columns: tuple[str, ...]  # the columns each row's JSON object is made of
    text_columns: tuple[str, ...]  # the columns written back from the redacted JSON: all but kept
    line_column: str | None
    corrupt_column: str | None  # Spark's column of lines it could not parse, when the frame has one


def redact_dataframe(df: DataFrame, profile: str | Path | dict | Profile,
                     fields: list[str] | None = None, id_col: str | None = None,
                     key: bytes | str | None = None, line_col: str | None = None) -> DataFrame:
    """The DataFrame with its text columns redacted, plus `redact_report` (the CLI's report line,
    JSON) and `redact_status` (`clean`, `redacted`, `quarantined` or `dropped`).

    `fields` (dotted paths, as in a profile's record.text_fields) and `id_col` default to the
    profile's. The key is `key`, else the Spark conf `spark.redact.key`, else
    `spark.executorEnv.REDACT_KEY`, else REDACT_KEY in the driver's environment. `line_col` names
    an integer column written as the report's `line` (null without it).
    Quarantined and dropped rows keep their other columns; their text columns are NULL.

    >>> out = redact_dataframe(posts, "default")
    >>> out.where("redact_status IN ('clean', 'redacted')").select("id", "text")
    """
    profile = _profile_for(profile, fields, id_col)
    key = _driver_key(df, key)
    _require_key(profile, key)
    corrupt = _corrupt_column(df)
    _, problems = _text_columns(df.schema, profile, explicit=fields is not None)
    rewritten, analysed, more = _rewritten_columns(df.schema, profile, (line_col, corrupt))
    read_columns, more2 = _read_columns(df.schema, profile, analysed)
    problems += more + more2 + _column_problems(df.schema, line_col)
    if problems:
        raise RedactError(f"redact_dataframe: {len(problems)} problem(s):\n"
                          + "\n".join(f"  - {p}" for p in problems))
    job = Job(profile.model_dump(mode="json"), profile.content_hash(),
              key if profile.needs_key() else None, read_columns, rewritten, line_col, corrupt)
    redact = partial(_redact_batches, job)
    redact.__name__ = "redact"  # type: ignore[attr-defined]  # plans and the Spark UI show it; typeshed's partial lacks it
    nulled = rewritten + ((corrupt,) if corrupt else ())
    with _local_worker_python(df.sparkSession):
        check_executors(df.sparkSession, job)
        return df.mapInArrow(redact, _output_schema(df.schema, nulled))


@contextlib.contextmanager
def _local_worker_python(session: SparkSession) -> Iterator[None]:
    """In local mode without PYSPARK_PYTHON, Spark starts its Python workers with `python3` from
    PATH, not the driver's virtualenv: when the driver runs from a virtualenv that holds redact,
    run this job's workers with the driver's Python instead. Spark takes the worker Python from
    the context when mapInArrow builds the plan, so the session's other jobs keep theirs."""
    context = _classic_context(session)
    if context is None or not _driver_python_fits(context):
        yield
        return
    before, context.pythonExec = context.pythonExec, sys.executable
    try:
        yield
    finally:
        context.pythonExec = before


def _classic_context(session: SparkSession) -> SparkContext | None:
    try:  # a Spark Connect session has no SparkContext
        return session.sparkContext
    except Exception:  # noqa: BLE001 - whatever Connect raises, there is nothing to set
        return None


def _driver_python_fits(context: SparkContext) -> bool:
    """Local mode, no worker Python chosen, and a driver virtualenv that holds redact."""
    chosen = "PYSPARK_PYTHON" in os.environ or context.pythonExec != "python3"
    if chosen or not (context.master or "").startswith("local") or sys.prefix == sys.base_prefix:  # pyspark: Optional
        return False
    try:
        installed = Path(str(distribution("redact").locate_file(""))).resolve()
    except PackageNotFoundError:  # redact on sys.path from a source tree: not this venv's
        return False
    return installed.is_relative_to(Path(sys.prefix).resolve())


def check_executors(session: SparkSession, job: Job) -> None:
    """Run one tiny job in which a Python worker imports redact and builds the job's Pipeline
    (profile, recognizers, model); raise SparkWorkersNotReady, one line, when it cannot."""
    check = partial(_check_batches, job)
    check.__name__ = "redact_check"  # type: ignore[attr-defined]  # typeshed's partial lacks it
    try:
        session.range(0, 1, 1, numPartitions=1).mapInArrow(check, "ready boolean").collect()
    except Exception as exc:  # noqa: BLE001 - any failure there means redact cannot run there
        raise SparkWorkersNotReady(_worker_python_name(session), _worker_error(exc)) from None


def _worker_python_name(session: SparkSession) -> str:
    context = _classic_context(session)
    return context.pythonExec if context is not None else os.environ.get("PYSPARK_PYTHON", "?")


def _worker_error(exc: Exception) -> str:
    """The one line that says what failed in the worker: the Python exception after the last
    traceback, else Spark's reason for the lost task."""
    text = str(exc)
    tail = text.rsplit("Traceback (most recent call last):", 1)[-1]
    for line in tail.splitlines():
        if line.strip() and not line[0].isspace() and not line.startswith("An error occurred"):
            return line.strip().split("): ", 1)[-1] if "most recent failure" in line else line.strip()
    return type(exc).__name__


def _profile_for(spec, fields: list[str] | None, id_col: str | None) -> Profile:
    """The validated profile, with the text fields and id column given here when there are any."""
    profile = load_profile(spec)
    update = {name: value for name, value in (("text_fields", fields), ("id_field", id_col))
              if value is not None}
    if update:
        record = profile.record.model_copy(update=update)
        profile = profile.model_copy(update={"record": record})
    try:  # validated again as data, exactly as the workers will receive it
        validated = Profile.model_validate(profile.model_dump(mode="json"))
    except ValidationError as exc:  # fields or id_col given here are not valid paths
        raise ProfileError(profile.name, [Problem(f"{profile.name}: {'.'.join(map(str, e['loc']))}",
                                                  e["msg"].removeprefix("Value error, "))
                                          for e in exc.errors()]) from None
    conflicts = field_role_problems(profile.name, validated.record.model_dump())
    if conflicts:  # fields or id_col given here have another role in the profile
        raise ProfileError(profile.name, conflicts)
    return validated


def _driver_key(df: DataFrame, key: bytes | str | None) -> bytes | None:
    if key is not None:
        return key.encode() if isinstance(key, str) else key
    for name in (KEY_CONF, EXECUTOR_KEY_CONF):
        value = df.sparkSession.conf.get(name, None)
        if value:
            return value.encode()
    return read_key()


def _require_key(profile: Profile, key: bytes | None) -> None:
    try:
        require_key(profile, key)
    except MissingKey as missing:
        raise SparkMissingKey(missing.needed_by) from None


def _text_columns(schema: T.StructType, profile: Profile,
                  explicit: bool) -> tuple[tuple[str, ...], list[str]]:
    """The top-level columns that hold the profile's text fields, and the problems with them.

    A path whose column the DataFrame lacks is skipped when the fields come from the profile (as
    `redact run` skips a key a JSON object lacks) and is an error when given as `fields`.
    """
    problems, columns = [], []
    for path in profile.record.text_fields:
        root, *rest = path.split(".")
        if root not in schema.names:
            if explicit:
                problems.append(f"fields: '{path}': the DataFrame has no column '{root}'")
            continue
        data_type = schema[root].dataType
        problem = _text_path_problem(data_type, rest, path)
        if problem is None and not _only(data_type, ROUND_TRIP_TYPES):
            problem = (f"column '{root}' is a {data_type.simpleString()}: a text column may hold "
                       f"only strings, numbers and booleans, in arrays and structs")
        problems += [problem] if problem else []
        columns += [root] if root not in columns else []
    if not columns and not problems:
        problems.append(f"none of the text fields {profile.record.text_fields} is a column of the "
                        f"DataFrame (columns: {', '.join(schema.names)}); pass fields=[...]")
    return tuple(columns), problems


def _text_path_problem(data_type: T.DataType, rest: list[str], path: str,
                       what: str = "text field") -> str | None:
    """Why a dotted path cannot address strings in this type (arrays are entered), or None."""
    while isinstance(data_type, T.ArrayType):
        data_type = data_type.elementType
    if not rest:
        return None if isinstance(data_type, (T.StringType, T.NullType)) else (
            f"{what} '{path}' is a {data_type.simpleString()}, not a string")
    if not isinstance(data_type, T.StructType) or rest[0] not in data_type.names:
        return f"{what} '{path}': no field '{rest[0]}' in {data_type.simpleString()}"
    return _text_path_problem(data_type[rest[0]].dataType, rest[1:], path, what)


def _rewritten_columns(schema: T.StructType, profile: Profile, skip: tuple[str | None, ...]
                       ) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """The columns rebuilt from the redacted JSON (every column but the kept scalars and kept
    structs and arrays of numbers, the line and the corrupt-record column), those of them the
    rows' JSON must hold (all but dropped ones), and the problems: a value the JSON round trip
    would change, or that could only quarantine."""
    policy = FieldPolicy(profile.record)
    rewritten, analysed, problems = [], [], []
    for column in schema.fields:
        role = policy.roles.get((column.name,))
        if column.name in skip or (role == KEEP and not _holds_strings(column.dataType)
                                   and not _hidden_keys(column)):
            continue  # kept as it is: a scalar, or numbers in structs and arrays
        rewritten.append(column.name)
        if role == DROP:  # comes back NULL, whatever its type
            continue
        analysed.append(column.name)
        problem = _rewritten_problem(column, role, policy.inner.get((column.name,)), profile)
        problems += [problem] if problem else []
    for path, action in profile.record.identifier_fields.items():
        root, *rest = path.split(".")
        if action == PSEUDONYMIZE and rest and root in schema.names:
            problem = _text_path_problem(schema[root].dataType, rest, path, "identifier field")
            problems += [problem] if problem and problem.endswith("not a string") else []
    return tuple(rewritten), tuple(analysed), problems


def _rewritten_problem(column: T.StructField, role: str | None, inner: bool | None,
                       profile: Profile) -> str | None:
    """Why a column that is analysed, pseudonymised or unlisted cannot be rebuilt from JSON.
    `inner` is None for a column no listed path enters, True when a text path goes through it."""
    name, data_type = column.name, column.dataType
    written = role == KEEP or (role is None and profile.record.unlisted != DROP)
    if written and not inner and _hidden_keys(column):
        return (f"column '{shown((name,), '.'.join)}' holds names the profile does not name that are not field names "
                f"({', '.join(_hidden_keys(column))}): they may be personal data (unlisted_key); name the column in "
                f"record.drop_fields")
    if role == PSEUDONYMIZE:
        return _text_path_problem(data_type, [], name, "identifier field")
    if role == TEXT or inner:
        return None  # checked by _text_columns
    if not _only(data_type, ROUND_TRIP_TYPES):
        where = "record.drop_fields" if role == KEEP else "record.keep_fields or record.drop_fields"
        return (f"column '{name}' is a {data_type.simpleString()}, which the JSON round trip "
                f"would change: name it (or its paths) in {where}")
    if role is None and inner is None and profile.record.unlisted == "analyze" and not _only(data_type, STRING_TYPES):
        return (f"column '{name}' is a {data_type.simpleString()} the profile does not name: under "
                f"record.unlisted: analyze each row holding a number would be quarantined "
                f"(unlisted_number); name it in record.keep_fields, identifier_fields or drop_fields")
    return None


def _read_columns(schema: T.StructType, profile: Profile,
                  text_columns: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """The columns each row's JSON object is made of (the id, the columns rebuilt from the
    redacted JSON but dropped ones, and the columns the profile's consent rules read: only these
    become Python objects), and their problems."""
    problems, columns = [], []
    id_root = profile.record.id_field.split(".")[0]
    if id_root not in schema.names:
        problems.append(f"id_col: the DataFrame has no column '{id_root}'")
    elif id_root == profile.record.id_field and not isinstance(schema[id_root].dataType, ID_TYPES):
        problems.append(f"id_col: column '{id_root}' is a {schema[id_root].dataType.simpleString()}, "
                        f"not a string or an integer")
    elif not _only(schema[id_root].dataType, READ_ONLY_TYPES):  # a struct holding the id
        problems.append(f"id_col: column '{id_root}' is a {schema[id_root].dataType.simpleString()}")
    else:
        columns.append(id_root)
    for column in _consent_columns(profile):
        if column not in schema.names:
            problems.append(f"consent: the DataFrame has no column '{column}', which a consent "
                            f"rule reads (every row would be dropped as consent_unknown)")
        elif not _only(schema[column].dataType, READ_ONLY_TYPES):
            problems.append(f"consent: column '{column}' is a {schema[column].dataType.simpleString()}")
        else:
            columns.append(column)
    return tuple(dict.fromkeys(columns + list(text_columns))), problems


def _consent_columns(profile: Profile) -> list[str]:
    """The top-level columns read by the consent rules the profile turns on."""
    consent = profile.consent
    if consent is None:
        return []
    fields = [getattr(consent, needed) for rule, needed in CONSENT_RULES if getattr(consent, rule)]
    return list(dict.fromkeys(path.split(".")[0] for path in fields if path))


def _column_problems(schema: T.StructType, line_col: str | None) -> list[str]:
    """A line column that is not an integer column; output columns that are already taken."""
    problems = [f"the DataFrame already has a column '{name}'; rename or drop it"
                for name in (REPORT_COLUMN, STATUS_COLUMN) if name in schema.names]
    if line_col is not None and (line_col not in schema.names
                                 or not isinstance(schema[line_col].dataType, T.IntegralType)):
        problems.append(f"line_col: '{line_col}' must name an integer column of the DataFrame")
    return problems


def _holds_strings(data_type: T.DataType) -> bool:
    """True when a struct, array or map type holds strings (or keys) somewhere: a kept column of
    it is analysed like `redact run` analyses the strings inside a kept object or list."""
    if isinstance(data_type, T.ArrayType):
        return _string_inside(data_type.elementType)
    if isinstance(data_type, T.StructType):
        return any(_string_inside(f.dataType) for f in data_type.fields)
    return isinstance(data_type, T.MapType)


def _string_inside(data_type: T.DataType) -> bool:
    return isinstance(data_type, (T.StringType, T.MapType)) or _holds_strings(data_type)


def _hidden_keys(column: T.StructField) -> list[str]:
    """Where a column's own name or its structs' field names are not field names (shown as `<key>`)."""
    found: set[str] = set()
    stack: list[tuple[tuple[str, ...], T.DataType]] = [((column.name,), column.dataType)]
    while stack:
        at, data_type = stack.pop()
        if not is_field_name(at[-1]):
            found.add(shown(at, ".".join))
        if isinstance(data_type, T.ArrayType):
            stack.append((at, data_type.elementType))
        elif isinstance(data_type, T.StructType):
            stack += [(at + (f.name,), f.dataType) for f in data_type.fields]
    return sorted(found)


def _only(data_type: T.DataType, allowed: tuple[type, ...]) -> bool:
    """True when the type holds nothing but `allowed` atomic types, in arrays and structs."""
    if isinstance(data_type, T.ArrayType):
        return _only(data_type.elementType, allowed)
    if isinstance(data_type, T.StructType):
        return all(_only(f.dataType, allowed) for f in data_type.fields)
    return isinstance(data_type, allowed)


def _corrupt_column(df: DataFrame) -> str | None:
    """The column where spark.read puts the raw text of lines it could not parse (PERMISSIVE
    mode), when the DataFrame has one: it holds unredacted input, so it always comes back NULL."""
    name = df.sparkSession.conf.get("spark.sql.columnNameOfCorruptRecord", "_corrupt_record")
    is_string = name in df.schema.names and isinstance(df.schema[name].dataType, T.StringType)
    return name if is_string else None


def _output_schema(schema: T.StructType, nulled: tuple[str, ...]) -> T.StructType:
    """The input's columns (those NULL for quarantined rows made nullable), report, status."""
    fields = [T.StructField(f.name, f.dataType, True, f.metadata) if f.name in nulled else f
              for f in schema.fields]
    return T.StructType(fields + [T.StructField(REPORT_COLUMN, T.StringType(), False),
                                  T.StructField(STATUS_COLUMN, T.StringType(), False)])


# --- in the Python workers -------------------------------------------------------------------


def _redact_batches(job: Job, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The function mapInArrow runs: every batch of a partition, redacted in order."""
    pipeline = _pipeline(job)
    for batch in batches:
        yield _redact_batch(pipeline, job, batch)


def _check_batches(job: Job, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The tiny job check_executors runs: build this worker's Pipeline (kept for the real job)."""
    _pipeline(job)
    for _ in batches:
        pass
    yield pa.record_batch([pa.array([True])], names=["ready"])


def _pipeline(job: Job) -> Pipeline:
    """This worker's Pipeline for the job's profile and key. The job is unpickled afresh for each
    task, so what outlives a task is the process's own cache: Spark reuses its Python workers
    (spark.python.worker.reuse), and each loads the model once per profile and key."""
    return Pipelines.of_this_process().get(job.profile_data, job.profile_hash, job.key)


def _redact_batch(pipeline: Pipeline, job: Job, batch: pa.RecordBatch) -> pa.RecordBatch:
    """The batch with its text columns redacted, and its report and status columns."""
    rendered = _render_rows(pipeline, job, batch)
    # Only a clean or redacted record has an output line; the others' text columns come back NULL.
    redacted = [orjson.loads(r.output) if r.output is not None else {} for r in rendered]
    columns = []
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        if name in job.text_columns:
            column = pa.array([obj.get(name) for obj in redacted], type=column.type)
        elif name == job.corrupt_column:  # raw text Spark could not read: never passed through
            column = pa.nulls(batch.num_rows, type=column.type)
        columns.append(column)
    columns.append(pa.array([r.report.rstrip(b"\n").decode("utf-8") for r in rendered], pa.string()))
    columns.append(pa.array([r.status for r in rendered], pa.string()))
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names + [REPORT_COLUMN, STATUS_COLUMN])


def _render_rows(pipeline: Pipeline, job: Job, batch: pa.RecordBatch) -> list[Rendered]:
    """Each row as the JSON line `redact run` would read, through the same reader, stages and
    write stage as `redact_chunk` (the CLI's unit of work), in order."""
    read = pa.RecordBatch.from_arrays([batch.column(name) for name in job.read_columns],
                                      names=list(job.read_columns))
    rows = read.to_pylist()
    inputs = zip(_values(batch, job.line_column), rows, _values(batch, job.corrupt_column), strict=True)
    records = (_read(pipeline, line, row, raw) for line, row, raw in inputs)
    rendered = list(pipeline.redact(records))
    if len(rendered) != len(rows):  # never pair a row with another row's redaction
        raise RuntimeError(f"{len(rendered)} records came back for {len(rows)} rows")
    return rendered


def _values(batch: pa.RecordBatch, name: str | None) -> list:
    return batch.column(name).to_pylist() if name else [None] * batch.num_rows


def _read(pipeline: Pipeline, line: int | None, row: dict, raw: str | None) -> Record:
    """The row's Record; a row Spark could not read (its corrupt-record column holds the raw
    text) is read from that text, as `redact run` would read the line, and always quarantined."""
    if raw is None:
        return pipeline.reader.parse(line, orjson.dumps(row))
    record = pipeline.reader.parse(line, raw.encode("utf-8"))
    if record.live:  # JSON that did not fit the DataFrame's schema
        record.quarantine(errors.NOT_JSON, "Spark could not read this row into the DataFrame's schema")
    return record
